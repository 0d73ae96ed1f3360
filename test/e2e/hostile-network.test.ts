// Every network call the action makes, against a server that stalls it (at connect, at the headers, in the
// body) or drips its answer a byte every 300 ms (issue 20, point 4): in-process through run(deps), on the
// wall clock (the stalls are real time), a hostile server (test/helpers/hostile-server.ts) in front of the
// emulator's service the call goes to. Each run must end by itself within its deadline plus the stated grace
// (src/base/deadline.ts), leave no connection open, report nothing it did not see (success only for this
// run's own order, with its values in the template), make at most one order, and never fail internally.
import { afterAll, describe, it, vi, type ExpectStatic } from 'vitest';
import { GRACE_MS } from '../../src/base/deadline.js';
import { githubOidc } from '../emulator/github.js';
import { startEmulator, type Emulator, type JobRunStep, type OrderStep } from '../emulator/index.js';
import { orderState } from '../emulator/change-orders.js';
import { stsEmulator } from '../emulator/sts.js';
import { TEST_KEY, visibleLog, type ActionRun } from '../helpers/action.js';
import { startHostileServer, type Act, type HostileServer } from '../helpers/hostile-server.js';
import { runInProcess, wallClock } from '../helpers/in-process.js';

const APP = '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa';
const IMAGE = 'registry.cn-hangzhou.aliyuncs.com/ns/job:20';
// Long enough that the calls before the one under test end well inside it on a loaded CI machine (40 runs at once
// on two cores: with 2 s, a run-after case sometimes ran out before it reached its call).
const WAIT_S = 6;
const RUN_S = 6;
const OK: OrderStep[] = [{ status: 1, forMs: 150 }, { status: 2 }];
const FAILS: OrderStep[] = [
  { status: 1, forMs: 150 },
  {
    status: 3,
    errorMessage: 'boom',
    failedTask: { stage: 'Deploy', task: 'Pull image', code: 'Image.Pull', message: 'no such image' },
  },
];
const STUCK: OrderStep[] = [{ status: 1 }];
const JOB_OK: JobRunStep[] = [
  { state: '3', forMs: 150, active: 1 },
  { state: '1', succeeded: 1 },
];

/** A call of the action, and the run that makes it. */
interface Call {
  call: string;
  /** Where the hostile server stands: in front of SAE (default), STS or the OIDC token endpoint. */
  service?: 'sae' | 'sts' | 'oidc';
  plan?: OrderStep[];
  inputs?: Record<string, string>;
  /** The run after the deploy has its own deadline, run-timeout, after the deploy's. */
  runAfter?: boolean;
}

const CALLS: Call[] = [
  { call: 'DescribeJob' },
  { call: 'ListChangeOrders' },
  { call: 'UpdateJob' },
  { call: 'DescribeChangeOrder' },
  { call: 'DescribePipeline', plan: FAILS },
  { call: 'AbortChangeOrder', plan: STUCK, inputs: { 'on-timeout': 'abort' } },
  { call: 'ExecJob', runAfter: true },
  { call: 'DescribeJobStatus', runAfter: true },
  { call: 'AssumeRoleWithOIDC', service: 'sts' },
  { call: 'OidcToken', service: 'oidc' },
];
const ACTS: Act[] = [{ stall: 'connect' }, { stall: 'headers' }, { stall: 'body' }, { drip: { everyMs: 300 } }];
const actName = (a: Act) => ('stall' in a ? `stall at ${a.stall}` : 'drip');

/** One emulator and one hostile server per case (the cases run at once), closed when it ends. */
async function setUp(
  c: Call,
  act: Act,
  onTestFinished: (fn: () => Promise<void>) => void,
): Promise<{ sae: Emulator; hostile: HostileServer; run: () => Promise<ActionRun> }> {
  const sae = await startEmulator({ now: () => Date.now() });
  onTestFinished(() => sae.close());
  sae.setOrderPlan(c.plan ?? OK);
  sae.setJobPlan(JOB_OK);
  const oidc = githubOidc({ repository: 'acme/jobs', ref: 'refs/tags/v1.2.3' });
  const sts = stsEmulator({
    issuer: oidc,
    register: (k) => sae.addCredential(k),
    subjects: ['repo:acme/jobs:ref:refs/tags/*'],
  });
  sae.handlers.push(oidc.handler, sts.handler);
  const hostile = await startHostileServer(sae.url);
  onTestFinished(() => hostile.close());
  hostile.add({ match: c.call, act });
  const service = c.service ?? 'sae';
  const keyless = service !== 'sae';
  const inputs: Record<string, string> = {
    endpoint: service === 'sae' ? hostile.url : sae.url,
    region: 'cn-hangzhou',
    'app-id': APP,
    'image-url': IMAGE,
    'wait-timeout': String(WAIT_S),
    'request-timeout': '1',
    'max-retries': '1',
    ...(keyless
      ? {
          'role-to-assume': sts.roleArn,
          'oidc-provider-arn': sts.providerArn,
          'sts-endpoint': service === 'sts' ? hostile.url : sae.url,
        }
      : { 'access-key-id': TEST_KEY.id, 'access-key-secret': TEST_KEY.secret }),
    ...(c.runAfter ? { 'run-after-deploy': 'true', 'run-timeout': String(RUN_S) } : {}),
    ...c.inputs,
  };
  const env = keyless
    ? { ...oidc.env(service === 'oidc' ? hostile.url : sae.url), GITHUB_REPOSITORY: 'acme/jobs' }
    : {};
  return { sae, hostile, run: () => runInProcess({ clock: wallClock, inputs, env }) };
}

/** What every run must hold, whatever the server did. (`expect`: the test's own, as the cases run at once.) */
function expectTruthful(expect: ExpectStatic, run: ActionRun, sae: Emulator): void {
  expect(run.stderr).toBe('');
  expect(visibleLog(run)).not.toContain('Action.InternalError');
  const mine = [...sae.changeOrders.values()].filter((o) => o.source === 'UpdateJob');
  expect(mine.length).toBeLessThanOrEqual(1);
  if (run.outputs.status === 'succeeded') {
    // Success only for this run's own order, seen to succeed, with the value sent in the template.
    expect(mine.map((o) => o.changeOrderId)).toEqual([run.outputs['change-order-id']]);
    expect(orderState(mine[0]!, Date.now()).status).toBe(2);
    expect(sae.template(APP).ImageUrl).toBe(IMAGE);
  }
  if (run.outputs['job-status'] === 'succeeded') expect([...sae.jobRuns.values()]).toHaveLength(1);
}

// The cases mostly wait (on stalls, to the deadline): all at once, this file's own setting, reset after it.
vi.setConfig({ maxConcurrency: CALLS.length * ACTS.length });
afterAll(() => vi.resetConfig());

describe.concurrent('every network call × stalled or dripping answers: the run ends by itself, truthfully', () => {
  for (const c of CALLS) {
    for (const act of ACTS) {
      it(`${c.call}: ${actName(act)}`, async ({ expect, onTestFinished }) => {
        const { sae, hostile, run: go } = await setUp(c, act, onTestFinished);
        const started = Date.now();
        const run = await go();
        const tookMs = Date.now() - started;
        // The hostile server did get the call (the test tests what it says).
        expect(hostile.seen.some((s) => s.call === c.call && s.act)).toBe(true);
        expect(tookMs).toBeLessThan((WAIT_S + (c.runAfter ? RUN_S : 0)) * 1000 + GRACE_MS);
        expectTruthful(expect, run, sae);
        // No connection left open: each one given up on was destroyed, socket and all.
        await expect.poll(() => hostile.openSockets(), { timeout: 1000 }).toBe(0);
      });
    }
  }
});
