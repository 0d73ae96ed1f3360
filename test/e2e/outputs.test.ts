// The outputs a later `if: always()` step reads, through the bundle as the runner runs it (dist/index.js as a child
// process, against the emulator): every output comes from the run's report and is written at the end of the run
// (deploy/write-outputs.ts), and those that name what the run left in SAE are written as soon as they are known, so that
// a run the runner kills (SIGKILL, no grace) while it waits still has them in GITHUB_OUTPUT.
import { describe, expect, it } from 'vitest';
import { emulatorInputs, useEmulator, type ActionRun } from '../helpers/action.js';

const APP = '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa';
const IMAGE = 'registry.cn-hangzhou.aliyuncs.com/ns/job:8';
// An order that stays running long after the kill.
const h = useEmulator({
  plan: [{ status: 0, forMs: 100 }, { status: 1, forMs: 120_000 }, { status: 2 }],
  apps: [{ appId: APP, appName: 'report-job', namespaceId: 'cn-hangzhou:prod' }],
});

/** Runs the bundle and kills it (SIGKILL) once its log shows `when`. */
async function killedAt(when: string, inputs: Record<string, string>): Promise<ActionRun & { killed: boolean }> {
  let killed = false;
  const run = await h.bundle({
    inputs: emulatorInputs(h.sae.url, { 'image-url': IMAGE, ...inputs }),
    env: { GITHUB_REPOSITORY: 'acme/jobs', GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '1' },
    killAfterMs: 20_000,
    onSpawn: (child) => {
      let seen = '';
      child.stdout!.on('data', (d: Buffer) => {
        seen += d.toString();
        if (!killed && seen.includes(when)) {
          killed = true;
          child.kill('SIGKILL');
        }
      });
    },
  });
  return { ...run, killed };
}

describe('outputs of a run killed before its end', () => {
  it('while it waits for its change order: the template found, the order, its link, the request ids, the plan', async () => {
    const run = await killedAt('Waiting for change order', { 'app-name': 'report-job' });
    expect(run.killed).toBe(true);
    expect(run.signal).toBe('SIGKILL');
    const [order] = [...h.sae.changeOrders.values()];
    expect(order).toBeDefined();
    expect(run.outputs['app-id']).toBe(APP);
    expect(run.outputs['change-order-id']).toBe(order!.changeOrderId);
    expect(run.outputs['change-order-url']).toContain(`changeOrderId=${order!.changeOrderId}`);
    const answer = JSON.parse(h.sae.calls('UpdateJob')[0]!.response!.body) as { RequestId: string; TraceId: string };
    expect(run.outputs['request-id']).toBe(answer.RequestId);
    expect(run.outputs['trace-id']).toBe(answer.TraceId);
    expect(JSON.parse(run.outputs.changed!)).toEqual(['ImageUrl']);
    // What only the end of the run knows is not there: nothing says the deploy ended.
    expect(run.outputs.status).toBeUndefined();
  });

  it('while the job runs after the deploy: the job run too', async () => {
    h.sae.setOrderPlan([{ status: 0, forMs: 100 }, { status: 1, forMs: 300 }, { status: 2 }]);
    h.sae.setJobPlan([
      { state: '0', forMs: 200 },
      { state: '3', active: 1, forMs: 120_000 },
    ]);
    const run = await killedAt(': running (active 1', { 'app-id': APP, 'run-after-deploy': 'true' });
    expect(run.killed).toBe(true);
    const [jobId] = [...h.sae.jobRuns.keys()];
    expect(jobId).toBeDefined();
    expect(run.outputs['job-id']).toBe(jobId);
    expect(run.outputs['change-order-id']).toBe([...h.sae.changeOrders.values()][0]!.changeOrderId);
    expect(run.outputs['job-status']).toBeUndefined();
    expect(run.outputs.status).toBeUndefined();
  });
});
