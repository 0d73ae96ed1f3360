// When to ask again. SAE allows about 60 calls a minute per user, shared by every parallel deploy, so
// polls are a budget: ask often only while the order may be ending.
//
// The template's own recent change orders tell how long its deploys take (ListChangeOrders, which the
// action reads anyway before UpdateJob). With that, polls are sparse until the expected end and dense
// around it; without it, a generic schedule asks about every second at first and backs off. Either is only
// the base: pacing.ts slows it down when the account's budget runs short.
import type { ChangeOrderListItem } from '../sae/client.js';

export interface PollSchedule {
  /** Delay before the next DescribeChangeOrder, given the time since the order was submitted. */
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
 * 0.25 s, 40 ms round trips, test/unit/poll-schedule.test.ts) this schedule exits 6.0 s after the end in the
 * median and 12.1 s at worst: within the target for 83 % of the lengths (0.39 of it in the median, every length
 * from 114 s), 4.9 × it at worst (orders of about 20 s). A schedule near the best the limits allow (1–5 s, 7.5,
 * 11.25, 17.5, 24 s, then every 10 s from 31.5 s: 4.8 s and 9.8 s, 3.2 × at worst) is not taken: what a lone
 * run gains is spent from the budget of the runs beside it. Twelve at once with 60 s orders saw their ends
 * 21.2 s late at worst instead of 13.0 s (the median over 200 simulated mixes, test/helpers/budget-sim.ts), with
 * 180 s orders 22.5 s instead of 11.6 s. Templates deployed before get predictedSchedule instead.
 */
export const defaultSchedule: PollSchedule = {
  next(elapsedMs) {
    if (elapsedMs < 5000) return 1000;
    return Math.min(12_000, Math.round(elapsedMs / 2));
  },
};

function backoffFrom(startMs: number, elapsedMs: number): number {
  return Math.min(5000, Math.round(1000 * 1.4 ** ((elapsedMs - startMs) / 2000)));
}

/** Poll spacing while the order is expected to end. */
const DENSE_MS = 500;
/** FinishTime and CreateTime have whole seconds, and deploys vary: the window around the expected end. */
const EARLY_MS = 1500;
const LATE_MS = 3000;
/** Before the window: never longer apart than this, so an early failure is still seen soon. */
const SPARSE_MAX_MS = 10_000;

/** Polls sparsely until shortly before the expected duration, densely around it, then backs off. */
export function predictedSchedule(expectedMs: number): PollSchedule {
  const lo = expectedMs - EARLY_MS;
  const hi = expectedMs + LATE_MS;
  return {
    next(elapsedMs) {
      if (elapsedMs < lo) return Math.max(DENSE_MS, Math.min(SPARSE_MAX_MS, Math.round((lo - elapsedMs) / 2)));
      if (elapsedMs < hi) return DENSE_MS;
      return backoffFrom(hi, elapsedMs);
    },
  };
}

/** `yyyy-MM-dd HH:mm:ss` as a number of ms; both times share SAE's zone, so their difference is right. */
function wallTime(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(text);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : undefined;
}

/** The median duration of the template's recent successful change orders, if any. */
export function expectedDuration(orders: readonly ChangeOrderListItem[]): number | undefined {
  const durations = orders
    .filter((o) => o.status === 2)
    .slice(0, 5)
    .map((o) => {
      const start = wallTime(o.createTime);
      const end = wallTime(o.finishTime);
      return start !== undefined && end !== undefined && end >= start ? end - start : undefined;
    })
    .filter((d): d is number => d !== undefined)
    .sort((a, b) => a - b);
  if (!durations.length) return undefined;
  return durations[Math.floor(durations.length / 2)];
}

export function scheduleFor(previousOrders: readonly ChangeOrderListItem[]): PollSchedule {
  const expected = expectedDuration(previousOrders);
  return expected === undefined ? defaultSchedule : predictedSchedule(expected);
}
