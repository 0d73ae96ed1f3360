// A template kept in the repository (the spec input): the same values written in a spec file or on the step make
// the same request, byte for byte; the step overrides the spec; a spec's problems are annotated at its file and
// line, and nothing is sent. In-process (run(deps)) against the emulator, on a virtual clock it shares.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PARAMETERS } from '../../src/contract/parameters.js';
import { emulatorInputs, FAST, useEmulator, type ActionRun } from '../helpers/action.js';
import { variant } from '../helpers/spec-variants.js';

const IMAGE_APP = '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa';
const JAR_APP = '7171a6ca-d1cd-4928-8642-7d5cfe69dddd';
const h = useEmulator({ apps: [{ appId: JAR_APP, packageType: 'FatJar', appName: 'jar-job' }], plan: FAST });

const workspaces: string[] = [];
afterEach(() => {
  for (const w of workspaces.splice(0)) rmSync(w, { recursive: true, force: true });
});

/** A workspace holding these files (path → text); returns its directory. */
function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sae-spec-'));
  workspaces.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const errors = (run: ActionRun) => run.annotations.filter((a) => a.level === 'error');

describe('spec: the same values as a file or as inputs make the same request', () => {
  it('dry runs of 40 seeded variants (every parameter kind, YAML forms, both package kinds) print the same request', async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const v = variant(seed, { appId: IMAGE_APP });
      const asInputs = await h.run({ inputs: { ...v.inputs, region: 'cn-hangzhou', 'dry-run': 'true' } });
      expect(errors(asInputs), `seed ${seed} as inputs`).toEqual([]);
      const dir = workspace({ '.sae/job.yaml': v.yaml });
      const asSpec = await h.run({
        inputs: { spec: '.sae/job.yaml', region: 'cn-hangzhou', 'dry-run': 'true' },
        env: { GITHUB_WORKSPACE: dir },
      });
      expect(errors(asSpec), `seed ${seed} as a spec:\n${v.yaml}`).toEqual([]);
      expect(asSpec.outputs.status).toBe('dry-run');
      expect(asSpec.outputs.request, `seed ${seed}:\n${v.yaml}`).toBe(asInputs.outputs.request);
      expect(Object.keys(JSON.parse(asSpec.outputs.request!)).length).toBe(Object.keys(v.inputs).length);
    }
  });

  it('deploys of seeded variants reach SAE with the same query and form body as the same values given as inputs', async () => {
    for (let seed = 100; seed < 106; seed++) {
      const image = seed % 2 === 0;
      const v = variant(seed, { appId: image ? IMAGE_APP : JAR_APP, kind: image ? 'image' : 'package' });
      h.sae.reset();
      h.sae.setOrderPlan(FAST);
      const a = await h.run({ inputs: emulatorInputs(h.sae.url, v.inputs) });
      expect(errors(a), `seed ${seed}`).toEqual([]);
      const sentAsInputs = h.sae.calls('UpdateJob');
      h.sae.reset();
      h.sae.setOrderPlan(FAST);
      const dir = workspace({ 'jobs/job.yml': v.yaml });
      const b = await h.run({
        inputs: emulatorInputs(h.sae.url, { spec: 'jobs/job.yml' }),
        env: { GITHUB_WORKSPACE: dir },
      });
      expect(errors(b), `seed ${seed}:\n${v.yaml}`).toEqual([]);
      expect(b.outputs.status).toBe('succeeded');
      const sentAsSpec = h.sae.calls('UpdateJob');
      expect(sentAsSpec.length).toBe(1);
      expect(sentAsSpec[0]!.query, `seed ${seed}`).toEqual(sentAsInputs[0]!.query);
      expect(sentAsSpec[0]!.rawBody, `seed ${seed}`).toBe(sentAsInputs[0]!.rawBody);
    }
  });
});

describe('spec: the step and the file', () => {
  const SPEC = [
    `app-id: ${IMAGE_APP}`,
    'region: cn-hangzhou',
    'image-url: registry.cn-hangzhou.aliyuncs.com/ns/job:from-spec',
    'timeout: 600',
    'envs:',
    '  LOG_LEVEL: info',
    'clear: [nas-id]',
    '',
  ].join('\n');

  it("a parameter set on the step overrides the spec's; the rest comes from the spec, and the summary says which", async () => {
    const dir = workspace({ '.sae/job.yaml': SPEC });
    const run = await h.run({
      inputs: {
        ...emulatorInputs(h.sae.url, { 'image-url': 'registry.cn-hangzhou.aliyuncs.com/ns/job:from-step' }),
        region: '',
        spec: '.sae/job.yaml',
      },
      env: { GITHUB_WORKSPACE: dir },
    });
    expect(errors(run)).toEqual([]);
    expect(run.outputs.status).toBe('succeeded');
    const [call] = h.sae.calls('UpdateJob');
    expect(call!.query).toEqual({
      AppId: IMAGE_APP,
      ImageUrl: 'registry.cn-hangzhou.aliyuncs.com/ns/job:from-step',
      Timeout: '600',
      Envs: '[{"name":"LOG_LEVEL","value":"info"}]',
      NasId: '',
    });
    expect(run.summary).toContain('| Spec | `.sae/job.yaml` |');
    expect(run.summary).toContain('| ImageUrl | `registry.cn-hangzhou.aliyuncs.com/ns/job:from-step` | step |');
    expect(run.summary).toContain('| Timeout | `600` | spec |');
    expect(run.summary).toContain('| NasId | *(cleared)* | spec |');
    expect(run.stdout).toContain('Timeout = 600 (from the spec)');
  });

  it("the step's clear takes a parameter over from the spec, and the step's value takes one out of the spec's clear", async () => {
    const dir = workspace({ '.sae/job.yaml': SPEC });
    const run = await h.run({
      inputs: {
        ...emulatorInputs(h.sae.url, { clear: 'timeout', 'nas-id': '10d3b4xxxx' }),
        spec: '.sae/job.yaml',
        'dry-run': 'true',
      },
      env: { GITHUB_WORKSPACE: dir },
    });
    expect(errors(run)).toEqual([]);
    expect(JSON.parse(run.outputs.request!)).toMatchObject({ Timeout: '', NasId: '10d3b4xxxx' });
    expect(run.summary).toContain('| Timeout | *(cleared)* | step |');
    expect(run.summary).toContain('| NasId | `10d3b4xxxx` | step |');
  });
});

describe("spec: a file's problems are annotated at its file and line, and nothing is sent", () => {
  // Each case: the bad line, what the annotation must say, and the input it names.
  const CASES: Array<{ line: string; says: RegExp; title: string; at?: number }> = [
    {
      line: 'imag-url: x',
      says: /"imag-url", which is not a key of a spec\. Did you mean image-url\?/,
      title: 'Spec.Invalid',
    },
    { line: 'ImageUrl: x', says: /Did you mean image-url\?/, title: 'Spec.Invalid' },
    { line: 'replica: 2', says: /Did you mean replicas\?/, title: 'Spec.Invalid' },
    { line: 'access-key-secret: abc', says: /never holds credentials/, title: 'Spec.Invalid' },
    { line: 'wait-timeout: 10m', says: /how the step runs.*Set wait-timeout on the step/, title: 'Spec.Invalid' },
    {
      line: 'timeout:\n  seconds: 3',
      says: /timeout .* is a mapping, but timeout takes a single value/,
      title: 'Spec.Invalid',
    },
    { line: 'replicas: 0', says: /replicas: 0 is less than 1/, title: 'InvalidParameter.WithMessage' },
    {
      line: 'concurrency-policy: Sometimes',
      says: /"Sometimes", which SAE does not accept/,
      title: 'InvalidParameter.WithMessage',
    },
    { line: 'envs:\n  - name: A', says: /envs\[0\] \(A\) has no value/, title: 'InvalidParameter.WithMessage' },
    {
      line: 'trigger-config: {type: time, config: "nonsense"}',
      says: /is not a cron expression/,
      title: 'InvalidParameter.WithMessage',
    },
    { line: 'clear: [image-urll]', says: /clear names "image-urll"/, title: 'Input.Invalid' },
    { line: 'envs:\n  A: *nowhere', says: /alias \*nowhere, whose anchor is outside envs/, title: 'Spec.Invalid' },
    {
      line: 'envs: &e\n  A: "1"\ncommand-args:\n  - *e',
      says: /alias \*e, whose anchor is outside command-args/,
      title: 'Spec.Invalid',
      at: 2,
    },
  ];

  it.each(CASES.map((c, i) => ({ ...c, i })))('case $i: $line', async ({ line, says, title, at = 0 }) => {
    const head = [`app-id: ${IMAGE_APP}`, '# a comment line', 'image-url: registry.cn-hangzhou.aliyuncs.com/ns/job:2'];
    const yaml = [...head, line, 'timezone: UTC', ''].join('\n');
    const dir = workspace({ 'deploy/spec.yaml': yaml });
    const run = await h.run({
      inputs: emulatorInputs(h.sae.url, { spec: 'deploy/spec.yaml' }),
      env: { GITHUB_WORKSPACE: dir },
    });
    expect(run.code).toBe(1);
    expect(run.outputs.status).toBe('failed');
    expect(h.sae.requests).toEqual([]);
    const [e, ...more] = errors(run);
    expect(more).toEqual([]);
    expect(e!.message).toMatch(says);
    expect(e!.title).toBe(title);
    expect(e!.file).toBe('deploy/spec.yaml');
    expect(e!.line).toBe(head.length + 1 + at);
  });

  it('YAML that does not parse, a list at the top and two documents are each one error at their line', async () => {
    for (const [yaml, line, says] of [
      [`app-id: ${IMAGE_APP}\nimage-url: [unclosed\n`, 3, /neither YAML nor JSON/],
      ['- app-id: x\n', 1, /not a mapping/],
      [`app-id: ${IMAGE_APP}\n---\napp-id: other\n`, 2, /2 YAML documents/],
      [`app-id: ${IMAGE_APP}\napp-id: other\n`, 2, /neither YAML nor JSON.*[Dd]uplicate|unique/],
    ] as const) {
      const dir = workspace({ 's.yaml': yaml });
      const run = await h.run({
        inputs: emulatorInputs(h.sae.url, { spec: 's.yaml' }),
        env: { GITHUB_WORKSPACE: dir },
      });
      const [e, ...more] = errors(run);
      expect(more, yaml).toEqual([]);
      expect(e!.message, yaml).toMatch(says);
      expect({ file: e!.file, line: e!.line }, yaml).toEqual({ file: 's.yaml', line });
      expect(h.sae.requests).toEqual([]);
    }
  });

  it('a path or glob that matches nothing, or one outside the workspace, is an error that names spec', async () => {
    const dir = workspace({ 'a/one.yaml': `app-id: ${IMAGE_APP}\n`, 'a/two.yaml': `app-id: ${IMAGE_APP}\n` });
    for (const [spec, says] of [
      ['a/missing.yaml', /there is no file a\/missing\.yaml/],
      ['b/*.yaml', /no file matches b\/\*\.yaml/],
      ['../outside.yaml', /outside the workspace/],
      // Several files deploy several templates (test/e2e/many-templates.test.ts), unless one of the lines names nothing.
      ['a/one.yaml\nb/*.yaml', /no file matches b\/\*\.yaml/],
    ] as const) {
      const run = await h.run({ inputs: emulatorInputs(h.sae.url, { spec }), env: { GITHUB_WORKSPACE: dir } });
      expect(run.code, spec).toBe(1);
      expect(
        errors(run)
          .map((e) => e.message)
          .join('\n'),
        spec,
      ).toMatch(says);
      expect(h.sae.requests).toEqual([]);
    }
    // A glob that matches one file is that file.
    const one = await h.run({
      inputs: emulatorInputs(h.sae.url, {
        spec: 'a/o*.yaml',
        'image-url': 'r.example.com/ns/job:1',
        'dry-run': 'true',
      }),
      env: { GITHUB_WORKSPACE: dir },
    });
    expect(errors(one)).toEqual([]);
    expect(one.summary).toContain('| Spec | `a/one.yaml` |');
  });

  it('every parameter input is a key a spec takes', async () => {
    const { parseSpec } = await import('../../src/inputs/spec.js');
    const yaml = PARAMETERS.map((p) => `${p.input}: ${JSON.stringify(p.kind === 'json' ? p.example : p.example)}`).join(
      '\n',
    );
    const spec = await parseSpec('s.yaml', yaml);
    expect(spec.problems).toEqual([]);
    expect([...spec.entries.keys()].sort()).toEqual(PARAMETERS.map((p) => p.input).sort());
  });
});
