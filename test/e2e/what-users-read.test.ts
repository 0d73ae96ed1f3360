// What a person reads from a run of the bundle: the outputs a later step gets on bad input, and the demo's log.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAction, TEST_KEY } from '../helpers/action.js';

const APP = '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa';
const IMAGE = 'registry.cn-hangzhou.aliyuncs.com/demo/report-job:1.4.2';
const inputs = {
  'app-id': APP,
  'image-url': IMAGE,
  region: 'cn-hangzhou',
  'access-key-id': TEST_KEY.id,
  'access-key-secret': TEST_KEY.secret,
};

describe('outputs on bad input', () => {
  it('a wrong setting: app-id and the request that would have been sent are set, with status and error-code', async () => {
    const run = await runAction({
      inputs: {
        ...inputs,
        'wait-timeout': 'soon',
        'oss-ak-id': 'LTAI5tOssId000000001',
        'oss-ak-secret': 'OssSecret0000000000000001',
      },
    });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ 'app-id': APP, status: 'failed' });
    expect(run.outputs['error-code']).not.toBe('');
    expect(JSON.parse(run.outputs['request']!)).toEqual({
      AppId: APP,
      ImageUrl: IMAGE,
      OssAkId: 'LTAI5tOssId000000001',
      OssAkSecret: '***',
    });
    expect(run.summary).toContain('Parameters not sent (the inputs are wrong) (4)');
  });

  it('a wrong parameter: app-id is set, and request is set empty (no request can be built)', async () => {
    const run = await runAction({ inputs: { ...inputs, replicas: 'many' } });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ 'app-id': APP, request: '', status: 'failed' });
  });
});

describe('npm run demo', () => {
  it('shows the log as GitHub does: no ::add-mask:: line, no secret', () => {
    const root = resolve(import.meta.dirname, '../..');
    const demo = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(demo.status, demo.stderr).toBe(0);
    expect(demo.stdout).toContain('Result: succeeded');
    expect(demo.stdout).not.toContain('::add-mask::');
    expect(demo.stdout).not.toContain(TEST_KEY.secret);
  });
});
