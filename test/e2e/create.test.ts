// if-missing: create: one spec file takes a job from nothing to a deployed, proven template, and the same step run
// again updates it. CreateJob is never sent twice for one template: a lost answer and a concurrent create both end
// with one template. In-process (run(deps)) against the emulator, on a virtual clock it shares (the concurrent
// create on the wall clock).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emulatorInputs, FAST, useEmulator, type ActionRun } from '../helpers/action.js';

const EXISTING = '7171a6ca-d1cd-4928-8642-7d5cfe69ffff';
const h = useEmulator({
  plan: FAST,
  apps: [{ appId: EXISTING, appName: 'sized-job', namespaceId: 'cn-hangzhou:prod' }],
});

const SPEC = (name = 'report-job', extra = '') =>
  [
    '# .sae/job.yaml',
    `app-name: ${name}`,
    'namespace-id: cn-hangzhou:prod',
    'region: cn-hangzhou',
    'image-url: registry.cn-hangzhou.aliyuncs.com/acme/report:1.0.0',
    'timeout: 600',
    'envs:',
    '  LOG_LEVEL: info',
    "trigger-config: { type: time, config: '0 1 */1 * ?', timezone: 'GMT+8:00' }",
    'create:',
    '  package-type: Image',
    '  cpu: 500',
    '  memory: 1024',
    '  replicas: 1',
    extra,
  ].join('\n');

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function workspace(spec: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sae-create-'));
  dirs.push(dir);
  mkdirSync(join(dir, '.sae'));
  writeFileSync(join(dir, '.sae/job.yaml'), spec);
  return dir;
}
const errors = (run: ActionRun) => run.annotations.filter((a) => a.level === 'error');
const named = (name: string) => [...h.sae.apps.values()].filter((a) => a.appName === name);
const step = (dir: string, extra: Record<string, string> = {}) =>
  h.run({
    inputs: emulatorInputs(h.sae.url, { spec: '.sae/job.yaml', 'if-missing': 'create', ...extra }),
    env: { GITHUB_WORKSPACE: dir },
  });

describe('if-missing: create', () => {
  it('takes an empty account to a deployed, proven template; the same step again updates it, or skips it', async () => {
    const dir = workspace(SPEC());
    const first = await step(dir);
    expect(errors(first)).toEqual([]);
    expect(first.outputs).toMatchObject({ status: 'succeeded', created: 'true' });
    const [app] = named('report-job');
    expect(app).toBeDefined();
    expect(first.outputs['app-id']).toBe(app!.appId);
    const [call] = h.sae.calls('CreateJob');
    expect(call!.query).toEqual({
      AppName: 'report-job',
      NamespaceId: 'cn-hangzhou:prod',
      Workload: 'job',
      PackageType: 'Image',
      Cpu: '500',
      Memory: '1024',
      Replicas: '1',
      ImageUrl: 'registry.cn-hangzhou.aliyuncs.com/acme/report:1.0.0',
      Timeout: '600',
      Envs: '[{"name":"LOG_LEVEL","value":"info"}]',
      TriggerConfig: '{"type":"time","config":"0 1 */1 * ?","timezone":"GMT+8:00"}',
    });
    expect(call!.rawBody).toBe('');
    expect(h.sae.calls('UpdateJob')).toEqual([]);
    expect(first.outputs['change-order-id']).toBe([...h.sae.changeOrders.values()][0]!.changeOrderId);
    expect(first.stdout).toMatch(/Verified: the template holds every value sent/);
    expect(first.summary).toContain(`| Job template | \`report-job\` (\`${app!.appId}\`) |`);
    expect(first.summary).toContain('| Created | by this step (if-missing: create; CreateJob) |');
    expect(first.summary).toContain('| Namespace | `cn-hangzhou:prod` |');

    const again = await step(dir, { 'image-url': 'registry.cn-hangzhou.aliyuncs.com/acme/report:1.0.1' });
    expect(errors(again)).toEqual([]);
    expect(again.outputs).toMatchObject({ status: 'succeeded', created: 'false', 'app-id': app!.appId });
    expect(h.sae.calls('CreateJob').length).toBe(1);
    expect(h.sae.calls('UpdateJob').length).toBe(1);

    const skip = await step(dir, {
      'image-url': 'registry.cn-hangzhou.aliyuncs.com/acme/report:1.0.1',
      'if-unchanged': 'skip',
    });
    expect(skip.outputs).toMatchObject({ status: 'unchanged', created: 'false' });
    expect(h.sae.calls('CreateJob').length).toBe(1);
    expect(h.sae.calls('UpdateJob').length).toBe(1);
    expect(named('report-job').length).toBe(1);
  });

  it('a lost CreateJob answer is resolved by looking the name up, never by a second CreateJob', async () => {
    const dir = workspace(SPEC('lost-job'));
    h.sae.script({ api: 'CreateJob', acceptThenReset: true });
    const run = await step(dir);
    expect(errors(run)).toEqual([]);
    expect(run.outputs.status).toBe('succeeded');
    expect(h.sae.calls('CreateJob').length).toBe(1);
    expect(named('lost-job').length).toBe(1);
    expect(run.outputs['app-id']).toBe(named('lost-job')[0]!.appId);
    // The template found is then deployed like any other: it ends holding this step's values.
    expect(h.sae.template(run.outputs['app-id']!).Timeout).toBe('600');
    expect(run.stdout).toMatch(/CreateJob ended without a usable answer .*looking the name up again/);
  });

  it('a lost answer and no template found ends the run without a second CreateJob', async () => {
    const dir = workspace(SPEC('ghost-job'));
    h.sae.script({ api: 'CreateJob', reset: true });
    const run = await step(dir);
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('Create.Unconfirmed');
    expect(errors(run)[0]!.message).toMatch(/CreateJob was not sent again/);
    expect(h.sae.calls('CreateJob').length).toBe(1);
    expect(h.sae.calls('ListJobs').length).toBeGreaterThanOrEqual(2);
  });

  it('two steps creating the same name at once end with one template, both deployed', async () => {
    h.realTime();
    const dir = workspace(SPEC('race-job'));
    const [a, b] = await Promise.all([step(dir), step(dir)]);
    for (const run of [a!, b!]) expect(errors(run), run.stdout).toEqual([]);
    expect(named('race-job').length).toBe(1);
    expect([a!.outputs['app-id'], b!.outputs['app-id']]).toEqual([
      named('race-job')[0]!.appId,
      named('race-job')[0]!.appId,
    ]);
    expect([a!.outputs.created, b!.outputs.created].sort()).toEqual(['false', 'true']);
  });

  it('checks before the network: the create block, the namespace, the name and the spec, each at its line', async () => {
    const cases: Array<[string, RegExp, number | undefined]> = [
      [SPEC().replace('  cpu: 500\n', ''), /lacks create\.cpu/, 10],
      [SPEC().replace('namespace-id: cn-hangzhou:prod\n', ''), /needs the namespace/, 2],
      [SPEC('1-bad_name'), /is not a name SAE gives a template/, 2],
      [SPEC().replace('  package-type: Image', '  package-type: image'), /Did you mean Image\?/, 11],
      [SPEC().replace(/create:[\s\S]*$/, ''), /needs a create block/, 1],
      [
        SPEC().replace('image-url: registry.cn-hangzhou.aliyuncs.com/acme/report:1.0.0\n', ''),
        /image-url is empty/,
        undefined,
      ],
    ];
    for (const [spec, says, line] of cases) {
      h.sae.reset();
      const run = await step(workspace(spec));
      expect(run.code, spec).toBe(1);
      const e = errors(run).find((x) => says.test(x.message));
      expect(
        e,
        `${spec}\n${errors(run)
          .map((x) => x.message)
          .join('\n')}`,
      ).toBeDefined();
      if (line !== undefined) expect({ file: e!.file, line: e!.line }, spec).toEqual({ file: '.sae/job.yaml', line });
      expect(h.sae.requests).toEqual([]);
    }
    const noSpec = await h.run({
      inputs: emulatorInputs(h.sae.url, {
        'app-name': 'x-job',
        'image-url': 'r.example.com/a:1',
        'if-missing': 'create',
      }),
    });
    expect(errors(noSpec)[0]!.message).toMatch(/if-missing: create creates the template from a spec file/);
    expect(h.sae.requests).toEqual([]);
  });

  it('an existing template with another size: the plan warns which settings differ, and the deploy goes on', async () => {
    const dir = workspace(SPEC('sized-job').replace('cpu: 500', 'cpu: 1000'));
    const run = await step(dir);
    expect(errors(run)).toEqual([]);
    expect(run.outputs.status).toBe('succeeded');
    const w = run.annotations.find((a) => a.title === 'Create settings differ');
    expect(w!.message).toMatch(/create\.cpu 1000 \(the template has 500\)/);
    expect(w!.message).toMatch(/UpdateJob cannot change/);
    expect({ file: w!.file, line: w!.line }).toEqual({ file: '.sae/job.yaml', line: 10 });
    expect(h.sae.calls('CreateJob')).toEqual([]);
    expect(h.sae.calls('UpdateJob')[0]!.query.AppId).toBe(EXISTING);
  });

  it('a dry run shows the CreateJob request, with credentials (the name looked up) and without', async () => {
    const dir = workspace(SPEC('dry-job'));
    const withKeys = await step(dir, { 'dry-run': 'true' });
    expect(errors(withKeys)).toEqual([]);
    expect(withKeys.outputs.status).toBe('dry-run');
    expect(withKeys.stdout).toContain('No template is named dry-job: a deploy creates it (if-missing: create)');
    expect(JSON.parse(withKeys.outputs.request!)).toMatchObject({ AppName: 'dry-job', Workload: 'job', Cpu: '500' });
    expect(h.sae.calls('CreateJob')).toEqual([]);
    // What would change: every value, as the deploy that creates it then says.
    const created = await step(dir);
    expect(created.outputs.created).toBe('true');
    expect(JSON.parse(withKeys.outputs.changed!)).toEqual(['Envs', 'ImageUrl', 'Timeout', 'TriggerConfig']);
    expect(withKeys.outputs.changed).toBe(created.outputs.changed);
    const offline = await h.run({
      inputs: { spec: '.sae/job.yaml', 'if-missing': 'create', 'dry-run': 'true' },
      env: { GITHUB_WORKSPACE: dir },
    });
    expect(errors(offline)).toEqual([]);
    expect(offline.stdout).toContain('If no template is named dry-job when the step deploys, it is created');
    expect(offline.stdout).toContain('"PackageType": "Image"');
    expect(offline.outputs.changed).toBeUndefined(); // no template read: what changes is not known
  });
});
