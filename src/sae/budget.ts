// One run's share of the account's API budget (reference §8.4: about 60 calls a minute per user, shared by
// every call of every parallel run). Runs cannot see each other; what each one sees is whether its own
// calls are throttled. So every SAE call of a run goes through one gate that keeps a gap between the run's
// calls, TCP-style:
// - while nothing is throttled the gap is 0: a lone run is never slowed down;
// - a throttled call (whatever the API) widens the gap: to GAP_AFTER_THROTTLE at least, else by half;
// - each good answer narrows it a little (RECOVERY): the budget is spent by others too, and rushing back
//   re-spends it;
// - x-acs-retry-after, when SAE sends it, says when the next call may go instead (the gap stays as it was).
// Every gap carries ±20 % of jitter, so runs slowed together do not come back together. The gap is the
// same for every API: a throttled UpdateJob slows the polls that follow it, and a throttled poll slows
// the read-back.
import type { UpdateJobRequest } from '../request/build.js';
import type { SaeApi } from './client.js';
import { SaeError } from './errors.js';
import { isThrottled } from './retry.js';

export type CallOutcome = 'ok' | 'throttled';

export interface BudgetClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface BudgetOptions {
  random?: () => number;
  /** The widest gap (default 20 s). */
  maxGapMs?: number;
}

/**
 * After a throttled call the gap is at least this: a dozen runs each calling every 12 s spend the account's
 * budget (about a call a second, §8.4), and one throttle says that budget is spent by others. Creeping up
 * to it by doublings from 1 s would cost a throttled call at each step. Each further throttle widens the gap
 * by half. Chosen by simulating 12 and 20 runs at once (test/helpers/budget-sim.ts, 10 seeds each): 10 s
 * and doubling gave a worst delay at 12 runs of 12–27 s; 12 s and ×1.5 gave 10–16 s, at no cost at 20.
 */
const GAP_AFTER_THROTTLE = 12_000;
const GROWTH = 1.5;
/**
 * The gap left after each good answer: halved by about fourteen of them. Recovering faster (0.85) re-spent
 * the budget at once in the simulation of many runs (test/helpers/budget-sim.ts): more throttled calls and
 * a longer tail.
 */
const RECOVERY = 0.95;
/**
 * The widest gap: twenty runs each calling every 20 s spend the account's whole budget, so contention eases
 * before this for the parallel deploys a release has, and a slowed run still sees its order end within it.
 */
const MAX_GAP = 20_000;

export class CallBudget {
  private gap = 0;
  private nextAt = 0;
  private readonly random: () => number;
  private readonly max: number;
  /** Calls this run made that were throttled. */
  throttled = 0;

  constructor(
    private readonly clock: BudgetClock,
    o: BudgetOptions = {},
  ) {
    this.random = o.random ?? Math.random;
    this.max = o.maxGapMs ?? MAX_GAP;
  }

  /** The current gap between this run's calls (0 until a call was throttled). */
  get gapMs(): number {
    return this.gap;
  }

  /** Waits until the next call may go; the call then counts from now. */
  private urgent = false;
  private deadline = Infinity;

  /**
   * The next call skips the gap, and so do its retries, until one is answered: it is the call the run ends
   * with (the read-back after the order), and each second it waits is a second of the deploy's delay.
   */
  hurry(): void {
    this.urgent = true;
  }

  /** The gate never holds a call past this (the run's deadline: the caller's retry policy gives up there). */
  setDeadline(deadline: number): void {
    this.deadline = deadline;
  }

  async take(signal?: AbortSignal): Promise<void> {
    const wait = this.urgent ? 0 : Math.min(this.nextAt, this.deadline) - this.clock.now();
    if (wait > 0) await this.clock.sleep(wait, signal);
    this.nextAt = this.clock.now() + Math.round(this.gap * (0.8 + 0.4 * this.random()));
  }

  record(outcome: CallOutcome, retryAfterMs?: number): void {
    if (outcome === 'ok') {
      this.urgent = false;
      this.gap *= RECOVERY;
      if (this.gap < 250) this.gap = 0;
      return;
    }
    this.throttled++;
    if (retryAfterMs) {
      // SAE said when to come back: its word replaces the guess (plus up to 20 %, so that runs told the same
      // thing do not all come back in the same instant), and the gap stays as it was.
      this.nextAt = this.clock.now() + Math.round(Math.min(retryAfterMs, 120_000) * (1 + 0.2 * this.random()));
      return;
    }
    this.gap = Math.min(this.max, Math.max(GAP_AFTER_THROTTLE, GROWTH * this.gap));
    this.nextAt = Math.max(this.nextAt, this.clock.now() + Math.round(this.gap * (0.8 + 0.4 * this.random())));
  }
}

/** The same client, every call through the run's budget gate. */
export function budgeted(api: SaeApi, budget: CallBudget, signal?: AbortSignal): SaeApi {
  // A failure that is not the budget's (a 5xx, a reset, a permanent error) says nothing about the budget:
  // it neither widens nor narrows the gap. Pacing after such failures is the poll loop's (pacing.ts).
  const gated =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await budget.take(signal);
      try {
        const result = await call(...args);
        budget.record('ok');
        return result;
      } catch (e) {
        if (e instanceof SaeError && isThrottled(e)) budget.record('throttled', e.retryAfterMs);
        throw e;
      }
    };
  return {
    updateJob: gated((r) => api.updateJob(r)),
    describeChangeOrder: gated((id) => api.describeChangeOrder(id)),
    listChangeOrders: gated((app, size) => api.listChangeOrders(app, size)),
    abortChangeOrder: gated((id) => api.abortChangeOrder(id)),
    confirmPipelineBatch: gated((id) => api.confirmPipelineBatch(id)),
    describePipeline: gated((id) => api.describePipeline(id)),
    describeJob: gated((app) => api.describeJob(app)),
    execJob: gated((app, id) => api.execJob(app, id)),
    describeJobStatus: gated((app, id) => api.describeJobStatus(app, id)),
    ...(api.createJob && { createJob: gated((r: UpdateJobRequest) => api.createJob!(r)) }),
    ...(api.listJobs && { listJobs: gated((q: Parameters<NonNullable<SaeApi['listJobs']>>[0]) => api.listJobs!(q)) }),
    setDeadline: (deadline) => {
      budget.setDeadline(deadline);
      api.setDeadline?.(deadline);
    },
    hurry: () => budget.hurry(),
    paced: true,
  };
}
