// The read-back comparison: by meaning, in the shapes of DescribeJob's SDK model against UpdateJob's text,
// never through a JS double; what cannot be told is unknown, never changed.
import { parse as parseLossless, stringify as stringifyLossless } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { PARAMETER_BY_WIRE, PARAMETERS, type Parameter } from '../../../src/contract/parameters.js';
import { canonicalNumber, compareParameter, displayValue } from '../../../src/plan/compare.js';
import { holdsAll, planChanges, planLines } from '../../../src/plan/changes.js';
import { buildRequest } from '../../../src/request/build.js';
import { mulberry32 } from '../../helpers/random.js';

const param = (wire: string) => PARAMETER_BY_WIRE.get(wire)!;
const cmp = (wire: string, sent: string, current: unknown, present = true) =>
  compareParameter(param(wire), sent, current, present);

describe('compareParameter', () => {
  it('integers: DescribeJob numbers against decimal text, exactly', () => {
    expect(cmp('Replicas', '3', 3)).toBe('unchanged');
    expect(cmp('Replicas', '3', 4)).toBe('changed');
    expect(cmp('Timeout', '3600', '3600')).toBe('unchanged');
    // 2^53 + 1: a JS double cannot tell these apart, the comparison must (json-bigint/lossless numbers).
    expect(cmp('Timeout', '9007199254740993', parseLossless('9007199254740992'))).toBe('changed');
    expect(cmp('Timeout', '9007199254740993', parseLossless('9007199254740993'))).toBe('unchanged');
    expect(cmp('Timeout', '3', { nested: true })).toBe('unknown');
    expect(cmp('Timeout', '3', '3')).toBe('unchanged'); // numbers as text, as read before
    expect(cmp('Timeout', '3', '4')).toBe('unknown'); // text is not the model's type
  });

  it('booleans: true/false text against JSON booleans', () => {
    expect(cmp('Slice', 'true', true)).toBe('unchanged');
    expect(cmp('Slice', 'false', true)).toBe('changed');
    expect(cmp('Slice', 'true', 'true')).toBe('unchanged');
    expect(cmp('Slice', 'true', 'false')).toBe('unknown');
    expect(cmp('Slice', 'true', 1)).toBe('unknown');
  });

  it('structured values: object arrays or re-serialised JSON text, by meaning', () => {
    const sent = '[{"mountPath":"/tmp","nasPath":"/"}]';
    expect(cmp('MountDesc', sent, [{ NasPath: '/', MountPath: '/tmp' }])).toBe('unchanged');
    expect(cmp('MountDesc', sent, [{ nasPath: '/', mountPath: '/tmp' }])).toBe('unchanged'); // as read before
    expect(cmp('MountDesc', sent, [{ NasPath: '/other', MountPath: '/tmp' }])).toBe('changed');
    expect(cmp('Envs', '[{"name":"A","value":"1"}]', '[ {"value": "1", "name": "A"} ]')).toBe('unchanged');
    expect(
      cmp(
        'Envs',
        '[{"name":"A","value":"1"},{"name":"B","value":"2"}]',
        '[{"name":"B","value":"2"},{"name":"A","value":"1"}]',
      ),
    ).toBe('changed');
    expect(cmp('TomcatConfig', '{"port":8080,"maxThreads":400}', '{"maxThreads":400.0,"port":8080}')).toBe('unchanged');
    expect(cmp('SliceEnvs', '[12345678901234567890]', '[12345678901234567891]')).toBe('changed');
    expect(cmp('Envs', '[{"name":"A","value":"1.10"}]', '[{"name":"A","value":"1.1"}]')).toBe('changed'); // text stays text
    expect(cmp('Envs', '[]', 'not json')).toBe('unknown');
  });

  it('strings: exact; numeric ids may come back as numbers', () => {
    expect(cmp('ImageUrl', 'r.io/a:1', 'r.io/a:1')).toBe('unchanged');
    expect(cmp('ImageUrl', 'r.io/a:1', 'r.io/a:2')).toBe('changed');
    expect(cmp('ImagePullSecrets', '10', 10)).toBe('unchanged');
    expect(cmp('ImagePullSecrets', '10', 11)).toBe('unknown');
  });

  it('clears: empty or null reads back as cleared; a field left out cannot be told', () => {
    expect(cmp('NasId', '', '')).toBe('unchanged');
    expect(cmp('SlsConfigs', '', '[]')).toBe('unchanged');
    expect(cmp('MountDesc', '', [])).toBe('unchanged');
    expect(cmp('NasId', '', 'n-1')).toBe('changed');
    expect(cmp('NasId', '', undefined, false)).toBe('unknown');
    expect(cmp('ImageUrl', 'r.io/a:1', undefined, false)).toBe('changed');
  });

  it('parameters DescribeJob does not model (Php, EnableImageAccl) are unknown, whatever comes back', () => {
    expect(cmp('EnableImageAccl', 'true', true)).toBe('unknown');
    expect(cmp('EnableImageAccl', 'true', undefined, false)).toBe('unknown');
    expect(cmp('Php', 'PHP-FPM 7.0', 'PHP-FPM 7.0')).toBe('unknown');
    expect(cmp('Php', 'PHP-FPM 7.0', undefined, false)).toBe('unknown');
  });

  it('BestEffortType is in the model: read back like any text', () => {
    expect(cmp('BestEffortType', 'besteffort', 'besteffort')).toBe('unchanged');
    expect(cmp('BestEffortType', 'besteffort', 'other')).toBe('changed');
  });

  it("ConfigMapMountDesc: the model's keys, a numeric ConfigMapId, and ConfigMapName (added by SAE) is no difference", () => {
    const sent = '[{"configMapId":16,"key":"test","mountPath":"/tmp"}]';
    const held = [{ ConfigMapId: 16, ConfigMapName: 'cm-16', Key: 'test', MountPath: '/tmp' }];
    expect(cmp('ConfigMapMountDesc', sent, held)).toBe('unchanged');
    expect(cmp('ConfigMapMountDesc', '[{"configMapId":"16","key":"test","mountPath":"/tmp"}]', held)).toBe('unchanged');
    expect(cmp('ConfigMapMountDesc', sent, [{ ...held[0], Key: 'other' }])).toBe('changed');
    expect(cmp('ConfigMapMountDesc', sent, [{ ...held[0], ConfigMapId: 17 }])).toBe('changed');
    expect(cmp('ConfigMapMountDesc', sent, [...held, ...held])).toBe('changed');
    // A field of another JSON type than the model's cannot be told.
    expect(cmp('ConfigMapMountDesc', sent, [{ ...held[0], ConfigMapId: 'x' }])).toBe('unknown');
    // A field the model lacks comes back for no SDK reader: not a difference.
    expect(cmp('ConfigMapMountDesc', sent, [{ ...held[0], Extra: 'x' }])).toBe('unchanged');
  });

  it('ProgrammingLanguage: shell may read back as other; that is unknown, never changed', () => {
    expect(cmp('ProgrammingLanguage', 'shell', 'other')).toBe('unknown');
    expect(cmp('ProgrammingLanguage', 'shell', 'shell')).toBe('unchanged');
    expect(cmp('ProgrammingLanguage', 'java', 'other')).toBe('changed');
    expect(cmp('ProgrammingLanguage', 'shell', 'java')).toBe('changed');
  });

  it('canonical numbers', () => {
    expect(canonicalNumber('1.10')).toBe(canonicalNumber('1.1'));
    expect(canonicalNumber('100')).toBe(canonicalNumber('1e2'));
    expect(canonicalNumber('0.0')).toBe('0');
    expect(canonicalNumber('abc')).toBeUndefined();
  });
});

describe('planChanges', () => {
  const request = buildRequest(
    [
      { param: param('AppId'), value: 'app', wire: 'app' },
      { param: param('ImageUrl'), value: 'r.io/a:2', wire: 'r.io/a:2' },
      { param: param('Replicas'), value: 1, wire: '1' },
      { param: param('OssAkSecret'), value: 's', wire: 's' },
      { param: param('EnableImageAccl'), value: true, wire: 'true' },
    ],
    [param('NasId')],
  );

  it('lists what changes, with secrets only as changed/unchanged and AppId left out', () => {
    const plan = planChanges(request, {
      AppId: 'app',
      ImageUrl: 'r.io/a:1',
      Replicas: 1,
      OssAkSecret: 'old',
      NasId: '',
    });
    expect(plan.changed).toEqual(['ImageUrl', 'OssAkSecret']);
    expect(plan.unknown).toEqual(['EnableImageAccl']);
    expect(holdsAll(plan)).toBe(false);
    const lines = planLines(plan);
    expect(lines).toContain('ImageUrl: r.io/a:1 → r.io/a:2');
    expect(lines).toContain('Replicas: 1 (unchanged)');
    expect(lines).toContain('OssAkSecret: *** (changed)');
    expect(lines).toContain('NasId: "" (clear) (unchanged)');
    expect(lines.join('\n')).not.toMatch(/\bold\b|: s\b/);
    expect(plan.entries.find((e) => e.wire === 'OssAkSecret')).toMatchObject({ before: undefined, after: '***' });
  });

  it('shows a value from SAE on one line, whatever it holds', () => {
    expect(displayValue('a\n::set-output name=x::y')).toBe('a\\n::set-output name=x::y');
  });
});

// Seeded variants of every parameter DescribeJob models: a value in UpdateJob's form, the same value in the
// model's form (keys in another order, PascalCase object keys, fields SAE adds), and values that differ.
describe('every parameter, in the shapes of the SDK model (seeded)', () => {
  const SEED = Number(process.env.COMPARE_SEED ?? 19);
  const random = mulberry32(SEED);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const word = () => pick(['a', 'b', 'Z', '1.10', '007', 'yes', '/tmp', 'x y', 'ü']) + pick(['', '-2', '.3']);
  const shuffled = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).sort(() => (random() < 0.5 ? -1 : 1)));
  const upper = (k: string) => k.charAt(0).toUpperCase() + k.slice(1);
  const lower = (k: string) => k.charAt(0).toLowerCase() + k.slice(1);

  /** A value of the model's type for one object field. */
  const fieldValue = (t: string): unknown =>
    t === 'number' ? 1 + Math.floor(random() * 500) : t === 'boolean' ? random() < 0.5 : word();

  /** [the wire text UpdateJob sends, the same value as DescribeJob's model returns it, one that differs]. */
  function variant(p: Parameter): [string, unknown, unknown] {
    const rb = p.readBack;
    if (rb === 'text') {
      const v = p.oneOf ? pick(p.oneOf) : word();
      const other = p.oneOf ? pick(p.oneOf.filter((x) => x !== v && p.readsBackAs?.[v] !== x)) : `${v}!`;
      return [v, v, other];
    }
    if (rb === 'number') {
      const n = String(1 + Math.floor(random() * 300));
      return [n, parseLossless(n), parseLossless(`${n}1`)];
    }
    if (rb === 'boolean') {
      const b = random() < 0.5;
      return [String(b), b, !b];
    }
    if (rb === 'json-text') {
      const value = { list: [word(), 1.5, { k: word(), n: parseLossless('12345678901234567890') }], flag: true };
      const text = stringifyLossless(value)!;
      const reordered = stringifyLossless(shuffled({ ...value, list: value.list }))!;
      return [text, reordered, stringifyLossless({ ...value, flag: false })!];
    }
    if (rb === 'none') throw new Error('not read back');
    const adds = new Set(rb.serverAdds ?? []);
    const objects = Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
      Object.fromEntries(Object.entries(rb.objects).map(([k, t]) => [k, fieldValue(t)])),
    );
    const sent = objects.map((o) =>
      Object.fromEntries(
        Object.entries(o)
          .filter(([k]) => !adds.has(k))
          .map(([k, v]) => [lower(k), v]),
      ),
    );
    const held = objects.map((o) => shuffled(Object.fromEntries(Object.entries(o).map(([k, v]) => [upper(k), v]))));
    // One field of the first object holds another value of its type.
    const other = (v: unknown) => (typeof v === 'number' ? v + 1000 : typeof v === 'boolean' ? !v : `${String(v)}!`);
    const key = pick(Object.keys(rb.objects).filter((k) => !adds.has(k)));
    const differs = held.map((o, i) => (i === 0 ? { ...o, [upper(key)]: other(o[upper(key)]) } : o));
    return [JSON.stringify(sent), held, differs];
  }

  /** A value of every JSON type but the model's (and no null: that reads as "not set"). */
  function wrongTypes(p: Parameter): unknown[] {
    const all: Record<string, unknown> = { string: word(), number: 42, boolean: true, object: { a: 1 }, array: [[1]] };
    const rb = p.readBack;
    const model = rb === 'text' || rb === 'json-text' ? 'string' : rb === 'number' || rb === 'boolean' ? rb : 'array';
    return Object.entries(all)
      .filter(([t]) => t !== model)
      .map(([, v]) => v);
  }

  const modelled = PARAMETERS.filter((p) => p.readBack !== 'none' && !p.required);

  it(`unchanged in the model's form, changed when the value differs (seed ${SEED})`, () => {
    for (let round = 0; round < 20; round++) {
      for (const p of modelled) {
        const [wire, same, differs] = variant(p);
        expect(compareParameter(p, wire, same, true), `${p.wire} ${wire} vs ${JSON.stringify(same)}`).toBe('unchanged');
        expect(compareParameter(p, wire, differs, true), `${p.wire} ${wire} vs ${JSON.stringify(differs)}`).toBe(
          'changed',
        );
      }
    }
  });

  it(`a value whose JSON type is not the model's is never changed (seed ${SEED})`, () => {
    for (let round = 0; round < 20; round++) {
      for (const p of modelled) {
        const [wire] = variant(p);
        for (const v of wrongTypes(p)) {
          expect(compareParameter(p, wire, v, true), `${p.wire} ${wire} vs ${JSON.stringify(v)}`).not.toBe('changed');
          expect(compareParameter(p, '', v, true), `${p.wire} cleared vs ${JSON.stringify(v)}`).not.toBe('changed');
        }
      }
    }
  });

  it('a template holding every value sent: changed is [] and nothing is unknown but Php and EnableImageAccl', () => {
    const values = PARAMETERS.filter((p) => !p.required).map((p) => {
      const [wire, same] = p.readBack === 'none' ? ['x', undefined] : variant(p);
      return { p, wire, same };
    });
    const request = buildRequest([
      { param: PARAMETER_BY_WIRE.get('AppId')!, value: 'app', wire: 'app' },
      ...values.map(({ p, wire }) => ({ param: p, value: wire, wire })),
    ]);
    const template = Object.fromEntries(values.filter((v) => v.same !== undefined).map((v) => [v.p.wire, v.same]));
    const plan = planChanges(request, { AppId: 'app', ...template });
    expect(plan.entries).toHaveLength(values.length);
    expect(plan.changed).toEqual([]);
    expect(plan.unknown).toEqual(['EnableImageAccl', 'Php']);
  });
});
