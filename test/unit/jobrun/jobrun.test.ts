// The run after the deploy, in memory: the EventId, the pacing of polls, ExecJob resends and the follow
// loop's bounds, with SAE's answers scripted and a virtual clock. Through the bundle: test/e2e/job-run.test.ts.
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../src/changeorder/wait.js';
import { EVENT_ID_PATTERN, eventIdFor } from '../../../src/jobrun/event-id.js';
import { followJobRun, startJobRun, type JobRunEvent } from '../../../src/jobrun/start-and-follow.js';
import { jobRunPacing } from '../../../src/pace/pacer.js';
import { JOB_RUN_MAX_POLL_MS, JOB_RUN_MIN_POLL_MS } from '../../../src/pace/schedule.js';
import type { JobStatus, SaeApi } from '../../../src/sae/client.js';
import { SaeError } from '../../../src/sae/errors.js';

function virtualClock(): Clock & { t: number } {
  const c = { t: 0, now: () => c.t, sleep: async (ms: number) => void (c.t += ms) };
  return c;
}

const ENV = { GITHUB_REPOSITORY: 'acme/jobs', GITHUB_RUN_ID: '987654321', GITHUB_RUN_ATTEMPT: '1' };
const APP = '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa';

describe('EventId', () => {
  it('is deterministic for one attempt, and differs by attempt, run, repository and template', () => {
    const id = eventIdFor(ENV, APP);
    expect(id).toMatch(EVENT_ID_PATTERN);
    expect(eventIdFor({ ...ENV }, APP)).toBe(id);
    const others = [
      eventIdFor({ ...ENV, GITHUB_RUN_ATTEMPT: '2' }, APP),
      eventIdFor({ ...ENV, GITHUB_RUN_ID: '987654322' }, APP),
      eventIdFor({ ...ENV, GITHUB_REPOSITORY: 'acme/other' }, APP),
      eventIdFor(ENV, '7171a6ca-d1cd-4928-8642-7d5cfe69bbbb'),
    ];
    expect(new Set([id, ...others]).size).toBe(5);
  });

  it('stays within letters, digits and "-", at most 64 characters, whatever the environment holds', () => {
    const hostile = {
      GITHUB_REPOSITORY: 'o/'.padEnd(200, 'r'),
      GITHUB_RUN_ID: '9'.repeat(40),
      GITHUB_RUN_ATTEMPT: '1\n::set-output name=x::y',
    };
    for (const env of [ENV, hostile, { ...ENV, GITHUB_RUN_ID: '1'.repeat(19), GITHUB_RUN_ATTEMPT: '9999' }, {}]) {
      const id = eventIdFor(env, 'ü '.repeat(100));
      expect(id).toMatch(EVENT_ID_PATTERN);
      expect(id.length).toBeLessThanOrEqual(64);
    }
    // Two values that read alike still hash apart (the readable part is only a hint).
    expect(eventIdFor(hostile, APP)).not.toBe(eventIdFor({ ...hostile, GITHUB_RUN_ATTEMPT: '1' }, APP));
  });

  it('outside a workflow run, a nonce keeps two local runs apart', () => {
    let n = 0;
    const nonce = () => `nonce-${n++}`;
    expect(eventIdFor({}, APP, nonce)).not.toBe(eventIdFor({}, APP, nonce));
    expect(eventIdFor({}, APP, () => 'same')).toBe(eventIdFor({}, APP, () => 'same'));
  });
});

/** Polls a run of the given length would cost, and how late its end is seen. */
function simulate(runMs: number): { polls: number; lateMs: number } {
  const pacing = jobRunPacing(() => 0.5);
  let t = 0;
  let polls = 0;
  for (;;) {
    polls++;
    if (t >= runMs) return { polls, lateMs: t - runMs };
    pacing.record('ok');
    t += pacing.delay(t);
  }
}

describe('pacing of DescribeJobStatus', () => {
  it('fits jobs of seconds and of hours: few calls, an end seen within a fifth of the run (at most 30 s)', () => {
    const short = simulate(20_000);
    const minute = simulate(60_000);
    const quarter = simulate(15 * 60_000);
    const twoHours = simulate(2 * 3600_000);
    expect(short.polls).toBeLessThanOrEqual(10);
    expect(minute.polls).toBeLessThanOrEqual(16);
    expect(quarter.polls).toBeLessThanOrEqual(46);
    expect(twoHours.polls).toBeLessThanOrEqual(260); // two a minute once the gap reached 30 s
    for (const [run, r] of [
      [20_000, short],
      [60_000, minute],
      [900_000, quarter],
      [7_200_000, twoHours],
    ] as const) {
      expect(r.lateMs).toBeLessThanOrEqual(Math.min(JOB_RUN_MAX_POLL_MS, Math.max(JOB_RUN_MIN_POLL_MS, run / 5)));
    }
  });

  it("slows down by the change-order wait's rules: throttled polls at least 10 s apart, then slow recovery", () => {
    const p = jobRunPacing(() => 0.5);
    expect(p.delay(0)).toBe(2000);
    p.record('throttled');
    const slowed = p.delay(0);
    expect(slowed).toBeGreaterThanOrEqual(10_000);
    p.record('throttled', 40_000);
    expect(p.delay(0)).toBe(40_000); // a requested wait is honoured
    p.record('ok');
    expect(p.delay(0)).toBeGreaterThan(JOB_RUN_MIN_POLL_MS);
    for (let i = 0; i < 50; i++) p.record('ok');
    expect(p.delay(0)).toBe(2000);
  });
});

const job = (state: string, extra: Partial<JobStatus> = {}): JobStatus => ({
  jobId: 'manual-1',
  state,
  active: state === '3' ? 1 : 0,
  succeeded: state === '1' ? 1 : 0,
  failed: state === '2' ? 1 : 0,
  message: '',
  ...extra,
});

function fakeApi(
  execAnswers: Array<string | SaeError>,
  statusAnswers: Array<JobStatus | SaeError>,
): SaeApi & { events: string[] } {
  let e = 0;
  let s = 0;
  const events: string[] = [];
  const no = () => {
    throw new Error('not used');
  };
  return {
    events,
    updateJob: no,
    describeChangeOrder: no,
    listChangeOrders: no,
    abortChangeOrder: no,
    confirmPipelineBatch: no,
    describePipeline: no,
    describeJob: no,
    async execJob(_app, eventId) {
      events.push(eventId);
      const a = execAnswers[Math.min(e++, execAnswers.length - 1)]!;
      if (a instanceof SaeError) throw a;
      return { jobId: a, requestId: 'r' };
    },
    async describeJobStatus() {
      const a = statusAnswers[Math.min(s++, statusAnswers.length - 1)]!;
      if (a instanceof SaeError) throw a;
      return a;
    },
  };
}

const lost = () => new SaeError({ api: 'ExecJob', kind: 'timeout', code: 'RequestTimeout', message: 'no answer' });
const throttled = () =>
  new SaeError({
    api: 'DescribeJobStatus',
    kind: 'api',
    code: 'Throttling.User',
    message: 'slow down',
    httpStatus: 400,
  });
const denied = () =>
  new SaeError({ api: 'ExecJob', kind: 'api', code: 'Forbidden.RAM', message: 'no', httpStatus: 403 });

describe('ExecJob', () => {
  const start = (api: SaeApi, maxRetries = 2) => {
    const clock = virtualClock();
    const events: JobRunEvent[] = [];
    return startJobRun({
      api,
      appId: APP,
      eventId: 'gha-1-1-x',
      maxRetries,
      deadline: 600_000,
      clock,
      onEvent: (e) => events.push(e),
      random: () => 0.5,
    }).then((id) => ({ id, events }));
  };

  it('is resent with the same EventId after a lost answer', async () => {
    const api = fakeApi([lost(), 'manual-1'], []);
    const { id, events } = await start(api);
    expect(id).toBe('manual-1');
    expect(api.events).toEqual(['gha-1-1-x', 'gha-1-1-x']);
    expect(events.map((e) => e.type)).toEqual(['resend']);
  });

  it('is not resent after a refusal, and gives up after max-retries of real errors, not of throttling', async () => {
    await expect(start(fakeApi([denied()], []))).rejects.toMatchObject({ code: 'Forbidden.RAM' });
    const flaky = fakeApi([lost(), lost(), lost(), 'manual-1'], []);
    await expect(start(flaky, 2)).rejects.toMatchObject({ code: 'RequestTimeout' });
    expect(flaky.events).toHaveLength(3);
    const busy = fakeApi(
      [
        ...Array.from(
          { length: 6 },
          () => new SaeError({ api: 'ExecJob', kind: 'api', code: 'Throttling.User', message: '', httpStatus: 400 }),
        ),
        'manual-1',
      ],
      [],
    );
    expect((await start(busy, 0)).id).toBe('manual-1');
  });
});

describe('following the run', () => {
  const follow = (api: SaeApi, deadline = 900_000) => {
    const clock = virtualClock();
    const events: JobRunEvent[] = [];
    return followJobRun({
      api,
      appId: APP,
      jobId: 'manual-1',
      deadline,
      clock,
      pacing: jobRunPacing(() => 0.5),
      onEvent: (e) => events.push(e),
    }).then((r) => ({ ...r, events, clock }));
  };

  it('ends on State "1" or "2", with a progress event only when state or counts change', async () => {
    const ok = await follow(
      fakeApi([], [job('0'), job('3'), job('3'), job('3', { failed: 1 }), job('1', { failed: 1 })]),
    );
    expect(ok.outcome).toBe('succeeded');
    expect(ok.polls).toBe(5);
    expect(ok.events.filter((e) => e.type === 'progress')).toHaveLength(4);
    const bad = await follow(fakeApi([], [job('3'), job('2', { message: 'BackoffLimitExceeded' })]));
    expect(bad.outcome).toBe('failed');
    expect(bad.status?.message).toBe('BackoffLimitExceeded');
  });

  it('is bounded by run-timeout, and a stuck run ends as timed-out at it', async () => {
    const r = await follow(fakeApi([], [job('3')]), 60_000);
    expect(r.outcome).toBe('timed-out');
    expect(r.clock.t).toBe(60_000);
    expect(r.polls).toBeLessThanOrEqual(16);
  });

  it('throttling and transient errors never end the wait; a permanent error does', async () => {
    const r = await follow(
      fakeApi(
        [],
        [
          throttled(),
          throttled(),
          throttled(),
          new SaeError({
            api: 'DescribeJobStatus',
            kind: 'format',
            code: 'HTTP502',
            message: 'bad gateway',
            httpStatus: 502,
          }),
          job('1'),
        ],
      ),
    );
    expect(r.outcome).toBe('succeeded');
    const always = await follow(fakeApi([], [throttled()]), 120_000);
    expect(always.outcome).toBe('timed-out');
    expect(always.polls).toBeLessThan(25); // slowed down: 2 s apart would be 60
    await expect(
      follow(
        fakeApi(
          [],
          [
            job('3'),
            new SaeError({
              api: 'DescribeJobStatus',
              kind: 'api',
              code: 'Forbidden.RAM',
              message: '',
              httpStatus: 403,
            }),
          ],
        ),
      ),
    ).rejects.toMatchObject({ code: 'Forbidden.RAM' });
  });

  it('an undocumented state counts as still going and is said once', async () => {
    const r = await follow(fakeApi([], [job('7'), job('7'), job('1')]));
    expect(r.outcome).toBe('succeeded');
    expect(r.events.filter((e) => e.type === 'unknown-state')).toHaveLength(1);
  });
});
