// The run's budget gate (src/pace/budget.ts, and src/sae/gated.ts that puts the client's calls through it): one gap between every SAE call of a run, opened by throttling.
import { describe, expect, it } from 'vitest';
import { AccountPace, CallBudget } from '../../../src/pace/budget.js';
import type { SaeApi } from '../../../src/sae/client.js';
import { SaeError } from '../../../src/sae/errors.js';
import { budgeted } from '../../../src/sae/gated.js';
import { virtualClock, type VirtualClock } from '../../helpers/virtual-clock.js';

const throttle = (retryAfterMs?: number) =>
  new SaeError({
    api: 'DescribeJob',
    kind: 'api',
    code: 'Throttling.User',
    message: 'flow control',
    httpStatus: 400,
    requestId: 'r',
    retryAfterMs,
  });

/** An api whose describeJob answers from a script: an error to throw, or 'ok'. Records when each call went. */
function scripted(time: VirtualClock, script: (SaeError | 'ok')[]) {
  const at: number[] = [];
  const api = {
    describeJob: async () => {
      at.push(time.now());
      const next = script.shift() ?? 'ok';
      if (next !== 'ok') throw next;
      return {};
    },
  } as unknown as SaeApi;
  return { api, at };
}

async function calls(time: VirtualClock, api: SaeApi, n: number) {
  await time.actor(async () => {
    for (let i = 0; i < n; i++) await api.describeJob('a').catch(() => undefined);
  });
}

describe('budget gate', () => {
  it('a lone run is never slowed: no gap until a call is throttled', async () => {
    const time = virtualClock({ start: 0 });
    const { api, at } = scripted(time, []);
    await calls(time, budgeted(api, new CallBudget(time, { random: () => 0.5 })), 5);
    expect(at).toEqual([0, 0, 0, 0, 0]);
  });

  it('a throttled call opens a gap of 15 s for every later call, widened by half at each further throttle, at most 20 s', async () => {
    const time = virtualClock({ start: 0 });
    const budget = new CallBudget(time, { random: () => 0.5 });
    const { api, at } = scripted(time, [throttle(), throttle(), throttle(), throttle()]);
    await calls(time, budgeted(api, budget), 5);
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    expect(gaps).toEqual([15_000, 20_000, 20_000, 20_000]);
    expect(budget.throttled).toBe(4);
  });

  it('the first good answer after throttles lets one call go early (a probe), then each good answer narrows the gap by 5 %', async () => {
    const time = virtualClock({ start: 0 });
    const budget = new CallBudget(time, { random: () => 0.5 });
    const { api, at } = scripted(time, [throttle()]);
    await calls(time, budgeted(api, budget), 5);
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    // 15 s after the throttle; the call answered then ends the streak, so the next goes after 0.3 of the gap
    // (15 000 × 0.95 × 0.3); the ones after it wait the whole gap again, narrowed by each answer.
    expect(gaps).toEqual([15_000, 4275, 14_250, 13_538]);
    expect(budget.gapMs).toBeCloseTo(15_000 * 0.95 ** 4, 5);
  });

  it('a probe that is throttled too widens the gap as any throttle does', async () => {
    const time = virtualClock({ start: 0 });
    const budget = new CallBudget(time, { random: () => 0.5 });
    const { api, at } = scripted(time, [throttle(), 'ok', throttle()]);
    await calls(time, budgeted(api, budget), 4);
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    expect(gaps).toEqual([15_000, 4275, 20_000]);
  });

  it('x-acs-retry-after says when the next call goes (plus up to 20 %), instead of the gap', async () => {
    const time = virtualClock({ start: 0 });
    const budget = new CallBudget(time, { random: () => 0.5 });
    const { api, at } = scripted(time, [throttle(30_000), throttle(1000), throttle()]);
    await calls(time, budgeted(api, budget), 4);
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    // The 1 s hint is later than the step's pace allows after a throttle (one refill: 1.11 s at 54 a minute).
    expect(gaps).toEqual([33_000, 1112, 15_000]);
  });

  it('gaps carry ±20 % of jitter, so runs slowed together do not come back together', async () => {
    const seen = new Set<number>();
    for (const r of [0, 0.25, 0.75, 0.999]) {
      const time = virtualClock({ start: 0 });
      const { api, at } = scripted(time, [throttle()]);
      await calls(time, budgeted(api, new CallBudget(time, { random: () => r })), 2);
      const gap = at[1]! - at[0]!;
      expect(gap).toBeGreaterThanOrEqual(12_000);
      expect(gap).toBeLessThanOrEqual(18_000);
      seen.add(gap);
    }
    expect(seen.size).toBe(4);
  });

  it('hurry: the call the run ends with, and its retries, go without the gap until one is answered (a refill of the account apart)', async () => {
    const time = virtualClock({ start: 0 });
    const budget = new CallBudget(time, { random: () => 0.5 });
    const { api, at } = scripted(time, [throttle(), throttle(), throttle()]);
    const gated = budgeted(api, budget);
    await calls(time, gated, 1); // throttled: the gap is open
    gated.hurry!();
    await calls(time, gated, 3); // two throttled, then answered: none waits the gap (15 s), only the account's refill
    expect(at).toEqual([0, 1112, 2224, 3336]);
    await calls(time, gated, 1); // answered, so the gap holds again
    expect(at[4]).toBeGreaterThan(0);
  });

  it('never holds a call past the deadline, and other failures leave the gap alone', async () => {
    const time = virtualClock({ start: 0 });
    const budget = new CallBudget(time, { random: () => 0.5 });
    budget.setDeadline(5000);
    const { api, at } = scripted(time, [
      throttle(),
      new SaeError({ api: 'DescribeJob', kind: 'api', code: 'InternalError', message: '', httpStatus: 500 }),
    ]);
    await calls(time, budgeted(api, budget), 3);
    expect(at).toEqual([0, 5000, 5000]);
    expect(budget.gapMs).toBeCloseTo(15_000 * 0.95, 5); // the 500 neither widened nor narrowed it; the last answer narrowed it
  });
});

describe("the step's account pace", () => {
  it('all the calls of a step (every template) a tenth below the documented 60 a minute: 54, 18 at once', async () => {
    const time = virtualClock({ start: 0 });
    const pace = new AccountPace(time);
    const at: number[] = [];
    // Three templates' gates, one pace: 24 calls asked for at once.
    const gates = [0, 1, 2].map(() => new CallBudget(time, { random: () => 0.5, pace }));
    await time.actor(() =>
      Promise.all(
        Array.from({ length: 24 }, async (_, i) => {
          await gates[i % 3]!.take();
          at.push(time.now());
        }),
      ),
    );
    expect(at.sort((a, b) => a - b)).toEqual([...Array<number>(18).fill(0), 1112, 2223, 3334, 4445, 5556, 6667]);
  });

  it("calls that queue go by rank: the run's last call first, then polls, then a template's next stage", async () => {
    const time = virtualClock({ start: 0 });
    const pace = new AccountPace(time, { burst: 1, perSecond: 1 });
    const order: string[] = [];
    const gate = () => new CallBudget(time, { random: () => 0.5, pace });
    const ends = gate();
    ends.hurry();
    await time.actor(async () => {
      await gate().take(undefined, 'DescribeJob'); // takes the one token: the others queue
      await Promise.all(
        (
          [
            [gate(), 'DescribeJob'],
            [gate(), 'ListChangeOrders'],
            [gate(), 'UpdateJob'],
            [gate(), 'ListNamespaceChangeOrders'],
            [ends, 'DescribeJob'],
          ] as const
        ).map(async ([g, api]) => {
          await g.take(undefined, api);
          order.push(`${api}@${time.now()}`);
        }),
      );
    });
    expect(order).toEqual([
      'DescribeJob@1000', // the hurried read-back
      'ListNamespaceChangeOrders@2000',
      'UpdateJob@3000',
      'ListChangeOrders@4000',
      'DescribeJob@5000',
    ]);
  });

  it('a throttled call empties it: the next call of any template waits a refill, a burst comes back slowly', async () => {
    const time = virtualClock({ start: 0 });
    const pace = new AccountPace(time, { perSecond: 1 });
    const a = new CallBudget(time, { random: () => 0.5, pace });
    const b = new CallBudget(time, { random: () => 0.5, pace });
    const { api, at } = scripted(time, [throttle()]);
    await calls(time, budgeted(api, a), 1);
    // b was not throttled (no gap of its own), but the account's bucket is empty for it too.
    await calls(time, budgeted(api, b), 3);
    expect(at).toEqual([0, 1000, 2000, 3000]);
  });
});
