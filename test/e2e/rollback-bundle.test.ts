// on-failure: rollback through the bundle (dist/index.js) as the runner runs it, on the wall clock: each trigger,
// another deploy in between, a lost answer on the rollback's UpdateJob, and SIGTERM during the rollback. Each test
// has an emulator of its own, so they run side by side.
import { afterAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_APP_ID as APP,
  startEmulator,
  type Emulator,
  type EmulatorOptions,
  type OrderStep,
} from '../emulator/index.js';
import { emulatorInputs, runAction, visibleLog, type ActionRun, type RunOptions } from '../helpers/action.js';

const OLD = 'registry.cn-hangzhou.aliyuncs.com/ns/job:old';
const NEW = 'registry.cn-hangzhou.aliyuncs.com/ns/job:new';
const BEFORE = { ImageUrl: OLD, Replicas: '1', Timezone: 'Asia/Shanghai' };
const FAST: OrderStep[] = [{ status: 1, forMs: 300 }, { status: 2 }];
const ends = (status: number): OrderStep[] => [{ status: 1, forMs: 300 }, { status }];

const emulators: Emulator[] = [];
afterAll(() => Promise.all(emulators.map((e) => e.close())));

async function emulator(o: EmulatorOptions = {}): Promise<Emulator> {
  const sae = await startEmulator({ orderPlan: FAST, apps: [{ appId: APP, settings: BEFORE }], ...o });
  emulators.push(sae);
  return sae;
}

const deploy = (sae: Emulator, extra: Record<string, string> = {}, o: RunOptions = {}): Promise<ActionRun> =>
  runAction({
    inputs: emulatorInputs(sae.url, {
      'app-id': APP,
      'image-url': NEW,
      replicas: '3',
      'on-failure': 'rollback',
      ...extra,
    }),
    env: { GITHUB_REPOSITORY: 'acme/jobs', GITHUB_RUN_ID: '7', GITHUB_RUN_ATTEMPT: '1' },
    killAfterMs: 60_000,
    ...o,
  });

const titled = (run: ActionRun, title: string) => run.annotations.filter((a) => a.title === title);
const own = (sae: Emulator) => [...sae.changeOrders.values()].filter((c) => c.source === 'UpdateJob');

/** Rolled back and proven: the template as before, the outputs, the notice, the summary's headline. */
function expectRolledBack(run: ActionRun, sae: Emulator, status: string): void {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(1);
  expect(run.outputs.status).toBe(status);
  expect(run.outputs['rolled-back']).toBe('true');
  expect(sae.template(APP)).toEqual(BEFORE);
  const [deployed, rollback] = own(sae);
  expect(rollback!.patch).toEqual({ ImageUrl: OLD, Replicas: '1' });
  expect(sae.calls('DescribeJob').at(-1)!.at).toBeGreaterThanOrEqual(rollback!.createdAt + 300);
  expect(titled(run, 'Rolled back')[0]!.message).toContain(rollback!.changeOrderId);
  expect(run.summary).toMatch(/^## ↩️ /);
  for (const o of [deployed!, rollback!]) expect(run.summary.split('\n')[2]).toContain(o.changeOrderId);
}

describe.concurrent('on-failure: rollback through the bundle', () => {
  it.each([
    ['failed', 3],
    ['terminated', 6],
    ['a system error', 10],
  ] as const)('after a change order that ended %s', async (_name, status) => {
    const sae = await emulator({ failedOrdersApply: true });
    sae.queueOrderPlans([ends(status)]);
    expectRolledBack(await deploy(sae), sae, 'failed');
  });

  it('after an order this step aborted when wait-timeout ran out', async () => {
    const sae = await emulator({ failedOrdersApply: true });
    sae.queueOrderPlans([[{ status: 1 }]]);
    const run = await deploy(sae, { 'wait-timeout': '2', 'on-timeout': 'abort' });
    expect(sae.calls('AbortChangeOrder')).toHaveLength(1);
    expectRolledBack(run, sae, 'aborted');
  });

  it.each([
    [
      'fails',
      [
        { state: '3', active: 1, forMs: 300 },
        { state: '2', failed: 1 },
      ],
      {},
      'failed',
    ],
    ['outlasts run-timeout', [{ state: '3', active: 1 }], { 'run-timeout': '2' }, 'timed-out'],
  ] as const)('after a job run that %s', async (_name, plan, extra, jobStatus) => {
    const sae = await emulator({ jobPlan: [...plan] });
    const run = await deploy(sae, { 'run-after-deploy': 'true', ...extra });
    expect(run.outputs['job-status']).toBe(jobStatus);
    expectRolledBack(run, sae, 'succeeded');
  });

  it('not over another deploy that changed the template between this step and its rollback', async () => {
    const sae = await emulator({ failedOrdersApply: true });
    sae.queueOrderPlans([ends(3)]);
    const other = 'registry.cn-hangzhou.aliyuncs.com/ns/job:other';
    sae.afterNextOrder({ plan: [{ status: 1, forMs: 500 }, { status: 2 }], settings: { ImageUrl: other } });
    const run = await deploy(sae);
    expect(run.code).toBe(1);
    expect(run.outputs['rolled-back']).toBe('false');
    expect(own(sae)).toHaveLength(1);
    expect(sae.template(APP)).toMatchObject({ ImageUrl: other, Replicas: '3' });
    expect(titled(run, 'Rollback.Skipped')[0]!.message).toContain(`ImageUrl holds ${other}`);
  });

  it("a lost answer on the rollback's UpdateJob: its order is found and proven, never sent twice", async () => {
    const sae = await emulator({ failedOrdersApply: true });
    sae.queueOrderPlans([ends(3)]);
    sae.script({ api: 'UpdateJob', skip: 1, acceptThenReset: true });
    const run = await deploy(sae);
    expect(visibleLog(run)).toMatch(/UpdateJob's answer was lost, but SAE created change order/);
    expect(own(sae)).toHaveLength(2);
    expectRolledBack(run, sae, 'failed');
  });

  it("SIGTERM during the rollback: the step reports the rollback's change order and that it may still be running", async () => {
    const sae = await emulator({ failedOrdersApply: true });
    sae.queueOrderPlans([ends(3), [{ status: 1 }]]);
    let signalled = 0;
    const run = await deploy(
      sae,
      {},
      {
        onSpawn: (child) => {
          let out = '';
          child.stdout!.on('data', (d: Buffer) => {
            out += d.toString();
            if (!signalled && /Rollback change order \S+ created/.test(out)) {
              signalled = performance.now();
              child.kill('SIGTERM');
            }
          });
        },
      },
    );
    const ended = performance.now();
    expect(signalled).toBeGreaterThan(0);
    expect(ended - signalled).toBeLessThan(5000); // the runner kills a step soon after SIGTERM
    expect(run.code).toBe(1);
    expect(run.outputs.status).toBe('failed');
    expect(run.outputs['rolled-back']).toBe('false');
    const rollback = own(sae)[1]!;
    const [e] = titled(run, 'Rollback.Cancelled');
    expect(e!.message).toContain(
      `the rollback's change order ${rollback.changeOrderId} was running: it may still be running`,
    );
    expect(run.summary).toMatch(/\*\*may still be running\*\*/);
  });
});
