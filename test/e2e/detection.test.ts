// How soon a deploy of a template without history ends after its change order does (issue 23, point 4): the
// action in-process against the emulator on a virtual clock, so an order of minutes takes milliseconds and the
// delay is the schedule's alone (an answer takes no virtual time). The range of lengths:
// test/unit/pace/poll-schedule.test.ts.
import { describe, expect, it } from 'vitest';
import { emulatorInputs, useEmulator } from '../helpers/action.js';
import { mostInAMinute } from '../helpers/detection.js';

const APP = '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa';
const h = useEmulator();

describe('a template without history: from the order’s end to the run’s end', () => {
  it.each([3000, 8000, 25_000, 60_000, 150_000])('a %i ms order', async (orderMs) => {
    h.sae.setOrderPlan([{ status: 0, forMs: 200 }, { status: 1, forMs: orderMs - 200 }, { status: 2 }]);
    const run = await h.run({
      inputs: emulatorInputs(h.sae.url, { 'app-id': APP, 'image-url': 'r.example.com/ns/job:2' }),
    });
    const endOfRun = h.clock.now();
    expect(run.outputs.status, run.stdout).toBe('succeeded');
    const id = run.outputs['change-order-id']!;
    const began = h.sae.changeOrders.get(id)!.createdAt;
    const ended = began + orderMs;
    const polls = h.sae
      .calls('DescribeChangeOrder')
      .filter((r) => r.query.ChangeOrderId === id)
      .map((r) => r.at - began);
    // The run ends at the first poll after the order's end: nothing waits between seeing it and exiting.
    expect(polls.filter((t) => t >= orderMs)).toHaveLength(1);
    expect(endOfRun - (began + polls[polls.length - 1]!)).toBe(0);
    expect(mostInAMinute(polls)).toBeLessThanOrEqual(12);
    expect(mostInAMinute(polls, 60_000)).toBeLessThanOrEqual(5);
    // Seen within a second up to 5 s; after that within half the order's length, and never more than 12 s.
    const delay = endOfRun - ended;
    expect(delay).toBeGreaterThanOrEqual(0);
    expect(delay).toBeLessThanOrEqual(orderMs <= 5000 ? 1000 : Math.min(orderMs / 2, 12_000) + 100);
  });
});
