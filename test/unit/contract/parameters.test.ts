import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PARAMETERS } from '../../../src/contract/parameters.js';
import { SETTING_INPUTS } from '../../../src/contract/action-inputs.js';
import { OUTPUTS } from '../../../src/contract/outputs.js';
import { INPUT_ORDER_FOR_READERS, ROOT, renderActionYml, renderReadme } from '../../../scripts/docs.js';
import { readSettings } from '../../../src/inputs/settings.js';
import { parseDuration } from '../../../src/inputs/values.js';
import { UPDATE_JOB_BODY, UPDATE_JOB_QUERY } from '../../emulator/params.js';
import { MODELS, type ModelObject } from '../../helpers/sae-models.js';

// Independent of the table: the 47 UpdateJob fields of the official SDK and the 8 it puts in the body
// (docs/reference/sae-api.md §2.2, §2.4), as the emulator takes them (test/emulator/params.ts, free of src/).
const SDK_BODY: readonly string[] = UPDATE_JOB_BODY;
const SDK_FIELDS: readonly string[] = [...UPDATE_JOB_BODY, ...UPDATE_JOB_QUERY];

const kebab = (wire: string) => wire.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

describe('the parameter table', () => {
  it("has exactly the SDK's 47 UpdateJob parameters", () => {
    expect(new Set(SDK_FIELDS).size).toBe(47);
    expect(PARAMETERS.map((p) => p.wire).sort()).toEqual([...SDK_FIELDS].sort());
  });

  it("puts exactly the SDK's 8 body parameters in the body", () => {
    expect(
      PARAMETERS.filter((p) => p.position === 'body')
        .map((p) => p.wire)
        .sort(),
    ).toEqual([...SDK_BODY].sort());
  });

  it('names every input in kebab-case after the wire name', () => {
    for (const p of PARAMETERS) expect(p.input, p.wire).toBe(kebab(p.wire));
  });

  it("says how DescribeJob returns each parameter, as the SDK's model does (test/fixtures/sae-models.json)", () => {
    // The model's field → the table's readBack: JSON text fields are the structured parameters (kind json).
    const data = (MODELS.apis.DescribeJob!.fields.Data as ModelObject).fields;
    const expected = (p: (typeof PARAMETERS)[number]): unknown => {
      const t = data[p.wire];
      if (t === undefined) return 'none';
      if (t === 'string') return p.kind === 'json' ? 'json-text' : 'text';
      if (t === 'number' || t === 'boolean') return t;
      if (typeof t === 'object' && 'array' in t && typeof t.array === 'object' && 'fields' in t.array)
        return { objects: t.array.fields };
      return `a model type the table has no readBack for: ${JSON.stringify(t)}`;
    };
    for (const p of PARAMETERS) {
      const rb = p.readBack;
      expect(typeof rb === 'object' ? { objects: rb.objects } : rb, p.wire).toEqual(expected(p));
    }
    expect(
      PARAMETERS.filter((p) => p.readBack === 'none')
        .map((p) => p.wire)
        .sort(),
    ).toEqual(['EnableImageAccl', 'Php']);
    // A field SAE adds must be a field of the model's objects.
    for (const p of PARAMETERS) {
      if (typeof p.readBack === 'object')
        for (const f of p.readBack.serverAdds ?? []) expect(Object.keys(p.readBack.objects)).toContain(f);
    }
  });

  it('requires only app-id and marks the OSS secret', () => {
    expect(PARAMETERS.filter((p) => p.required).map((p) => p.input)).toEqual(['app-id']);
    expect(PARAMETERS.filter((p) => p.secret).map((p) => p.input)).toEqual(['oss-ak-secret']);
  });

  it('has no input name twice, across parameters and settings', () => {
    const names = [...PARAMETERS.map((p) => p.input), ...SETTING_INPUTS.map((s) => s.name)];
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('action.yml and README agree with the table', () => {
  const actionYml = readFileSync(join(ROOT, 'action.yml'), 'utf8');
  const action = parse(actionYml) as {
    inputs: Record<string, { required: boolean; default?: string }>;
    outputs: Record<string, unknown>;
    runs: Record<string, string>;
  };

  it('action.yml is what npm run docs renders', () => {
    expect(actionYml).toBe(renderActionYml());
  });

  it('action.yml declares every input and output, with required and defaults', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(
      [...PARAMETERS.map((p) => p.input), ...SETTING_INPUTS.map((s) => s.name)].sort(),
    );
    // app-id names the template, but app-name or a spec file can name it instead: no input is required.
    for (const p of PARAMETERS) expect(action.inputs[p.input]!.required, p.input).toBe(false);
    for (const s of SETTING_INPUTS) expect(action.inputs[s.name]!.default, s.name).toBe(s.default);
    expect(Object.keys(action.outputs)).toEqual(OUTPUTS.map((o) => o.name));
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });

  it('action.yml lists the inputs as a user reads them: app-id, region, what to deploy, credentials, behaviour, the rest', () => {
    const names = Object.keys(action.inputs);
    const all = new Set([...PARAMETERS.map((p) => p.input), ...SETTING_INPUTS.map((s) => s.name)]);
    for (const n of INPUT_ORDER_FOR_READERS) expect(all.has(n), `${n} is not an input`).toBe(true);
    expect(names.slice(0, INPUT_ORDER_FOR_READERS.length)).toEqual(INPUT_ORDER_FOR_READERS);
    expect(names.slice(0, 3)).toEqual(['app-id', 'region', 'image-url']);
    expect(names.indexOf('access-key-id')).toBeLessThan(names.indexOf('wait'));
    expect(names.indexOf('dry-run')).toBeLessThan(names.indexOf('envs'));
  });

  it('the README input and output tables are what npm run docs renders', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toBe(renderReadme(readme));
    for (const p of PARAMETERS) expect(readme).toContain(`| <a name="input-${p.input}"></a>\`${p.input}\``);
  });
});

describe("the action's own inputs, read with nothing given", () => {
  // What an empty input stands for is the contract's default, the one action.yml declares (a hand run, or
  // @github/local-action, passes no default): every setting read from an empty input holds it.
  const { settings, problems } = readSettings(() => '', { ALIBABA_CLOUD_REGION_ID: 'cn-hangzhou' });
  const field = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  const held = settings as unknown as Record<string, unknown>;

  it('are read without a problem', () => {
    expect(problems).toEqual([]);
  });

  it('hold each default: a choice its option, a boolean its value, a duration its seconds, a count its number', () => {
    const defaulted = SETTING_INPUTS.filter((s) => s.default !== undefined && s.name !== 'github-token');
    expect(defaulted.length).toBeGreaterThan(15);
    for (const s of defaulted) {
      const d = s.default!;
      if (s.options) {
        expect(s.options, s.name).toContain(d);
        expect(held[field(s.name)], s.name).toBe(d);
      } else if (d === 'true' || d === 'false') expect(held[field(s.name)], s.name).toBe(d === 'true');
      else if (s.name.endsWith('-timeout')) {
        const parsed = parseDuration(d);
        expect(parsed.ok && held[`${field(s.name)}Ms`], s.name).toBe(parsed.ok && parsed.value * 1000);
      } else if (s.name === 'oidc-audience') expect(settings.credentials.oidcAudience).toBe(d);
      else expect(String(held[field(s.name)]), s.name).toBe(d);
    }
  });

  it('a choice given wrong falls back to its default, and says which options there are', () => {
    for (const s of SETTING_INPUTS.filter((i) => i.options)) {
      const read = readSettings((n) => (n === s.name ? 'nonsense' : ''), { ALIBABA_CLOUD_REGION_ID: 'cn-hangzhou' });
      expect(held[field(s.name)], s.name).toBe(s.default);
      expect((read.settings as unknown as Record<string, unknown>)[field(s.name)], s.name).toBe(s.default);
      expect(read.problems.map((p) => p.message)).toEqual([
        `${s.name} is "nonsense", which is not an option. Use one of: ${s.options!.join(', ')}.`,
      ]);
    }
  });
});
