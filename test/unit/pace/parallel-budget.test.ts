// Many deploys at once on one account, in virtual time (test/helpers/budget-sim.ts): the action itself, each
// run in-process through run(deps), against the emulator's account-wide token bucket (burst 20, 1 call/s) with
// 60 s orders, as `npm run bench -- --parallel K` runs the bundle. The seed places the runs' start times.
import { describe, expect, it } from 'vitest';
import type { Fault } from '../../emulator/index.js';
import { simulate, type SimResult } from '../../helpers/budget-sim.js';

const SEEDS = [1, 2, 3, 4, 5];
const worst = (r: SimResult) => Math.max(...r.runs.map((x) => x.delayMs));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const allSucceeded = (r: SimResult) => r.runs.every((x) => x.outcome === 'succeeded' && x.orders === 1);
/** A neighbour's burst: the account's budget is spent just as this run calls UpdateJob, twice. */
const burstAtUpdateJob: Fault[] = [1, 2].map(() => ({
  api: 'UpdateJob',
  error: { status: 400, code: 'Throttling.User' },
}));

describe('many deploys at once (simulated)', () => {
  it('12 runs: all succeed with one change order each, at most 20 % of calls throttled, each sees its end within about 20 s', async () => {
    const results = [];
    for (const seed of SEEDS) results.push(await simulate({ runs: 12, orderMs: 60_000, seed }));
    for (const [i, r] of results.entries()) expect(allSucceeded(r), `seed ${SEEDS[i]}`).toBe(true);
    const share = results.reduce((n, r) => n + r.throttled, 0) / results.reduce((n, r) => n + r.calls, 0);
    expect(share).toBeLessThanOrEqual(0.2);
    // The worst run of each seed: its median over the seeds (one seed's worst is a lottery of start times).
    expect(median(results.map(worst))).toBeLessThanOrEqual(20_000);
  });

  it('20 runs: all succeed, at most 30 % of the calls throttled, and the read-back skips the gap', async () => {
    const results = [];
    for (const seed of [...SEEDS, 6, 7, 8, 9]) results.push(await simulate({ runs: 20, orderMs: 60_000, seed }));
    for (const [i, r] of results.entries()) expect(allSucceeded(r), `seed ${SEEDS[i]}`).toBe(true);
    const share = results.reduce((n, r) => n + r.throttled, 0) / results.reduce((n, r) => n + r.calls, 0);
    expect(share).toBeLessThanOrEqual(0.3);
    // The delays of all the runs together: one mix's worst is too much a matter of start times (30 mixes: 20-60 s),
    // while over nine mixes the runs' median delay stays 10-12 s and nine in ten see their end within 24-27 s.
    const delays = results.flatMap((r) => r.runs.map((x) => x.delayMs)).sort((a, b) => a - b);
    expect(delays[Math.floor(delays.length / 2)]).toBeLessThanOrEqual(15_000);
    expect(delays[Math.floor(delays.length * 0.9)]).toBeLessThanOrEqual(35_000);
    // The read-back the run ends with skips the gap (hurry): a few seconds after the end was seen (a throttled
    // read-back still waits its backoff: over 30 mixes the slowest run's took 1.7-17 s, 6 s in the median), against
    // 20–41 s when it waits its turn like any other call.
    const readBack = results.map((r) => Math.max(...r.runs.map((x) => x.delayMs - x.seenMs)));
    expect(median(readBack)).toBeLessThanOrEqual(10_000);
  });

  it('a lone run is not slowed by the gate: a 5 s order in at most 6 polls, a 60 s one in at most 13', async () => {
    const short = await simulate({ runs: 1, orderMs: 5000, seed: 1, startSpreadMs: 0 });
    const long = await simulate({ runs: 1, orderMs: 60_000, seed: 1, startSpreadMs: 0 });
    expect(short.throttled + long.throttled).toBe(0);
    expect(short.runs[0]!.polls).toBeLessThanOrEqual(6);
    expect(short.runs[0]!.delayMs).toBeLessThanOrEqual(1000);
    // 12 or 13: the first poll's jitter is the action's own, not seeded (the bench measured 13 on the bundle).
    expect(long.runs[0]!.polls).toBeLessThanOrEqual(13);
    expect(long.runs[0]!.delayMs).toBeLessThanOrEqual(12_000);
  });

  it("a lone run recovers after a neighbour's burst: UpdateJob throttled twice, then a 1.2 s order, the step ends within 10 s of the order's end", async () => {
    for (const seed of SEEDS) {
      const r = await simulate({ runs: 1, orderMs: 1200, seed, startSpreadMs: 0, faults: burstAtUpdateJob });
      expect(r.throttled, `seed ${seed}`).toBe(2);
      expect(r.runs[0]!.outcome, `seed ${seed}`).toBe('succeeded');
      // 13–20 s when every call after the throttles waited the gate's whole gap (the first poll among them).
      expect(r.runs[0]!.delayMs, `seed ${seed}`).toBeLessThanOrEqual(10_000);
    }
  });

  it('one step of 12, and of 20, templates: all succeed, not one call throttled, each end seen within 6 s (10 s), at most 0.6 × the calls of a matrix', async () => {
    for (const [k, maxDelay] of [
      [12, 6000],
      [20, 10_000],
    ] as const) {
      let step = 0;
      let matrix = 0;
      for (const seed of [1, 2, 3]) {
        const one = await simulate({ runs: k, orderMs: 60_000, seed, oneStep: true });
        expect(allSucceeded(one), `K = ${k}, seed ${seed}`).toBe(true);
        // The step paces itself to the account's documented rate: it never throttles itself.
        expect(one.throttled, `K = ${k}, seed ${seed}`).toBe(0);
        expect(worst(one), `K = ${k}, seed ${seed}`).toBeLessThanOrEqual(maxDelay);
        // The namespace's orders followed with one list per look: one DescribeChangeOrder per template (its end).
        expect(one.byApi.DescribeChangeOrder, `K = ${k}, seed ${seed}`).toBe(k);
        step += one.calls;
        matrix += (await simulate({ runs: k, orderMs: 60_000, seed })).calls;
      }
      expect(step / matrix, `K = ${k}`).toBeLessThanOrEqual(0.6);
    }
  });

  it('more runs than the budget fits, and shorter orders: still every run succeeds, none gives up', async () => {
    for (const [runs, orderMs] of [
      [30, 60_000],
      [6, 20_000],
      [40, 10_000],
    ] as const) {
      const r = await simulate({ runs, orderMs, seed: 7 });
      expect(allSucceeded(r), `${runs} runs, ${orderMs} ms`).toBe(true);
    }
  });
});
