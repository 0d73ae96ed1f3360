// envs-strategy: merge, as a function of the template's Envs and the step's: seeded templates and steps, and the
// properties every merge must keep.
import { parse } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { mergeEnvs } from '../../../src/plan/envs.js';
import { mulberry32 } from '../../helpers/random.js';

type Entry = Record<string, unknown>;
const NAMES = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'sae-sys-configmap-all-app'];

function template(random: () => number): Entry[] {
  return NAMES.filter(() => random() < 0.6).map((name, i) =>
    random() < 0.25
      ? { name, valueFrom: 'configMapRef', configMapId: 16 + i, ...(random() < 0.5 ? { key: `k${i}` } : {}) }
      : { name, value: ['1.10', '007', 'x y', ''][Math.floor(random() * 4)] },
  );
}

function given(random: () => number): Entry[] {
  const names = [...NAMES, 'NEW1', 'NEW2', 'NEW3'].filter(() => random() < 0.35);
  return names.map((name) => ({ name, value: random() < 0.3 ? null : `v-${Math.floor(random() * 3)}` }));
}

describe('mergeEnvs', () => {
  it('keeps what it is not told about, sets what it is, removes nulls, in order (300 seeded cases)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const random = mulberry32(seed);
      const held = template(random);
      const step = given(random);
      // DescribeJob gives JSON text (with numbers written as they were); the step's Envs as the reader built them.
      const heldText = JSON.stringify(held).replace('"configMapId":16', '"configMapId":16.0');
      const merged = mergeEnvs(heldText, JSON.stringify(step));
      expect(merged.ok, `seed ${seed}`).toBe(true);
      if (!merged.ok) continue;
      const out = JSON.parse(merged.wire) as Entry[];
      const named = new Map(step.map((e) => [e.name, e]));
      const expected = [
        ...held.flatMap((e) => {
          const g = named.get(e.name);
          return g === undefined ? [e] : g.value === null ? [] : [g];
        }),
        ...step.filter((g) => g.value !== null && !held.some((e) => e.name === g.name)),
      ];
      expect(out, `seed ${seed}`).toEqual(expected);
      // An entry the step does not name goes back exactly as written, numbers included.
      if (heldText.includes('16.0') && !named.has(held.find((e) => e.configMapId === 16)?.name))
        expect(merged.wire).toContain('"configMapId":16.0');
      const changes = merged.changes.map((c) => `${c.change} ${c.name}`).sort();
      const want = [
        ...step.filter((g) => g.value === null && held.some((e) => e.name === g.name)).map((g) => `removed ${g.name}`),
        ...step.filter((g) => g.value !== null && !held.some((e) => e.name === g.name)).map((g) => `added ${g.name}`),
        ...step
          .filter((g) => {
            const e = held.find((x) => x.name === g.name);
            return g.value !== null && e && JSON.stringify(e) !== JSON.stringify(g);
          })
          .map((g) => `changed ${g.name}`),
      ].sort();
      expect(changes, `seed ${seed}`).toEqual(want);
    }
  });

  it('names a ConfigMap reference it replaces or removes', () => {
    const held = '[{"name":"CM","valueFrom":"configMapRef","configMapId":16,"key":"k"},{"name":"X","value":"1"}]';
    const merged = mergeEnvs(held, '[{"name":"CM","value":"plain"},{"name":"X","value":null}]');
    expect(merged).toMatchObject({
      ok: true,
      changes: [
        { name: 'CM', change: 'changed', before: 'ConfigMap 16 key k', after: 'plain', wasConfigMapRef: true },
        { name: 'X', change: 'removed', before: '1' },
      ],
    });
    expect(parse((merged as { wire: string }).wire)).toEqual([{ name: 'CM', value: 'plain' }]);
  });

  it('a template without Envs is an empty list; Envs that are not a list of entries cannot be merged', () => {
    for (const none of [undefined, null, '', '[]'])
      expect(mergeEnvs(none, '[{"name":"A","value":"1"}]')).toMatchObject({
        ok: true,
        wire: '[{"name":"A","value":"1"}]',
      });
    for (const bad of ['{"A":"1"}', 'not json', '[1,2]', 42])
      expect(mergeEnvs(bad, '[{"name":"A","value":"1"}]').ok, String(bad)).toBe(false);
  });
});
