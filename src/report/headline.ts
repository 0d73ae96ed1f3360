// The summary's first line: what happened to what, read at a glance before any table. "Deploying
// `registry/…/job:1.4.2` to job template `…` (cn-hangzhou): **failed** after 30.1 s." (The error code and
// its words follow in the box below it.) It says how the step ended first: a deploy followed by a run that
// failed is a failure (jobRunEnding), in the summary's heading, this line and the log's Result line alike.
import { code, link, text } from './markdown.js';
import { succeeded, type RunReport } from './model.js';

/**
 * How the step ended when a deploy went through and the run after it (run-after-deploy) did not end well, which
 * fails the step: `sentence` ("deployed, but the test run failed"), the outputs that tell it apart, and whether
 * it was a cancel. Undefined when the step's end is the deploy's own.
 */
export function jobRunEnding(r: RunReport): { sentence: string; outputs: string; cancelled: boolean } | undefined {
  const jobRun = r.jobRun;
  if (!jobRun || jobRun.planned || !jobRun.error || !succeeded(r.status)) return undefined;
  const cancelled = jobRun.outcome === 'cancelled' || jobRun.error.code === 'Run.Cancelled';
  const words =
    jobRun.outcome === 'failed'
      ? 'failed'
      : jobRun.outcome === 'timed-out'
        ? 'timed out'
        : cancelled
          ? 'was cancelled'
          : jobRun.jobId
            ? 'could not be followed'
            : 'could not be started';
  const done = r.status === 'unchanged' ? 'already up to date' : 'deployed';
  const jobStatus = jobRun.outcome && jobRun.outcome !== 'cancelled' ? `, job-status ${jobRun.outcome}` : '';
  return { sentence: `${done}, but the test run ${words}`, outputs: `status ${r.status}${jobStatus}`, cancelled };
}

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

/** `duration`: the run's, formatted. `redact`: the run's secret scrub, applied before a value is shortened. */
export function headline(r: RunReport, duration: string, redact: (text: string) => string = (v) => v): string {
  const thing = deployedThing(r.parameters);
  const what = !thing
    ? ''
    : thing.kind === 'Image'
      ? ` ${code(redact(thing.name))}`
      : ` ${code(packageFile(redact(thing.name)))}${thing.version ? ` version ${code(thing.version)}` : ''}`;
  const id = r.appName ? code(r.appName) : code(r.appId) || '(no app-id)';
  const to = `to job template ${id}${r.region ? ` (${text(r.region)})` : ''}`;
  const jobRunEnded = jobRunEnding(r);
  if (jobRunEnded) {
    const job = r.jobRun?.jobId ? ` (job run ${code(r.jobRun.jobId)})` : '';
    const but = `**${jobRunEnded.sentence.slice(jobRunEnded.sentence.indexOf('but '))}**${job}`;
    return r.status === 'unchanged'
      ? `Nothing to deploy${what} ${to}: it already holds it (${duration}), ${but}.${rolledBack(r)}`
      : `Deployed${what} ${to} in ${duration}, ${but}.${rolledBack(r)}`;
  }
  const t = { duration };
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
  // run-after-deploy that ended well (a run that did not is the first case above).
  const ran =
    r.jobRun && !r.jobRun.planned && r.jobRun.outcome ? ` The test run after it: **${r.jobRun.outcome}**.` : '';
  return `${verb}${what} ${to}: ${tail}.${ran}${rolledBack(r)}`;
}

/** A change order's id linking to its console page (the link rebuilt from its parts), or the id alone. */
export function orderLink(id: string, url: string | undefined): string {
  return url ? link(id, url) : code(id);
}

/** on-failure: rollback, with both change orders: the one that changed the template and the one that put it back. */
function rolledBack(r: RunReport): string {
  const rb = r.rollback;
  if (!rb) return '';
  const deployed = r.changeOrderId ? orderLink(r.changeOrderId, r.changeOrderUrl) : '';
  const back = rb.changeOrderId ? orderLink(rb.changeOrderId, rb.changeOrderUrl) : '';
  switch (rb.outcome) {
    case 'restored':
      return ` The template was **rolled back** to what it held before this step: change order ${deployed} changed it, ${back} put it back.`;
    case 'unchanged':
      return ` **Nothing to roll back**: the template still holds what it held before this step${deployed ? ` (change order ${deployed} left it as it was)` : ''}.`;
    case 'skipped':
      return ` **Not rolled back** (${text(rb.error?.code ?? 'Rollback.Skipped')}).`;
    case 'failed':
      return ` **The rollback failed**${back ? ` (change order ${back})` : ''}.`;
    case 'cancelled':
      return ` The rollback${back ? `'s change order ${back}` : ''} **may still be running**: the run was cancelled.`;
  }
}
