// The step over its spec: one getInput that the readers of inputs use unchanged. For every parameter the step
// wins, whether it sets the value or clears it; the spec fills in the rest. Settings of how the step runs are
// the step's alone (a spec cannot hold them: spec.ts).
import { isInputName, type GetInput, type InputName } from '../contract/action-inputs.js';
import { isParameterInput } from '../contract/parameters.js';
import type { Spec } from './spec.js';
import { splitList } from './values.js';

export type Origin = 'step' | 'spec';

export interface Overlaid {
  getInput: GetInput;
  /** Where the value of an input (or its clear) comes from; undefined when neither gives one. */
  origin(name: InputName): Origin | undefined;
  /** The line in the spec of the key an input's value comes from, when it comes from the spec. */
  specLine(name: InputName): number | undefined;
}

/**
 * Where the template is, as its spec says, wins over the step's: the step's region is the default for the specs
 * that name none (one step may deploy templates in several regions).
 */
const SPEC_FIRST: ReadonlySet<InputName> = new Set(['region']);

export function overlay(step: GetInput, spec: Spec | undefined): Overlaid {
  if (!spec) return { getInput: step, origin: (n) => (step(n) ? 'step' : undefined), specLine: () => undefined };
  const stepClear = splitList(step('clear'));
  const specClear = splitList(spec.entries.get('clear')?.text ?? '');
  const fromSpec = (name: InputName): string => spec.entries.get(name)?.text ?? '';
  // The step's own value or clear of a parameter takes it over from the spec.
  const stepHas = (name: InputName) =>
    (step(name) !== '' && !(SPEC_FIRST.has(name) && fromSpec(name) !== '')) ||
    (isParameterInput(name) && stepClear.includes(name));
  const clear = [...stepClear, ...specClear.filter((n) => !(isInputName(n) && stepHas(n)) && !stepClear.includes(n))];
  const origin = (name: InputName): Origin | undefined => {
    if (stepHas(name)) return 'step';
    if (fromSpec(name) !== '' || specClear.includes(name)) return 'spec';
    return undefined;
  };
  return {
    getInput(name) {
      if (name === 'clear') return clear.join('\n');
      if (!spec.entries.has(name) || stepHas(name)) return step(name);
      return fromSpec(name);
    },
    origin: (name) =>
      name === 'clear' ? (stepClear.length ? 'step' : specClear.length ? 'spec' : undefined) : origin(name),
    specLine(name) {
      if (origin(name) !== 'spec') return undefined;
      return spec.entries.get(name)?.line ?? spec.entries.get('clear')?.line;
    },
  };
}
