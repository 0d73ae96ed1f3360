// The one retry policy (src/pace/retry-policy.ts) and the clients' predicates on it: the pace of each client, the
// flow-control rule (throttling slows down and does not use up max-retries where a client has a deadline),
// the catalogue's `transient` flag as the list SAE reads are retried on, and the GitHub API's retries
// against the GitHub stand-in of the emulator.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { delayFor, SHORT_PACE, retrying, SAE_THROTTLE_BACKOFF, type Pace } from '../../../src/pace/retry-policy.js';
import { CATALOGUE } from '../../../src/report/catalogue.js';
import { runContext } from '../../../src/report/links.js';
import type { RunReport } from '../../../src/report/model.js';
import { postPlanComment } from '../../../src/report/pr-comment.js';
import { BUSY, DOCUMENTED_TRANSIENT } from '../../../src/sae/codes.js';
import { SaeError } from '../../../src/sae/errors.js';
import { isTransient, retryDelay, withRetries } from '../../../src/sae/retry.js';
import { githubApi, startEmulator, type Emulator, type GitHubApi } from '../../emulator/index.js';
import { recordingIO } from '../../helpers/recording-io.js';

const SAE_LIKE: Pace = {
  backoff: { baseMs: 1000, capMs: 20_000 },
  throttleBackoff: { baseMs: 2000, capMs: 30_000, factor: 4, jitter: 0.5 },
  retryAfter: { follow: 'throttled', spread: 0.2 },
};

describe('delayFor', () => {
  it('grows the ceiling per attempt up to the cap, with the jitter share random', () => {
    expect([0, 1, 2, 5, 9].map((a) => delayFor(a, {}, SAE_LIKE, () => 0.999999))).toEqual([
      999, 1999, 3999, 19_999, 19_999,
    ]);
    expect(delayFor(3, {}, SAE_LIKE, () => 0)).toBe(0); // full jitter may be anything down to zero
    // Equal jitter (throttled): never below half the ceiling.
    expect([0, 1, 2, 3].map((a) => delayFor(a, { throttled: true }, SAE_LIKE, () => 0))).toEqual([
      1000, 4000, 15_000, 15_000,
    ]);
  });

  it("follows a throttled call's hint, spread by up to 20 %; on other failures it is a floor under the backoff", () => {
    expect(delayFor(0, { throttled: true, retryAfterMs: 5000 }, SAE_LIKE, () => 0.5)).toBe(5500);
    expect(delayFor(0, { retryAfterMs: 5000 }, SAE_LIKE, () => 0.5)).toBe(5000);
    expect(delayFor(4, { retryAfterMs: 100 }, SAE_LIKE, () => 0.5)).toBe(8000);
  });

  it('keyless login: the hint as given up to 10 s, a longer one ignored; 1, 2, 4 s at most a quarter shorter', () => {
    expect(delayFor(2, { retryAfterMs: 3000 }, SHORT_PACE, () => 0.9)).toBe(3000);
    expect(delayFor(0, { throttled: true, retryAfterMs: 10_000 }, SHORT_PACE)).toBe(10_000);
    expect(delayFor(0, { retryAfterMs: 60_000 }, SHORT_PACE, () => 0)).toBe(750);
    expect([0, 1, 2].map((a) => delayFor(a, {}, SHORT_PACE, () => 0))).toEqual([750, 1500, 3000]);
    expect([0, 1, 2].map((a) => delayFor(a, {}, SHORT_PACE, () => 0.999999))).toEqual([999, 1999, 3999]);
  });

  it('is what retryDelay gives for SAE (its throttled calls on equal jitter)', () => {
    const throttled = new SaeError({
      api: 'DescribeChangeOrder',
      kind: 'api',
      code: 'Throttling.User',
      message: '',
      httpStatus: 400,
    });
    const hinted = new SaeError({
      api: 'DescribeChangeOrder',
      kind: 'api',
      code: 'Throttling.User',
      message: '',
      httpStatus: 400,
      retryAfterMs: 4000,
    });
    const busy = new SaeError({
      api: 'DescribeChangeOrder',
      kind: 'api',
      code: 'InternalError',
      message: '',
      httpStatus: 500,
    });
    const ceiling = Math.min(
      SAE_THROTTLE_BACKOFF.capMs,
      SAE_THROTTLE_BACKOFF.baseMs * (SAE_THROTTLE_BACKOFF.factor ?? 2),
    );
    for (const r of [0, 0.3, 0.99]) {
      expect(retryDelay(1, throttled, SAE_THROTTLE_BACKOFF, () => r)).toBe(Math.floor(ceiling / 2 + (r * ceiling) / 2));
      expect(retryDelay(0, hinted, SAE_THROTTLE_BACKOFF, () => r)).toBe(Math.floor(4000 * (1 + 0.2 * r)));
      expect(retryDelay(2, busy, undefined, () => r)).toBe(Math.floor(r * 4000));
    }
  });
});

describe('retrying', () => {
  const failing = (errors: unknown[]) => {
    let n = 0;
    return async () => {
      if (n < errors.length) throw errors[n++];
      return 'ok';
    };
  };
  const opts = (o: Partial<Parameters<typeof retrying>[1]> = {}) => {
    const slept: number[] = [];
    let t = 0;
    return {
      slept,
      o: {
        retryable: () => ({}),
        pace: SAE_LIKE,
        maxRetries: 1,
        now: () => t,
        sleep: async (ms: number) => void (slept.push(ms), (t += ms)),
        random: () => 0.5,
        ...o,
      },
    };
  };

  it('does not count throttled calls against maxRetries when the pace has a throttle backoff, and counts them when not', async () => {
    const throttled = Object.assign(new Error('throttled'), { throttled: true });
    const r = opts({ retryable: (e) => ({ throttled: (e as { throttled?: boolean }).throttled }) });
    await expect(retrying(failing([throttled, throttled, throttled, new Error('5xx')]), r.o)).resolves.toBe('ok');
    expect(r.slept).toHaveLength(4);
    const counted = opts({ retryable: () => ({ throttled: true }), pace: SHORT_PACE });
    await expect(retrying(failing([throttled, throttled]), counted.o)).rejects.toBe(throttled);
    expect(counted.slept).toHaveLength(1);
  });

  it('ends at the deadline, on a failure the predicate refuses, and when the run is cancelled', async () => {
    const e = new Error('x');
    const late = opts({ deadline: 500, maxRetries: 5 });
    await expect(retrying(failing([e]), late.o)).rejects.toBe(e);
    expect(late.slept).toEqual([]);
    const refused = opts({ retryable: () => undefined, maxRetries: 5 });
    await expect(retrying(failing([e]), refused.o)).rejects.toBe(e);
    const cancel = new AbortController();
    const cancelled = opts({ maxRetries: 5, signal: cancel.signal, sleep: async () => cancel.abort() });
    await expect(retrying(failing([e, e]), cancelled.o)).rejects.toBe(e);
  });

  it('SAE reads through withRetries keep their rules: throttling never uses max-retries', async () => {
    const t = new SaeError({
      api: 'ListChangeOrders',
      kind: 'api',
      code: 'Throttling.User',
      message: '',
      httpStatus: 400,
    });
    let calls = 0;
    const result = await withRetries(
      async () => {
        if (++calls <= 5) throw t;
        return calls;
      },
      { maxRetries: 0, deadline: Infinity, shouldRetry: isTransient, sleep: async () => {}, now: () => 0 },
    );
    expect(result).toBe(6);
  });
});

describe("the catalogue's transient flag is the list SAE calls are retried on", () => {
  it('marks exactly the documented codes, each with an entry', () => {
    const marked = [...CATALOGUE.values()].filter((e) => e.transient).map((e) => e.code);
    expect(new Set(marked)).toEqual(new Set(DOCUMENTED_TRANSIENT));
  });

  it('isTransient follows it for every catalogued code (BUSY waits for the other order instead)', () => {
    for (const e of CATALOGUE.values()) {
      const err = new SaeError({ api: 'DescribeJob', kind: 'api', code: e.code, message: '', httpStatus: 400 });
      expect(isTransient(err), e.code).toBe(Boolean(e.transient) && e.code !== BUSY);
    }
  });
});

describe('the GitHub API under the policy (comment-on-pr)', () => {
  const REPO = 'acme/jobs';
  const TOKEN = 'ghs_retryPolicyTestToken00000000000001';
  let sae: Emulator;
  let github: GitHubApi;
  let dir: string;
  beforeAll(async () => {
    sae = await startEmulator();
    github = githubApi({ token: TOKEN });
    sae.handlers.push(github.handler);
    dir = mkdtempSync(join(tmpdir(), 'sae-retry-policy-'));
    writeFileSync(join(dir, 'event.json'), JSON.stringify({ number: 7, pull_request: { number: 7 } }));
  });
  afterAll(async () => {
    await sae.close();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => github.reset());

  const post = async (apiUrl = sae.url) => {
    const env = { GITHUB_EVENT_PATH: join(dir, 'event.json'), GITHUB_REPOSITORY: REPO, GITHUB_API_URL: apiUrl };
    const report: RunReport = {
      status: 'dry-run',
      appId: 'app-1',
      region: 'cn-hangzhou',
      durationMs: 0,
      parameters: { AppId: 'app-1' },
      history: [],
      pipelines: [],
      failureDetails: [],
      inputProblems: [],
      context: runContext({}),
    };
    const slept: number[] = [];
    const result = await postPlanComment(recordingIO([], env), report, TOKEN, async (ms) => void slept.push(ms)).then(
      (url) => ({ url }),
      (e: Error) => ({ error: e.message }),
    );
    return { result, slept, calls: github.calls.map((c) => `${c.method} ${c.status}`) };
  };

  const COMMENTS = /\/comments$/;
  it('reads the comments again after a 502', async () => {
    github.failNext('GET', 502, 1, {}, COMMENTS);
    const { result, calls, slept } = await post();
    expect(result).toHaveProperty('url');
    expect(calls).toEqual(['POST 200', 'GET 502', 'GET 200', 'POST 201']);
    expect(slept).toHaveLength(1);
  });

  it('never creates a comment twice after a 5xx (the first may have been made), but does after a 429 with its Retry-After', async () => {
    github.failNext('POST', 502, 1, {}, COMMENTS);
    const lost = await post();
    expect(lost.result).toEqual({ error: 'GitHub answered POST /issues/7/comments with HTTP 502 (Server Error)' });
    expect(lost.calls).toEqual(['POST 200', 'GET 200', 'POST 502']);

    github.reset();
    github.failNext('POST', 429, 1, { 'retry-after': '3' }, COMMENTS);
    const limited = await post();
    expect(limited.result).toHaveProperty('url');
    expect(limited.calls).toEqual(['POST 200', 'GET 200', 'POST 429', 'POST 201']);
    expect(limited.slept).toEqual([3000]);
  });

  it('reads again when no answer came (nothing listening), two retries', async () => {
    const { result, slept } = await post('http://127.0.0.1:1');
    // The first call, the token's identity (a GraphQL query: a read, so sent again).
    expect(result).toMatchObject({ error: expect.stringMatching(/^POST \/graphql \(viewer\) failed: /) });
    expect(slept).toHaveLength(2);
  });

  it('gives up after two retries', async () => {
    github.failNext('GET', 503, 5, {}, COMMENTS);
    const { result, calls } = await post();
    expect(result).toEqual({ error: 'GitHub answered GET /issues/7/comments with HTTP 503 (Server Error)' });
    expect(calls).toEqual(['POST 200', 'GET 503', 'GET 503', 'GET 503']);
  });
});
