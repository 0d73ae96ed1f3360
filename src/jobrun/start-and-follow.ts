// The job run after the deploy: ExecJob once (resent with the same EventId when its answer is lost), then
// DescribeJobStatus until the run ends or its own deadline (run-timeout) passes.
import type { Pacer } from '../pace/pacer.js';
import type { Clock } from '../runner/clock.js';
import type { JobStatus, SaeApi } from '../sae/client.js';
import { SaeError } from '../sae/errors.js';
import { isThrottling, isTransient, retryDelay } from '../sae/retry.js';
import { JOB_STATES } from './states.js';

export type JobRunOutcome = 'succeeded' | 'failed' | 'timed-out' | 'cancelled';

/** The job run after the deploy, as the report shows it (deploy/run-after-deploy.ts fills it in). */
export interface JobRunReport {
  /** A dry run: the run that would follow a real deploy. */
  planned?: boolean;
  timeoutMs: number;
  eventId?: string;
  /** Set once ExecJob answered. */
  jobId?: string;
  outcome?: JobRunOutcome;
  /** The last DescribeJobStatus answer. */
  status?: JobStatus;
  polls: number;
  /** Why the step fails because of the run (code, cause first, then what to do). */
  error?: { code: string; message: string; requestId?: string };
}

export type JobRunEvent =
  | { type: 'resend'; error: SaeError; attempt: number; delayMs: number }
  | { type: 'progress'; status: JobStatus; elapsedMs: number }
  | { type: 'unknown-state'; state: string }
  | { type: 'poll-error'; error: SaeError };

export interface StartOptions {
  api: SaeApi;
  appId: string;
  eventId: string;
  /** Retries of real errors; throttling does not use them up. */
  maxRetries: number;
  deadline: number;
  clock: Clock;
  signal?: AbortSignal;
  onEvent: (e: JobRunEvent) => void;
  random?: () => number;
}

/**
 * ExecJob. Every failure after which SAE may have started the run (a timeout, a reset, a 5xx, an unreadable
 * answer) and every refusal before it (throttling, System.Upgrading) is sent again with the same EventId:
 * SAE starts one job per EventId, so a resend returns the run the lost answer would have named.
 */
export async function startJobRun(o: StartOptions): Promise<string> {
  for (let attempt = 0, errors = 0; ; attempt++) {
    try {
      return (await o.api.execJob(o.appId, o.eventId)).jobId;
    } catch (e) {
      if (!(e instanceof SaeError) || !isTransient(e) || o.signal?.aborted) throw e;
      if (!isThrottling(e.code) && ++errors > o.maxRetries) throw e;
      const delayMs = retryDelay(Math.min(attempt, 6), e, undefined, o.random);
      if (o.clock.now() + delayMs >= o.deadline) throw e;
      o.onEvent({ type: 'resend', error: e, attempt: attempt + 1, delayMs });
      await o.clock.sleep(delayMs, o.signal);
      if (o.signal?.aborted) throw e;
    }
  }
}

export interface FollowOptions {
  api: SaeApi;
  appId: string;
  jobId: string;
  /** Epoch ms: run-timeout from the start of the run. */
  deadline: number;
  clock: Clock;
  pacing: Pacer;
  signal?: AbortSignal;
  onEvent: (e: JobRunEvent) => void;
}

export interface FollowResult {
  outcome: JobRunOutcome;
  /** The last answer seen. */
  status?: JobStatus;
  polls: number;
}

const changed = (a: JobStatus | undefined, b: JobStatus): boolean =>
  !a || a.state !== b.state || a.active !== b.active || a.succeeded !== b.succeeded || a.failed !== b.failed;

/**
 * Polls until State is "1" or "2". Transient failures and throttling slow the polls down and never end the
 * wait before the deadline (a run that was started is not reported failed because SAE could not be asked);
 * a permanent error (no permission, unknown job) ends it at once.
 */
export async function followJobRun(o: FollowOptions): Promise<FollowResult> {
  const start = o.clock.now();
  let status: JobStatus | undefined;
  let polls = 0;
  let warned = false;
  for (;;) {
    if (o.signal?.aborted) return { outcome: 'cancelled', status, polls };
    try {
      polls++;
      const next = await o.api.describeJobStatus(o.appId, o.jobId);
      o.pacing.record('ok');
      if (changed(status, next)) o.onEvent({ type: 'progress', status: next, elapsedMs: o.clock.now() - start });
      status = next;
      if (next.state === '1') return { outcome: 'succeeded', status, polls };
      if (next.state === '2') return { outcome: 'failed', status, polls };
      if (!(next.state in JOB_STATES) && !warned) {
        warned = true;
        o.onEvent({ type: 'unknown-state', state: next.state });
      }
    } catch (e) {
      if (!(e instanceof SaeError) || !isTransient(e)) throw e;
      // Behind the run's budget gate (pace/budget.ts) a throttled poll has already slowed every call of the run:
      // slowing the polls again on top of it left a lone run, throttled twice by a neighbour's burst, polling
      // 20-30 s apart, and a run that had failed was reported timed-out (as in changeorder/wait.ts).
      if (!(isThrottling(e.code) && o.api.paced))
        o.pacing.record(isThrottling(e.code) ? 'throttled' : 'error', e.retryAfterMs);
      o.onEvent({ type: 'poll-error', error: e });
    }
    const now = o.clock.now();
    if (now >= o.deadline) return { outcome: 'timed-out', status, polls };
    await o.clock.sleep(Math.min(o.pacing.delay(now - start), o.deadline - now), o.signal);
  }
}
