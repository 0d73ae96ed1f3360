// run-after-deploy under a seeded random mix of faults on ExecJob and DescribeJobStatus, in-process on a
// virtual clock the emulator shares (the polls, backoffs and run-timeout take no wall time, so load cannot
// change the outcome; a delayed answer still outlasts the client's 1 s socket timeout in wall time).
// Invariants in every run: at most one job run per attempt, the outputs and exit code say how the planned
// run really ended, the run is bounded by run-timeout, no internal error, nothing on stderr.
// JOBRUN_SEED=<n> replays one mix; JOBRUN_RUNS=<k> runs more.
import { describe, expect, it } from 'vitest';
import type { Fault, FaultKind, JobRunStep } from '../emulator/index.js';
import { emulatorInputs, useEmulator } from '../helpers/action.js';
import { mulberry32 as prng } from '../helpers/random.js';

const APP = '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa';
const SEED = Number(process.env.JOBRUN_SEED ?? Date.now() % 1_000_000);
const RUNS = Number(process.env.JOBRUN_RUNS ?? 5);

type Ending = 'succeeded' | 'failed' | 'timed-out';
const PLANS: Record<Ending, JobRunStep[]> = {
  succeeded: [
    { state: '3', active: 1, forMs: 800 },
    { state: '1', succeeded: 1 },
  ],
  failed: [
    { state: '3', active: 1, forMs: 800 },
    { state: '2', failed: 1, message: 'BackoffLimitExceeded' },
  ],
  'timed-out': [{ state: '3', active: 1 }],
};
// Each kind of trouble: a lost answer after SAE acted, a dropped request, a proxy's error page, throttling,
// an answer slower than request-timeout (1 s).
const EXEC_FAULTS: FaultKind[] = [
  { acceptThenReset: true },
  { reset: true },
  { html: 502 },
  { error: { status: 400, code: 'Throttling.User' } },
  { delayMs: 1500 },
];
const POLL_FAULTS: FaultKind[] = [
  { reset: true },
  { html: 503 },
  { error: { status: 400, code: 'Throttling.User' } },
  { delayMs: 1500 },
  { badJson: true },
];

const h = useEmulator();

describe(`run after deploy under random faults (JOBRUN_SEED=${SEED})`, () => {
  it(`holds its invariants in ${RUNS} runs`, { timeout: RUNS * 50_000 }, async () => {
    const random = prng(SEED);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const sae = h.sae;
    for (let i = 0; i < RUNS; i++) {
      // A delayed answer of the run before lands before this one starts.
      await sae.idle();
      sae.reset();
      sae.setOrderPlan([{ status: 1, forMs: 200 }, { status: 2 }]);
      const ending = pick(['succeeded', 'failed', 'timed-out'] as const);
      sae.setJobPlan(PLANS[ending]);
      const faults: string[] = [];
      for (let n = Math.floor(random() * 3); n > 0; n--) {
        const f = pick(EXEC_FAULTS);
        sae.script({ api: 'ExecJob', ...f } as Fault);
        faults.push(`ExecJob ${JSON.stringify(f)}`);
      }
      for (let n = Math.floor(random() * 3); n > 0; n--) {
        const f = pick(POLL_FAULTS);
        sae.script({ api: 'DescribeJobStatus', ...f } as Fault);
        faults.push(`DescribeJobStatus ${JSON.stringify(f)}`);
      }
      // Every throttled call widens the run's budget gap (15 s, then 20 s: src/pace/budget.ts), which is right when
      // the account's budget is spent by others; the faults here may throttle four calls in a row (two ExecJob, two
      // polls), each with a gateway error or a lost answer between them: room for that (45 s was not, for about
      // one mix in ten).
      const runTimeoutS = ending === 'timed-out' ? 3 : 90;
      const run = await h.run({
        inputs: emulatorInputs(sae.url, {
          'app-id': APP,
          'image-url': 'registry.cn-hangzhou.aliyuncs.com/ns/job:7',
          'run-after-deploy': 'true',
          'run-timeout': String(runTimeoutS),
          'request-timeout': '1',
        }),
        env: { GITHUB_REPOSITORY: 'acme/jobs', GITHUB_RUN_ID: String(1000 + i), GITHUB_RUN_ATTEMPT: '1' },
      });
      const what = `run ${i} (JOBRUN_SEED=${SEED}): planned ${ending}, faults [${faults.join('; ')}]`;
      const errors = run.annotations.filter((a) => a.level === 'error');
      expect(run.stderr, what).toBe('');
      expect(
        errors.map((e) => e.title),
        what,
      ).not.toContain('Action.InternalError');
      expect(run.outputs.status, what).toBe('succeeded');
      // One run at most, and the one the outputs name.
      expect(sae.jobRuns.size, what).toBeLessThanOrEqual(1);
      expect(new Set(sae.calls('ExecJob').map((c) => c.query['EventId'])).size, what).toBe(1);
      if (sae.jobRuns.size === 0 && ending === 'timed-out' && errors.some((e) => e.title === 'Throttling.User')) {
        // ExecJob throttled until its run-timeout (3 s) ran out: no run started, and the outputs say none.
        expect(run.outputs['job-id'], what).toBeUndefined();
        expect(run.outputs['job-status'], what).toBeUndefined();
        expect(run.code, what).toBe(1);
        continue;
      }
      const started = errors.find((e) => e.message.includes('whether SAE started the job run is not known'));
      if (started) {
        // ExecJob's answers were lost until run-timeout ran out: said so, never reported as a run that ended.
        expect(run.outputs['job-id'], what).toBeUndefined();
        expect(run.outputs['job-status'], what).toBeUndefined();
        expect(run.code, what).toBe(1);
        continue;
      }
      if (sae.jobRuns.size === 1) expect(run.outputs['job-id'], what).toBe([...sae.jobRuns.keys()][0]);
      // The outputs say how the run ended.
      expect(run.outputs['job-status'], what).toBe(ending);
      expect(run.code, what).toBe(ending === 'succeeded' ? 0 : 1);
      if (ending !== 'succeeded')
        expect(
          errors.map((e) => e.title),
          what,
        ).toContain(ending === 'failed' ? 'JobRun.Failed' : 'JobRun.TimedOut');
      // Bounded: the last poll is no later than run-timeout after ExecJob (plus one request-timeout).
      const first = sae.calls('ExecJob')[0]!.at;
      const lastPoll = sae.calls('DescribeJobStatus').at(-1)!.at;
      expect(lastPoll - first, what).toBeLessThanOrEqual(runTimeoutS * 1000 + 1500);
    }
  });
});
