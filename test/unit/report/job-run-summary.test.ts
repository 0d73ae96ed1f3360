// The "Job run" section of the job summary (run-after-deploy), pinned by a snapshot.
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../../src/report/model.js';
import { renderSummary } from '../../../src/report/summary.js';
import { renderMarkdown, textOf } from '../../helpers/markdown.js';

const context = {
  sha: '4f2c1d9e8b7a6c5d4e3f2a1b0c9d8e7f6a5b4c3d',
  ref: 'refs/tags/v1.4.2',
  runUrl: '',
  repository: 'acme/jobs',
  eventName: 'push',
};
const base: RunReport = {
  status: 'succeeded',
  appId: '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa',
  region: 'cn-hangzhou',
  durationMs: 95_000,
  parameters: {},
  history: [],
  pipelines: [],
  failureDetails: [],
  inputProblems: [],
  context,
};
const START = Date.UTC(2026, 11, 1, 20, 0, 0);

describe('job summary: Job run', () => {
  it('a failed run: the cause first, then state, counts, times and duration', async () => {
    const md = renderSummary({
      ...base,
      jobRun: {
        timeoutMs: 900_000,
        polls: 9,
        eventId: 'gha-1-1-abc',
        jobId: 'manual-3db7a8fa',
        outcome: 'failed',
        status: {
          jobId: 'manual-3db7a8fa',
          state: '2',
          active: 0,
          succeeded: 0,
          failed: 2,
          startTime: START,
          completionTime: START + 83_000,
          message: 'BackoffLimitExceeded | <b>x</b>\n::error::no',
        },
        error: { code: 'JobRun.Failed', message: 'The deploy succeeded, but the job run manual-3db7a8fa failed.' },
      },
    });
    const section = md.slice(md.indexOf('### Job run'));
    // The run's failure is what failed the step: its cause opens the summary.
    expect(md.indexOf('JobRun.Failed')).toBeLessThan(md.indexOf('| Result |'));
    expect(section).toContain('| Started | 2026-12-01T20:00:00Z |');
    expect(section).toContain('| Completed | 2026-12-01T20:01:23Z |');
    expect(section).toContain('| Duration | 1 min 23 s |');
    expect(section).toContain('| Instances | active 0, succeeded 0, failed 2 |');
    // SAE's message cannot break the table or add markup.
    expect(section).toContain('| Message | BackoffLimitExceeded \\| \\<b\\>x\\</b\\> ::error::no |');
    await expect(md).toMatchFileSnapshot('./__snapshots__/summary-job-run-failed.md');
  });

  it('a run still going at run-timeout has no completion time; a dry run says a run would follow', () => {
    const timedOut = renderSummary({
      ...base,
      jobRun: {
        timeoutMs: 60_000,
        polls: 16,
        jobId: 'manual-1',
        outcome: 'timed-out',
        status: { jobId: 'manual-1', state: '3', active: 1, succeeded: 0, failed: 0, startTime: START, message: '' },
        error: { code: 'JobRun.TimedOut', message: 'still going' },
      },
    });
    expect(timedOut).toContain('| State | running (3) |');
    expect(timedOut).not.toContain('| Completed |');
    expect(timedOut).not.toContain('| Duration | 0');
    const dry = renderSummary({ ...base, status: 'dry-run', jobRun: { planned: true, timeoutMs: 900_000, polls: 0 } });
    expect(dry).toContain('would run once (run-after-deploy: true) and be followed for at most 15 min');
    expect(renderSummary(base)).not.toContain('Job run');
  });
});

describe('the summary tells how the step ended first (run-after-deploy)', () => {
  type Ending = [name: string, run: NonNullable<RunReport['jobRun']>, words: RegExp];
  const error = (code: string) => ({ code, message: `${code}: what happened and what to do.` });
  const ENDINGS: Ending[] = [
    [
      'failed',
      { timeoutMs: 1, polls: 1, jobId: 'manual-1', outcome: 'failed', error: error('JobRun.Failed') },
      /but the test run failed/,
    ],
    [
      'timed out',
      { timeoutMs: 1, polls: 1, jobId: 'manual-1', outcome: 'timed-out', error: error('JobRun.TimedOut') },
      /but the test run timed out/,
    ],
    [
      'cancelled while running',
      { timeoutMs: 1, polls: 1, jobId: 'manual-1', outcome: 'cancelled', error: error('Run.Cancelled') },
      /but the test run was cancelled/,
    ],
    [
      'cancelled while starting',
      { timeoutMs: 1, polls: 0, eventId: 'e', error: error('Run.Cancelled') },
      /but the test run was cancelled/,
    ],
    ['not started', { timeoutMs: 1, polls: 0, eventId: 'e', error: error('Forbidden.NoPermission') }, /not be started/],
    ['not followed', { timeoutMs: 1, polls: 2, jobId: 'manual-1', error: error('Throttling') }, /not be followed/],
  ];

  for (const status of ['succeeded', 'unchanged'] as const) {
    for (const [name, jobRun, words] of ENDINGS) {
      it(`${status}, then a run that ${name}: ❌ (or 🚫) in the heading, the Result row and the first line`, () => {
        const md = renderSummary({ ...base, status, jobRun });
        const html = renderMarkdown(md);
        const heading = textOf(/<h2>(.*?)<\/h2>/s.exec(html)![1]!);
        expect(heading).toMatch(words);
        expect(heading).not.toContain('✅');
        expect(heading.startsWith(name.startsWith('cancelled') ? '🚫' : '❌')).toBe(true);
        const first = textOf(/<p>(.*?)<\/p>/s.exec(html)![1]!);
        expect(first).toMatch(words);
        const result = textOf(/<tr>\s*<th>Result<\/th>\s*<th>(.*?)<\/th>/s.exec(html)![1]!);
        expect(result).toMatch(words);
        expect(result).toContain(`status ${status}`);
        expect(result).not.toContain('✅');
        // The run's error opens the page, before the table.
        expect(md.indexOf(jobRun.error!.code)).toBeLessThan(md.indexOf('| Result |'));
        expect(md).not.toContain('✅');
      });
    }
  }

  it('a run that succeeded keeps the deploy heading', () => {
    const md = renderSummary({
      ...base,
      jobRun: { timeoutMs: 1, polls: 1, jobId: 'manual-1', outcome: 'succeeded' },
    });
    expect(md.startsWith('## ✅ SAE job template deployed\n')).toBe(true);
    expect(md).toContain('The test run after it: **succeeded**.');
  });
});

describe('every table of the summary has a header that says something', () => {
  // GitHub draws a table's header row whatever it holds: an empty one (`| | |`) is a blank bar over the facts.
  const rollback = (outcome: NonNullable<RunReport['rollback']>['outcome']): RunReport['rollback'] => ({
    trigger: 'the job run after the deploy failed',
    outcome,
    rolledBack: outcome === 'restored',
    changeOrderId: outcome === 'restored' ? 'c0ffee00-0000-4000-8000-000000000001' : undefined,
    restored: outcome === 'restored' ? { ImageUrl: 'r.example.com/ns/job:1' } : {},
    notRestored: [],
    ...(outcome === 'restored' ? {} : { error: { code: 'Rollback.Failed', message: 'what the template holds now' } }),
  });
  const variants: Array<[string, RunReport]> = [
    ['a run that failed', { ...base, jobRun: { timeoutMs: 1, polls: 1, jobId: 'manual-1', outcome: 'failed' } }],
    ['a run never started', { ...base, jobRun: { timeoutMs: 1, polls: 0, eventId: 'e' } }],
    ...(['restored', 'unchanged', 'skipped', 'failed', 'cancelled'] as const).map((o): [string, RunReport] => [
      `a rollback ${o}`,
      { ...base, status: 'failed', rollback: rollback(o) },
    ]),
  ];
  it.each(variants)('%s', (_, report) => {
    const html = renderMarkdown(renderSummary(report));
    const headers = [...html.matchAll(/<thead>(.*?)<\/thead>/gs)].map((m) => textOf(m[1]!).trim());
    expect(headers.length).toBeGreaterThanOrEqual(2);
    for (const h of headers) expect(h).not.toBe('');
  });
});
