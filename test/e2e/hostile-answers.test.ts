// Answers checked against the question (issue 20, point 5), in-process on a virtual clock, a hostile server
// (test/helpers/hostile-server.ts) in front of the emulator rewriting SAE's answers on their way back. Every field
// the action reads, of every answer, is replaced by a value of another JSON type, or by another object's id, or the
// envelope is taken away; the change order (and the job run) ends either way. Whatever the answers said, the run
// reports success only for its own order seen to succeed with its values in the template, reports a failed
// order failed, never fails internally and ends within its deadline plus the grace.
//
// The seed is printed; HOSTILE_ANSWERS_SEED=<seed> replays a failure.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GRACE_MS } from '../../src/base/deadline.js';
import { MAX_DETAILED_PIPELINES } from '../../src/changeorder/wait.js';
import { orderState } from '../emulator/change-orders.js';
import type { JobRunStep, OrderStep } from '../emulator/index.js';
import { jobRunState } from '../emulator/job-runs.js';
import { emulatorInputs, useEmulator, visibleLog, type ActionRun } from '../helpers/action.js';
import { startHostileServer, type HostileServer } from '../helpers/hostile-server.js';
import { mulberry32 } from '../helpers/random.js';

const SEED = Number(process.env.HOSTILE_ANSWERS_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.log(`hostile-answers: seed ${SEED} (replay: HOSTILE_ANSWERS_SEED=${SEED})`);

const APP = '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa';
const IMAGE = 'registry.cn-hangzhou.aliyuncs.com/ns/job:answers';
const WAIT_S = 6;
const RUN_S = 6;
const SUCCEEDS: OrderStep[] = [{ status: 1, forMs: 500 }, { status: 2 }];
const FAILS: OrderStep[] = [
  { status: 1, forMs: 500 },
  {
    status: 3,
    errorMessage: 'boom',
    failedTask: { stage: 'Deploy', task: 'Pull', code: 'Image.Pull', message: 'no image' },
  },
];
const JOB_SUCCEEDS: JobRunStep[] = [
  { state: '3', forMs: 500, active: 1 },
  { state: '1', succeeded: 1 },
];
const JOB_FAILS: JobRunStep[] = [
  { state: '3', forMs: 500, active: 1 },
  { state: '2', failed: 1, message: 'BackoffLimitExceeded' },
];

/** A field the action reads, by its path in the answer ('' for the whole body). */
interface Target {
  call: string;
  path: string;
  /** It names the object asked about: another one's id is tried too. */
  identity?: boolean;
  runAfter?: boolean;
}

const TARGETS: Target[] = [
  { call: 'DescribeChangeOrder', path: '' },
  { call: 'DescribeChangeOrder', path: 'RequestId' },
  { call: 'DescribeChangeOrder', path: 'Success' },
  { call: 'DescribeChangeOrder', path: 'Data' },
  { call: 'DescribeChangeOrder', path: 'Data.ChangeOrderId', identity: true },
  { call: 'DescribeChangeOrder', path: 'Data.Status' },
  { call: 'DescribeChangeOrder', path: 'Data.SubStatus' },
  { call: 'DescribeChangeOrder', path: 'Data.ErrorMessage' },
  { call: 'DescribeChangeOrder', path: 'Data.CurrentPipelineId' },
  { call: 'DescribeChangeOrder', path: 'Data.Pipelines' },
  { call: 'DescribeChangeOrder', path: 'Data.Pipelines.0.PipelineId' },
  { call: 'DescribeChangeOrder', path: 'Data.Pipelines.0.Status' },
  { call: 'ListChangeOrders', path: 'Data.ChangeOrderList' },
  { call: 'ListChangeOrders', path: 'Data.ChangeOrderList.0.ChangeOrderId' },
  { call: 'ListChangeOrders', path: 'Data.ChangeOrderList.0.Status' },
  { call: 'ListChangeOrders', path: 'Data.ChangeOrderList.0.AppId', identity: true },
  { call: 'UpdateJob', path: '' },
  { call: 'UpdateJob', path: 'Data' },
  { call: 'UpdateJob', path: 'Data.ChangeOrderId' },
  { call: 'UpdateJob', path: 'Data.AppId', identity: true },
  { call: 'DescribeJob', path: 'Data' },
  { call: 'DescribeJob', path: 'Data.AppId', identity: true },
  { call: 'DescribePipeline', path: 'Data.PipelineId', identity: true },
  { call: 'DescribePipeline', path: 'Data.StageList' },
  { call: 'DescribePipeline', path: 'Data.StageList.0.TaskList' },
  { call: 'DescribePipeline', path: 'Data.StageList.0.TaskList.0.ErrorMessage' },
  { call: 'ExecJob', path: 'Data', runAfter: true },
  { call: 'ExecJob', path: 'Data.Success', runAfter: true },
  { call: 'ExecJob', path: 'Data.Data', runAfter: true },
  { call: 'DescribeJobStatus', path: 'Data.JobId', identity: true, runAfter: true },
  { call: 'DescribeJobStatus', path: 'Data.State', runAfter: true },
  { call: 'DescribeJobStatus', path: 'Data.Active', runAfter: true },
];

/** Values of every JSON type, and a few that look almost right. */
const WRONG: unknown[] = [{}, { Status: 2 }, [], [2], true, false, 'text', '', 12345, 2, -1, 1.5, null, '2'];

function setAt(body: unknown, path: string, value: unknown): unknown {
  if (!path) return value;
  const keys = path.split('.');
  let o = body as Record<string, unknown> | unknown[];
  for (const k of keys.slice(0, -1)) {
    const next = (o as Record<string, unknown>)[k];
    if (!next || typeof next !== 'object') return body; // not there in this answer: left as it is
    o = next as Record<string, unknown>;
  }
  (o as Record<string, unknown>)[keys[keys.length - 1]!] = value;
  return body;
}

interface Variant {
  target: Target;
  value: unknown;
  /** Every answer of the call, or only the first. */
  times?: number;
  orderFails: boolean;
  jobFails: boolean;
}

/**
 * A value that is not wrong but a lie in the right shape (a status of 2, Success true): no client can tell
 * it from SAE's word, so it is not one of the cases.
 */
const lie = (t: Target, v: unknown): boolean =>
  (/(^|\.)(Status|State)$/.test(t.path) &&
    (typeof v === 'number' || typeof v === 'string') &&
    /^-?\d+$/.test(String(v))) ||
  (/(^|\.)Success$/.test(t.path) && (v === true || v === 'true'));

function variants(seed: number): Variant[] {
  const random = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  return TARGETS.map((target) => ({
    target,
    value: target.identity && random() < 0.5 ? 'someone-elses' : pick(WRONG.filter((v) => !lie(target, v))),
    times: random() < 0.5 ? 1 : undefined,
    // The call must happen: failure details come after a failed order, the run after a succeeded one.
    orderFails: target.call === 'DescribePipeline' || (!target.runAfter && random() < 0.5),
    jobFails: random() < 0.5,
  }));
}

const h = useEmulator();
let hostile: HostileServer;
beforeAll(async () => {
  hostile = await startHostileServer(h.sae.url);
});
afterAll(() => hostile.close());
beforeEach(() => hostile.reset());

const deploy = (extra: Record<string, string> = {}) =>
  h.run({
    inputs: emulatorInputs(hostile.url, {
      'app-id': APP,
      'image-url': IMAGE,
      'wait-timeout': String(WAIT_S),
      'max-retries': '2',
      ...extra,
    }),
  });

const mine = () => [...h.sae.changeOrders.values()].filter((o) => o.source === 'UpdateJob');

/** What every run must hold, whatever the answers said. */
function expectTruthful(run: ActionRun, runAfter: boolean): void {
  expect(run.stderr).toBe('');
  expect(visibleLog(run)).not.toContain('Action.InternalError');
  expect(mine().length).toBeLessThanOrEqual(1);
  const order = mine()[0];
  const state = order && orderState(order, h.clock.now()).status;
  if (run.outputs.status === 'succeeded') {
    expect(run.outputs['change-order-id']).toBe(order?.changeOrderId);
    expect(state).toBe(2);
    expect(h.sae.template(APP).ImageUrl).toBe(IMAGE);
  }
  const error = run.annotations.find((a) => a.level === 'error');
  if (run.outputs.status === 'failed' && error?.title === 'ChangeOrder.Failed') expect(state).toBe(3);
  const jobs = [...h.sae.jobRuns.values()];
  const jobState = jobs[0] && jobRunState(jobs[0], h.clock.now()).state;
  if (run.outputs['job-status'] === 'succeeded') expect(jobState).toBe('1');
  if (run.outputs['job-status'] === 'failed') expect(jobState).toBe('2');
  expect(run.durationMs).toBeLessThan((WAIT_S + (runAfter ? RUN_S : 0)) * 1000 + GRACE_MS);
}

describe(`every field read × a wrong type, another object's id, no envelope (seed ${SEED})`, () => {
  for (const v of variants(SEED)) {
    const { target } = v;
    it(`${target.call} ${target.path || '(whole answer)'} = ${JSON.stringify(v.value)}${v.times ? ' once' : ''}; the order ${v.orderFails ? 'fails' : 'succeeds'}`, async () => {
      h.sae.setOrderPlan(v.orderFails ? FAILS : SUCCEEDS);
      h.sae.setJobPlan(v.jobFails ? JOB_FAILS : JOB_SUCCEEDS);
      hostile.add({
        match: target.call,
        times: v.times,
        act: { rewrite: (body) => setAt(body, target.path, structuredClone(v.value)) },
      });
      const run = await deploy(target.runAfter ? { 'run-after-deploy': 'true', 'run-timeout': String(RUN_S) } : {});
      expect(hostile.seen.some((s) => s.call === target.call && s.act)).toBe(true);
      expectTruthful(run, Boolean(target.runAfter));
    });
  }
});

describe('the cases the issue names', () => {
  it("another order's success without an envelope is not this run's: its own order fails, and that is not hidden", async () => {
    h.sae.setOrderPlan(FAILS);
    hostile.add({
      match: 'DescribeChangeOrder',
      act: { rewrite: () => ({ Data: { ChangeOrderId: 'someone-elses', Status: 2 } }) },
    });
    const run = await deploy();
    expectTruthful(run, false);
    expect(run.outputs.status).toBe('timed-out');
    expect(run.annotations.find((a) => a.level === 'error')?.message).toMatch(/InvalidResponse\.NotSae/);
  });

  it('an object where the status is expected is an unreadable answer, retried: the order is followed to success', async () => {
    h.sae.setOrderPlan(SUCCEEDS);
    hostile.add({
      match: 'DescribeChangeOrder',
      times: 2,
      act: { rewrite: (b) => setAt(b, 'Data.Status', { code: 2 }) },
    });
    const run = await deploy();
    expectTruthful(run, false);
    expect(run.outputs.status).toBe('succeeded');
    expect(run.stdout).toContain('InvalidResponse.Type');
  });

  it(`150 failed batches: at most ${MAX_DETAILED_PIPELINES} DescribePipeline calls, the rest counted`, async () => {
    h.sae.setOrderPlan(FAILS);
    hostile.add({
      match: 'DescribeChangeOrder',
      act: {
        rewrite: (b) => {
          const data = (b as { Data?: { Status?: number; Pipelines?: unknown[] } }).Data;
          if (data?.Status === 3)
            data.Pipelines = Array.from({ length: 150 }, (_, i) => ({
              PipelineId: `p-${i}`,
              PipelineName: `Batch ${i + 1}`,
              Status: 3,
            }));
          return b;
        },
      },
    });
    const run = await deploy();
    expectTruthful(run, false);
    expect(run.outputs.status).toBe('failed');
    expect(hostile.seen.filter((s) => s.call === 'DescribePipeline')).toHaveLength(MAX_DETAILED_PIPELINES);
    expect(run.summary).toContain(`${150 - MAX_DETAILED_PIPELINES} more failed batches`);
  });
});
