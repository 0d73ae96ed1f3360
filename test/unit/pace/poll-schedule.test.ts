// Detection without history (issue 23, point 4), measured from the schedule itself: the action's own wait
// (waitForChangeOrder, its pacer, the first poll jittered) against an order of every length from 10 s to 300 s,
// every 0.25 s, three seeds of jitter, 40 ms round trips, the read-back's round trip after the poll that saw the
// end. What is held here and why it is not the target for every length: src/pace/schedule.ts.
import { describe, expect, it } from 'vitest';
import { defaultSchedule } from '../../../src/pace/schedule.js';
import { detect, median, mostInAMinute, targetMs, type Detection } from '../../helpers/detection.js';
import { mulberry32 } from '../../helpers/random.js';

const SEEDS = [1, 2, 3];

async function over(fromMs: number, toMs: number, stepMs: number) {
  const runs: Array<Detection & { orderMs: number }> = [];
  for (const seed of SEEDS) {
    const random = mulberry32(seed);
    for (let orderMs = fromMs; orderMs <= toMs; orderMs += stepMs)
      runs.push({ orderMs, ...(await detect(defaultSchedule, orderMs, random)) });
  }
  return runs;
}

describe('the poll schedule of a template without history', () => {
  it('orders of 10–300 s: the polls stay within 12 in any minute and 5 a minute after the first', async () => {
    const runs = await over(10_000, 300_000, 250);
    expect(runs.every((r) => r.outcome === 'succeeded')).toBe(true);
    // The limits are 12 and 6; 5 a minute keeps a dozen long deploys within the account's ~60 calls.
    expect(Math.max(...runs.map((r) => mostInAMinute(r.polls)))).toBeLessThanOrEqual(12);
    expect(Math.max(...runs.map((r) => mostInAMinute(r.polls, 60_000)))).toBeLessThanOrEqual(5);
  });

  it('orders of 10–300 s: seen within 6.5 s in the median and 12.5 s at worst; the target met in the median', async () => {
    const runs = await over(10_000, 300_000, 250);
    const delays = runs.map((r) => r.delayMs);
    const ratios = runs.map((r) => r.delayMs / targetMs(r.orderMs));
    expect(median(delays)).toBeLessThanOrEqual(6500);
    expect(Math.max(...delays)).toBeLessThanOrEqual(12_500);
    // max(2 s, 10 %) is met for most lengths and, 12 s apart at most, for every order from 121 s on.
    expect(median(ratios)).toBeLessThanOrEqual(0.5);
    expect(ratios.filter((x) => x <= 1).length / ratios.length).toBeGreaterThanOrEqual(0.8);
    expect(runs.filter((r) => r.orderMs >= 121_000 && r.delayMs > targetMs(r.orderMs))).toEqual([]);
  });

  it('orders of a few seconds (template-only updates) are seen within about a second, up to 10 s within 4.5 s', async () => {
    const runs = await over(500, 9500, 250);
    expect(Math.max(...runs.filter((r) => r.orderMs <= 5000).map((r) => r.delayMs))).toBeLessThanOrEqual(1100);
    expect(Math.max(...runs.map((r) => r.delayMs))).toBeLessThanOrEqual(4500);
    expect(Math.max(...runs.map((r) => r.polls.length))).toBeLessThanOrEqual(9);
  });
});
