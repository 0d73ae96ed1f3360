// The job summary's markdown, pinned by snapshots (look at them rendered: scripts/render-summary.ts).
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/report/model.js';
import { cell, formatDuration, renderSummary } from '../../src/report/summary.js';

const context = { sha: '4f2c1d9e8b7a6c5d4e3f2a1b0c9d8e7f6a5b4c3d', ref: 'refs/tags/v1.4.2', runUrl: 'https://github.com/acme/jobs/actions/runs/1234', repository: 'acme/jobs', eventName: 'push' };
const base: RunReport = {
  status: 'succeeded', appId: '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa', region: 'cn-hangzhou',
  changeOrderId: '66507b7c-dad5-415c-a16d-d4bf3363254a',
  changeOrderUrl: 'https://sae.console.aliyun.com/#/AppList/ChangeOrderDetail?changeOrderId=66507b7c-dad5-415c-a16d-d4bf3363254a&regionId=cn-hangzhou',
  requestId: '2D5651F1-9F65-4B61-8792-DF17F7F4AC85', traceId: 'ac1a0b2215622246421415014e0001', durationMs: 41_230,
  parameters: { AppId: '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa', Envs: '[{"name":"LOG_LEVEL","value":"info"}]', ImageUrl: 'registry.cn-hangzhou.aliyuncs.com/demo/report-job:1.4.2', OssAkSecret: '***', SlsConfigs: '' },
  history: [{ atMs: 200, status: 0, subStatus: 0, label: 'preparing' }, { atMs: 1200, status: 1, subStatus: 0, label: 'executing' }, { atMs: 40_800, status: 2, subStatus: 0, label: 'succeeded' }],
  pipelines: [{ pipelineId: 'p-1', name: 'Batch 1 change', status: 2, startTime: 1_764_300_000_000, updateTime: 1_764_300_040_600 }],
  failureDetails: [], inputProblems: [], context,
};

describe('job summary', () => {
  it('success', async () => {
    await expect(renderSummary(base)).toMatchFileSnapshot('./__snapshots__/summary-succeeded.md');
  });

  it('failure: the cause and the fix first, then where it failed', async () => {
    const failed: RunReport = {
      ...base, status: 'failed',
      history: [...base.history.slice(0, 2), { atMs: 30_100, status: 3, subStatus: 0, label: 'failed' }],
      pipelines: [{ pipelineId: 'p-1', name: 'Batch 1 change', status: 3, startTime: 1_764_300_000_000, updateTime: 1_764_300_029_900 }],
      failureDetails: ['Batch 1 / Pull image: ImagePullBackOff image not found: demo/report-job:1.4.2'],
      error: { code: 'ChangeOrder.Failed', message: 'The change order failed. SAE says: Deployment failed — Batch 1 / Pull image: ImagePullBackOff image not found. Fix the cause shown above, then re-run.' },
    };
    const md = renderSummary(failed);
    expect(md.indexOf('ChangeOrder.Failed')).toBeLessThan(md.indexOf('| Result |'));
    await expect(md).toMatchFileSnapshot('./__snapshots__/summary-failed.md');
  });

  it('bad input lists every problem', async () => {
    const bad: RunReport = {
      ...base, status: 'failed', changeOrderId: undefined, changeOrderUrl: undefined, requestId: undefined, traceId: undefined, history: [], pipelines: [], durationMs: 40,
      inputProblems: [
        { input: 'termination-grace-period-seconds', code: 'InvalidParameter.WithMessage', message: 'termination-grace-period-seconds: 400 is outside 1–300. Give a whole number from 1 to 300, e.g. termination-grace-period-seconds: 30.' },
        { input: 'sls-configs', code: 'Sls.Project.Name.Invalid', message: 'sls-configs[0].projectName "sae-x" starts with "sae-" | a prefix SAE keeps <for itself>.' },
      ],
      error: { code: 'InvalidParameter.WithMessage', message: '2 inputs are wrong (see the annotations).' },
    };
    await expect(renderSummary(bad)).toMatchFileSnapshot('./__snapshots__/summary-bad-input.md');
  });

  it('dry run shows the request as a table and as JSON', async () => {
    const dry: RunReport = { ...base, status: 'dry-run', changeOrderId: undefined, changeOrderUrl: undefined, requestId: undefined, traceId: undefined, history: [], pipelines: [], durationMs: 90 };
    const md = renderSummary(dry);
    expect(md).toContain('```json');
    expect(md).toContain('"OssAkSecret": "***"');
    await expect(md).toMatchFileSnapshot('./__snapshots__/summary-dry-run.md');
  });

  it('what changed: changed and unreadable parameters in a table, secrets as ***, the rest named', async () => {
    const plan: RunReport['plan'] = [
      { wire: 'Envs', input: 'envs', secret: false, cleared: false, before: '[{"name":"LOG_LEVEL","value":"info"}]', after: '[{"name":"LOG_LEVEL","value":"info"}]', state: 'unchanged' },
      { wire: 'ImageUrl', input: 'image-url', secret: false, cleared: false, before: 'registry.cn-hangzhou.aliyuncs.com/demo/report-job:1.4.1', after: 'registry.cn-hangzhou.aliyuncs.com/demo/report-job:1.4.2', state: 'changed' },
      { wire: 'OssAkSecret', input: 'oss-ak-secret', secret: true, cleared: false, after: '***', state: 'changed' },
      { wire: 'SlsConfigs', input: 'sls-configs', secret: false, cleared: true, before: '[{"logDir":"","logType":"stdout"}]', after: '', state: 'changed' },
      { wire: 'EnableImageAccl', input: 'enable-image-accl', secret: false, cleared: false, after: 'true', state: 'unknown' },
    ];
    const md = renderSummary({ ...base, plan });
    expect(md).toContain('### What changed');
    expect(md).toContain('| ImageUrl | `registry.cn-hangzhou.aliyuncs.com/demo/report-job:1.4.1` | `registry.cn-hangzhou.aliyuncs.com/demo/report-job:1.4.2` |');
    expect(md).toContain('| OssAkSecret | *** | *** (changed) |');
    expect(md).toContain('| SlsConfigs | `[{"logDir":"","logType":"stdout"}]` | *(cleared)* |');
    expect(md).toContain('| EnableImageAccl | *(not readable; counted as changed)* | `true` |');
    expect(md).toContain('Unchanged: Envs.');
    const unchanged = renderSummary({ ...base, status: 'unchanged', changeOrderId: undefined, changeOrderUrl: undefined, history: [], pipelines: [], plan: [plan[0]!] });
    expect(unchanged).toContain('already up to date');
    expect(unchanged).toContain('### What would change');
    expect(unchanged).toContain('Nothing: the template already holds every parameter of this step.');
  });

  it('no value can break out of the JSON block', () => {
    const dry: RunReport = { ...base, status: 'dry-run', history: [], pipelines: [], parameters: { Command: 'echo ```\n# injected' } };
    const md = renderSummary(dry);
    expect(md).toContain('````json');
    expect(md).not.toMatch(/^```\s*$/m);
  });

  it('escapes table cells and formats durations', () => {
    expect(cell('a | b <c>\nd')).toBe('a \\| b &lt;c&gt; d');
    expect(formatDuration(950)).toBe('1.0 s');
    expect(formatDuration(59_940)).toBe('59.9 s');
    expect(formatDuration(59_960)).toBe('1 min');
    expect(formatDuration(899_600)).toBe('15 min');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
  });
});
