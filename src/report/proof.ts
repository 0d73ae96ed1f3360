// The words of the read-back after a change order succeeded (deploy/prove.ts): warnings, since the deploy
// itself went through; the failures it can end in are in outcome.ts.
import type { PlanEntry } from '../plan/plan.js';
import type { SaeError } from '../sae/errors.js';

export function notVerified(id: string, held: SaeError): string {
  return `Change order ${id} succeeded, but the template could not be read back to verify it (DescribeJob: ${held.code}${held.message ? ` ${held.message}` : ''}). Grant sae:DescribeJob to have every deploy verified.`;
}

export function anotherDeploysOrder(id: string, names: string, why: string): string {
  return `Change order ${id} succeeded, but the template does not hold this run's values for ${names}: it was another deploy's order (${why}). Nothing is running now, so UpdateJob is sent again.`;
}

/** A value SAE did not take, for an order this run is sure of (a secret's values are never shown). */
export function notTaken(id: string, e: Pick<PlanEntry, 'input' | 'secret' | 'before' | 'after'>): string {
  const value = e.secret ? '' : ` (sent ${e.after || '""'}; it holds ${e.before === undefined ? 'nothing' : e.before || '""'})`;
  return `SAE did not take ${e.input}: after change order ${id} succeeded, the template holds another value${value}. SAE may normalise some values; if this one matters, check ${e.input} and the template in the console.`;
}
