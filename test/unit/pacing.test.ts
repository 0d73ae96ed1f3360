// The adaptive pacing of poll loops (src/changeorder/pacing.ts): how one pacer reacts to throttling and
// failures, and what many of them do together against one shared token bucket, in virtual time.
import { describe, expect, it } from 'vitest';
import { adaptivePacer, type BaseSchedule, type Pacer } from '../../src/changeorder/pacing.js';
import { defaultSchedule } from '../../src/changeorder/schedule.js';

const every = (ms: number): BaseSchedule => ({ next: () => ms });

/** A seeded generator (mulberry32), so a failure replays. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

  it('halves the poll rate after each throttled poll, and speeds up again only slowly', () => {
    const p = adaptivePacer(every(1000), { random: () => 0.5 });
    p.delay(0);
    p.record('throttled');
    expect(p.floorMs).toBe(2000);
    p.delay(0);
    p.record('throttled');
    expect(p.floorMs).toBe(4000);
    p.delay(0);
    p.record('throttled');
    expect(p.floorMs).toBe(8000);
    expect(p.delay(0)).toBe(8000); // ±20 % around the floor; 0.5 is the middle
    p.record('ok');
    expect(p.floorMs).toBeGreaterThan(6500);
    let oks = 1;
    while (p.floorMs > 4000) {
      p.record('ok');
      oks++;
    }
    expect(oks).toBeGreaterThanOrEqual(4); // a halving is won back over several good answers, not one
  });

  it('a transient failure slows it too, by half; neither passes the ceiling', () => {
    const p = adaptivePacer(every(1000), { random: () => 0.5, maxIntervalMs: 30_000 });
    p.delay(0);
    p.record('error');
    expect(p.floorMs).toBe(1500);
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
    p.record('throttled', 7000);
    expect(p.delay(0)).toBe(7000);
    p.record('ok');
    expect(p.delay(0)).toBeLessThan(7000);
  });
});

/**
 * K pollers that each poll on `makePacer`'s schedule against one bucket (burst, refill/s), for `seconds` of
 * virtual time; each poll costs a token or is throttled. Returns the share throttled and the longest time any
 * poller went without a good answer.
 */
function simulate(k: number, makePacer: (i: number) => Pacer, seconds: number, bucket = { burst: 20, refill: 1 }) {
  let tokens = bucket.burst;
  let at = 0;
  const pacers = Array.from({ length: k }, (_, i) => makePacer(i));
  const next = pacers.map((p) => p.delay(0));
  const lastOk = pacers.map(() => 0);
  let calls = 0;
  let throttled = 0;
  let longestGap = 0;
  for (;;) {
    const i = next.indexOf(Math.min(...next));
    const t = next[i]!;
    if (t > seconds * 1000) break;
    tokens = Math.min(bucket.burst, tokens + ((t - at) / 1000) * bucket.refill);
    at = t;
    calls++;
    if (tokens >= 1) {
      tokens--;
      longestGap = Math.max(longestGap, t - lastOk[i]!);
      lastOk[i] = t;
      pacers[i]!.record('ok');
    } else {
      throttled++;
      pacers[i]!.record('throttled');
    }
    next[i] = t + pacers[i]!.delay(t);
  }
  return { share: throttled / calls, longestGap, calls };
}

describe('many pacers, one budget', () => {
  it('20 runs on the generic schedule share 1 call/s: few throttled, none starved', () => {
    for (const seed of [1, 2, 3]) {
      const random = seeded(seed);
      const r = simulate(20, () => adaptivePacer(defaultSchedule, { random }), 300);
      expect(r.share).toBeLessThan(0.3);
      expect(r.longestGap).toBeLessThanOrEqual(60_000);
    }
  });

  it('without the adaptive part (the base schedule alone) most of the same polls are throttled', () => {
    const fixed = (): Pacer => ({ floorMs: 0, delay: (t) => defaultSchedule.next(t), record: () => {} });
    const r = simulate(20, fixed, 300);
    expect(r.share).toBeGreaterThan(0.4);
  });
});
