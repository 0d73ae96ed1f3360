// When to ask again. SAE allows about 60 calls a minute per user, shared by every parallel deploy, so
// polls are a budget: ask often while a short order may be ending, then back off.

export interface PollSchedule {
  /** Delay before the next DescribeChangeOrder, given the time since the order was submitted. */
  next(elapsedMs: number): number;
}

/** About 1 s apart for the first seconds (short job updates end there), then backing off to 5 s. */
export const defaultSchedule: PollSchedule = {
  next(elapsedMs) {
    if (elapsedMs < 6000) return 1000;
    return Math.min(5000, Math.round(1000 * 1.35 ** ((elapsedMs - 6000) / 2000)));
  },
};
