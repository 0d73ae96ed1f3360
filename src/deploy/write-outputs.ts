// The one place outputs are written: each from the run's report (report/output-values.ts; a step of several templates,
// report/step-summary.ts). finish.ts writes them all at the end of every run; a stage writes one early where the run may
// yet be killed before its end (the runner's SIGKILL after a cancel, a crash) with something a later `if: always()`
// step needs, e.g. the change order's id before the long wait for it.
import { OUTPUT_NAMES, type OutputName } from '../contract/outputs.js';
import { outputsOf, type Outputs } from '../report/output-values.js';
import type { Begun } from './context.js';

/**
 * Writes these outputs (all by default) from the report. One the report has nothing for is left unset, unless it
 * was written before: then it is emptied (an order found not to be this run's is no longer named).
 */
export function writeOutputs(
  r: Begun,
  names: readonly OutputName[] = OUTPUT_NAMES,
  values: Outputs = outputsOf(r.report),
): void {
  for (const name of names) {
    const value = values[name];
    if (value === undefined && !r.written.has(name)) continue;
    r.io.setOutput(name, value ?? '');
    r.written.add(name);
  }
}
