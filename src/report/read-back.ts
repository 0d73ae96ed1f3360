// The words of the template's read-backs (DescribeJob) when they could not tell all: before the deploy (the
// plan, deploy/show-plan.ts) and after it (the proof, deploy/prove.ts). Warnings, since the deploy goes on or went
// through; the failures the proof can end in are in outcome/endings.ts.
import type { PlanEntry } from '../plan/changes.js';
import type { SaeError } from '../sae/errors.js';

export function notVerified(id: string, held: SaeError): string {
  return `Change order ${id} succeeded, but the template could not be read back to verify it (DescribeJob: ${held.code}${held.message ? ` ${held.message}` : ''}). Grant sae:DescribeJob to have every deploy verified.`;
}

export function anotherDeploysOrder(id: string, names: string, why: string): string {
  return `Change order ${id} succeeded, but the template does not hold this run's values for ${names}: it was another deploy's order (${why}). Nothing is running now, so UpdateJob is sent again.`;
}

/** A value SAE did not take, for an order this run is sure of (a secret's values are never shown). */
export function notTaken(id: string, e: Pick<PlanEntry, 'input' | 'secret' | 'before' | 'after'>): string {
  const value = e.secret
    ? ''
    : ` (sent ${e.after || '""'}; it holds ${e.before === undefined ? 'nothing' : e.before || '""'})`;
  return `SAE did not take ${e.input}: after change order ${id} succeeded, the template holds another value${value}. SAE may normalise some values; if this one matters, check ${e.input} and the template in the console.`;
}

/** DescribeJob failed before the deploy: the plan is not shown (and if-unchanged: skip cannot skip). */
export function planNotRead(e: SaeError, o: { skipWanted: boolean }): string {
  const fix = /Forbidden|NoPermission|Unauthorized/i.test(e.code)
    ? "Grant sae:DescribeJob to the deploying identity (see the README's RAM policy)."
    : 'Check endpoint, region and the credentials if it persists.';
  const skip = o.skipWanted ? ' and deploys (if-unchanged: skip needs the template)' : '';
  return `DescribeJob failed (${e.code}${e.message ? `: ${e.message}` : ''}), so the action cannot tell what this step changes${skip}. ${fix}`;
}

/** A dry run's credentials did not work: the plan is not read (the dry run itself goes on). */
export function planWithoutTemplate(e: Error): string {
  return `The template could not be read for the plan: ${e.message}`;
}
