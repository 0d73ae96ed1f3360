// Many deploys at once on one account, in virtual time (test/helpers/budget-sim.ts): the action's call
// sequence and its real retry, gate and poll modules against one token bucket (burst 20, 1 call/s) with
// 60 s orders, as `npm run bench -- --parallel K` runs the bundle against the emulator. Seeded; each seed
// is one mix of start times and jitter.
import { describe, expect, it } from 'vitest';
import { simulate, type SimResult } from '../helpers/budget-sim.js';

const SEEDS = [1, 2, 3, 4, 5];
const worst = (r: SimResult) => Math.max(...r.runs.map((x) => x.delayMs));
const share = (r: SimResult) => r.throttled / r.calls;

describe('many deploys at once (simulated)', () => {
  it('12 runs: all succeed with one change order each, few calls throttled, each sees its end within about 15 s', async () => {
    for (const seed of SEEDS) {
      const r = await simulate({ runs: 12, orderMs: 60_000, seed, budget: true });
      expect(
        r.runs.every((x) => x.outcome === 'succeeded' && x.orders === 1),
        `seed ${seed}`,
      ).toBe(true);
      expect(share(r), `seed ${seed}`).toBeLessThanOrEqual(0.2);
      expect(worst(r), `seed ${seed}`).toBeLessThanOrEqual(20_000);
    }
  });

  it('20 runs: all succeed, at most 30 % of the calls throttled, a third fewer calls than without the gate', async () => {
    for (const seed of SEEDS) {
      const gated = await simulate({ runs: 20, orderMs: 60_000, seed, budget: true });
      const ungated = await simulate({ runs: 20, orderMs: 60_000, seed, budget: false });
      expect(
        gated.runs.every((x) => x.outcome === 'succeeded' && x.orders === 1),
        `seed ${seed}`,
      ).toBe(true);
      expect(share(gated), `seed ${seed}`).toBeLessThanOrEqual(0.3);
      // Without the gate each call backs off on its own and the runs keep re-spending the budget.
      expect(share(ungated), `seed ${seed}`).toBeGreaterThan(0.45);
      expect(gated.calls, `seed ${seed}`).toBeLessThan(ungated.calls * 0.7);
      expect(worst(gated), `seed ${seed}`).toBeLessThanOrEqual(45_000);
      // The read-back the run ends with skips the gap (hurry): 4–7 s after the end was seen, against 20–41 s
      // when it waits its turn like any other call.
      const readBack = Math.max(...gated.runs.map((x) => x.delayMs - x.seenMs));
      expect(readBack, `seed ${seed}`).toBeLessThanOrEqual(10_000);
    }
  });

  it('a lone run is not slowed by the gate: a 5 s order in at most 6 polls, a 60 s one in at most 12', async () => {
    const short = await simulate({ runs: 1, orderMs: 5000, seed: 1, budget: true, startSpreadMs: 0 });
    const long = await simulate({ runs: 1, orderMs: 60_000, seed: 1, budget: true, startSpreadMs: 0 });
    expect(short.throttled + long.throttled).toBe(0);
    expect(short.runs[0]!.polls).toBeLessThanOrEqual(6);
    expect(short.runs[0]!.delayMs).toBeLessThanOrEqual(1000);
    expect(long.runs[0]!.polls).toBeLessThanOrEqual(12);
    // Without knowing the duration the schedule sees an end within 12 s (schedule.ts), not within 3 s: see the README.
    expect(long.runs[0]!.delayMs).toBeLessThanOrEqual(12_000);
  });

  it('more runs than the budget fits, and shorter orders: still every run succeeds, none gives up', async () => {
    for (const [runs, orderMs] of [
      [30, 60_000],
      [6, 20_000],
      [40, 10_000],
    ] as const) {
      const r = await simulate({ runs, orderMs, seed: 7, budget: true });
      expect(
        r.runs.every((x) => x.outcome === 'succeeded' && x.orders === 1),
        `${runs} runs, ${orderMs} ms`,
      ).toBe(true);
    }
  });
});
