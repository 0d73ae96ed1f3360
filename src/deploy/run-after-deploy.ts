// run-after-deploy: once the deploy ended well (the order succeeded, or there was nothing to deploy), never after
// a cancel, the job runs once and the step reports how that run went. A failed run fails the step although the
// template is deployed: the point is to learn it now, not at the next scheduled run. The stage is one file, loaded
// lazily (deploy/stages.ts) so that a run without run-after-deploy never loads it; ExecJob and DescribeJobStatus
// themselves are jobrun/, the words report/job-run-messages.ts.
import type { Subject } from '../contract/spec-keys.js';
import { STATUS } from '../outcome/endings.js';
import { formatDuration, seconds } from '../report/format.js';
import type { ActionIO } from '../runner/io.js';
import type { SaeApi } from '../sae/client.js';
import { SaeError } from '../sae/errors.js';
import { mayHaveActed } from '../sae/retry.js';
import { eventIdFor } from '../jobrun/event-id.js';
import { jobRunPacing } from '../pace/pacer.js';
import { followJobRun, startJobRun, type JobRunEvent, type JobRunReport } from '../jobrun/start-and-follow.js';
import { counts, stateLabel } from '../jobrun/states.js';
import type { Explained } from '../report/catalogue.js';
import * as say from '../report/job-run-messages.js';
import type { Deploy } from './context.js';
import { writeOutputs } from './write-outputs.js';

export async function runAfterDeploy(d: Deploy, api: SaeApi): Promise<void> {
  const { io, clock, settings } = d;
  const endedWell = d.report.status === STATUS.succeeded || d.report.status === STATUS.unchanged;
  if (d.signal?.aborted || !endedWell) return;
  const appId = d.report.appId;
  const timeoutMs = settings.runTimeoutMs;
  // In the report from the start, so that its outputs are written from it (deploy/write-outputs.ts).
  const report: JobRunReport = { timeoutMs, polls: 0 };
  d.report.jobRun = report;
  const write = (names: readonly ('job-id' | 'job-status')[]) => writeOutputs(d, names);
  const deadline = clock.now() + timeoutMs;
  // The run has its own bound: a deploy that used most of wait-timeout must not leave its calls 1 s each.
  api.setDeadline?.(deadline);
  const log = (e: JobRunEvent) => logJobRunEvent(io, e, formatDuration(clock.now() - d.started));
  report.eventId = eventIdFor(io.env, appId);
  const template = say.templateAt(appId, settings.region);
  /**
   * Inputs an SAE error names (the catalogue's); the annotation points at the first found, else at run-after-deploy.
   */
  let inputs: readonly Subject[] = [];
  io.startGroup(`Job run after the deploy (run-after-deploy; at most ${formatDuration(timeoutMs)})`);
  try {
    try {
      report.jobId = await startJobRun({
        api: api,
        appId: appId,
        eventId: report.eventId,
        maxRetries: settings.maxRetries,
        deadline,
        clock,
        signal: d.signal,
        onEvent: log,
      });
    } catch (e) {
      if (!(e instanceof SaeError)) throw e;
      if (d.signal?.aborted) {
        report.error = say.cancelledWhileStarting(report.eventId, template);
        return;
      }
      // Given up after an answer that was lost: SAE may have started the run, and at most one (one per EventId).
      const x = await explained(e);
      inputs = x.inputs;
      report.error = say.notStarted(x, e.requestId, { lost: mayHaveActed(e), eventId: report.eventId, template });
      return;
    }
    write(['job-id']); // before the wait for the run
    io.info(oneLine(`Started job run ${report.jobId} (ExecJob, EventId ${report.eventId}).`));
    let result;
    try {
      result = await followJobRun({
        api: api,
        appId: appId,
        jobId: report.jobId,
        deadline,
        clock,
        pacing: d.jobRunPacer ?? jobRunPacing(),
        signal: d.signal,
        onEvent: log,
      });
    } catch (e) {
      if (!(e instanceof SaeError)) throw e;
      const x = await explained(e);
      inputs = x.inputs;
      report.error = say.notReadable(x, e.requestId, report.jobId);
      return;
    }
    report.outcome = result.outcome;
    report.status = result.status;
    report.polls = result.polls;
    const s = result.status;
    const seen = s ? `${stateLabel(s.state)} (${counts(s)})` : 'not seen yet';
    switch (result.outcome) {
      case 'succeeded':
        io.info(`Job run ${report.jobId} succeeded (${s ? counts(s) : ''}).`);
        break;
      case 'failed':
        report.error = say.runFailed(report.jobId, s, s ? counts(s) : undefined, template);
        break;
      case 'timed-out':
        report.error = say.runTimedOut(report.jobId, formatDuration(timeoutMs), seen, template);
        break;
      case 'cancelled':
        report.error = say.cancelledWhileRunning(report.jobId, seen, template);
        break;
    }
  } catch (e) {
    // Not an SAE answer: a bug of the action. The deploy's own result stands; the run is reported as unknown.
    report.error = say.runInternalError(e);
  } finally {
    io.endGroup();
    write(['job-status']); // before a rollback that may follow
    if (report.error)
      io.error(report.error.message, {
        title: report.error.code,
        ...(await d.where([...inputs, 'run-after-deploy'])),
      });
  }
}

/** SAE's error, through the catalogue like every other. */
async function explained(e: SaeError): Promise<Explained> {
  const { explain } = await import('../report/catalogue.js');
  return explain(e.code, e.message, e.requestId);
}

/** Text from SAE on one line: a line break in it must not start a line of its own in the log. */
const oneLine = (text: string): string => text.replace(/[\r\n]+/g, ' ');

export function logJobRunEvent(io: ActionIO, e: JobRunEvent, at: string): void {
  switch (e.type) {
    case 'resend':
      io.info(
        oneLine(
          `[${at}] ExecJob failed (${e.error.code}${e.error.message ? `: ${e.error.message}` : ''}); sending it again with the same EventId in ${seconds(e.delayMs)} (SAE starts one run per EventId).`,
        ),
      );
      break;
    case 'progress':
      io.info(
        oneLine(
          `[${at}] Job run ${e.status.jobId}: ${stateLabel(e.status.state)} (${counts(e.status)})${e.status.message && e.status.state === '2' ? ` — ${e.status.message}` : ''}`,
        ),
      );
      break;
    case 'unknown-state':
      io.warning(
        `SAE reported job state "${oneLine(e.state)}", which it does not document; the action treats the run as still going.`,
        { title: 'Unknown job state' },
      );
      break;
    case 'poll-error':
      io.debug(`DescribeJobStatus failed (${e.error.code}: ${e.error.message}); polling goes on, more slowly.`);
      break;
  }
}
