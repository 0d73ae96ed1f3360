// The adaptive pacing of poll loops (src/pace/pacer.ts): how one pacer reacts to throttling and
// failures, and what many of them do together against one shared token bucket, in virtual time.
import { describe, expect, it } from 'vitest';
import { adaptivePacer, type Pacer } from '../../../src/pace/pacer.js';
import { defaultSchedule, type Schedule } from '../../../src/pace/schedule.js';
import { mulberry32 as seeded } from '../../helpers/random.js';

const every = (ms: number): Schedule => ({ next: () => ms });

describe('one pacer', () => {
  it('jitters the first poll between half and one and a half of the base interval, then follows the base', () => {
    const firsts = [0, 0.25, 0.999].map((r) => adaptivePacer(every(1000), { random: () => r }).delay(0));
    expect(firsts).toEqual([500, 750, 1499]);
    const p = adaptivePacer(every(1000), { random: () => 0.9 });
    p.delay(0);
    for (let i = 0; i < 5; i++) {
      p.record('ok');
      expect(p.delay(1000 * i)).toBe(1000);
    }
  });

  it('after a throttled poll asks at most every 10 s, halves the rate on each further one, speeds up again only slowly', () => {
    const p = adaptivePacer(every(1000), { random: () => 0.5, maxIntervalMs: 60_000 });
    p.delay(0);
    p.record('throttled');
    expect(p.floorMs).toBe(10_000);
    expect(p.delay(0)).toBe(10_000); // ±20 % around the floor; 0.5 is the middle
    p.record('throttled');
    expect(p.floorMs).toBe(20_000);
    p.delay(0);
    p.record('throttled');
    expect(p.floorMs).toBe(40_000);
    p.record('ok');
    expect(p.floorMs).toBe(34_000);
    let oks = 1;
    while (p.floorMs > 20_000) {
      p.record('ok');
      oks++;
    }
    expect(oks).toBeGreaterThanOrEqual(4); // a halving is won back over several good answers, not one
    expect(adaptivePacer(every(1000), { startThrottled: true, random: () => 0.5 }).delay(0)).toBe(10_000);
  });

  it('a transient failure slows it too, by half; neither passes the ceiling', () => {
    const p = adaptivePacer(every(1000), { random: () => 0.5, maxIntervalMs: 30_000 });
    p.delay(0);
    p.record('error');
    expect(p.floorMs).toBe(1500);
    p.delay(0);
    p.record('error');
    expect(p.floorMs).toBe(2250);
    for (let i = 0; i < 20; i++) {
      p.delay(0);
      p.record(i % 2 ? 'error' : 'throttled');
    }
    expect(p.floorMs).toBe(30_000);
    expect(p.delay(0)).toBe(30_000);
  });

  it('honours x-acs-retry-after for the next poll', () => {
    const p = adaptivePacer(every(1000), { random: () => 0.5 });
    p.delay(0);
    p.record('throttled', 17_000);
    expect(p.delay(0)).toBe(17_000);
    p.record('ok');
    expect(p.delay(0)).toBeLessThan(17_000);
  });
});

/**
 * K runs polling orders that end `orderMs` after their start, against one bucket (burst, refill/s), in
 * virtual time; each poll costs a token or is throttled, and a run stops at its first good answer after its
 * order's end. Returns the share of polls throttled and each run's delay from its order's end to that answer.
 */
function simulate(k: number, makePacer: (i: number) => Pacer, orderMs: number, bucket = { burst: 20, refill: 1 }) {
  let tokens = bucket.burst;
  let at = 0;
  const pacers = Array.from({ length: k }, (_, i) => makePacer(i));
  const next = pacers.map((p) => p.delay(0));
  const delays: number[] = [];
  let calls = 0;
  let throttled = 0;
  while (delays.length < k) {
    const t = Math.min(...next);
    const i = next.indexOf(t);
    tokens = Math.min(bucket.burst, tokens + ((t - at) / 1000) * bucket.refill);
    at = t;
    calls++;
    if (tokens >= 1) {
      tokens--;
      pacers[i]!.record('ok');
      if (t >= orderMs) {
        delays.push(t - orderMs);
        next[i] = Infinity;
        continue;
      }
    } else {
      throttled++;
      pacers[i]!.record('throttled');
    }
    next[i] = t + pacers[i]!.delay(t);
  }
  return { share: throttled / calls, maxDelay: Math.max(...delays), calls };
}

describe('many pacers, one budget', () => {
  it('12 and 20 runs with 60 s orders on 1 call/s: few polls throttled, every end seen', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const random = seeded(seed);
      const twelve = simulate(12, () => adaptivePacer(defaultSchedule, { random }), 60_000);
      expect(twelve.share).toBeLessThan(0.2);
      expect(twelve.maxDelay).toBeLessThanOrEqual(31_000);
      const twenty = simulate(20, () => adaptivePacer(defaultSchedule, { random }), 60_000);
      expect(twenty.share).toBeLessThan(0.35);
      expect(twenty.maxDelay).toBeLessThanOrEqual(50_000);
    }
  });

  it('without the adaptive part (the base schedule alone) far more of the same polls are throttled', () => {
    const fixed = (): Pacer => ({ floorMs: 0, delay: (t) => defaultSchedule.next(t), record: () => {} });
    expect(simulate(12, fixed, 60_000).share).toBeGreaterThan(0.4);
    expect(simulate(20, fixed, 60_000).share).toBeGreaterThan(0.6);
  });
});
