// envs-strategy: merge against the emulator: the template's env vars kept, the step's set or removed, ConfigMap
// references untouched, the plan showing each; a template that cannot be read fails the step before UpdateJob.
// In-process (run(deps)) on a virtual clock the emulator shares.
import { describe, expect, it } from 'vitest';
import { emulatorInputs, FAST, useEmulator, type ActionRun } from '../helpers/action.js';

const APP = '7171a6ca-d1cd-4928-8642-7d5cfe69eeee';
const HELD = [
  { name: 'KEEP', value: '1.10' },
  { name: 'sae-sys-configmap-all-app', valueFrom: 'configMapRef', configMapId: 16 },
  { name: 'CHANGE', value: 'a' },
  { name: 'DROP', value: 'x' },
];
const h = useEmulator({
  plan: FAST,
  apps: [
    {
      appId: APP,
      appName: 'merge-job',
      settings: {
        ImageUrl: 'registry.cn-hangzhou.aliyuncs.com/ns/job:1',
        Envs: JSON.stringify(HELD),
      },
    },
  ],
});
const errors = (run: ActionRun) => run.annotations.filter((a) => a.level === 'error');

describe('envs-strategy: merge', () => {
  it("keeps the template's env vars, sets the names given, removes a null one, and the plan shows each", async () => {
    const run = await h.run({
      inputs: emulatorInputs(h.sae.url, {
        'app-id': APP,
        'envs-strategy': 'merge',
        envs: 'CHANGE: b\nDROP: null\nNEW: 007',
      }),
    });
    expect(errors(run)).toEqual([]);
    expect(run.outputs.status).toBe('succeeded');
    const sent = JSON.parse(h.sae.calls('UpdateJob')[0]!.query.Envs!) as unknown;
    expect(sent).toEqual([HELD[0], HELD[1], { name: 'CHANGE', value: 'b' }, { name: 'NEW', value: '007' }]);
    expect(JSON.parse(h.sae.template(APP).Envs!)).toEqual(sent);
    expect(run.stdout).toContain('  + NEW = 007');
    expect(run.stdout).toContain('  ~ CHANGE: a → b');
    expect(run.stdout).toContain('  - DROP (was x)');
    expect(run.summary).toContain(
      "Env vars (envs-strategy: merge): added `NEW`; changed `CHANGE`; removed `DROP`; the template's others are kept.",
    );
    expect(run.stdout).toMatch(/Verified: the template holds every value sent/);
  });

  it('with if-unchanged: skip, a merge that changes nothing sends nothing', async () => {
    const run = await h.run({
      inputs: emulatorInputs(h.sae.url, {
        'app-id': APP,
        'envs-strategy': 'merge',
        envs: 'KEEP: 1.10\nABSENT: null',
        'if-unchanged': 'skip',
      }),
    });
    expect(errors(run)).toEqual([]);
    expect(run.outputs.status).toBe('unchanged');
    expect(h.sae.calls('UpdateJob')).toEqual([]);
  });

  it('a template that cannot be read fails the step rather than guess; nothing is sent', async () => {
    // A failure that outlasts the retries (a gateway's 503 pages); an answer every call would get too (RAM
    // refusing DescribeJob) stops the step before the merge is even tried (test/e2e/authoritative.test.ts).
    h.sae.script({ api: 'DescribeJob', html: 503, times: 10 });
    const run = await h.run({
      inputs: emulatorInputs(h.sae.url, { 'app-id': APP, 'envs-strategy': 'merge', envs: 'NEW: 1' }),
    });
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('Envs.TemplateNotRead');
    expect(errors(run)[0]!.message).toMatch(/DescribeJob: .*sent nothing rather than guess/);
    expect(h.sae.calls('UpdateJob')).toEqual([]);
    // replace (the default) does not need the template: the same failure to read only warns, and the deploy goes on.
    h.sae.reset();
    h.sae.script({ api: 'DescribeJob', html: 503, times: 10 });
    const replace = await h.run({ inputs: emulatorInputs(h.sae.url, { 'app-id': APP, envs: 'NEW: 1' }) });
    expect(h.sae.calls('UpdateJob').length).toBe(1);
    expect(replace.annotations.some((a) => a.title === 'Plan not read')).toBe(true);
  });

  it('a null value without merge is an input error; a dry run without credentials says merge needs them', async () => {
    const bad = await h.run({ inputs: emulatorInputs(h.sae.url, { 'app-id': APP, envs: 'GONE: null' }) });
    expect(bad.code).toBe(1);
    expect(errors(bad)[0]!.message).toMatch(/removes a variable only with envs-strategy: merge/);
    expect(h.sae.requests).toEqual([]);
    const dry = await h.run({
      inputs: { 'app-id': APP, region: 'cn-hangzhou', 'envs-strategy': 'merge', envs: 'A: 1', 'dry-run': 'true' },
    });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('envs-strategy: merge needs the template');
  });
});
