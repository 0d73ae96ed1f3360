// The end of every run: whatever ended it becomes an outcome (outcome/endings.ts), and the report is
// rendered three ways: the outputs, the final log line and the job summary.
import { CredentialsError } from '../credentials/credentials-error.js';
import { jobRunEnding } from '../report/headline.js';
import { succeeded } from '../report/model.js';
import * as end from '../outcome/endings.js';
import { formatDuration } from '../report/format.js';
import { renderSummary } from '../report/summary.js';
import { SaeError } from '../sae/errors.js';
import type { Begun } from './context.js';
import { writeOutputs } from './write-outputs.js';

/** Turns whatever ended the run into what to report, and annotates it. */
export async function ending(r: Begun, e: unknown): Promise<void> {
  const { io, report } = r;
  const o = cancelled(r, e) ?? (await outcomeOf(r, e));
  report.status = o.status;
  report.error = end.reportedError(o);
  if (o.code && !report.inputProblems.length) io.error(o.message, { title: o.code, ...(await r.where(o.inputs)) });
}

/**
 * A cancelled run ends cancelled, whatever failed last (each request in flight was cut off), saying what it
 * may have left in SAE; an ending that a stage worded already (a cancelled wait, a failed order) stands.
 */
function cancelled(r: Begun, e: unknown): end.Outcome | undefined {
  if (!r.signal?.aborted || e instanceof end.Ended) return undefined;
  const { report } = r;
  if (report.changeOrderId) {
    const state = report.history[report.history.length - 1]?.label;
    return end.cancelledWhileFollowing(report.changeOrderId, state, report.changeOrderUrl ?? '');
  }
  return report.updateUnanswered ? end.cancelledAfterSending(report.appId) : end.cancelledBeforeOrder();
}

async function outcomeOf(r: Begun, e: unknown): Promise<end.Outcome> {
  if (e instanceof end.Ended) return e.outcome;
  if (e instanceof CredentialsError) return end.credentialsFailed(e);
  if (!(e instanceof SaeError)) return end.internalError(e);
  // Loaded only on failure: the catalogue is large and a successful run never needs it.
  const { explain } = await import('../report/catalogue.js');
  const { describeUnreachable } = await import('../report/unreachable.js');
  const endpoint = r.settings?.endpoint ?? '';
  const given = r.settings?.endpointGiven ?? false;
  return end.fromSaeError(e, {
    region: r.report.region,
    consoleSite: r.report.consoleSite,
    explained: explain(e.code, e.message, e.requestId),
    unreachable: (x) => describeUnreachable(x, endpoint, r.report.region, given),
  });
}

/** Outputs, the final log line and the job summary: the same report, three renderings. */
export function finish(begun: Begun): void {
  const { io, report: r } = begun;
  // Every run writes them, bad input too: a later `if: always()` step reads them.
  writeOutputs(begun);
  const jobRunError = r.jobRun?.error;
  const order = r.changeOrderUrl ? ` — change order ${r.changeOrderId}: ${r.changeOrderUrl}` : '';
  const job = r.jobRun?.jobId
    ? `; job run ${r.jobRun.jobId}: ${r.jobRun.outcome ?? jobRunError?.code ?? 'unknown'}`
    : jobRunError
      ? `; job run not started: ${jobRunError.code}`
      : '';
  const rb = r.rollback;
  const back = !rb
    ? ''
    : rb.rolledBack
      ? `; rolled back${rb.changeOrderId ? ` by change order ${rb.changeOrderId}` : ' (nothing needed putting back)'}`
      : `; not rolled back (${rb.error?.code ?? rb.outcome})`;
  // How the step ended, first: a deploy whose test run failed fails the step, and says so before "succeeded".
  const ended = jobRunEnding(r);
  const result = ended ? `${ended.sentence} (${ended.outputs}; the step fails)` : r.status;
  io.info(`Result: ${result} in ${formatDuration(r.durationMs)}${order}${job}${back}`);
  io.appendSummary(renderSummary(r, io.redact));
  if (!succeeded(r.status) || jobRunError) io.markFailed();
}
