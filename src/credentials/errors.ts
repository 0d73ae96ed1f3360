// A credentials problem: which code, what went wrong, what to do, and the input it concerns.
export class CredentialsError extends Error {
  override readonly name = 'CredentialsError';
  constructor(
    readonly code: string,
    message: string,
    readonly input: string,
    readonly requestId?: string,
  ) {
    super(message);
  }
}
