// Finding the template by its name (app-name): ListJobs answers loosely (the emulator matches substrings, as SAE
// may), so only an exact name counts; every page is read; none or several end the run before UpdateJob.
// In-process (run(deps)) against the emulator, on a virtual clock it shares (test/helpers/action.ts useEmulator).
import { describe, expect, it } from 'vitest';
import { emulatorInputs, FAST, useEmulator, type ActionRun } from '../helpers/action.js';
import { mulberry32 } from '../helpers/random.js';

const id = (n: number) => `0000${n.toString(16)}`.slice(-4).padStart(8, 'a') + '-d1cd-4928-8642-7d5cfe69aaaa';

const TARGET = id(1);
const h = useEmulator({
  plan: FAST,
  apps: [
    { appId: TARGET, appName: 'report-job', namespaceId: 'cn-hangzhou:prod' },
    // Names a substring search also returns: the action must not take any of them.
    { appId: id(2), appName: 'report-job-v2', namespaceId: 'cn-hangzhou:prod' },
    { appId: id(3), appName: 'Report-Job', namespaceId: 'cn-hangzhou:prod' },
    { appId: id(4), appName: 'old-report-job', namespaceId: 'cn-hangzhou:prod' },
    // The same name in another namespace.
    { appId: id(5), appName: 'report-job', namespaceId: 'cn-hangzhou:staging' },
  ],
});

const image = 'registry.cn-hangzhou.aliyuncs.com/ns/report:2';
const errors = (run: ActionRun) => run.annotations.filter((a) => a.level === 'error');

describe('app-name', () => {
  it('finds the one template of that exact name in the namespace, deploys it, and reports its id', async () => {
    const run = await h.run({
      inputs: emulatorInputs(h.sae.url, {
        'app-name': 'report-job',
        'namespace-id': 'cn-hangzhou:prod',
        'image-url': image,
      }),
    });
    expect(errors(run)).toEqual([]);
    expect(run.outputs.status).toBe('succeeded');
    expect(run.outputs['app-id']).toBe(TARGET);
    const [call] = h.sae.calls('UpdateJob');
    expect(call!.query).toEqual({ AppId: TARGET, ImageUrl: image });
    const [list] = h.sae.calls('ListJobs');
    expect(list!.query).toMatchObject({
      FieldType: 'appName',
      FieldValue: 'report-job',
      NamespaceId: 'cn-hangzhou:prod',
      Workload: 'job',
    });
    // The substring search returned four templates; only the exact one counted.
    expect(run.stdout).toContain(`Found job template report-job: ${TARGET} (namespace cn-hangzhou:prod`);
    expect(run.summary).toContain(`| Job template | \`report-job\` (\`${TARGET}\`) |`);
    expect(run.summary).toContain('| Namespace | `cn-hangzhou:prod` |');
    expect(h.sae.template(TARGET).ImageUrl).toBe(image);
    for (const other of [id(2), id(3), id(4), id(5)]) expect(h.sae.template(other).ImageUrl).not.toBe(image);
  });

  it('without namespace-id, the same name in two namespaces is an error listing each id and namespace; nothing is sent', async () => {
    const run = await h.run({ inputs: emulatorInputs(h.sae.url, { 'app-name': 'report-job', 'image-url': image }) });
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('Template.Ambiguous');
    const [e] = errors(run);
    expect(e!.message).toContain(`${TARGET} (namespace cn-hangzhou:prod)`);
    expect(e!.message).toContain(`${id(5)} (namespace cn-hangzhou:staging)`);
    expect(e!.message).toMatch(/Set namespace-id/);
    expect(h.sae.calls('UpdateJob')).toEqual([]);
  });

  it('no template of that exact name is an error naming the region and namespace searched; nothing is sent', async () => {
    for (const [name, ns, says] of [
      ['report', 'cn-hangzhou:prod', /only other names: report-job/],
      ['report-job', 'cn-hangzhou:dev', /A template of that name is in namespace cn-hangzhou:prod/],
      ['REPORT-JOB', '', /No job template is named REPORT-JOB in region cn-hangzhou \(every namespace\)/],
    ] as const) {
      h.sae.reset();
      const run = await h.run({
        inputs: emulatorInputs(h.sae.url, { 'app-name': name, 'namespace-id': ns, 'image-url': image }),
      });
      expect(run.code, name).toBe(1);
      expect(run.outputs['error-code'], name).toBe('Template.NotFound');
      const [e] = errors(run);
      expect(e!.message, name).toMatch(says);
      if (ns) expect(e!.message).toContain(`in region cn-hangzhou, namespace ${ns}`);
      expect(h.sae.calls('UpdateJob')).toEqual([]);
    }
  });

  it('follows every page: the one exact match among hundreds of similar names, wherever it lands (seeded)', async () => {
    for (const seed of [1, 2, 3]) {
      h.sae.reset();
      const random = mulberry32(seed);
      const total = 150 + Math.floor(random() * 200);
      const at = Math.floor(random() * total);
      let target = '';
      for (let i = 0; i < total; i++) {
        const appId = `${seed}${String(i).padStart(7, '0')}-0000-4000-8000-000000000000`;
        const exact = i === at;
        if (exact) target = appId;
        h.sae.addApp({ appId, appName: exact ? 'nightly' : `nightly-${i}`, namespaceId: 'cn-hangzhou' });
      }
      const run = await h.run({ inputs: emulatorInputs(h.sae.url, { 'app-name': 'nightly', 'image-url': image }) });
      expect(errors(run), `seed ${seed}`).toEqual([]);
      expect(run.outputs['app-id'], `seed ${seed}`).toBe(target);
      expect(h.sae.calls('ListJobs').length, `seed ${seed}`).toBe(Math.ceil(total / 100));
      expect(h.sae.calls('UpdateJob')[0]!.query.AppId).toBe(target);
    }
  });

  it('app-id and app-name together are an input error; a dry run without credentials says the id is looked up', async () => {
    const both = await h.run({
      inputs: emulatorInputs(h.sae.url, { 'app-id': TARGET, 'app-name': 'report-job', 'image-url': image }),
    });
    expect(both.code).toBe(1);
    expect(errors(both)[0]!.message).toMatch(/app-id and app-name are both set/);
    expect(h.sae.requests).toEqual([]);

    const dry = await h.run({
      inputs: { 'app-name': 'report-job', region: 'cn-hangzhou', 'image-url': image, 'dry-run': 'true' },
    });
    expect(dry.code).toBe(0);
    expect(dry.outputs.status).toBe('dry-run');
    expect(dry.stdout).toContain(
      "the template's id is looked up by its name (report-job, ListJobs) when the step deploys",
    );
    expect(dry.summary).toContain('`report-job` (id looked up by name when deploying)');
  });

  it('a dry run with credentials looks the name up and shows the plan of that template', async () => {
    const run = await h.run({
      inputs: emulatorInputs(h.sae.url, {
        'app-name': 'report-job',
        'namespace-id': 'cn-hangzhou:staging',
        'image-url': image,
        'dry-run': 'true',
      }),
    });
    expect(errors(run)).toEqual([]);
    expect(run.outputs['app-id']).toBe(id(5));
    expect(h.sae.calls('DescribeJob')[0]!.query.AppId).toBe(id(5));
    expect(JSON.parse(run.outputs.request!).AppId).toBe(id(5));
    expect(h.sae.calls('UpdateJob')).toEqual([]);
  });
});
