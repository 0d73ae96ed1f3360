import { describe, expect, it } from 'vitest';
import { SaeError } from '../../../src/sae/errors.js';
import { isAuthoritative, isSafeToResend, isTransient, retryDelay, withRetries } from '../../../src/sae/retry.js';

const api = (code: string, status = 400) =>
  new SaeError({ api: 'UpdateJob', kind: 'api', code, message: '', httpStatus: status });

describe('retry policy', () => {
  it('knows transient from permanent failures', () => {
    for (const e of [
      api('Throttling.User'),
      api('Throttling'),
      api('System.Upgrading'),
      api('InternalError', 500),
      api('X', 503),
      new SaeError({ api: 'A', kind: 'timeout', code: 'RequestTimeout', message: '' }),
      new SaeError({ api: 'A', kind: 'connection', code: 'ECONNRESET', message: '' }),
      new SaeError({ api: 'A', kind: 'format', code: 'HTTP502', message: '', httpStatus: 502 }),
    ]) {
      expect(isTransient(e), e.code).toBe(true);
    }
    for (const e of [
      api('InvalidParameter.WithMessage'),
      api('InvalidApplication.NotFound'),
      api('SignatureDoesNotMatch'),
      api('InvalidAppId.NotFound', 404),
    ]) {
      expect(isTransient(e), e.code).toBe(false);
    }
  });

  it('a name that does not resolve judges the host only at the first call: later it is a resolver hiccup', () => {
    const dns = (code: string) =>
      new SaeError({ api: 'A', kind: 'connection', code, message: '', mayHaveReachedServer: false });
    expect(isAuthoritative(dns('ENOTFOUND'))).toBe(true);
    expect(isTransient(dns('ENOTFOUND'))).toBe(true); // any call after the first retries it
    for (const code of ['EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET'])
      expect(isAuthoritative(dns(code)), code).toBe(false);
    expect(isAuthoritative(api('InvalidApplication.NotFound'))).toBe(true);
    expect(isAuthoritative(api('Throttling.User'))).toBe(false);
    // A code is judged only as SAE's answer: an XML or text answer with a code-like body is not authoritative.
    expect(
      isAuthoritative(new SaeError({ api: 'A', kind: 'format', code: 'InvalidApplication.NotFound', message: '' })),
    ).toBe(false);
  });

  it('resends UpdateJob only when SAE cannot have acted', () => {
    expect(isSafeToResend(api('Throttling.User'))).toBe(true);
    expect(isSafeToResend(api('System.Upgrading'))).toBe(true);
    expect(
      isSafeToResend(
        new SaeError({
          api: 'UpdateJob',
          kind: 'connection',
          code: 'ECONNREFUSED',
          message: '',
          mayHaveReachedServer: false,
        }),
      ),
    ).toBe(true);
    expect(
      isSafeToResend(new SaeError({ api: 'UpdateJob', kind: 'timeout', code: 'RequestTimeout', message: '' })),
    ).toBe(false);
    expect(
      isSafeToResend(new SaeError({ api: 'UpdateJob', kind: 'connection', code: 'ECONNRESET', message: '' })),
    ).toBe(false);
    expect(isSafeToResend(api('InternalError', 500))).toBe(false);
  });

  it('backs off exponentially with full jitter and honours x-acs-retry-after', () => {
    const e = api('ServiceUnavailable', 503);
    expect(retryDelay(0, e, { baseMs: 1000, capMs: 20_000 }, () => 0.999)).toBe(999);
    expect(retryDelay(3, e, { baseMs: 1000, capMs: 20_000 }, () => 0.999)).toBe(7992);
    expect(retryDelay(10, e, { baseMs: 1000, capMs: 20_000 }, () => 0.999)).toBe(19_980);
    expect(retryDelay(0, e, undefined, () => 0)).toBe(0);
    const slow = new SaeError({
      api: 'A',
      kind: 'api',
      code: 'Throttling',
      message: '',
      httpStatus: 400,
      retryAfterMs: 7000,
    });
    expect(retryDelay(0, slow, undefined, () => 0)).toBe(7000);
  });

  it('stops at max-retries and never sleeps past the deadline', async () => {
    let calls = 0;
    let t = 0;
    const fail = async () => {
      calls++;
      throw api('ServiceUnavailable', 503);
    };
    const o = {
      deadline: 1e9,
      shouldRetry: isTransient,
      sleep: async (ms: number) => void (t += ms),
      now: () => t,
      random: () => 0.5,
    };
    await expect(withRetries(fail, { ...o, maxRetries: 3 })).rejects.toMatchObject({ code: 'ServiceUnavailable' });
    expect(calls).toBe(4);
    calls = 0;
    t = 0;
    await expect(withRetries(fail, { ...o, maxRetries: 10, deadline: 3000 })).rejects.toMatchObject({
      code: 'ServiceUnavailable',
    });
    expect(t).toBeLessThan(3000);
  });

  it("throttling does not use up max-retries: it is retried, a little more slowly each time (the long waits are the budget gate's), until the deadline", async () => {
    let calls = 0;
    let t = 0;
    const sleeps: number[] = [];
    const o = {
      shouldRetry: isTransient,
      sleep: async (ms: number) => void (sleeps.push(ms), (t += ms)),
      now: () => t,
      random: () => 0.5,
    };
    const throttledTwenty = async () => {
      if (++calls <= 20) throw api(calls % 2 ? 'Throttling.User' : 'X', 429);
      return 'ok';
    };
    await expect(withRetries(throttledTwenty, { ...o, maxRetries: 0, deadline: 1e9 })).resolves.toBe('ok');
    expect(sleeps.slice(0, 4)).toEqual([1500, 2250, 3000, 3000]);
    expect(Math.max(...sleeps)).toBe(3000);
    calls = 0;
    t = 0;
    const always = async () => {
      calls++;
      throw api('Throttling.User');
    };
    await expect(withRetries(always, { ...o, maxRetries: 0, deadline: 300_000 })).rejects.toMatchObject({
      code: 'Throttling.User',
    });
    expect(calls).toBeGreaterThan(10);
    expect(t).toBeLessThan(300_000);
    // Real errors still count, throttled ones in between do not.
    calls = 0;
    const mixed = async () => {
      calls++;
      throw calls % 2 ? api('Throttling.User') : api('InternalError', 500);
    };
    await expect(withRetries(mixed, { ...o, maxRetries: 2, deadline: 1e9 })).rejects.toMatchObject({
      code: 'InternalError',
    });
    expect(calls).toBe(6);
  });

  it('a throttled retry waits as long as x-acs-retry-after asks', () => {
    const e = new SaeError({
      api: 'A',
      kind: 'api',
      code: 'Throttling.User',
      message: '',
      httpStatus: 400,
      retryAfterMs: 9000,
    });
    expect(retryDelay(0, e, undefined, () => 0)).toBe(9000);
    expect(retryDelay(5, e, undefined, () => 0.99)).toBe(10_782);
    const short = new SaeError({
      api: 'A',
      kind: 'api',
      code: 'Throttling.User',
      message: '',
      httpStatus: 400,
      retryAfterMs: 200,
    });
    expect(retryDelay(4, short, undefined, () => 0)).toBe(200);
  });
});
