// The job summary's markdown, pinned by snapshots (look at them rendered: scripts/render-summary.ts).
import { describe, expect, it } from 'vitest';
import { changeOrderFailedMessage } from '../../../src/report/failure-messages.js';
import type { RunReport } from '../../../src/report/model.js';
import { code, text } from '../../../src/report/markdown.js';
import { formatDuration } from '../../../src/report/format.js';
import { renderSummary } from '../../../src/report/summary.js';
import { codeSpans, links, renderMarkdown, textOf } from '../../helpers/markdown.js';

const context = {
  sha: '4f2c1d9e8b7a6c5d4e3f2a1b0c9d8e7f6a5b4c3d',
  ref: 'refs/tags/v1.4.2',
  runUrl: 'https://github.com/acme/jobs/actions/runs/1234',
  repository: 'acme/jobs',
  eventName: 'push',
};
const base: RunReport = {
  status: 'succeeded',
  appId: '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa',
  region: 'cn-hangzhou',
  changeOrderId: '66507b7c-dad5-415c-a16d-d4bf3363254a',
  changeOrderUrl:
    'https://sae.console.aliyun.com/#/AppList/ChangeOrderDetail?changeOrderId=66507b7c-dad5-415c-a16d-d4bf3363254a&regionId=cn-hangzhou',
  requestId: '2D5651F1-9F65-4B61-8792-DF17F7F4AC85',
  traceId: 'ac1a0b2215622246421415014e0001',
  durationMs: 41_230,
  parameters: {
    AppId: '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa',
    Command: 'sh -c "echo `date` >> /tmp/run.log"',
    Envs: '[{"name":"LOG_LEVEL","value":"info"}]',
    ImageUrl: 'registry.cn-hangzhou.aliyuncs.com/demo/report-job:1.4.2',
    OssAkSecret: '***',
    SlsConfigs: '',
  },
  history: [
    { atMs: 200, status: 0, subStatus: 0, label: 'preparing' },
    { atMs: 1200, status: 1, subStatus: 0, label: 'executing' },
    { atMs: 40_800, status: 2, subStatus: 0, label: 'succeeded' },
  ],
  pipelines: [
    {
      pipelineId: 'p-1',
      name: 'Batch 1 change',
      status: 2,
      startTime: 1_764_300_000_000,
      updateTime: 1_764_300_040_600,
    },
  ],
  failureDetails: [],
  inputProblems: [],
  context,
};

const failed: RunReport = {
  ...base,
  status: 'failed',
  history: [...base.history.slice(0, 2), { atMs: 30_100, status: 3, subStatus: 0, label: 'failed' }],
  pipelines: [
    {
      pipelineId: 'p-1',
      name: 'Batch 1 change',
      status: 3,
      startTime: 1_764_300_000_000,
      updateTime: 1_764_300_029_900,
    },
  ],
  failureDetails: ['Batch 1 / Pull image: ImagePullBackOff image not found: demo/report-job:1.4.2'],
  durationMs: 30_400,
  error: {
    code: 'ChangeOrder.Failed',
    // The words the run sends (outcome/endings.ts), from the same builder.
    message: changeOrderFailedMessage({
      status: 3,
      cause: 'The change order failed.',
      errorMessage: 'Deployment failed.',
      firstDetail: 'Batch 1 / Pull image: ImagePullBackOff image not found: demo/report-job:1.4.2',
      url: base.changeOrderUrl,
    }),
  },
};
const bad: RunReport = {
  ...base,
  status: 'failed',
  changeOrderId: undefined,
  changeOrderUrl: undefined,
  requestId: undefined,
  traceId: undefined,
  history: [],
  pipelines: [],
  durationMs: 40,
  inputProblems: [
    {
      input: 'termination-grace-period-seconds',
      code: 'InvalidParameter.WithMessage',
      message:
        'termination-grace-period-seconds: 400 is outside 1–300. Give a whole number from 1 to 300, e.g. termination-grace-period-seconds: 30.',
    },
    {
      input: 'sls-configs',
      code: 'Sls.Project.Name.Invalid',
      message: 'sls-configs[0].projectName "sae-x" starts with "sae-" | a prefix SAE keeps <for itself>.',
    },
  ],
  error: { code: 'InvalidParameter.WithMessage', message: '2 inputs are wrong (see the annotations).' },
};
const dry: RunReport = {
  ...base,
  status: 'dry-run',
  changeOrderId: undefined,
  changeOrderUrl: undefined,
  requestId: undefined,
  traceId: undefined,
  history: [],
  pipelines: [],
  durationMs: 90,
};

/** The summary as GitHub shows it: rendered, and read as text. */
const rendered = (r: RunReport) => renderMarkdown(renderSummary(r));
/** The first paragraph after the heading, and whether it comes before every table. */
function headlineOf(html: string): string {
  const p = /<\/h2>\s*<p>(.*?)<\/p>/s.exec(html);
  expect(p, 'a paragraph right after the heading').not.toBeNull();
  expect(html.indexOf(p![0])).toBeLessThan(html.indexOf('<table>'));
  return textOf(p![1]!);
}

describe('job summary', () => {
  it('success', async () => {
    await expect(renderSummary(base)).toMatchFileSnapshot('./__snapshots__/summary-succeeded.md');
  });

  it('failure: the cause and the fix first, then where it failed', async () => {
    const md = renderSummary(failed);
    expect(md.indexOf('ChangeOrder.Failed')).toBeLessThan(md.indexOf('| Result |'));
    await expect(md).toMatchFileSnapshot('./__snapshots__/summary-failed.md');
  });

  it('bad input lists every problem', async () => {
    await expect(renderSummary(bad)).toMatchFileSnapshot('./__snapshots__/summary-bad-input.md');
  });

  it('dry run shows the request as a table and as JSON', async () => {
    const md = renderSummary(dry);
    expect(md).toContain('```json');
    expect(md).toContain('"OssAkSecret": "***"');
    await expect(md).toMatchFileSnapshot('./__snapshots__/summary-dry-run.md');
  });
});

describe('job summary, rendered as a reader sees it', () => {
  it('every link in the error box opens the change order in its region', () => {
    for (const r of [
      failed,
      {
        ...failed,
        status: 'timed-out' as const,
        error: {
          code: 'ChangeOrder.TimedOut',
          message: `The change order did not end within wait-timeout (15 min). Change order: ${base.changeOrderUrl}`,
        },
      },
    ]) {
      const html = rendered(r);
      const box = /<blockquote>(.*?)<\/blockquote>/s.exec(html)![1]!;
      expect(links(box)).toEqual([[base.changeOrderId, base.changeOrderUrl]]);
      expect(textOf(box)).not.toContain('&amp;');
      // The table's link says the same.
      expect(links(html)).toContainEqual([base.changeOrderId, base.changeOrderUrl]);
    }
  });

  it('a URL in an error is a link, and its sentence keeps its full stop outside it', () => {
    const html = rendered({
      ...failed,
      error: {
        code: 'X',
        message:
          'Another change order is running: https://sae.console.aliyun.com/#/AppList/ChangeOrderDetail?changeOrderId=abc-1&regionId=cn-beijing.',
      },
    });
    expect(links(html)[0]).toEqual([
      'abc-1',
      'https://sae.console.aliyun.com/#/AppList/ChangeOrderDetail?changeOrderId=abc-1&regionId=cn-beijing',
    ]);
    expect(textOf(/<blockquote>(.*?)<\/blockquote>/s.exec(html)![1]!)).toContain('running: abc-1.');
  });

  it('values keep their backticks, in the summary and the dry-run plan', () => {
    for (const r of [base, dry]) expect(codeSpans(rendered(r))).toContain('sh -c "echo `date` >> /tmp/run.log"');
    for (const v of ['`', '``a`', 'a ` b', ' lead', 'x|y', '`date`'])
      expect(codeSpans(renderMarkdown(`| a | ${code(v)} |\n|---|---|\n`))).toEqual([v]);
  });

  it('each summary opens with one line: what happened, to what, the result and how long', () => {
    const image = 'registry.cn-hangzhou.aliyuncs.com/demo/report-job:1.4.2';
    expect(headlineOf(rendered(base))).toBe(
      `Deployed ${image} to job template ${base.appId} (cn-hangzhou): succeeded in 41.2 s.`,
    );
    expect(headlineOf(rendered(failed))).toBe(
      `Deploying ${image} to job template ${base.appId} (cn-hangzhou): failed after 30.4 s.`,
    );
    expect(headlineOf(rendered(bad))).toBe(
      `Deploying ${image} to job template ${base.appId} (cn-hangzhou): failed after 0.0 s, before anything was sent: 2 inputs are wrong.`,
    );
    expect(headlineOf(rendered(dry))).toBe(
      `Would deploy ${image} to job template ${base.appId} (cn-hangzhou): dry run, nothing was sent (0.1 s).`,
    );
    const pkg = {
      ...base,
      parameters: {
        AppId: base.appId,
        PackageUrl: 'https://bucket.oss-cn-hangzhou.aliyuncs.com/jobs/report-1.4.2.jar?Expires=1&Signature=abc',
        PackageVersion: '1.4.2',
      },
    };
    expect(headlineOf(rendered(pkg))).toBe(
      `Deployed report-1.4.2.jar version 1.4.2 to job template ${base.appId} (cn-hangzhou): succeeded in 41.2 s.`,
    );
  });

  it('the image is in the table, not only in the collapsed parameters', () => {
    const html = rendered(base);
    const table = html.slice(html.indexOf('<table>'), html.indexOf('</table>'));
    expect(textOf(table)).toContain('Image\nregistry.cn-hangzhou.aliyuncs.com/demo/report-job:1.4.2');
  });

  it('what changed: changed and unreadable parameters in a table, secrets as ***, the rest named', async () => {
    const plan: RunReport['plan'] = [
      {
        wire: 'Envs',
        input: 'envs',
        secret: false,
        cleared: false,
        before: '[{"name":"LOG_LEVEL","value":"info"}]',
        after: '[{"name":"LOG_LEVEL","value":"info"}]',
        state: 'unchanged',
      },
      {
        wire: 'ImageUrl',
        input: 'image-url',
        secret: false,
        cleared: false,
        before: 'registry.cn-hangzhou.aliyuncs.com/demo/report-job:1.4.1',
        after: 'registry.cn-hangzhou.aliyuncs.com/demo/report-job:1.4.2',
        state: 'changed',
      },
      { wire: 'OssAkSecret', input: 'oss-ak-secret', secret: true, cleared: false, after: '***', state: 'changed' },
      {
        wire: 'SlsConfigs',
        input: 'sls-configs',
        secret: false,
        cleared: true,
        before: '[{"logDir":"","logType":"stdout"}]',
        after: '',
        state: 'changed',
      },
      {
        wire: 'EnableImageAccl',
        input: 'enable-image-accl',
        secret: false,
        cleared: false,
        after: 'true',
        state: 'unknown',
      },
    ];
    const md = renderSummary({ ...base, plan });
    expect(md).toContain('### What changed');
    expect(md).toContain(
      '| ImageUrl | `registry.cn-hangzhou.aliyuncs.com/demo/report-job:1.4.1` | `registry.cn-hangzhou.aliyuncs.com/demo/report-job:1.4.2` |',
    );
    expect(md).toContain('| OssAkSecret | *** | *** (changed) |');
    expect(md).toContain('| SlsConfigs | `[{"logDir":"","logType":"stdout"}]` | *(cleared)* |');
    expect(md).toContain('| EnableImageAccl | *(not readable; counted as changed)* | `true` |');
    expect(md).toContain('Unchanged: Envs.');
    const unchanged = renderSummary({
      ...base,
      status: 'unchanged',
      changeOrderId: undefined,
      changeOrderUrl: undefined,
      history: [],
      pipelines: [],
      plan: [plan[0]!],
    });
    expect(unchanged).toContain('already up to date');
    expect(unchanged).toContain('### What would change');
    expect(unchanged).toContain('Nothing: the template already holds every parameter of this step.');
  });

  it('no value can break out of the JSON block', () => {
    const dry: RunReport = {
      ...base,
      status: 'dry-run',
      history: [],
      pipelines: [],
      parameters: { Command: 'echo ```\n# injected' },
    };
    const md = renderSummary(dry);
    expect(md).toContain('````json');
    expect(md).not.toMatch(/^```\s*$/m);
  });

  it('escapes table cells and formats durations', () => {
    expect(text('a | b <c>\nd')).toBe('a \\| b \\<c\\> d');
    expect(formatDuration(950)).toBe('1.0 s');
    expect(formatDuration(59_940)).toBe('59.9 s');
    expect(formatDuration(59_960)).toBe('1 min');
    expect(formatDuration(899_600)).toBe('15 min');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
  });
});
