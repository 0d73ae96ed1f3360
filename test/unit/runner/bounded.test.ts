// The two request bounds (src/runner/bounded.ts) against a hostile server, for both fetches the action uses:
// the runner's (toolkitFetch, over @actions/http-client's agent) and undici's (the GitHub API's, the tests').
// One deadline covers connect, headers and body; a body over the cap is cut off; a cancel ends the request;
// and in every case the connection is closed, socket and all.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { boundedFetch, NoAnswerInTime, AnswerTooLarge, RequestCancelled } from '../../../src/runner/bounded.js';
import { toolkitFetch } from '../../../src/runner/network.js';
import { startHostileServer, type Act, type HostileServer } from '../../helpers/hostile-server.js';
import { githubOidc, startEmulator, type Emulator } from '../../emulator/index.js';

let sae: Emulator;
let hostile: HostileServer;
let url: string;
beforeAll(async () => {
  sae = await startEmulator();
  const oidc = githubOidc();
  sae.handlers.push(oidc.handler);
  hostile = await startHostileServer(sae.url);
  url = `${hostile.url}/_github/idtoken?api-version=2.0`;
});
afterAll(async () => {
  await hostile.close();
  await sae.close();
});
beforeEach(() => hostile.reset());

const FETCHES = { toolkitFetch, 'undici fetch': globalThis.fetch };
const LIMITS = { service: 'the test server', timeoutMs: 600, maxBytes: 64 * 1024 };

/** The cause a bounded fetch rejected with (a timeout or an oversized body reject like a failed fetch). */
async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e instanceof TypeError && e.cause ? e.cause : e;
  }
  throw new Error('it did not fail');
}

describe.each(Object.entries(FETCHES))('%s, bounded', (_name, inner) => {
  const stalls: Array<[string, Act, 'connect' | 'headers' | 'body']> = [
    ['stalled before the request is read', { stall: 'connect' }, 'headers'],
    ['stalled before the headers', { stall: 'headers' }, 'headers'],
    ['stalled in the body', { stall: 'body' }, 'body'],
    ['dripped a byte every 100 ms', { drip: { everyMs: 100 } }, 'body'],
  ];
  it.each(stalls)('%s: one deadline, then the socket is gone', async (_what, act, stage) => {
    hostile.add({ match: 'OidcToken', act });
    const started = Date.now();
    const cause = await failure(boundedFetch(inner, LIMITS)(url));
    expect(cause).toBeInstanceOf(NoAnswerInTime);
    expect((cause as NoAnswerInTime).stage).toBe(stage);
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
    expect(Date.now() - started).toBeLessThan(1500);
    await expect.poll(() => hostile.openSockets(), { timeout: 1000 }).toBe(0);
  });

  it('a 100 MB body is cut off at the cap, without holding it', async () => {
    hostile.add({ match: 'OidcToken', act: { flood: { bytes: 100 * 1024 * 1024 } } });
    const before = process.memoryUsage().rss;
    const cause = await failure(boundedFetch(inner, { ...LIMITS, timeoutMs: 10_000 })(url));
    expect(cause).toBeInstanceOf(AnswerTooLarge);
    expect((cause as Error).message).toMatch(/larger than 64 KiB/);
    expect(process.memoryUsage().rss - before).toBeLessThan(50 * 1024 * 1024);
    await expect.poll(() => hostile.openSockets(), { timeout: 1000 }).toBe(0);
  });

  it('a cancel ends the request in flight at once', async () => {
    hostile.add({ match: 'OidcToken', act: { stall: 'headers' } });
    const cancel = new AbortController();
    setTimeout(() => cancel.abort(), 100);
    const started = Date.now();
    const e = await failure(boundedFetch(inner, { ...LIMITS, timeoutMs: 10_000, signal: cancel.signal })(url));
    expect(e).toBeInstanceOf(RequestCancelled);
    expect(Date.now() - started).toBeLessThan(500);
    await expect.poll(() => hostile.openSockets(), { timeout: 1000 }).toBe(0);
  });

  it('past the deadline and its grace nothing is sent', async () => {
    const now = () => 1_000_000;
    const cause = await failure(boundedFetch(inner, { ...LIMITS, deadline: () => now() - 6000, now })(url));
    expect(cause).toBeInstanceOf(NoAnswerInTime);
    expect(hostile.seen).toEqual([]);
  });

  it('an answer within the bounds comes whole', async () => {
    const res = await boundedFetch(inner, LIMITS)(url);
    expect(res.status).toBe(401); // no bearer token: the stand-in refuses, in JSON
    expect(await res.json()).toEqual({ message: 'Bad credentials' });
  });
});
