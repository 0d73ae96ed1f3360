// The summary's first line: what happened to what, read at a glance before any table. "Deploying
// `registry/…/job:1.4.2` to job template `…` (cn-hangzhou): **failed** after 30.1 s." (The error code and
// its words follow in the box below it.)
import type { RunReport } from './model.js';

/** What the run deploys, from the wire parameters: the image, else the package and its version. */
export function deployedThing(
  parameters: Record<string, string>,
): { kind: 'Image' | 'Package'; name: string; version?: string } | undefined {
  if (parameters['ImageUrl']) return { kind: 'Image', name: parameters['ImageUrl'] };
  const url = parameters['PackageUrl'];
  if (!url) return undefined;
  return { kind: 'Package', name: url, version: parameters['PackageVersion'] || undefined };
}

/** A package URL's file name: an OSS URL may carry a long signed query that says nothing to a reader. */
export function packageFile(url: string): string {
  const path = url.split(/[?#]/)[0] ?? url;
  return path.slice(path.lastIndexOf('/') + 1) || url;
}

export interface HeadlineText {
  /** A code span for a value (the summary's own, so escaping is the same everywhere). */
  code(text: string): string;
  /** A change order's id linking to its console page (the summary's own). */
  link(id: string, url: string | undefined): string;
  duration: string;
}

export function headline(r: RunReport, t: HeadlineText): string {
  const thing = deployedThing(r.parameters);
  const what = !thing
    ? ''
    : thing.kind === 'Image'
      ? ` ${t.code(thing.name)}`
      : ` ${t.code(packageFile(thing.name))}${thing.version ? ` version ${t.code(thing.version)}` : ''}`;
  const id = r.appName ? t.code(r.appName) : t.code(r.appId) || '(no app-id)';
  const to = `to job template ${id}${r.region ? ` (${r.region})` : ''}`;
  const tail = (() => {
    switch (r.status) {
      case 'succeeded':
        return `**succeeded** in ${t.duration}`;
      case 'dry-run':
        return `**dry run**, nothing was sent (${t.duration})`;
      case 'unchanged':
        return `**unchanged**: the template already holds it, nothing was sent (${t.duration})`;
      case 'submitted':
        return `**submitted** in ${t.duration}, not waited for (wait: false)`;
      case 'failed':
        return r.inputProblems.length
          ? `**failed** after ${t.duration}, before anything was sent: ${r.inputProblems.length === 1 ? 'an input is' : `${r.inputProblems.length} inputs are`} wrong`
          : `**failed** after ${t.duration}`;
      case 'timed-out':
        return `**timed out** after ${t.duration}; the change order is left running`;
      case 'aborted':
        return `**aborted** after ${t.duration}: the wait ran out and the action aborted the change order`;
      case 'cancelled':
        return `**cancelled** after ${t.duration}`;
      default:
        return `**${String(r.status)}** in ${t.duration}`;
    }
  })();
  const verb = r.status === 'succeeded' ? 'Deployed' : r.status === 'dry-run' ? 'Would deploy' : 'Deploying';
  // run-after-deploy: how the run went, beside the deploy's own result (a failed run fails the step).
  const run =
    r.jobRun && !r.jobRun.planned
      ? ` The job run after it: **${r.jobRun.outcome ?? (r.jobRun.jobId ? 'unknown' : 'not started')}**.`
      : '';
  return `${verb}${what} ${to}: ${tail}.${run}${rolledBack(r, t)}`;
}

/** on-failure: rollback, with both change orders: the one that changed the template and the one that put it back. */
function rolledBack(r: RunReport, t: HeadlineText): string {
  const rb = r.rollback;
  if (!rb) return '';
  const deployed = r.changeOrderId ? t.link(r.changeOrderId, r.changeOrderUrl) : '';
  const back = rb.changeOrderId ? t.link(rb.changeOrderId, rb.changeOrderUrl) : '';
  switch (rb.outcome) {
    case 'restored':
      return ` The template was **rolled back** to what it held before this step: change order ${deployed} changed it, ${back} put it back.`;
    case 'unchanged':
      return ` **Nothing to roll back**: the template still holds what it held before this step${deployed ? ` (change order ${deployed} left it as it was)` : ''}.`;
    case 'skipped':
      return ` **Not rolled back** (${rb.error?.code ?? 'Rollback.Skipped'}).`;
    case 'failed':
      return ` **The rollback failed**${back ? ` (change order ${back})` : ''}.`;
    case 'cancelled':
      return ` The rollback${back ? `'s change order ${back}` : ''} **may still be running**: the run was cancelled.`;
  }
}
