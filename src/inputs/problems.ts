// A problem found in the inputs, before anything is sent. Each becomes one annotation that names the
// input, says what is wrong and shows a value that is right.
import type { Subject } from '../contract/spec-keys.js';

/** Codes of the action's own, for input problems that mirror no documented SAE rule. */
export const INPUT_INVALID = 'Input.Invalid';
export const INPUT_CONFLICT = 'Input.Conflict';
/** A spec file that cannot be read as one (not found, not YAML, a key that is not an input of the spec). */
export const SPEC_INVALID = 'Spec.Invalid';

export interface Problem {
  /** The workflow input the problem concerns (kebab-case), or a spec file's create block. */
  input: Subject;
  /** The SAE code the server would answer with, or one of the action's own codes above. */
  code: string;
  /** Cause first, then what to do. */
  message: string;
  severity: 'error' | 'warning';
  /** Where the value is written, when not on the step: a spec file and line (the annotation points there). */
  at?: { file: string; line: number };
}

export function problem(input: Subject, code: string, message: string): Problem {
  return { input, code, message, severity: 'error' };
}

export function warning(input: Subject, message: string): Problem {
  return { input, code: '', message, severity: 'warning' };
}

export function errorsOf(problems: readonly Problem[]): Problem[] {
  return problems.filter((p) => p.severity === 'error');
}
