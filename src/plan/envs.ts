// envs-strategy: merge. The Envs sent are the template's current ones (DescribeJob) with the step's names set on
// top: a name given is set (in the template's place for it, or after the template's entries when new), a name
// given as null is removed, and every other entry, ConfigMap references included, is kept exactly as the template
// holds it. Numbers keep their digits (lossless-json), so an entry the step does not name is sent back unchanged.
import { isLosslessNumber, parse, stringify } from 'lossless-json';
import { sameValue } from './compare.js';

export interface EnvChange {
  name: string;
  change: 'added' | 'changed' | 'removed';
  /** The entry before / after, as one short line (a value, or the ConfigMap it refers to). */
  before?: string;
  after?: string;
  /** The template's entry was a ConfigMap reference, replaced or removed because the step named it. */
  wasConfigMapRef?: boolean;
}

export type Merged = { ok: true; wire: string; changes: EnvChange[] } | { ok: false; reason: string };

type Entry = Record<string, unknown>;

const isEntry = (v: unknown): v is Entry =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !isLosslessNumber(v);
const nameOf = (e: Entry): string => (typeof e.name === 'string' ? e.name : '');
const isConfigMapRef = (e: Entry): boolean => e.valueFrom === 'configMapRef';

/** An entry as one line: its value, or the ConfigMap (and key) it takes it from. */
export function envLine(e: Entry): string {
  if (isConfigMapRef(e)) {
    const id = e.configMapId === undefined ? '?' : String(e.configMapId);
    return `ConfigMap ${id}${e.key === undefined ? ' (all keys)' : ` key ${String(e.key)}`}`;
  }
  return e.value === undefined || e.value === null ? '' : String(e.value);
}

/** The template's Envs as DescribeJob gives them (JSON text, or already a list), or why they cannot be read. */
export function templateEnvs(current: unknown): { ok: true; entries: Entry[] } | { ok: false; reason: string } {
  if (current === undefined || current === null || current === '') return { ok: true, entries: [] };
  let v: unknown = current;
  if (typeof current === 'string') {
    try {
      v = parse(current);
    } catch {
      return { ok: false, reason: 'its Envs are not JSON' };
    }
  }
  if (!Array.isArray(v) || !v.every(isEntry)) return { ok: false, reason: 'its Envs are not a list of entries' };
  return { ok: true, entries: v };
}

/** The Envs to send: the template's (`current`) with the given entries (`givenWire`, as read from envs) merged in. */
export function mergeEnvs(current: unknown, givenWire: string): Merged {
  const held = templateEnvs(current);
  if (!held.ok) return held;
  const given = parse(givenWire) as Entry[];
  const byName = new Map<string, Entry>();
  for (const e of given) byName.set(nameOf(e), e); // inputs/rules.ts warns of a name given twice; the last one stands
  const changes: EnvChange[] = [];
  const out: Entry[] = [];
  const placed = new Set<string>();
  for (const e of held.entries) {
    const name = nameOf(e);
    const g = byName.get(name);
    if (!g || placed.has(name)) {
      if (!g) out.push(e); // untouched, ConfigMap references included
      continue;
    }
    placed.add(name);
    const ref = isConfigMapRef(e) || undefined;
    if (g.value === null) {
      changes.push({ name, change: 'removed', before: envLine(e), ...(ref && { wasConfigMapRef: true }) });
      continue;
    }
    out.push(g);
    if (!sameValue(e, g))
      changes.push({
        name,
        change: 'changed',
        before: envLine(e),
        after: envLine(g),
        ...(ref && { wasConfigMapRef: true }),
      });
  }
  for (const [name, g] of byName) {
    if (placed.has(name) || g.value === null) continue; // a removal of a name the template lacks changes nothing
    out.push(g);
    changes.push({ name, change: 'added', after: envLine(g) });
  }
  return { ok: true, wire: stringify(out) ?? '[]', changes };
}
