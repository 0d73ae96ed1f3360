// When to ask DescribeJobStatus again. A job runs for seconds or for hours, and every poll spends the
// account's shared API budget (sae-api.md §4.5, §8.4): the gap grows with the time the run has taken, so
// the delay in seeing its end stays a fifth of its length, never more than 30 s. Throttling and transient
// errors slow it down by the same rules as the change-order wait (changeorder/pacing.ts, "Many deploys at once").
import { adaptivePacer, type BaseSchedule, type PollOutcome } from '../changeorder/pacing.js';

/** What the follow loop needs of a pacer (changeorder/pacing.ts's Pacer has this shape). */
export interface Pacing {
  /** How long to wait before the next poll. */
  delay(elapsedMs: number): number;
  /** How the last poll went; retryAfterMs is SAE's x-acs-retry-after, when it sent one. */
  record(outcome: PollOutcome, retryAfterMs?: number): void;
}

export const MIN_GAP_MS = 2000;
export const MAX_GAP_MS = 30_000;

/** A fifth of the time the run has taken, 2 s to 30 s: a 1-minute run costs 16 polls, an hour 136. */
export const jobRunSchedule: BaseSchedule = {
  next: (elapsedMs) => Math.min(MAX_GAP_MS, Math.max(MIN_GAP_MS, elapsedMs / 5)),
};

export function jobRunPacing(random?: () => number): Pacing {
  return adaptivePacer(jobRunSchedule, { random, maxIntervalMs: MAX_GAP_MS });
}
