// run-after-deploy against the emulator: the job runs once after the deploy ended well, never twice for one attempt
// (EventId), and the step says how the run went. In-process (run(deps)) on a virtual clock the emulator shares; a
// cancel while the run goes on through the bundle (dist/index.js as a child process), which gets the signal.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emulatorInputs, FAST, useEmulator, visibleLog, type ActionRun } from '../helpers/action.js';

const APP = '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa';
const ENV = { GITHUB_REPOSITORY: 'acme/jobs', GITHUB_RUN_ID: '987654321', GITHUB_RUN_ATTEMPT: '1' };

// One emulator for the file; runs go in-process on a virtual clock it shares (test/helpers/action.ts).
const h = useEmulator({ plan: FAST });

const deploy = (extra: Record<string, string> = {}, env: Record<string, string> = {}) =>
  h.run({
    inputs: emulatorInputs(h.sae.url, {
      'app-id': APP,
      'image-url': 'registry.cn-hangzhou.aliyuncs.com/ns/job:7',
      ...extra,
    }),
    env: { ...ENV, ...env },
  });

const errorOf = (run: ActionRun) => run.annotations.find((a) => a.level === 'error');
const eventIds = () => h.sae.calls('ExecJob').map((c) => c.query['EventId']);

describe('run after deploy', () => {
  it('runs the job once after the order succeeded and reports the run', async () => {
    // Polls are about 2 s apart at first: each step lasts long enough to be seen once.
    h.sae.setJobPlan([
      { state: '0', forMs: 300 },
      { state: '3', active: 1, forMs: 3000 },
      { state: '1', succeeded: 1 },
    ]);
    const run = await deploy({ 'run-after-deploy': 'true' });
    expect(run.stderr).toBe('');
    expect(errorOf(run)).toBeUndefined();
    expect(run.code).toBe(0);
    expect(run.outputs.status).toBe('succeeded');
    expect(run.outputs['job-status']).toBe('succeeded');
    expect(run.outputs['job-id']).toMatch(/^manual-/);
    expect(run.outputs['error-code']).toBe('');

    // One run, started only after SAE had said the order succeeded.
    expect(h.sae.jobRuns.size).toBe(1);
    const [exec] = h.sae.calls('ExecJob');
    const order = [...h.sae.changeOrders.values()][0]!;
    expect(exec!.at).toBeGreaterThanOrEqual(order.createdAt + 400);
    const lastPoll = h.sae.calls('DescribeChangeOrder').at(-1)!;
    expect(exec!.at).toBeGreaterThanOrEqual(lastPoll.at);
    expect(exec!.query['EventId']).toMatch(/^[A-Za-z0-9-]{1,64}$/);
    expect(h.sae.jobRuns.get(run.outputs['job-id']!)!.eventId).toBe(exec!.query['EventId']);

    // Progress lines when the state changes, not on every poll.
    const log = visibleLog(run);
    expect(log).toMatch(/Job run manual-\S+: not started yet \(active 0/);
    expect(log).toMatch(/Job run manual-\S+: running \(active 1, succeeded 0, failed 0\)/);
    expect(log).toMatch(/Job run manual-\S+: succeeded \(active 0, succeeded 1, failed 0\)/);
    expect(log.match(/: running \(active 1/g)).toHaveLength(1);
    expect(h.sae.calls('DescribeJobStatus').length).toBeGreaterThanOrEqual(3);

    expect(run.summary).toContain('### Job run');
    expect(run.summary).toMatch(/\| Result \| \*\*succeeded\*\* \|/);
    expect(run.summary).toMatch(/\| Instances \| active 0, succeeded 1, failed 0 \|/);
    expect(run.summary).toMatch(/\| Started \| \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \|/);
    expect(run.summary).toMatch(/\| Completed \| \d{4}-/);
    expect(run.summary).toMatch(/\| Duration \| \d/);
  });

  it("a failing run fails the step: the deploy succeeded, the run failed, with SAE's message and where to look", async () => {
    h.sae.setJobPlan([
      { state: '3', active: 1, forMs: 300 },
      { state: '2', failed: 2, message: 'BackoffLimitExceeded' },
    ]);
    const run = await deploy({ 'run-after-deploy': 'true' });
    expect(run.code).toBe(1);
    expect(run.outputs.status).toBe('succeeded');
    expect(run.outputs['job-status']).toBe('failed');
    expect(run.outputs['error-code']).toBe('JobRun.Failed');
    const error = errorOf(run)!;
    expect(error.title).toBe('JobRun.Failed');
    expect(error.message).toMatch(
      /^The deploy succeeded, but the job run manual-\S+ failed: SAE says "BackoffLimitExceeded"/,
    );
    expect(error.message).toContain('instances and their logs in the SAE console');
    expect(run.summary).toContain('### Job run');
    expect(run.summary).toMatch(/\*\*JobRun.Failed\*\*/);
    expect(run.summary).toMatch(/\| Message \| BackoffLimitExceeded \|/);
    expect(run.summary).toMatch(/\| Instances \| active 0, succeeded 0, failed 2 \|/);
  });

  it('a deploy whose test run failed or timed out says so first: the summary heading, its Result row, the log', async () => {
    for (const [attempt, plan, timeout, words] of [
      ['1', [{ state: '2', failed: 1, message: 'BackoffLimitExceeded' }], '60', 'failed'],
      ['2', [{ state: '3', active: 1 }], '3', 'timed out'],
    ] as const) {
      h.sae.setJobPlan([...plan]);
      // Another attempt of the run: its own EventId, so its own job run.
      const run = await deploy({ 'run-after-deploy': 'true', 'run-timeout': timeout }, { GITHUB_RUN_ATTEMPT: attempt });
      expect(run.code).toBe(1);
      expect(run.outputs.status).toBe('succeeded');
      const [heading, , first] = run.summary.split('\n');
      expect(heading).toBe(`## ❌ SAE job template deployed, but the test run ${words}`);
      expect(first).toContain(`**but the test run ${words}**`);
      expect(run.summary).toMatch(
        new RegExp(`\\| Result \\| ❌ \\*\\*deployed, but the test run ${words}\\*\\* \\(status succeeded`),
      );
      expect(run.summary).not.toContain('✅');
      expect(visibleLog(run)).toMatch(
        new RegExp(
          `^Result: deployed, but the test run ${words} \\(status succeeded, job-status \\S+; the step fails\\) in `,
          'm',
        ),
      );
    }
  });

  it("the failed run's annotation points at the run-after-deploy line of the workflow", async () => {
    h.sae.setJobPlan([{ state: '2', failed: 1, message: 'BackoffLimitExceeded' }]);
    const ws = mkdtempSync(join(tmpdir(), 'ws-'));
    mkdirSync(join(ws, '.github/workflows'), { recursive: true });
    writeFileSync(
      join(ws, '.github/workflows/release.yml'),
      [
        'on: push',
        'jobs:',
        '  release:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - id: deploy',
        '        uses: acme/sae-job-deploy@v1',
        '        with:',
        `          app-id: ${APP}`,
        '          image-url: registry.cn-hangzhou.aliyuncs.com/ns/job:7',
        '          run-after-deploy: true',
        '',
      ].join('\n'),
    );
    const run = await deploy(
      { 'run-after-deploy': 'true' },
      {
        GITHUB_WORKSPACE: ws,
        GITHUB_WORKFLOW_REF: 'acme/jobs/.github/workflows/release.yml@refs/tags/v1.0.0',
        GITHUB_JOB: 'release',
        GITHUB_ACTION: 'deploy',
      },
    );
    rmSync(ws, { recursive: true, force: true });
    expect(errorOf(run)).toMatchObject({ title: 'JobRun.Failed', file: '.github/workflows/release.yml', line: 11 });
  });

  it('a lost ExecJob answer is resent with the same EventId and starts one run', async () => {
    h.sae.script({ api: 'ExecJob', acceptThenReset: true });
    const run = await deploy({ 'run-after-deploy': 'true' });
    expect(errorOf(run)).toBeUndefined();
    expect(run.code).toBe(0);
    const calls = h.sae.calls('ExecJob');
    expect(calls.map((c) => c.status)).toEqual([0, 200]);
    expect(new Set(eventIds()).size).toBe(1);
    expect(h.sae.jobRuns.size).toBe(1);
    expect(run.outputs['job-id']).toBe([...h.sae.jobRuns.keys()][0]);
    expect(run.outputs['job-status']).toBe('succeeded');
    expect(visibleLog(run)).toContain('sending it again with the same EventId');
  });

  it('a re-run attempt starts its own run; the EventId is derived, not random', async () => {
    const first = await deploy({ 'run-after-deploy': 'true' });
    const again = await deploy({ 'run-after-deploy': 'true' });
    const second = await deploy({ 'run-after-deploy': 'true' }, { GITHUB_RUN_ATTEMPT: '2' });
    for (const r of [first, again, second]) expect(r.code).toBe(0);
    const [a, b, c] = eventIds();
    // The same attempt of the same run names the same run (SAE's idempotency holds across processes too).
    expect(b).toBe(a);
    expect(again.outputs['job-id']).toBe(first.outputs['job-id']);
    expect(c).not.toBe(a);
    expect(second.outputs['job-id']).not.toBe(first.outputs['job-id']);
    expect(h.sae.jobRuns.size).toBe(2);
  });

  it('a run that does not end within run-timeout fails as timed-out and is said to be still going', async () => {
    h.sae.setJobPlan([{ state: '3', active: 1 }]);
    const run = await deploy({ 'run-after-deploy': 'true', 'run-timeout': '3' }, {});
    expect(run.code).toBe(1);
    expect(run.outputs.status).toBe('succeeded');
    expect(run.outputs['job-status']).toBe('timed-out');
    const error = errorOf(run)!;
    expect(error.title).toBe('JobRun.TimedOut');
    expect(error.message).toContain('did not end within run-timeout (3.0 s)');
    expect(error.message).toContain('still going');
    // Bounded by run-timeout: the polls stop at it, a few seconds of deploy and start-up aside.
    const polls = h.sae.calls('DescribeJobStatus');
    expect(polls.at(-1)!.at - h.sae.calls('ExecJob')[0]!.at).toBeLessThan(3000 + 1500);
    expect(polls.at(-1)!.at - h.sae.calls('ExecJob')[0]!.at).toBeGreaterThanOrEqual(2900);
  });

  it('runs after status unchanged too (if-unchanged: skip, nothing to deploy)', async () => {
    expect((await deploy()).code).toBe(0);
    const run = await deploy({ 'if-unchanged': 'skip', 'run-after-deploy': 'true' }, { GITHUB_RUN_ATTEMPT: '2' });
    expect(run.outputs.status).toBe('unchanged');
    expect(run.code).toBe(0);
    expect(h.sae.calls('UpdateJob')).toHaveLength(1);
    expect(h.sae.calls('ExecJob')).toHaveLength(1);
    expect(run.outputs['job-status']).toBe('succeeded');
  });

  it('is off by default: no ExecJob, no job outputs, no Job run section', async () => {
    const run = await deploy();
    expect(run.code).toBe(0);
    expect(h.sae.calls('ExecJob')).toHaveLength(0);
    expect(h.sae.calls('DescribeJobStatus')).toHaveLength(0);
    expect(run.outputs['job-id']).toBeUndefined();
    expect(run.outputs['job-status']).toBeUndefined();
    expect(run.summary).not.toContain('Job run');
  });

  it('never runs before the order ended: not after a failed order, not in a dry run; without wait it is an input error', async () => {
    h.sae.setOrderPlan([
      { status: 0, forMs: 100 },
      { status: 3, errorMessage: 'image pull failed' },
    ]);
    const failed = await deploy({ 'run-after-deploy': 'true' });
    expect(failed.code).toBe(1);
    expect(failed.outputs.status).toBe('failed');
    h.sae.reset();
    h.sae.setOrderPlan(FAST);
    // wait: false would end the step before the order, so the run could never start: refused before any request,
    // in a dry run too (it checks the inputs of the deploy it stands for).
    for (const dryRun of ['false', 'true']) {
      const refused = await deploy({ 'run-after-deploy': 'true', wait: 'false', 'dry-run': dryRun });
      expect(refused.code).toBe(1);
      expect(refused.outputs.status).toBe('failed');
      expect(refused.outputs['error-code']).toBe('Input.Invalid');
      const errors = refused.annotations.filter((a) => a.level === 'error');
      expect(errors.map((a) => a.title)).toEqual(['Input.Invalid']);
      expect(errors[0]!.message).toMatch(/^run-after-deploy: true .* wait: false .* Set wait: true/);
      expect(h.sae.requests).toHaveLength(0);
    }

    h.sae.reset();
    const dry = await h.run({
      inputs: {
        'app-id': APP,
        'image-url': 'registry.cn-hangzhou.aliyuncs.com/ns/job:7',
        'dry-run': 'true',
        'run-after-deploy': 'true',
      },
      env: ENV,
    });
    expect(dry.code).toBe(0);
    expect(h.sae.requests).toHaveLength(0);
    expect(visibleLog(dry)).toContain('run-after-deploy: after a real deploy the job would run once');
    expect(dry.summary).toContain('### Job run');
    expect(dry.summary).toContain('would run once');
    expect(dry.outputs['job-id']).toBeUndefined();
  });

  it('a wrong run-timeout or run-after-deploy fails before anything is sent, naming the input', async () => {
    const run = await deploy({ 'run-after-deploy': 'yes please', 'run-timeout': 'soon' });
    expect(run.code).toBe(1);
    expect(h.sae.requests).toHaveLength(0);
    const titles = run.annotations.filter((a) => a.level === 'error').map((a) => a.message.split(':')[0]);
    expect(titles).toEqual(expect.arrayContaining(['run-after-deploy', 'run-timeout']));
    expect(run.annotations.find((a) => a.message.startsWith('run-timeout'))!.message).toContain('15m');
  });

  it('an ExecJob refusal goes through the catalogue, after saying the deploy succeeded', async () => {
    h.sae.script({
      api: 'ExecJob',
      error: {
        status: 403,
        code: 'Forbidden.RAM',
        message: 'User not authorized to operate on the specified resource.',
      },
    });
    const run = await deploy({ 'run-after-deploy': 'true' });
    expect(run.code).toBe(1);
    expect(run.outputs.status).toBe('succeeded');
    expect(run.outputs['job-id']).toBeUndefined();
    expect(run.outputs['error-code']).toBe('Forbidden.RAM');
    const error = errorOf(run)!;
    expect(error.title).toBe('Forbidden.RAM');
    expect(error.message).toMatch(
      /^The deploy succeeded, but the job could not be run \(ExecJob\): The RAM user or role/,
    );
    expect(error.message).toContain('sae:ExecJob and sae:DescribeJobStatus for run-after-deploy');
    expect(h.sae.calls('ExecJob')).toHaveLength(1);
  });

  it('throttled and failing polls slow down and do not end the wait', async () => {
    h.sae.setJobPlan([
      { state: '3', active: 1, forMs: 1000 },
      { state: '1', succeeded: 1 },
    ]);
    h.sae.script({ api: 'DescribeJobStatus', html: 502 });
    h.sae.script({ api: 'DescribeJobStatus', error: { status: 400, code: 'Throttling.User' } });
    const run = await deploy({ 'run-after-deploy': 'true', 'max-retries': '0' });
    expect(errorOf(run)).toBeUndefined();
    expect(run.code).toBe(0);
    expect(run.outputs['job-status']).toBe('succeeded');
    const polls = h.sae.calls('DescribeJobStatus');
    expect(polls.slice(0, 3).map((p) => p.status)).toEqual([502, 400, 200]);
    // A throttled poll slows the next one to 10 s (±20 %), as in the change-order wait.
    expect(polls[2]!.at - polls[1]!.at).toBeGreaterThanOrEqual(8000);
    expect(polls[2]!.at - polls[1]!.at).toBeGreaterThan(polls[1]!.at - polls[0]!.at);
  });

  it('cancelled while the run goes on: says so, the run keeps going in SAE, exits promptly', async () => {
    h.sae.setJobPlan([{ state: '3', active: 1 }]);
    let sent = 0;
    // Through the bundle: the runner's SIGINT.
    const run = await h.bundle({
      inputs: emulatorInputs(h.sae.url, {
        'app-id': APP,
        'image-url': 'registry.cn-hangzhou.aliyuncs.com/ns/job:7',
        'run-after-deploy': 'true',
      }),
      env: ENV,
      onSpawn: (child) =>
        child.stdout!.on('data', (d: Buffer) => {
          if (!sent && d.toString().includes(': running (active 1')) {
            sent = Date.now();
            child.kill('SIGINT');
          }
        }),
    });
    expect(sent).toBeGreaterThan(0);
    expect(Date.now() - sent).toBeLessThan(2000);
    expect(run.code).toBe(1);
    expect(errorOf(run)).toMatchObject({ title: 'Run.Cancelled' });
    expect(errorOf(run)!.message).toMatch(/cancelled while job run manual-\S+ was running .* goes on in SAE/);
    expect(run.outputs['job-id']).toMatch(/^manual-/);
    expect(run.outputs['job-status']).toBeUndefined();
  });
});
