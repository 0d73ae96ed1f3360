// When to ask DescribeJobStatus again. A job runs for seconds or for hours, and every poll spends the
// account's shared API budget (sae-api.md §4.5, §8.4): the gap grows with the time the run has taken, so
// the delay in seeing its end stays a fifth of its length, never more than 30 s; throttling slows it down.
//
// The follow loop takes any Pacing, so the adaptive pacing of the change-order wait can take this one's place.

export interface Pacing {
  /** Delay before the next poll, given the time since the run started. */
  next(elapsedMs: number): number;
  /** A poll was answered. */
  answered(): void;
  /** A poll was throttled or failed transiently: slow down (retryAfterMs when SAE asked for a wait). */
  slowDown(retryAfterMs?: number): void;
}

export const MIN_GAP_MS = 2000;
export const MAX_GAP_MS = 30_000;
/** Slowed down, the gap may grow to this. */
const MAX_SLOW_GAP_MS = 120_000;

export function jobRunPacing(random: () => number = Math.random): Pacing {
  let factor = 1;
  let asked = 0;
  return {
    next(elapsedMs) {
      const base = Math.min(MAX_GAP_MS, Math.max(MIN_GAP_MS, elapsedMs / 5));
      // ±10 %: runs started together (a matrix) do not poll in lockstep.
      const gap = Math.min(MAX_SLOW_GAP_MS, base * factor) * (0.9 + 0.2 * random());
      const wait = Math.max(Math.round(gap), asked);
      asked = 0;
      return wait;
    },
    answered() {
      factor = Math.max(1, factor * 0.9); // speeds up again only slowly
    },
    slowDown(retryAfterMs) {
      factor = Math.min(4, factor * 1.5);
      asked = Math.max(asked, retryAfterMs ?? 0);
    },
  };
}
