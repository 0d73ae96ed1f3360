// How far past its deadline a run may go, in one place. The deadline is wait-timeout from the start (the run
// after the deploy moves it to run-timeout from that run's start). Past it no retry starts and no loop goes
// round again; what may still go out is what the ending needs (the abort of on-timeout: abort, the failure
// details of a failed order, the read-back of a succeeded one), and no request runs past PAST_DEADLINE_MS.
// So every run ends by itself within its deadline plus GRACE_MS: the grace the README states.

/** A request may run until the deadline plus this, and no later; after it nothing more is sent. */
export const PAST_DEADLINE_MS = 5000;
/** The least a request is given when it starts before that end, however near the end it starts. */
export const MIN_REQUEST_MS = 1000;
/**
 * The stated grace: PAST_DEADLINE_MS, a last request's MIN_REQUEST_MS, the report written, the process gone
 * (src/index.ts ends it EXIT_AFTER_REPORT_MS after the report, whatever a server left open).
 */
export const GRACE_MS = 10_000;
/** After the report is written, the process ends within this even when a socket or a timer would keep it. */
export const EXIT_AFTER_REPORT_MS = 2000;

/**
 * How long a request that starts now may take: its own timeout, cut so that it ends by the deadline plus
 * PAST_DEADLINE_MS (at least MIN_REQUEST_MS); 0 once that end has passed: then it must not be sent.
 */
export function requestBudget(timeoutMs: number, deadline: number | undefined, now: number): number {
  if (deadline === undefined) return timeoutMs;
  const left = deadline + PAST_DEADLINE_MS - now;
  if (left <= 0) return 0;
  return Math.max(Math.min(MIN_REQUEST_MS, timeoutMs), Math.min(timeoutMs, left));
}
