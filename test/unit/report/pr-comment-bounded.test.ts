// The pull request comment's GitHub API calls (src/report/pr-comment.ts) under the request bounds, as the action
// makes them (its own fetch, not one a test hands in), against a hostile server in front of the GitHub stand-in:
// a call stalled at connect, at the headers or in the body, or dripped, is given up at its deadline; a cancel
// ends it at once; and either way its connection is closed, socket and all, on Node 20 as on Node 24.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MIN_REQUEST_MS, PAST_DEADLINE_MS } from '../../../src/base/deadline.js';
import { runContext } from '../../../src/report/links.js';
import type { RunReport } from '../../../src/report/model.js';
import { postPlanComment } from '../../../src/report/pr-comment.js';
import { githubApi, startEmulator, type Emulator, type GitHubApi } from '../../emulator/index.js';
import { startHostileServer, type Act, type HostileServer } from '../../helpers/hostile-server.js';
import { recordingIO } from '../../helpers/recording-io.js';

const TOKEN = 'ghs_boundedCommentToken000000000000001';
let sae: Emulator;
let github: GitHubApi;
let hostile: HostileServer;
let dir: string;
beforeAll(async () => {
  sae = await startEmulator();
  github = githubApi({ token: TOKEN });
  sae.handlers.push(github.handler);
  hostile = await startHostileServer(sae.url);
  dir = mkdtempSync(join(tmpdir(), 'sae-comment-bounded-'));
  writeFileSync(join(dir, 'event.json'), JSON.stringify({ number: 7, pull_request: { number: 7 } }));
});
afterAll(async () => {
  await hostile.close();
  await sae.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  hostile.reset();
  github.reset();
});

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

/** The comment posted through the hostile server; the message it failed with, or its URL. */
function post(bounds: Parameters<typeof postPlanComment>[4]): Promise<string> {
  const env = {
    GITHUB_EVENT_PATH: join(dir, 'event.json'),
    GITHUB_REPOSITORY: 'acme/jobs',
    GITHUB_API_URL: hostile.url,
  };
  return postPlanComment(recordingIO([], env), report, TOKEN, async () => undefined, bounds).catch(
    (e: Error) => e.message,
  );
}

describe('the GitHub API, bounded', () => {
  const acts: Act[] = [{ stall: 'connect' }, { stall: 'headers' }, { stall: 'body' }, { drip: { everyMs: 100 } }];
  it.each(acts)('%o on its first call: given up at its deadline, the socket gone', async (act) => {
    hostile.add({ match: () => true, act });
    // Past the run's deadline, 1.5 s before the end of its grace: one call, cut to end with the grace (or
    // given the least a request gets), and no retry after it.
    const now = () => Date.now();
    const started = Date.now();
    const deadline = started - PAST_DEADLINE_MS + 1500;
    const message = await post({ deadline, now });
    expect(message).toMatch(/^POST \/graphql \(viewer\) failed: /);
    expect(hostile.seen.filter((s) => s.act)).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(MIN_REQUEST_MS - 50);
    expect(Date.now() - started).toBeLessThan(1500 + 1000);
    await expect.poll(() => hostile.openSockets(), { timeout: 1000 }).toBe(0);
  });

  it('a cancel ends the call in flight at once, its socket with it', async () => {
    hostile.add({ match: () => true, act: { stall: 'headers' } });
    const cancel = new AbortController();
    setTimeout(() => cancel.abort(), 100);
    const started = Date.now();
    await post({ signal: cancel.signal });
    expect(Date.now() - started).toBeLessThan(500);
    await expect.poll(() => hostile.openSockets(), { timeout: 1000 }).toBe(0);
  });

  it('an answer within the bounds: the comment is posted', async () => {
    expect(await post({})).toMatch(/^http/);
    expect(github.commentsOn('acme/jobs', 7)).toHaveLength(1);
    expect(hostile.openSockets()).toBe(0);
  });
});
