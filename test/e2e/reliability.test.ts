// Fault injection against the emulator: the action must never report success for a deploy that did not
// happen, never hang, never make two change orders for one run, and never print a secret. In-process (run(deps))
// on a virtual clock the emulator shares; cancellation (signals) and secrets under the runner's masks through the
// bundle (dist/index.js as a child process). docs/reliability.md lists these scenarios; keep the names in step.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../emulator/index.js';
import { emulatorInputs, FAST, useEmulator, visibleLog, type ActionRun } from '../helpers/action.js';
import { wallClock } from '../helpers/virtual-clock.js';

const APP = '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa';
// In-process through run(deps) on a virtual clock shared with the emulator; what only the bundle shows
// (signals, the runner's masks) runs the bundle (h.bundle).
const h = useEmulator({ plan: FAST });

const deploy = (extra: Record<string, string> = {}, env: Record<string, string> = {}) =>
  h.run({
    inputs: emulatorInputs(h.sae.url, {
      'app-id': APP,
      'image-url': 'registry.cn-hangzhou.aliyuncs.com/ns/job:7',
      ...extra,
    }),
    env,
  });

const ordersCreated = () => [...h.sae.changeOrders.values()].filter((o) => o.source === 'UpdateJob');
const errorOf = (run: ActionRun) => run.annotations.find((a) => a.level === 'error');

function expectSucceeded(run: ActionRun): void {
  expect(run.stderr).toBe('');
  expect(errorOf(run)).toBeUndefined();
  expect(run.outputs.status).toBe('succeeded');
  expect(run.code).toBe(0);
}

describe('retries', () => {
  it('throttled UpdateJob is retried, honouring x-acs-retry-after, and one order is made', async () => {
    h.sae.script({ api: 'UpdateJob', times: 2, error: { status: 400, code: 'Throttling.User', retryAfterMs: 1200 } });
    const run = await deploy();
    expectSucceeded(run);
    const calls = h.sae.calls('UpdateJob');
    expect(calls.map((c) => c.status)).toEqual([400, 400, 200]);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(1200);
    expect(ordersCreated()).toHaveLength(1);
  });

  it('System.Upgrading is retried', async () => {
    h.sae.script({ api: 'UpdateJob', error: { status: 400, code: 'System.Upgrading' } });
    expectSucceeded(await deploy());
    expect(h.sae.calls('UpdateJob')).toHaveLength(2);
  });

  it('gives up after max-retries with the code and the fix', async () => {
    h.sae.script({ api: 'UpdateJob', times: 5, error: { status: 400, code: 'System.Upgrading' } });
    const run = await deploy({ 'max-retries': '1' });
    expect(run.code).toBe(1);
    expect(h.sae.calls('UpdateJob')).toHaveLength(2);
    expect(errorOf(run)).toMatchObject({ title: 'System.Upgrading' });
    expect(errorOf(run)!.message).toContain('max-retries');
    expect(run.outputs['error-code']).toBe('System.Upgrading');
  });

  it('connection refused is retried, then fails clearly', async () => {
    const port = await closedPort();
    const run = await h.run({
      inputs: emulatorInputs(`http://127.0.0.1:${port}`, { 'app-id': APP, 'max-retries': '1' }),
    });
    expect(run.code).toBe(1);
    expect(errorOf(run)!.title).toBe('ECONNREFUSED');
    expect(run.stdout).toMatch(/retry 1/);
  });

  it('5xx and HTML answers while polling only cost a poll', async () => {
    h.sae.script({ api: 'DescribeChangeOrder', times: 2, html: 502 });
    h.sae.script({ api: 'DescribeChangeOrder', text: { status: 500, body: 'upstream error' } });
    expectSucceeded(await deploy());
  });
});

describe('one run, one change order', () => {
  it('UpdateJob carried out but the connection reset: the order is found, not made twice', async () => {
    h.sae.script({ api: 'UpdateJob', acceptThenReset: true });
    const run = await deploy();
    expectSucceeded(run);
    expect(h.sae.calls('UpdateJob')).toHaveLength(1);
    expect(ordersCreated()).toHaveLength(1);
    expect(run.outputs['change-order-id']).toBe(ordersCreated()[0]!.changeOrderId);
    expect(run.stdout).toContain('answer was lost');
  });

  it('a 502 from a proxy before SAE: no order was made, so UpdateJob is sent again', async () => {
    h.sae.script({ api: 'UpdateJob', html: 502 });
    const run = await deploy();
    expectSucceeded(run);
    expect(h.sae.calls('UpdateJob').map((c) => c.status)).toEqual([502, 200]);
    expect(ordersCreated()).toHaveLength(1);
  });

  it('UpdateJob times out: SAE acts late, still one order', async () => {
    // Lands 0.8 s after the client gave up (request-timeout 1 s), inside the 2 s grace period (the virtual
    // clock stands still while the emulator still handles the late request).
    h.sae.script({ api: 'UpdateJob', delayMs: 1800 });
    const run = await deploy({ 'request-timeout': '1' });
    expectSucceeded(run);
    await h.sae.idle(); // let the late request land
    expect(ordersCreated()).toHaveLength(1);
    expect(run.outputs['change-order-id']).toBe(ordersCreated()[0]!.changeOrderId);
  });

  it('accepted without a ChangeOrderId: the order is looked up and followed', async () => {
    h.sae.script({ api: 'UpdateJob', missingData: 'ChangeOrderId' });
    const run = await deploy();
    expectSucceeded(run);
    expect(run.outputs['change-order-id']).toBe(ordersCreated()[0]!.changeOrderId);
  });

  it('accepted without Data at all: the same', async () => {
    h.sae.script({ api: 'UpdateJob', missingData: true });
    expectSucceeded(await deploy());
  });
});

describe('busy template', () => {
  it('if-busy: wait follows the other order to its end, then deploys once', async () => {
    const other = h.sae.startOrder(APP, [{ status: 1, forMs: 1500 }, { status: 2 }]);
    const run = await deploy();
    expectSucceeded(run);
    expect(run.stdout).toContain(`changeOrderId=${other}`);
    expect(h.sae.calls('UpdateJob').map((c) => c.code ?? c.status)).toEqual(['Application.ChangerOrderRunning', 200]);
    expect(run.outputs['change-order-id']).not.toBe(other);
    expect(ordersCreated()).toHaveLength(1);
  });

  it('if-busy: fail fails at once with a link to the running order', async () => {
    const other = h.sae.startOrder(APP, [{ status: 1, forMs: 60_000 }, { status: 2 }]);
    const run = await deploy({ 'if-busy': 'fail' });
    expect(run.code).toBe(1);
    const error = errorOf(run)!;
    expect(error.title).toBe('Application.ChangerOrderRunning');
    expect(error.message).toContain(`changeOrderId=${other}`);
    expect(run.durationMs).toBeLessThan(5000);
  });

  it('two runs started together on one template both end correctly, each with its own order', async () => {
    const [a, b] = await Promise.all([deploy(), deploy()]);
    expectSucceeded(a);
    expectSucceeded(b);
    const ids = ordersCreated()
      .map((o) => o.changeOrderId)
      .sort();
    expect(ids).toHaveLength(2);
    expect([a.outputs['change-order-id'], b.outputs['change-order-id']].sort()).toEqual(ids);
  });

  it('the other order outlasts wait-timeout: no second UpdateJob, a clear failure', async () => {
    h.sae.startOrder(APP, [{ status: 1, forMs: 60_000 }, { status: 2 }]);
    const run = await deploy({ 'wait-timeout': '2' });
    expect(run.code).toBe(1);
    expect(h.sae.calls('UpdateJob')).toHaveLength(1);
    expect(errorOf(run)!.message).toMatch(/still running .* wait-timeout/);
  });
});

describe('timeouts', () => {
  it('a stuck order: timed-out within wait-timeout plus a small margin, left running', async () => {
    h.sae.setOrderPlan([{ status: 1 }]);
    const run = await deploy({ 'wait-timeout': '3' });
    expect(run.code).toBe(1);
    expect(run.outputs.status).toBe('timed-out');
    expect(run.durationMs).toBeLessThan(3000 + 2500);
    expect(h.sae.calls('AbortChangeOrder')).toEqual([]);
    expect(errorOf(run)!.title).toBe('ChangeOrder.TimedOut');
  });

  it('on-timeout: abort aborts the order and says it took', async () => {
    h.sae.setOrderPlan([{ status: 1 }]);
    const run = await deploy({ 'wait-timeout': '2', 'on-timeout': 'abort' });
    expect(run.code).toBe(1);
    expect(run.outputs.status).toBe('aborted');
    expect(h.sae.calls('AbortChangeOrder')).toHaveLength(1);
    expect(errorOf(run)!.message).toContain('accepted the abort');
  });

  it('a slow SAE cannot stretch the step past wait-timeout', async () => {
    // The slow answers and the client's socket timeouts are wall time; an emulator of its own, as its
    // answers stay pending long after the run.
    const slow = await startEmulator({ orderPlan: [{ status: 1 }] });
    try {
      slow.script({ api: 'DescribeChangeOrder', times: 20, delayMs: 20_000 });
      const run = await h.run({
        clock: wallClock,
        inputs: emulatorInputs(slow.url, {
          'app-id': APP,
          'image-url': 'registry.cn-hangzhou.aliyuncs.com/ns/job:7',
          'wait-timeout': '3',
        }),
      });
      expect(run.code).toBe(1);
      expect(run.durationMs).toBeLessThan(3000 + 7000);
    } finally {
      await slow.close();
    }
  });
});

describe('malformed answers', () => {
  it("2xx with Success:false is a failure with SAE's code", async () => {
    h.sae.script({
      api: 'UpdateJob',
      successFalse: { code: 'InvalidParameter.Obviously', message: 'The specified parameter is invalid {ImageUrl}.' },
    });
    const run = await deploy();
    expect(run.code).toBe(1);
    expect(errorOf(run)).toMatchObject({ title: 'InvalidParameter.Obviously' });
    expect(run.outputs.status).toBe('failed');
  });

  it('invalid JSON that persists while polling ends as timed-out at wait-timeout, naming it: not a success, a failure or a hang', async () => {
    h.sae.script({ api: 'DescribeChangeOrder', times: 50, badJson: true });
    const run = await deploy({ 'wait-timeout': '4' });
    expect(run.code).toBe(1);
    expect(run.outputs.status).toBe('timed-out');
    expect(errorOf(run)!.message).toContain('InvalidResponse.Json');
    expect(errorOf(run)!.message).toContain('may still succeed');
    expect(run.durationMs).toBeLessThan(4000 + 2500);
    expect(run.stderr).toBe('');
  });

  it('an unknown status is warned about once and polling goes on', async () => {
    h.sae.setOrderPlan([{ status: 1, forMs: 1500 }, { status: 2 }]);
    h.sae.script({ api: 'DescribeChangeOrder', times: 2, status: 42 });
    const run = await deploy();
    expectSucceeded(run);
    expect(run.annotations.filter((a) => a.title === 'Unknown status')).toHaveLength(1);
  });

  it('ids that json-bigint turns into BigNumbers are read as text', async () => {
    h.sae.script({ api: '*', times: 20, bigIds: true });
    expectSucceeded(await deploy());
  });

  it('no stack trace on any failure', async () => {
    h.sae.script({ api: 'UpdateJob', text: { status: 404, body: 'Not Found' } });
    const run = await deploy({ 'max-retries': '0' });
    expect(run.code).toBe(1);
    expect(visibleLog(run)).not.toMatch(/\n\s+at .*\(/);
  });
});

/** Runs the action and sends it a signal, as the runner does on cancel, once its log shows `text`. */
async function cancelWhen(
  text: string,
  signal: NodeJS.Signals,
  inputs: Record<string, string>,
): Promise<{ run: ActionRun; exitAfterMs: number }> {
  let sent = 0;
  const run = await h.bundle({
    inputs: emulatorInputs(h.sae.url, { 'app-id': APP, ...inputs }),
    onSpawn: (child) => {
      child.stdout!.on('data', (d: Buffer) => {
        if (!sent && d.toString().includes(text)) {
          sent = Date.now();
          child.kill(signal);
        }
      });
    },
  });
  expect(sent, `the log never showed "${text}"`).toBeGreaterThan(0);
  return { run, exitAfterMs: Date.now() - sent };
}

describe('cancellation', () => {
  it('SIGINT while waiting: logs the order and its state, exits promptly', async () => {
    h.sae.setOrderPlan([{ status: 1 }]);
    const { run, exitAfterMs } = await cancelWhen('executing', 'SIGINT', {});
    expect(exitAfterMs).toBeLessThan(3000);
    expect(run.code).toBe(1);
    expect(run.outputs.status).toBe('cancelled');
    expect(errorOf(run)!.message).toMatch(/cancelled while change order .* was executing/);
    expect(errorOf(run)!.message).toContain('https://sae.console.aliyun.com/');
    expect(run.summary).toContain('cancelled');
  });

  it('SIGTERM during a retry backoff: nothing is sent again, nothing deployed', async () => {
    h.sae.script({ api: 'UpdateJob', times: 5, error: { status: 400, code: 'Throttling.User', retryAfterMs: 20_000 } });
    const { run, exitAfterMs } = await cancelWhen('retry 1', 'SIGTERM', { 'image-url': 'r.example.com/ns/job:9' });
    expect(exitAfterMs).toBeLessThan(3000);
    expect(run.code).toBe(1);
    expect(run.outputs.status).toBe('cancelled');
    expect(h.sae.calls('UpdateJob')).toHaveLength(1);
    expect(ordersCreated()).toHaveLength(0);
    expect(errorOf(run)!.message).toContain('nothing was deployed');
  });
});

describe('secrets', () => {
  const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
  const secrets = { key: `SecretAk${unique}`, token: `StsToken${unique}`, oss: `OssSecret${unique}` };

  it.each(['succeeds', 'fails'])(
    'never appear in logs, outputs, summary or annotations, with debug on (run %s)',
    async (path) => {
      h.sae.addCredential({ accessKeyId: `STS.${unique}`, accessKeySecret: secrets.key, securityToken: secrets.token });
      if (path === 'fails')
        h.sae.setOrderPlan([
          { status: 1, forMs: 200 },
          {
            status: 3,
            errorMessage: `boom ${secrets.oss}`,
            failedTask: { stage: 'S', task: 'T', code: 'E', message: `token ${secrets.token}` },
          },
        ]);
      // Through the bundle: the runner's own masks and the seam's scrub of every form of a secret.
      const run = await h.bundle({
        inputs: emulatorInputs(h.sae.url, {
          'app-id': APP,
          'access-key-id': `STS.${unique}`,
          'access-key-secret': secrets.key,
          'security-token': secrets.token,
          'oss-ak-id': 'LTAI5tOss',
          'oss-ak-secret': secrets.oss,
          'oss-mount-descs': '[{"bucketName":"b","bucketPath":"d/","mountPath":"/data","readOnly":true}]',
        }),
        env: { RUNNER_DEBUG: '1', ACTIONS_STEP_DEBUG: 'true', DEBUG: '*' },
      });
      expect(run.code).toBe(path === 'succeeds' ? 0 : 1);
      expect(h.sae.calls('UpdateJob')[0]!.headers['x-acs-security-token']).toBe(secrets.token);
      const everything = [
        visibleLog(run),
        JSON.stringify(run.outputs),
        run.summary,
        JSON.stringify(run.annotations),
      ].join('\n');
      for (const s of Object.values(secrets)) {
        expect(everything).not.toContain(s);
        expect(run.stdout).toContain(`::add-mask::${s}`);
      }
    },
  );
});

describe('endpoint safety', () => {
  it('plain http:// to a host that is not loopback is refused before any connection', async () => {
    const run = await h.run({ inputs: emulatorInputs('http://sae.cn-hangzhou.aliyuncs.com', { 'app-id': APP }) });
    expect(run.code).toBe(1);
    expect(errorOf(run)).toMatchObject({ title: 'Input.Invalid' });
    expect(errorOf(run)!.message).toMatch(/^endpoint .*not loopback/);
    expect(run.stdout).not.toContain('Signing with credentials');
  });

  it('the same holds for sts-endpoint', async () => {
    const run = await h.run({
      inputs: {
        'app-id': APP,
        endpoint: h.sae.url,
        region: 'cn-hangzhou',
        'role-to-assume': 'acs:ram::1:role/r',
        'oidc-provider-arn': 'acs:ram::1:oidc-provider/gh',
        'sts-endpoint': 'http://sts.example.com',
      },
      env: { ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:1/token?x=1', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't' },
    });
    expect(run.code).toBe(1);
    expect(errorOf(run)!.message).toMatch(/^sts-endpoint .*not loopback/);
    expect(h.sae.requests).toEqual([]);
  });
});

/** A loopback port with nothing listening. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

// Many deploys share one account's API budget: throttling slows a run down, it never fails a deploy.
describe('many deploys at once', () => {
  it('throttled at UpdateJob more often than max-retries: retried as SAE asks, one order, succeeded', async () => {
    h.sae.script({ api: 'UpdateJob', times: 4, error: { status: 400, code: 'Throttling.User', retryAfterMs: 300 } });
    const run = await deploy({ 'max-retries': '0' });
    expectSucceeded(run);
    const calls = h.sae.calls('UpdateJob');
    expect(calls.map((c) => c.status)).toEqual([400, 400, 400, 400, 200]);
    for (let i = 1; i < calls.length; i++) expect(calls[i]!.at - calls[i - 1]!.at).toBeGreaterThanOrEqual(300);
    expect(ordersCreated()).toHaveLength(1);
  });

  it('throttled on every poll until wait-timeout: timed-out, not failed, with the last state, the link and "may still succeed"', async () => {
    h.sae.setOrderPlan([{ status: 1 }]);
    // The account's budget: enough for the plan's DescribeJob, the pre-list, UpdateJob and one poll, then empty for good.
    h.sae.setFlowControl({ burst: 4, refillPerSecond: 0 });
    const run = await deploy({ 'wait-timeout': '6' });
    expect(run.code).toBe(1);
    expect(run.outputs.status).toBe('timed-out');
    expect(run.outputs['error-code']).toBe('ChangeOrder.TimedOut');
    const message = errorOf(run)!.message;
    expect(message).toContain('may still succeed');
    expect(message).toContain('last state seen was executing');
    expect(message).toContain('Throttling.User');
    expect(message).toContain(run.outputs['change-order-url']!);
    expect(h.sae.calls('DescribeChangeOrder').filter((c) => c.code === 'Throttling.User').length).toBeGreaterThan(1);
    expect(run.durationMs).toBeLessThan(6000 + 2500);
  });

  it('parallel runs on one small budget: every one succeeds with one order of its own', async () => {
    const apps = ['1', '2', '3', '4'].map((n) => `7171a6ca-d1cd-4928-8642-7d5cfe69000${n}`);
    const shared = await startEmulator({
      apps: apps.map((appId) => ({ appId })),
      flowControl: { burst: 6, refillPerSecond: 1 },
      now: h.clock.now,
    });
    try {
      shared.setOrderPlan([{ status: 0, forMs: 200 }, { status: 1, forMs: 2800 }, { status: 2 }]);
      // Four runs at once in this process, on one virtual clock: time moves when all four wait.
      const runs = await Promise.all(
        apps.map((app) =>
          h.run({
            inputs: emulatorInputs(shared.url, {
              'app-id': app,
              'image-url': 'registry.cn-hangzhou.aliyuncs.com/ns/job:7',
              'max-retries': '0',
            }),
          }),
        ),
      );
      for (const run of runs) expectSucceeded(run);
      const throttled = shared.requests.filter((r) => r.code === 'Throttling.User');
      expect(throttled.length).toBeGreaterThan(0); // the budget was really short
      for (const app of apps) expect([...shared.changeOrders.values()].filter((o) => o.appId === app)).toHaveLength(1);
      expect(new Set(runs.map((r) => r.outputs['change-order-id'])).size).toBe(apps.length);
    } finally {
      await shared.close();
    }
  }, 90_000);
});
