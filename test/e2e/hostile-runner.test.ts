// The runner's side of hostile networks (issue 20, points 4 and 7), through the bundle as GitHub runs it
// (dist/index.js as a child process), a hostile server (test/helpers/hostile-server.ts) in front of the emulator:
// - a cancel (SIGINT or SIGTERM) while a request hangs in flight (UpdateJob, the OIDC token, the pull request
//   comment, ExecJob) ends the process within the runner's grace with a status, an annotation and a summary
//   that say what this run may have left behind;
// - an answer that sends its headers and then a byte every 300 ms cannot keep the process alive;
// - a 100 MB answer is cut off under a small heap.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, it, vi } from 'vitest';
import { GRACE_MS } from '../../src/base/deadline.js';
import { githubApi, githubOidc, startEmulator, stsEmulator, type Emulator } from '../emulator/index.js';
import { runAction, TEST_KEY, type ActionRun } from '../helpers/action.js';
import { startHostileServer, type HostileServer } from '../helpers/hostile-server.js';

const APP = '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa';
const IMAGE = 'registry.cn-hangzhou.aliyuncs.com/ns/job:21';
/** The runner sends SIGKILL 2.5 s after SIGTERM (and SIGTERM 7.5 s after SIGINT): the tighter bound holds for both. */
const RUNNER_GRACE_MS = 2500;

let dir: string;
let prEvent: string;
const TOKEN = 'ghs_hostileRunnerToken0000000000000001';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sae-hostile-runner-'));
  prEvent = join(dir, 'pr.json');
  writeFileSync(prEvent, JSON.stringify({ number: 7, pull_request: { number: 7 } }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// The cases mostly wait (for a signal's effect, for a deadline): all at once, this file's own setting.
vi.setConfig({ maxConcurrency: 6 });
afterAll(() => vi.resetConfig());

/** An emulator and a hostile server in front of it, of this case alone (the cases run at once). */
async function withHostile<T>(go: (h: HostileServer, sae: Emulator) => Promise<T>): Promise<T> {
  const sae = await startEmulator();
  const h = await startHostileServer(sae.url);
  try {
    return await go(h, sae);
  } finally {
    await h.close();
    await sae.close();
  }
}

/** Sends `signal` once the hostile server holds a request of `call` (it is in flight); the time it was sent. */
function cancelWhenHeld(h: HostileServer, call: string, signal: NodeJS.Signals, sent: { at: number }) {
  return (child: ChildProcess) => {
    const t = setInterval(() => {
      if (h.seen.some((s) => s.call === call && s.act)) {
        clearInterval(t);
        // A moment for the request to be wholly in flight (written, and on the server's side held).
        setTimeout(() => {
          sent.at = Date.now();
          child.kill(signal);
        }, 100);
      }
    }, 20);
    child.once('close', () => clearInterval(t));
  };
}

const errorOf = (run: ActionRun) => run.annotations.find((a) => a.level === 'error');

interface InFlight {
  call: string;
  /** The step's inputs and environment, pointed at the hostile server for that call. */
  setUp(h: HostileServer, sae: Emulator): { inputs: Record<string, string>; env?: Record<string, string> };
  status: string;
  says: RegExp;
}

const IN_FLIGHT: InFlight[] = [
  {
    call: 'UpdateJob',
    setUp: (h) => ({ inputs: keys(h.url) }),
    status: 'cancelled',
    says: /after UpdateJob was sent .* may have created a change order/,
  },
  {
    call: 'OidcToken',
    setUp: (h, sae) => {
      const oidc = githubOidc({ repository: 'acme/jobs', ref: 'refs/tags/v1.2.3' });
      const sts = stsEmulator({
        issuer: oidc,
        register: (c) => sae.addCredential(c),
        subjects: ['repo:acme/jobs:ref:refs/tags/*'],
      });
      sae.handlers.splice(0, sae.handlers.length, oidc.handler, sts.handler);
      return {
        inputs: {
          ...base(sae.url),
          'role-to-assume': sts.roleArn,
          'oidc-provider-arn': sts.providerArn,
          'sts-endpoint': sae.url,
        },
        env: { ...oidc.env(h.url), GITHUB_REPOSITORY: 'acme/jobs' },
      };
    },
    status: 'cancelled',
    says: /before it created a change order: nothing was deployed/,
  },
  {
    call: 'GitHub GET',
    setUp: (h, sae) => {
      const github = githubApi({ token: TOKEN });
      sae.handlers.splice(0, sae.handlers.length, github.handler);
      return {
        inputs: { ...keys(sae.url), 'dry-run': 'true', 'comment-on-pr': 'true', 'github-token': TOKEN },
        env: {
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_EVENT_PATH: prEvent,
          GITHUB_REPOSITORY: 'acme/jobs',
          GITHUB_API_URL: h.url,
        },
      };
    },
    status: 'cancelled',
    says: /posted the planned request .* the comment may be missing/,
  },
  {
    call: 'ExecJob',
    setUp: (h) => ({ inputs: { ...keys(h.url), 'run-after-deploy': 'true' } }),
    // The deploy succeeded: that stays its status; the run after it is what was cancelled.
    status: 'succeeded',
    says: /cancelled while ExecJob was being sent .* whether the job run started is not known/,
  },
];

const base = (endpoint: string) => ({ endpoint, region: 'cn-hangzhou', 'app-id': APP, 'image-url': IMAGE });
const keys = (endpoint: string) => ({
  ...base(endpoint),
  'access-key-id': TEST_KEY.id,
  'access-key-secret': TEST_KEY.secret,
});

describe.concurrent('a cancel while a request hangs in flight: the run reports within the runner grace', () => {
  for (const c of IN_FLIGHT) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      it(`${signal} during ${c.call}`, async ({ expect }) => {
        await withHostile(async (h, sae) => {
          sae.setOrderPlan([{ status: 1, forMs: 100 }, { status: 2 }]);
          h.add({ match: c.call, act: { stall: 'headers' } });
          const { inputs, env } = c.setUp(h, sae);
          const sent = { at: 0 };
          const run = await runAction({
            inputs,
            env,
            onSpawn: cancelWhenHeld(h, c.call, signal, sent),
            killAfterMs: 20_000,
          });
          expect(sent.at, `${c.call} was never held in flight`).toBeGreaterThan(0);
          expect(run.signal).toBeNull();
          expect(Date.now() - sent.at).toBeLessThan(RUNNER_GRACE_MS);
          expect(run.code).toBe(1);
          expect(run.outputs.status).toBe(c.status);
          expect(errorOf(run)?.message).toMatch(c.says);
          expect(run.summary).toMatch(/cancel/i);
          expect(run.stderr).toBe('');
          // The request in flight was cut off: no connection stays open.
          await expect.poll(() => h.openSockets(), { timeout: 1000 }).toBe(0);
        });
      });
    }
  }
});

describe.concurrent('an answer that drips or floods cannot hold the process', () => {
  it('headers, then a byte every 300 ms on every poll: the process ends by itself, timed-out', async ({ expect }) => {
    await withHostile(async (h, sae) => {
      sae.setOrderPlan([{ status: 1 }]);
      h.add({ match: 'DescribeChangeOrder', act: { drip: { everyMs: 300 } } });
      const run = await runAction({
        inputs: { ...keys(h.url), 'wait-timeout': '3', 'request-timeout': '2' },
        killAfterMs: 3000 + GRACE_MS + 10_000,
      });
      expect(run.signal).toBeNull();
      expect(run.durationMs).toBeLessThan(3000 + GRACE_MS);
      expect(run.outputs.status).toBe('timed-out');
      expect(errorOf(run)?.message).toMatch(/no complete answer within .* body did not finish/);
    });
  });

  it('the OIDC token endpoint drips (the runner fetch): the process ends by itself, nothing deployed', async ({
    expect,
  }) => {
    await withHostile(async (h, sae) => {
      h.add({ match: 'OidcToken', act: { drip: { everyMs: 300 } } });
      const oidc = githubOidc({ repository: 'acme/jobs', ref: 'refs/tags/v1.2.3' });
      const sts = stsEmulator({
        issuer: oidc,
        register: (c) => sae.addCredential(c),
        subjects: ['repo:acme/jobs:ref:refs/tags/*'],
      });
      sae.handlers.splice(0, sae.handlers.length, oidc.handler, sts.handler);
      const run = await runAction({
        inputs: {
          ...base(sae.url),
          'role-to-assume': sts.roleArn,
          'oidc-provider-arn': sts.providerArn,
          'sts-endpoint': sae.url,
          'wait-timeout': '3',
        },
        env: { ...oidc.env(h.url), GITHUB_REPOSITORY: 'acme/jobs' },
        killAfterMs: 3000 + GRACE_MS + 10_000,
      });
      expect(run.signal).toBeNull();
      expect(run.durationMs).toBeLessThan(3000 + GRACE_MS);
      expect(run.code).toBe(1);
      expect(errorOf(run)).toMatchObject({ title: 'Credentials.OidcTokenFailed' });
      expect(sae.calls('UpdateJob')).toHaveLength(0);
    });
  });

  it('100 MB answers under a 64 MB heap: cut off at the cap, a clear error, no crash', async ({ expect }) => {
    await withHostile(async (h, sae) => {
      sae.setOrderPlan([{ status: 1 }]);
      h.add({ match: 'DescribeChangeOrder', act: { flood: { bytes: 100 * 1024 * 1024 } } });
      const run = await runAction({
        inputs: { ...keys(h.url), 'wait-timeout': '3' },
        env: { NODE_OPTIONS: '--max-old-space-size=64' },
        killAfterMs: 3000 + GRACE_MS + 10_000,
      });
      expect(run.stderr).not.toMatch(/heap out of memory|FATAL/i);
      expect(run.signal).toBeNull();
      expect(run.outputs.status).toBe('timed-out');
      expect(errorOf(run)?.message).toMatch(/InvalidResponse\.TooLarge: SAE's answer was larger than 2 MiB/);
    });
  });
});
