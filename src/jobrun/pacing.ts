// When to ask DescribeJobStatus again. A job runs for seconds or for hours, and every poll spends the
// account's shared API budget (sae-api.md §4.5, §8.4): the gap grows with the time the run has taken, so
// the delay in seeing its end stays a fifth of its length, never more than 30 s; throttling slows it down.
//
// The shapes (a base schedule, and a pacer told how each poll went) are those of the change-order wait's
// adaptive pacing ("Many deploys at once"), so that pacer can be put over jobRunSchedule in place of this one.

export interface BaseSchedule {
  /** Delay before the next poll, given the time since the run started. */
  next(elapsedMs: number): number;
}

export type PollOutcome = 'ok' | 'throttled' | 'error';

export interface Pacing {
  /** How long to wait before the next poll. */
  delay(elapsedMs: number): number;
  /** How the last poll went; retryAfterMs is SAE's x-acs-retry-after, when it sent one. */
  record(outcome: PollOutcome, retryAfterMs?: number): void;
}

export const MIN_GAP_MS = 2000;
export const MAX_GAP_MS = 30_000;
/** Slowed down, the gap may grow to this. */
const MAX_SLOW_GAP_MS = 120_000;

/** A fifth of the time the run has taken, 2 s to 30 s: a 1-minute run costs 16 polls, an hour 136. */
export const jobRunSchedule: BaseSchedule = {
  next: (elapsedMs) => Math.min(MAX_GAP_MS, Math.max(MIN_GAP_MS, elapsedMs / 5)),
};

export function jobRunPacing(random: () => number = Math.random, base: BaseSchedule = jobRunSchedule): Pacing {
  let factor = 1;
  let asked = 0;
  return {
    delay(elapsedMs) {
      // ±10 %: runs started together (a matrix) do not poll in lockstep.
      const gap = Math.min(MAX_SLOW_GAP_MS, base.next(elapsedMs) * factor) * (0.9 + 0.2 * random());
      const wait = Math.max(Math.round(gap), asked);
      asked = 0;
      return wait;
    },
    record(outcome, retryAfterMs) {
      if (outcome === 'ok') {
        factor = Math.max(1, factor * 0.9); // speeds up again only slowly
        return;
      }
      // Throttled: the account's budget is spent by others too; a transient error: SAE or the way to it struggles.
      factor = Math.min(4, factor * (outcome === 'throttled' ? 2 : 1.5));
      asked = Math.max(asked, retryAfterMs ?? 0);
    },
  };
}
