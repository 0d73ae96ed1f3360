// A credentials problem: which code, what went wrong, what to do, and the input it concerns.
import type { InputName } from '../contract/action-inputs.js';
export class CredentialsError extends Error {
  override readonly name = 'CredentialsError';
  constructor(
    readonly code: string,
    message: string,
    readonly input: InputName,
    readonly requestId?: string,
  ) {
    super(message);
  }
}
