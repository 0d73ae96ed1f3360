// Pacing of a poll loop that shares one account's API budget with every other run (reference §4.5, §8.4).
// Any "ask again until it ends" loop uses it (change orders here; job runs later): it knows nothing of what
// is polled, only how the last poll went.
//
// A base schedule says how often a lone run would like to ask. On top of it, the pacer keeps a floor under
// the interval, TCP-style: a throttled poll doubles it, to 10 s at least (multiplicative decrease of the poll rate), a
// transient failure (5xx, reset, HTML page, timeout) raises it by half, and each good answer lowers it by
// 15 % only (slow recovery: the budget is spent by others too, and rushing back re-spends it). The floor
// never passes maxIntervalMs, so a slowed run still notices its end within that. Runs started together
// would ask in lockstep and collide on every refill of the budget: the first delay is drawn from half to one
// and a half of the base interval, and every slowed delay carries ±20 % of jitter. A run throttled just
// before its wait (at UpdateJob, say) starts already slowed (startThrottled).

export interface BaseSchedule {
  /** Delay before the next poll, given the time since the wait began. */
  next(elapsedMs: number): number;
}

export type PollOutcome = 'ok' | 'throttled' | 'error';

export interface Pacer {
  /** How long to wait before the next poll. */
  delay(elapsedMs: number): number;
  /** How the last poll went; `retryAfterMs` is the server's x-acs-retry-after, when it sent one. */
  record(outcome: PollOutcome, retryAfterMs?: number): void;
  /** The current floor under the interval (0 when not slowed). */
  readonly floorMs: number;
}

export interface PacingOptions {
  random?: () => number;
  /**
   * Ceiling of the floor (default 20 s): twenty runs polling every 20 s spend SAE's whole 60 calls a minute,
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
const THROTTLED_MIN_MS = 10_000;
const ERROR_MIN_MS = 1000;
const THROTTLE_FACTOR = 2;
const ERROR_FACTOR = 1.5;
/** The floor left after each good answer: halved by four or five of them. */
const RECOVERY = 0.85;

export function adaptivePacer(base: BaseSchedule, o: PacingOptions = {}): Pacer {
  const random = o.random ?? Math.random;
  const max = o.maxIntervalMs ?? 20_000;
  let floor = o.startThrottled ? Math.min(max, THROTTLED_MIN_MS) : 0;
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
        floor *= RECOVERY;
        if (floor < 250) floor = 0;
        return;
      }
      const [factor, min] =
        outcome === 'throttled' ? [THROTTLE_FACTOR, THROTTLED_MIN_MS] : [ERROR_FACTOR, ERROR_MIN_MS];
      floor = Math.min(max, Math.max(min, factor * floor, factor * last));
      retryAfter = Math.min(retryAfterMs ?? 0, 120_000);
    },
  };
}
