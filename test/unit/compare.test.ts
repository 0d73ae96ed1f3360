// The read-back comparison: by meaning, in DescribeJob's types against UpdateJob's text, never through a
// JS double; what cannot be compared counts as changed.
import { describe, expect, it } from 'vitest';
import { PARAMETER_BY_WIRE } from '../../src/inputs/parameters.js';
import { canonicalNumber, compareParameter, displayValue } from '../../src/plan/compare.js';
import { planChanges, planLines } from '../../src/plan/plan.js';
import { buildRequest } from '../../src/request/build.js';

const param = (wire: string) => PARAMETER_BY_WIRE.get(wire)!;
const cmp = (wire: string, sent: string, current: unknown, present = true) =>
  compareParameter(param(wire), sent, current, present);

describe('compareParameter', () => {
  it('integers: DescribeJob numbers against decimal text, exactly', () => {
    expect(cmp('Replicas', '3', 3)).toBe('unchanged');
    expect(cmp('Replicas', '3', 4)).toBe('changed');
    expect(cmp('Timeout', '3600', '3600')).toBe('unchanged');
    // 2^53 + 1: a JS double cannot tell these apart, the comparison must.
    expect(cmp('Timeout', '9007199254740993', '9007199254740992')).toBe('changed');
    expect(cmp('Timeout', '3', { nested: true })).toBe('unknown');
  });

  it('booleans: true/false text against JSON booleans', () => {
    expect(cmp('Slice', 'true', true)).toBe('unchanged');
    expect(cmp('Slice', 'false', true)).toBe('changed');
    expect(cmp('Slice', 'true', 'true')).toBe('unchanged');
    expect(cmp('Slice', 'true', 1)).toBe('unknown');
  });

  it('structured values: object arrays or re-serialised JSON text, by meaning', () => {
    const sent = '[{"mountPath":"/tmp","nasPath":"/"}]';
    expect(cmp('MountDesc', sent, [{ nasPath: '/', mountPath: '/tmp' }])).toBe('unchanged');
    expect(cmp('MountDesc', sent, [{ nasPath: '/other', mountPath: '/tmp' }])).toBe('changed');
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
  });

  it('clears: empty or null reads back as cleared; a field left out cannot be told', () => {
    expect(cmp('NasId', '', '')).toBe('unchanged');
    expect(cmp('SlsConfigs', '', '[]')).toBe('unchanged');
    expect(cmp('MountDesc', '', [])).toBe('unchanged');
    expect(cmp('NasId', '', 'n-1')).toBe('changed');
    expect(cmp('NasId', '', undefined, false)).toBe('unknown');
    expect(cmp('ImageUrl', 'r.io/a:1', undefined, false)).toBe('changed');
  });

  it('parameters DescribeJob does not model are unknown, whatever comes back', () => {
    expect(cmp('EnableImageAccl', 'true', true)).toBe('unknown');
    expect(cmp('BestEffortType', 'x', 'x')).toBe('unknown');
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
    expect(plan.changed).toEqual(['EnableImageAccl', 'ImageUrl', 'OssAkSecret']);
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
