// Pacing of a poll loop that shares one account's API budget with every other run (docs/reference/sae-api.md §4.5,
// §8.4). Every "ask again until it ends" loop uses it (the change-order wait, the job run after the deploy): it knows
// nothing of what is polled, only how the last poll went.
//
// A schedule (schedule.ts) says how often a lone run would like to ask. On top of it, the pacer keeps a floor under
// the interval, TCP-style: a throttled poll doubles it, to 10 s at least (multiplicative decrease of the poll rate), a
// transient failure (5xx, reset, HTML page, timeout) raises it by half, and each good answer lowers it by
// 15 % only (slow recovery: the budget is spent by others too, and rushing back re-spends it). The floor
// never passes maxIntervalMs, so a slowed run still notices its end within that. Runs started together
// would ask in lockstep and collide on every refill of the budget: the first delay is drawn from half to one
// and a half of the base interval, and every slowed delay carries ±20 % of jitter. A run throttled just
// before its wait (at UpdateJob, say) starts already slowed (startThrottled).
import { JOB_RUN_MAX_POLL_MS, jobRunSchedule, type Schedule } from './schedule.js';

export type PollOutcome = 'ok' | 'throttled' | 'error';

export interface Pacer {
  /** How long to wait before the next poll. */
  delay(elapsedMs: number): number;
  /** How the last poll went; `retryAfterMs` is the server's x-acs-retry-after, when it sent one. */
  record(outcome: PollOutcome, retryAfterMs?: number): void;
  /** The current floor under the interval (0 when not slowed). */
  readonly floorMs: number;
}

export interface PacerOptions {
  random?: () => number;
  /**
   * Ceiling of the floor (default MAX_FLOOR_MS): twenty runs polling every 20 s spend SAE's whole 60 calls a minute,
   * so contention eases before this for the parallel deploys a release has, and a slowed run still sees its
   * end within about 20 s.
   */
  maxIntervalMs?: number;
  /** The run was throttled just before the wait began (the budget is short now): start as after a throttled poll. */
  startThrottled?: boolean;
}

/**
 * After a throttled poll the interval is at least this. One throttle says the account's budget (about one call
 * a second) is spent by others; with a dozen runs each may have a call every ten seconds or so, and creeping
 * up to that by doublings from 1 s would cost a throttled call at each step.
 */
const FLOOR_AFTER_THROTTLE_MS = 10_000;
const FLOOR_AFTER_ERROR_MS = 1000;
const FLOOR_GROWTH_PER_THROTTLE = 2;
const FLOOR_GROWTH_PER_ERROR = 1.5;
/** The share of the floor left after each good answer: halved by four or five of them. */
const FLOOR_KEPT_PER_GOOD_POLL = 0.85;
const MAX_FLOOR_MS = 20_000;

export function adaptivePacer(base: Schedule, o: PacerOptions = {}): Pacer {
  const random = o.random ?? Math.random;
  const max = o.maxIntervalMs ?? MAX_FLOOR_MS;
  let floor = o.startThrottled ? Math.min(max, FLOOR_AFTER_THROTTLE_MS) : 0;
  let last = 0;
  let first = true;
  let retryAfter = 0;
  return {
    get floorMs() {
      return floor;
    },
    delay(elapsedMs) {
      const wanted = Math.max(base.next(elapsedMs), floor);
      let d = wanted;
      if (first) d = wanted * (0.5 + random());
      else if (floor > 0) d = wanted * (0.8 + 0.4 * random());
      first = false;
      last = wanted;
      d = Math.max(d, retryAfter);
      retryAfter = 0;
      return Math.round(d);
    },
    record(outcome, retryAfterMs) {
      if (outcome === 'ok') {
        floor *= FLOOR_KEPT_PER_GOOD_POLL;
        if (floor < 250) floor = 0;
        return;
      }
      const [factor, min] =
        outcome === 'throttled'
          ? [FLOOR_GROWTH_PER_THROTTLE, FLOOR_AFTER_THROTTLE_MS]
          : [FLOOR_GROWTH_PER_ERROR, FLOOR_AFTER_ERROR_MS];
      floor = Math.min(max, Math.max(min, factor * floor, factor * last));
      retryAfter = Math.min(retryAfterMs ?? 0, 120_000);
    },
  };
}

/** A job run's polls: its schedule, and a floor that never passes the schedule's own widest gap. */
export function jobRunPacing(random?: () => number): Pacer {
  return adaptivePacer(jobRunSchedule, { random, maxIntervalMs: JOB_RUN_MAX_POLL_MS });
}
