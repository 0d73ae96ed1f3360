// One list call shared by every task that polls an item of it: the change orders of one namespace, followed
// together, one ListNamespaceChangeOrders per look serving every template of the step whose order runs there (§5.4),
// instead of one DescribeChangeOrder each. A look happens on a grid shared by the tasks (every TICK_MS), so those
// waiting at the same time share one call. Whether the list shows job templates' orders is [U]: an order it does not
// show is followed by itself again (changeorder/wait.ts), and the end of every order is confirmed with
// DescribeChangeOrder before its read-back.
import { waitOn, type Clock } from '../runner/clock.js';

export interface Watch<T> {
  /** When the next look at the list may happen for a poll wanted at `at` (the grid: looks are shared). */
  slot(at: number): number;
  /**
   * The item as the list shows it, from a look taken no earlier than `since` (one call serves every task that asks
   * at about the same time); undefined when the list does not show it. Rejects as the call does.
   */
  look(key: string, since: number): Promise<T | undefined>;
}

/**
 * How often the namespace is looked at while orders run there: every template's order in one call, so an end is
 * seen within 4.5 s, for 13 calls a minute whatever the number of templates (one DescribeChangeOrder each on the
 * lone run's schedule costs a dozen templates about 60 a minute, the account's whole budget). Simulated with 60 s
 * orders (test/helpers/budget-sim.ts, 6 seeds): at 12 templates 64 calls in all, 0.52 of a matrix of 12 runs, and
 * at 20 100 (0.45), every end seen within 5 s; a look every 5.5 s cost 61 and 97 calls, with ends seen within 6 s.
 */
export const TICK_MS = 4500;

export class ListWatch<T> implements Watch<T> {
  private last?: { at: number; items: Map<string, T> };
  private inFlight?: Promise<void>;
  private readonly origin: number;

  constructor(
    private readonly list: () => Promise<T[]>,
    /** The key an item is looked up by (a change order's id). */
    private readonly keyOf: (item: T) => string,
    private readonly clock: Pick<Clock, 'now' | 'waitFor'>,
    private readonly tickMs = TICK_MS,
  ) {
    this.origin = clock.now();
  }

  slot(at: number): number {
    return this.origin + Math.ceil((at - this.origin) / this.tickMs) * this.tickMs;
  }

  async look(key: string, since: number): Promise<T | undefined> {
    if (!this.last || this.last.at < since) {
      // The first task to ask makes the call; the others at that moment wait for its answer.
      this.inFlight ??= this.fetch().finally(() => (this.inFlight = undefined));
      await waitOn(this.clock, this.inFlight);
    }
    return this.last?.items.get(key);
  }

  private async fetch(): Promise<void> {
    const at = this.clock.now();
    const items = await this.list();
    this.last = { at, items: new Map(items.map((i) => [this.keyOf(i), i])) };
  }
}
