// Every value that reaches the job summary or the pull request comment (SAE's answers, inputs, GitHub's
// values) × every line break and markup form: the page keeps the shape the action gave it (the same elements in
// the same order as with a harmless value), links go only to the action's own pages, and the comment's marker
// stays hidden. Rendered by each renderer of test/helpers/markdown.ts.
import { describe, expect, it } from 'vitest';
import { changeOrderUrl } from '../../../src/report/links.js';
import { ownUrl } from '../../../src/report/markdown.js';
import type { RunReport } from '../../../src/report/model.js';
import { marker, planComment } from '../../../src/report/pr-comment.js';
import { renderSummary } from '../../../src/report/summary.js';
import { hostileValues, LINE_BREAKS, MARKUP } from '../../helpers/hostile-text.js';
import { links, renderCmarkGfm, RENDERERS, skeleton, textOf } from '../../helpers/markdown.js';

const SEED = Number(process.env.SEED ?? 20_002);
/** Each markup form across a line break (each break in turn), and seeded random mixes. */
const VALUES = [
  ...MARKUP.map((m, i) => `ok${LINE_BREAKS[i % LINE_BREAKS.length]}${m}${LINE_BREAKS[(i + 3) % 8]}after`),
  ...hostileValues(SEED, 24),
];
const HARMLESS = 'harmless-value';

const APP = '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa';
const ORDER = '66507b7c-dad5-415c-a16d-d4bf3363254a';
/** A failed deploy with every section of the summary in it. */
const failed = (): RunReport => ({
  status: 'failed',
  appId: APP,
  region: 'cn-hangzhou',
  changeOrderId: ORDER,
  changeOrderUrl: changeOrderUrl(ORDER, 'cn-hangzhou'),
  requestId: '2D5651F1-9F65-4B61-8792-DF17F7F4AC85',
  traceId: 'ac1a0b2215622246421415014e0001',
  durationMs: 30_400,
  parameters: { AppId: APP, ImageUrl: 'registry.example/ns/job:1', Command: 'sh', OssAkSecret: '***' },
  history: [{ atMs: 200, status: 3, subStatus: 0, label: 'failed' }],
  pipelines: [{ pipelineId: 'p-1', name: 'Batch 1 change', status: 3, startTime: 1, updateTime: 2 }],
  failureDetails: ['Batch 1 / Pull image: ImagePullBackOff'],
  inputProblems: [],
  plan: [
    { wire: 'ImageUrl', input: 'image-url', secret: false, cleared: false, before: 'a', after: 'b', state: 'changed' },
  ],
  error: { code: 'ChangeOrder.Failed', message: `The change order failed. Change order: ${changeOrderUrl(ORDER, '')}` },
  context: {
    sha: '4f2c1d9e8b7a6c5d4e3f2a1b0c9d8e7f6a5b4c3d',
    ref: 'refs/tags/v1.4.2',
    runUrl: 'https://github.com/acme/jobs/actions/runs/1234',
    repository: 'acme/jobs',
    eventName: 'push',
  },
});
/** A deploy whose test run failed: the job run section with SAE's state and message. */
const runFailed = (): RunReport => ({
  ...failed(),
  status: 'succeeded',
  error: undefined,
  jobRun: {
    timeoutMs: 900_000,
    polls: 3,
    jobId: 'manual-1',
    outcome: 'failed',
    status: { jobId: 'manual-1', state: '2', active: 0, succeeded: 0, failed: 1, message: 'BackoffLimitExceeded' },
    error: { code: 'JobRun.Failed', message: 'The deploy succeeded, but the job run manual-1 failed.' },
  },
});
/** Bad inputs: the problems table. */
const badInput = (): RunReport => ({
  ...failed(),
  changeOrderId: undefined,
  changeOrderUrl: undefined,
  inputProblems: [{ input: 'envs', code: 'Envs.Invalid', message: 'envs: line 2 is not NAME=value.' }],
});
/** A dry run: the request as JSON too, and the pull request comment. */
const dryRun = (): RunReport => ({
  ...failed(),
  status: 'dry-run',
  error: undefined,
  changeOrderId: undefined,
  changeOrderUrl: undefined,
});

type Field = [name: string, base: () => RunReport, set: (r: RunReport, v: string) => void];
const FIELDS: Field[] = [
  ['app-id', failed, (r, v) => void (r.appId = v)],
  ['app-name', failed, (r, v) => void (r.appName = v)],
  ['namespace-id', failed, (r, v) => void (r.namespaceId = v)],
  ['spec file', failed, (r, v) => void (r.spec = v)],
  ['region', failed, (r, v) => void (r.region = v)],
  [
    'change order id',
    failed,
    (r, v) => {
      r.changeOrderId = v;
      r.changeOrderUrl = changeOrderUrl(v, r.region);
    },
  ],
  ['request id', failed, (r, v) => void (r.requestId = v)],
  ['trace id', failed, (r, v) => void (r.traceId = v)],
  ['GITHUB_SHA', failed, (r, v) => void (r.context.sha = v)],
  ['GITHUB_REF', failed, (r, v) => void (r.context.ref = v)],
  ['run URL', failed, (r, v) => void (r.context.runUrl = `https://github.com/acme/jobs/actions/runs/${v}`)],
  ['image-url', failed, (r, v) => void (r.parameters['ImageUrl'] = v)],
  [
    'package-url and version',
    failed,
    (r, v) => {
      delete r.parameters['ImageUrl'];
      r.parameters['PackageUrl'] = `https://b.example/${v}`;
      r.parameters['PackageVersion'] = v;
    },
  ],
  ['a parameter', failed, (r, v) => void (r.parameters['Command'] = v)],
  ['error code', failed, (r, v) => void (r.error!.code = v)],
  ['error message', failed, (r, v) => void (r.error!.message = v)],
  ['failed task', failed, (r, v) => void (r.failureDetails[0] = v)],
  ['pipeline name', failed, (r, v) => void (r.pipelines[0]!.name = v)],
  [
    'pipeline id',
    failed,
    (r, v) => {
      r.pipelines[0]!.name = '';
      r.pipelines[0]!.pipelineId = v;
    },
  ],
  ['plan: before', failed, (r, v) => void (r.plan![0]!.before = v)],
  ['plan: after', failed, (r, v) => void (r.plan![0]!.after = v)],
  ['plan: an env var merged', failed, (r, v) => void (r.plan![0]!.envChanges = [{ name: v, change: 'added' }])],
  ['input problem: message', badInput, (r, v) => void (r.inputProblems[0]!.message = v)],
  ['input problem: code', badInput, (r, v) => void (r.inputProblems[0]!.code = v)],
  ['job run id', runFailed, (r, v) => void (r.jobRun!.jobId = r.jobRun!.status!.jobId = v)],
  ['job state', runFailed, (r, v) => void (r.jobRun!.status!.state = v)],
  ['job message', runFailed, (r, v) => void (r.jobRun!.status!.message = v)],
  ['job run error', runFailed, (r, v) => void (r.jobRun!.error!.message = v)],
  ['dry run parameter', dryRun, (r, v) => void (r.parameters['Command'] = v)],
];

const withValue = (field: Field, v: string): RunReport => {
  const r = structuredClone(field[1]());
  field[2](r, v);
  return r;
};
/** The page's shape, without the code elements (a value is code or text wherever it goes, harmless or not). */
const shapeOf = (html: string) => skeleton(html).filter((t) => t !== 'code' && t !== '/code');

describe('every value that reaches the summary × every line break and markup form', () => {
  for (const field of FIELDS) {
    it(`${field[0]}: the page keeps its shape, and links only to the action's own pages (seed ${SEED})`, () => {
      const docs = [HARMLESS, ...VALUES].map((v) => renderSummary(withValue(field, v)));
      const pages: Record<string, string[]> = {};
      for (const [name, render] of Object.entries(RENDERERS)) pages[name] = docs.map(render);
      const cmark = renderCmarkGfm(docs);
      if (cmark) pages['cmark-gfm'] = cmark;
      for (const [renderer, [harmless, ...hostile]] of Object.entries(pages)) {
        const shape = shapeOf(harmless!);
        hostile.forEach((html, i) => {
          const why = `${renderer}, ${field[0]} = ${JSON.stringify(VALUES[i])}:\n${docs[i + 1]}`;
          expect(shapeOf(html), why).toEqual(shape);
          for (const [, href] of links(html)) expect(ownUrl(href, { run: true }), why).toBe(href);
        });
      }
    });
  }

  it('the pull request comment: its marker stays a hidden comment whatever the app-id, and the page its shape', () => {
    const docs = [HARMLESS, ...VALUES].map((appId) => planComment({ ...dryRun(), appId }));
    for (const [renderer, render] of Object.entries(RENDERERS)) {
      const [harmless, ...hostile] = docs.map(render);
      hostile.forEach((html, i) => {
        const appId = VALUES[i]!;
        const why = `${renderer}, ${JSON.stringify(appId)}:\n${docs[i + 1]}`;
        expect(docs[i + 1]!.startsWith(marker(appId)), why).toBe(true);
        // Nothing of the marker shows: the page opens with the heading.
        expect(html.trimStart().startsWith('<!-- sae-job-deploy plan '), why).toBe(true);
        expect(textOf(html.slice(0, html.indexOf('<h2>'))).trim(), why).toBe('');
        expect(marker(appId), why).toMatch(/^<!-- sae-job-deploy plan [^\s<>]* -->$/);
        expect(shapeOf(html), why).toEqual(shapeOf(harmless!));
      });
    }
  });
});
