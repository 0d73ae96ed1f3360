// The words for a job run after the deploy (run-after-deploy) that did not end well: the deploy itself
// succeeded, so each says so first, then what became of the run and where to look (deploy/run-after-deploy.ts
// picks which one applies).
import type { JobStatus } from '../sae/client.js';
import type { Explained } from './catalogue.js';

export type JobRunError = { code: string; message: string; requestId?: string };

export const CONSOLE = 'https://sae.console.aliyun.com/';

/** Which template, for the sentences below: `job template <id> in <region>`. */
export const templateAt = (appId: string, region: string): string =>
  `job template ${appId}${region ? ` in ${region}` : ''}`;

export function cancelledWhileStarting(eventId: string, template: string): JobRunError {
  return {
    code: 'Run.Cancelled',
    message: `The run was cancelled while ExecJob was being sent (EventId ${eventId}). The deploy succeeded; whether the job run started is not known: look at the template's job records (${template}).`,
  };
}

/** ExecJob failed; `lost`: its answer was lost, so SAE may have started the run (at most one, by EventId). */
export function notStarted(
  x: Explained,
  requestId: string | undefined,
  p: { lost: boolean; eventId: string; template: string },
): JobRunError {
  const lead = p.lost
    ? `The deploy succeeded, but ExecJob got no usable answer, so whether SAE started the job run is not known (at most one run was started: EventId ${p.eventId}). Look at the template's job records in the SAE console (${CONSOLE}, ${p.template}). ExecJob's last failure:`
    : 'The deploy succeeded, but the job could not be run (ExecJob):';
  return { code: x.code, message: `${lead} ${x.message}`, requestId };
}

export function notReadable(x: Explained, requestId: string | undefined, jobId: string): JobRunError {
  return {
    code: x.code,
    message: `The deploy succeeded and job run ${jobId} started, but its state could not be read (DescribeJobStatus): ${x.message}`,
    requestId,
  };
}

export function runFailed(
  jobId: string,
  s: JobStatus | undefined,
  counted: string | undefined,
  template: string,
): JobRunError {
  return {
    code: 'JobRun.Failed',
    message:
      `The deploy succeeded, but the job run ${jobId} failed${s?.message ? `: SAE says "${s.message}"` : ''} (${counted ?? 'no counts'}). ` +
      `Look at this run's instances and their logs in the SAE console (${CONSOLE}, ${template}, its job records): a wrong start command or arguments, a missing environment variable, or an image or package that cannot start shows there. ` +
      'The template stays deployed and its next scheduled run uses it: fix the cause and deploy again, or deploy the previous version.',
  };
}

export function runTimedOut(jobId: string, timeout: string, seen: string, template: string): JobRunError {
  return {
    code: 'JobRun.TimedOut',
    message: `The deploy succeeded and job run ${jobId} started, but it did not end within run-timeout (${timeout}); it was ${seen}. It is still going in SAE: follow it in the console (${CONSOLE}, ${template}, its job records). Raise run-timeout if this job takes longer.`,
  };
}

export function cancelledWhileRunning(jobId: string, seen: string, template: string): JobRunError {
  return {
    code: 'Run.Cancelled',
    message: `The run was cancelled while job run ${jobId} was ${seen}. The deploy succeeded; the job run goes on in SAE (${template}).`,
  };
}

export function runInternalError(e: unknown): JobRunError {
  return {
    code: 'Action.InternalError',
    message: `The action hit an unexpected error while running the job after the deploy: ${e instanceof Error ? e.message : String(e)}. Please report it with this log.`,
  };
}
