// One run's share of the account's API budget (docs/reference/sae-api.md §8.4: about 60 calls a minute per user, shared
// by every call of every parallel run). Runs cannot see each other; what each one sees is whether its own
// calls are throttled. So every SAE call of a run goes through one gate that keeps a gap between the run's
// calls, TCP-style:
// - while nothing is throttled the gap is 0: a lone run is never slowed down;
// - a throttled call (whatever the API) widens the gap: to GAP_AFTER_THROTTLE_MS at least, else by half;
// - each good answer narrows it a little (GAP_KEPT_PER_GOOD_ANSWER): the budget is spent by others too, and
//   rushing back re-spends it;
// - the first good answer after throttled calls lets the next call go early (PROBE_SHARE_OF_GAP): whether the
//   budget has room again can only be learnt by asking, and a lone run throttled by a neighbour's burst must not
//   stay slowed for its neighbour's sake;
// - x-acs-retry-after, when SAE sends it, says when the next call may go instead (the gap stays as it was).
// Every gap carries ±20 % of jitter, so runs slowed together do not come back together. The gap is the
// same for every API: a throttled UpdateJob slows the polls that follow it, and a throttled poll slows
// the read-back.
//
// Under every template's gate is the step's AccountPace: all the calls of the step (every template it deploys)
// together never go faster than the account's documented rate, so a step never throttles itself.
//
// What a throttled call is (SAE's codes) is the SAE client's to say: sae/gated.ts puts every call of the client
// through the gate and tells it how each went. A poll loop's own pace after failures is pacer.ts's.
import type { Clock } from '../runner/clock.js';
import type { PollOutcome } from './pacer.js';

/** How a call went, as far as the account's budget is concerned: anything but a throttle counts as an answer. */
export type CallOutcome = Exclude<PollOutcome, 'error'>;

type BudgetClock = Pick<Clock, 'now' | 'sleep'>;

export interface BudgetOptions {
  random?: () => number;
  /** The step's pace, shared by the gates of all the templates it deploys (default: one of the gate's own). */
  pace?: AccountPace;
  /** The widest gap (default 20 s). */
  maxGapMs?: number;
  /** Told how long the gate held a call, beyond the caller's own wait (the RUNNER_DEBUG lines). */
  onHold?: (hold: GateHold) => void;
}

export interface GateHold {
  api: string;
  /** How long the gate held the call. */
  heldMs: number;
  /** From the run's last answer to this call: the caller's own wait (a retry's backoff, a poll's) and the hold. */
  sinceLastAnswerMs: number;
  gapMs: number;
}

/**
 * After a throttled call the gap is at least this: a dozen runs each calling every 12-15 s spend the account's
 * budget (about a call a second, §8.4), and one throttle says that budget is spent by others. Creeping up
 * to it by doublings from 1 s would cost a throttled call at each step. Each further throttle widens the gap
 * by half. Chosen by simulating 12 and 20 runs at once (test/helpers/budget-sim.ts): 12 s and ×1.5 gave, over
 * 30 seeds, 12 % / 27 % of calls throttled at K = 12 / 20, and a worst delay per seed of 13 s / 32 s (median);
 * with the probe below, 12 s gave 14 % / 30 % and 15 s / 38 s, and 15 s brings it back to 12 % / 28 % and
 * 13 s / 36 s.
 */
const GAP_AFTER_THROTTLE_MS = 15_000;
const GAP_GROWTH_PER_THROTTLE = 1.5;
/**
 * The share of the gap left after each good answer: halved by about fourteen of them. Recovering faster (0.85, the
 * pacer's FLOOR_KEPT_PER_GOOD_POLL) re-spent the budget at once in the simulation of many runs
 * (test/helpers/budget-sim.ts): more throttled calls and a longer tail.
 */
const GAP_KEPT_PER_GOOD_ANSWER = 0.95;
/**
 * The widest gap (the default of BudgetOptions.maxGapMs): twenty runs each calling every 20 s spend the account's
 * whole budget, so contention eases before this for the parallel deploys a release has, and a slowed run still sees
 * its order end within it.
 */
const MAX_GAP_MS = 20_000;
/**
 * After a throttle streak ends with a good answer, the next call waits this share of the gap only: a probe.
 * If the budget has room again, the run sees its order's end at once (a lone run whose UpdateJob was throttled
 * twice by a neighbour's burst, then a 1.2 s order: 3-5 s from the order's end to the exit, 13-19 s without the
 * probe); if not, the probe is throttled and the gap widens as before. Among many runs it costs about one call
 * per throttle streak (see GAP_AFTER_THROTTLE_MS). A faster recovery after every good answer (the gap halved)
 * brought the lone run no further, and 21 % and 34 % of calls throttled at K = 12 and 20. Whether a run is alone
 * cannot be told from its own calls: a matrix run throttled once looks the same, so the probe is one call only.
 */
const PROBE_SHARE_OF_GAP = 0.3;

/**
 * The account's documented rate (§8.4): 60 calls a minute per user, across all SAE APIs. How many may go at once
 * (the gateway's burst) is not documented [U]; the emulator models a bucket of 20 (test/emulator/flow-control.ts).
 * The step keeps a tenth below both, 54 a minute and 18 at once: paced at the bucket's own rate and size, a call
 * that reaches the gateway a few milliseconds sooner than the one before it finds 0.99 of a token (the benchmark
 * saw 1-2 throttled calls per step that way, and each empties the pace: a step of 20 templates then saw its
 * orders' ends up to 23 s late, not 5 s). Should SAE's bucket be smaller, the first call over it is throttled and
 * the pace is emptied (emptied()), a refill apart from then on, so a step is throttled once, not again and again.
 * A burst of 10 made the first calls of a dozen templates take 10 s longer, and their orders end that much later.
 * A lone deploy (3 calls, then at most a poll a second) never waits for it.
 */
const ACCOUNT_CALLS_PER_SECOND = 1;
const PACED_SHARE = 0.9;
const STEP_BURST = 18;

/**
 * How soon a call goes when the step's calls queue for the account's pace (several templates at once): the call a
 * template ends with first (its read-back, each second of it is the deploy's delay), then polls (an order's end
 * seen late is a late result), then a template's next stage before another template's first (UpdateJob before
 * ListChangeOrders before the plan's DescribeJob), so that each template that starts goes on to its change
 * order, rather than every template reading first and all their orders starting, and ending, in one burst.
 */
export const RANK: Readonly<Record<string, number>> = {
  urgent: 0,
  DescribeChangeOrder: 1,
  ListNamespaceChangeOrders: 1,
  DescribeJobStatus: 1,
  DescribePipeline: 1,
  UpdateJob: 2,
  CreateJob: 2,
  ExecJob: 2,
  AbortChangeOrder: 2,
  ConfirmPipelineBatch: 2,
  ListChangeOrders: 3,
  ListJobs: 3,
  DescribeJob: 4,
};

interface Waiting {
  rank: number;
  seq: number;
}

/**
 * The step's calls, all templates together, at most at the account's documented rate (GCRA: a burst of
 * STEP_BURST may go at once, then one per interval), and when calls queue, in RANK order (then first come).
 * Each waiting call sleeps until the slot its place in the queue gives it, and looks again when it wakes: a
 * call of a better rank may have come before it meanwhile. A throttled call says the account's bucket is empty
 * now, whoever emptied it: the next slot is then a refill away.
 */
export class AccountPace {
  private readonly intervalMs: number;
  private readonly toleranceMs: number;
  /** The theoretical arrival time of the next call (GCRA). */
  private tat = -Infinity;
  private readonly queue: Waiting[] = [];
  private seq = 0;

  constructor(
    private readonly clock: BudgetClock,
    o: { perSecond?: number; burst?: number } = {},
  ) {
    this.intervalMs = 1000 / (o.perSecond ?? ACCOUNT_CALLS_PER_SECOND * PACED_SHARE);
    this.toleranceMs = ((o.burst ?? STEP_BURST) - 1) * this.intervalMs;
  }

  /** When the call at place `i` of the queue may go. */
  private slot(i: number): number {
    return Math.max(this.clock.now(), Math.ceil(this.tat + i * this.intervalMs - this.toleranceMs));
  }

  /**
   * Waits for the call's slot, never past `until`; `held` is told each wait first. Resolves once the call may go
   * (its slot taken), or at `until` or a cancel (the call then goes, or not, as its caller decides).
   */
  async take(rank: number, until: number, held: (ms: number) => void, signal?: AbortSignal): Promise<void> {
    const me: Waiting = { rank, seq: this.seq++ };
    const at = this.queue.findIndex((w) => w.rank > rank);
    this.queue.splice(at < 0 ? this.queue.length : at, 0, me);
    try {
      for (;;) {
        const now = this.clock.now();
        const wait = Math.min(this.slot(this.queue.indexOf(me)), until) - now;
        if (wait <= 0 || signal?.aborted) break;
        held(wait);
        await this.clock.sleep(wait, signal);
      }
    } finally {
      this.queue.splice(this.queue.indexOf(me), 1);
      this.tat = Math.max(this.tat, this.clock.now()) + this.intervalMs;
    }
  }

  /** The account's bucket is empty now: one refill until the next call, a full burst only later. */
  emptied(): void {
    this.tat = Math.max(this.tat, this.clock.now() + this.intervalMs + this.toleranceMs);
  }
}

/** The run's gate (the header): one gap between all the calls of a run, opened by throttling, over the step's pace. */
export class CallBudget {
  private gap = 0;
  private nextAt = 0;
  private readonly random: () => number;
  private readonly max: number;
  private readonly onHold?: (hold: GateHold) => void;
  private readonly pace: AccountPace;
  /** When the last call was let through, and when the last answer came. */
  private lastTakeAt = 0;
  private lastAnswerAt: number | undefined;
  /** The last answer was a throttle: the next good one ends the streak. */
  private inStreak = false;
  /** Calls this run made that were throttled. */
  throttled = 0;

  constructor(
    private readonly clock: BudgetClock,
    o: BudgetOptions = {},
  ) {
    this.random = o.random ?? Math.random;
    this.max = o.maxGapMs ?? MAX_GAP_MS;
    this.onHold = o.onHold;
    this.pace = o.pace ?? new AccountPace(clock);
  }

  /** The current gap between this run's calls (0 until a call was throttled). */
  get gapMs(): number {
    return this.gap;
  }

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

  /** Waits until the next call may go; the call then counts from now. */
  async take(signal?: AbortSignal, api = 'SAE'): Promise<void> {
    const gap = this.urgent ? 0 : Math.min(this.nextAt, this.deadline) - this.clock.now();
    if (gap > 0) await this.hold(api, gap, signal);
    // Then the step's pace, urgent or not (the call the run ends with must not throttle another template's), in
    // its order of rank.
    await this.pace.take(
      this.urgent ? RANK.urgent! : (RANK[api] ?? RANK.DescribeJob!),
      this.deadline,
      (ms) => this.told(api, ms),
      signal,
    );
    this.lastTakeAt = this.clock.now();
    this.nextAt = this.lastTakeAt + this.jittered(this.gap);
  }

  private async hold(api: string, ms: number, signal?: AbortSignal): Promise<void> {
    this.told(api, ms);
    await this.clock.sleep(ms, signal);
  }

  private told(api: string, ms: number): void {
    const now = this.clock.now();
    const sinceLastAnswerMs = this.lastAnswerAt === undefined ? ms : now + ms - this.lastAnswerAt;
    this.onHold?.({ api, heldMs: ms, sinceLastAnswerMs, gapMs: this.gap });
  }

  private jittered(ms: number): number {
    return Math.round(ms * (0.8 + 0.4 * this.random()));
  }

  /** An answer came, of any kind: the hold before the next call is told from here. */
  answered(): void {
    this.lastAnswerAt = this.clock.now();
  }

  record(outcome: CallOutcome, retryAfterMs?: number): void {
    if (outcome === 'ok') {
      this.urgent = false;
      this.gap *= GAP_KEPT_PER_GOOD_ANSWER;
      if (this.gap < 250) this.gap = 0;
      if (this.inStreak)
        this.nextAt = Math.min(this.nextAt, this.lastTakeAt + this.jittered(this.gap * PROBE_SHARE_OF_GAP));
      this.inStreak = false;
      return;
    }
    this.throttled++;
    this.inStreak = true;
    this.pace.emptied();
    if (retryAfterMs) {
      // SAE said when to come back: its word replaces the guess (plus up to 20 %, so that runs told the same
      // thing do not all come back in the same instant), and the gap stays as it was.
      this.nextAt = this.clock.now() + Math.round(Math.min(retryAfterMs, 120_000) * (1 + 0.2 * this.random()));
      return;
    }
    this.gap = Math.min(this.max, Math.max(GAP_AFTER_THROTTLE_MS, GAP_GROWTH_PER_THROTTLE * this.gap));
    this.nextAt = Math.max(this.nextAt, this.clock.now() + Math.round(this.gap * (0.8 + 0.4 * this.random())));
  }
}
