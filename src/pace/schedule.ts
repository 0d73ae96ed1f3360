// When to ask again, for every "ask until it ends" loop: a change order, a job run. SAE allows about 60 calls a
// minute per user, shared by every parallel deploy, so polls are a budget: ask often only while the end may come.
//
// A change order: the template's own recent change orders tell how long its deploys take (changeorder/history.ts,
// from the ListChangeOrders the action reads anyway before UpdateJob). With that, polls are sparse until the
// expected end and dense around it (predictedSchedule); without it, a generic schedule asks about every second at
// first and backs off (defaultSchedule). A job run: a fifth of the time it has taken (jobRunSchedule). Each is only
// the base: pacer.ts slows it down when the account's budget runs short.

/** How often a lone run would like to ask. */
export interface Schedule {
  /** Delay before the next poll, given the time since the wait began (for a change order: since it was submitted). */
  next(elapsedMs: number): number;
}

/**
 * No history: when the order ends is unknown, so the schedule bounds the cost of not knowing.
 * - 1 s apart for the first 5 s: updates that only touch the template end within seconds, and seeing them
 *   within a second costs at most 6 calls.
 * - Then half the time waited so far: an order is seen by the time it has run at most 1.5 × as long, while
 *   the calls grow only with the logarithm of the duration (5 more up to 30 s).
 * - At most 12 s apart: 5 calls a minute, a twelfth of the account's budget (about 60 a minute, §8.4), so a
 *   dozen long deploys fit in it side by side before throttling slows anyone; an order is seen within 12 s.
 *   (10 s apart was a poll more a minute each, and at twelve runs the polls alone overspent the budget.)
 * Issue 23 asked to see every end of a 10–300 s order within max(2 s, 10 % of its length), with at most 12
 * polls in the first minute and 6 a minute after. That takes a poll at most that long after the one before
 * from 10 s on: 16 polls between 10 s and 60 s, 7 in the second minute. Unreachable; over 10–300 s (every
 * 0.25 s, 40 ms round trips, test/unit/pace/poll-schedule.test.ts) this schedule exits 6.0 s after the end in the
 * median and 12.1 s at worst: within the target for 83 % of the lengths (0.39 of it in the median, every length
 * from 114 s), 4.9 × it at worst (orders of about 20 s). A schedule near the best the limits allow (1–5 s, 7.5,
 * 11.25, 17.5, 24 s, then every 10 s from 31.5 s: 4.8 s and 9.8 s, 3.2 × at worst) is not taken: what a lone
 * run gains is spent from the budget of the runs beside it. Twelve at once with 60 s orders saw their ends
 * 21.2 s late at worst instead of 13.0 s (the median over 200 simulated mixes, test/helpers/budget-sim.ts), with
 * 180 s orders 22.5 s instead of 11.6 s. Templates deployed before get predictedSchedule instead.
 */
export const defaultSchedule: Schedule = {
  next(elapsedMs) {
    if (elapsedMs < 5000) return 1000;
    return Math.min(12_000, Math.round(elapsedMs / 2));
  },
};

function backoffFrom(startMs: number, elapsedMs: number): number {
  return Math.min(5000, Math.round(1000 * 1.4 ** ((elapsedMs - startMs) / 2000)));
}

/** Poll spacing while the order is expected to end. */
const DENSE_POLL_MS = 500;
/** FinishTime and CreateTime have whole seconds, and deploys vary: the window around the expected end. */
const WINDOW_BEFORE_END_MS = 1500;
const WINDOW_AFTER_END_MS = 3000;
/** Before the window: never longer apart than this, so an early failure is still seen soon. */
const SPARSE_MAX_POLL_MS = 10_000;

/** Polls sparsely until shortly before the expected duration, densely around it, then backs off. */
export function predictedSchedule(expectedMs: number): Schedule {
  const lo = expectedMs - WINDOW_BEFORE_END_MS;
  const hi = expectedMs + WINDOW_AFTER_END_MS;
  return {
    next(elapsedMs) {
      if (elapsedMs < lo)
        return Math.max(DENSE_POLL_MS, Math.min(SPARSE_MAX_POLL_MS, Math.round((lo - elapsedMs) / 2)));
      if (elapsedMs < hi) return DENSE_POLL_MS;
      return backoffFrom(hi, elapsedMs);
    },
  };
}

/** The bounds of a job run's poll gap (jobRunSchedule); the widest is also its pacer's (pacer.ts jobRunPacing). */
export const JOB_RUN_MIN_POLL_MS = 2000;
export const JOB_RUN_MAX_POLL_MS = 30_000;

/**
 * A job run's polls (DescribeJobStatus). A job runs for seconds or for hours: the gap grows with the time the run has
 * taken, so the delay in seeing its end stays a fifth of its length, 2 s to 30 s: a 1-minute run costs 16 polls, an
 * hour 136.
 */
export const jobRunSchedule: Schedule = {
  next: (elapsedMs) => Math.min(JOB_RUN_MAX_POLL_MS, Math.max(JOB_RUN_MIN_POLL_MS, elapsedMs / 5)),
};
