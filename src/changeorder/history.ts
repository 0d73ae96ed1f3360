// How long this template's deploys take, read from its recent change orders (the ListChangeOrders the action makes
// anyway before UpdateJob), and the poll schedule that follows from it (pace/schedule.ts). Reading SAE's list (its
// statuses, its wall-clock times) is the change order's business, so it stays here rather than in pace/.
import { defaultSchedule, predictedSchedule, type Schedule } from '../pace/schedule.js';
import type { ChangeOrderListItem } from '../sae/client.js';

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

/** The change order's poll schedule: predicted from the template's history, or the generic one without any. */
export function scheduleFor(previousOrders: readonly ChangeOrderListItem[]): Schedule {
  const expected = expectedDuration(previousOrders);
  return expected === undefined ? defaultSchedule : predictedSchedule(expected);
}
