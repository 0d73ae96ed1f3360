// GitHub shows at most 10 error and 10 warning annotations per step and drops the rest without a word.
// So the first nine problems get their own annotation, and the tenth says how many more there are and
// which inputs they concern; the job summary lists every one.
import type { Subject } from '../contract/spec-keys.js';
import type { Problem } from '../inputs/problems.js';

export const MAX_ANNOTATIONS = 10;

export interface Capped {
  /** Problems that get an annotation of their own. */
  shown: Problem[];
  /** The last annotation's message when problems were left out, else undefined. */
  more?: { message: string; inputs: Subject[] };
}

export function capAnnotations(problems: readonly Problem[], kind: 'error' | 'warning', max = MAX_ANNOTATIONS): Capped {
  if (problems.length <= max) return { shown: [...problems] };
  const shown = problems.slice(0, max - 1);
  const rest = problems.slice(max - 1);
  const inputs = [...new Set(rest.map((p) => p.input))];
  const listed = inputs.slice(0, 20).join(', ') + (inputs.length > 20 ? `, and ${inputs.length - 20} more` : '');
  const what = kind === 'error' ? 'problems' : 'warnings';
  return {
    shown,
    more: {
      inputs,
      message: `${rest.length} more input ${what} (GitHub shows ${max} annotations per step), in ${listed}. Every one is listed in the job summary of this step${kind === 'error' ? '; fix them all before re-running' : ''}.`,
    },
  };
}
