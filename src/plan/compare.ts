// Compares what UpdateJob would send with what DescribeJob says the template holds, parameter by
// parameter, by meaning, in the official SDK's shapes (the parameter table's readBack; docs/reference/sae-api.md §5.1):
// numbers where UpdateJob sends decimal text, booleans where it sends true/false, object arrays with
// PascalCase keys and fields SAE adds, (perhaps re-serialised) JSON text where it sends compact JSON. Text
// is never compared as text when it carries a number or a structure, and no number goes through a JS
// double (1.10 = 1.1, and a 20-digit id stays exact). What cannot be told is 'unknown', never 'changed'.
import { isLosslessNumber, parse as parseLossless } from 'lossless-json';
import type { Parameter, ReadBack } from '../contract/parameters.js';

/** unchanged: the template holds the value; changed: it holds another; unknown: it cannot be told. */
export type Comparison = 'unchanged' | 'changed' | 'unknown';

/** A number's value as a canonical `digits e exponent` text (1.10 → 11e-1, 100 → 1e2), or undefined. */
export function canonicalNumber(text: string): string | undefined {
  const m = /^(-?)(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  const fraction = m[3] ?? '';
  let exponent = BigInt(m[4] ?? '0') - BigInt(fraction.length);
  let digits = (m[2]! + fraction).replace(/^0+/, '');
  if (!digits) return '0';
  const kept = digits.replace(/0+$/, '');
  exponent += BigInt(digits.length - kept.length);
  digits = kept;
  return `${m[1]}${digits}e${exponent}`;
}

/** bignumber.js objects (json-bigint, under pop-core, makes them of long numeric literals). */
const isBigNumber = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && (v as { _isBigNumber?: unknown })._isBigNumber === true;

/** The text of a number in any of the forms the two sides use, else undefined. */
function numberText(v: unknown): string | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : undefined;
  if (typeof v === 'bigint') return v.toString();
  if (isLosslessNumber(v)) return (v as { value: string }).value;
  if (isBigNumber(v)) return (v as { toFixed(): string }).toFixed();
  return undefined;
}

/** Parses JSON text keeping every number's text; undefined when it is not JSON. */
export function parseJsonText(text: string): unknown {
  try {
    return parseLossless(text);
  } catch {
    return undefined;
  }
}

/** Deep equality by meaning: numbers by value, objects by keys whatever their order, arrays in order. */
export function sameValue(a: unknown, b: unknown): boolean {
  const na = numberText(a);
  const nb = numberText(b);
  if (na !== undefined || nb !== undefined) {
    return na !== undefined && nb !== undefined && canonicalNumber(na) === canonicalNumber(nb);
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return (
    ka.length === kb.length &&
    ka.every(
      (k) => Object.hasOwn(b, k) && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
    )
  );
}

/** What a cleared setting may read back as. */
function isEmpty(v: unknown): boolean {
  if (v === null || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v).length === 0 && !isBigNumber(v) && !isLosslessNumber(v);
  if (typeof v === 'string') {
    const parsed = parseJsonText(v);
    return (parsed !== undefined && parsed !== null && typeof parsed === 'object' && isEmpty(parsed)) || !v.trim();
  }
  return false;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && numberText(v) === undefined;

/** Whether a value has the JSON type DescribeJob's model gives the parameter. */
function fitsModel(readBack: Exclude<ReadBack, 'none'>, v: unknown): boolean {
  switch (readBack) {
    case 'text':
    case 'json-text':
      return typeof v === 'string';
    case 'number':
      return numberText(v) !== undefined;
    case 'boolean':
      return typeof v === 'boolean';
    default:
      return Array.isArray(v) && v.every(isRecord);
  }
}

/** true: the same; false: different; undefined: cannot be told. */
type Same = boolean | undefined;

/** Every part the same → true; any part different → false; else undefined. */
function all(parts: Same[]): Same {
  if (parts.includes(false)) return false;
  return parts.includes(undefined) ? undefined : true;
}

const sameNumber = (text: string | undefined, wire: string): Same => {
  const a = text === undefined ? undefined : canonicalNumber(text);
  return a === undefined ? undefined : a === canonicalNumber(wire);
};

/** A JSON value given as text (what UpdateJob takes) or already parsed (what the model returns). */
const parsed = (v: unknown): unknown => (typeof v === 'string' ? parseJsonText(v) : v);

/** UpdateJob's key and the model's may differ in the first letter's case (mountPath / MountPath). */
const keyOf = (k: string): string => k.charAt(0).toLowerCase() + k.slice(1);

/**
 * One object of an object array: the sent one against the returned one, by the model's fields. Returned fields
 * the model lacks are not there for the SDK; a sent field the model lacks cannot be read back.
 */
function sameObject(
  sent: Record<string, unknown>,
  held: Record<string, unknown>,
  model: Readonly<Record<string, 'string' | 'number' | 'boolean'>>,
  serverAdds: readonly string[],
): Same {
  const types = new Map(Object.entries(model).map(([k, t]) => [keyOf(k), t]));
  const added = new Set(serverAdds.map(keyOf));
  const sentBy = new Map(Object.entries(sent).map(([k, v]) => [keyOf(k), v]));
  const heldBy = new Map(
    Object.entries(held)
      .filter(([k, v]) => types.has(keyOf(k)) && v !== undefined)
      .map(([k, v]) => [keyOf(k), v]),
  );
  const parts: Same[] = [];
  for (const [key, value] of sentBy) {
    const type = types.get(key);
    if (!heldBy.has(key)) parts.push(type === undefined ? undefined : heldBy.size === 0 ? undefined : false);
    else parts.push(sameField(type, value, heldBy.get(key)));
  }
  for (const [key, value] of heldBy) {
    if (!sentBy.has(key) && !added.has(key) && !isEmpty(value)) parts.push(false);
  }
  return all(parts);
}

function sameField(type: 'string' | 'number' | 'boolean' | undefined, sent: unknown, held: unknown): Same {
  if (sameValue(sent, held)) return true;
  switch (type) {
    case 'number': {
      // configMapId may be sent as numeric text; the model returns a number.
      const text = typeof sent === 'string' ? sent : numberText(sent);
      return numberText(held) === undefined || text === undefined ? undefined : sameNumber(numberText(held), text);
    }
    case 'boolean':
      return typeof held === 'boolean' ? false : undefined;
    case 'string':
      return typeof held === 'string' ? false : undefined;
    default:
      return undefined;
  }
}

/** Does the template's value mean what the wire text means? (Either side's form, as long as it can be told.) */
function same(param: Parameter, wire: string, current: unknown): Same {
  const rb = param.readBack;
  switch (rb) {
    case 'none':
      return undefined;
    case 'text': {
      if (typeof current === 'string')
        return current === wire ? true : param.readsBackAs?.[wire] === current ? undefined : false;
      // Numeric ids (ImagePullSecrets) came back as numbers from earlier emulators: the same number is the same.
      return sameNumber(numberText(current), wire) || undefined;
    }
    case 'number':
      return sameNumber(typeof current === 'string' ? current : numberText(current), wire);
    case 'boolean': {
      const b =
        typeof current === 'boolean'
          ? String(current)
          : current === 'true' || current === 'false'
            ? current
            : undefined;
      return b === undefined ? undefined : b === wire;
    }
    case 'json-text': {
      const sent = parseJsonText(wire);
      const held = parsed(current);
      return sent === undefined || held === undefined ? undefined : sameValue(sent, held);
    }
    default: {
      const sent = parseJsonText(wire);
      const held = parsed(current);
      if (!Array.isArray(sent) || !Array.isArray(held))
        return sent === undefined || held === undefined ? undefined : sameValue(sent, held) || undefined;
      if (sent.length !== held.length) return false;
      return all(
        sent.map((s, i) => {
          const h = held[i];
          return isRecord(s) && isRecord(h)
            ? sameObject(s, h, rb.objects, rb.serverAdds ?? [])
            : sameValue(s, h) || undefined;
        }),
      );
    }
  }
}

/**
 * Does the template's value (`current`; `present` false when DescribeJob left the field out) mean the
 * same as the wire text UpdateJob sends for this parameter ("" = clear)? Read in the shapes of DescribeJob's
 * model (the parameter's `readBack`): a parameter the model lacks, and a value of another JSON type than the
 * model's, can only be 'unknown', never 'changed'. Forms read before (numbers as text, JSON as text or
 * parsed, camelCase object keys) still count as the same when they are.
 */
export function compareParameter(param: Parameter, wire: string, current: unknown, present: boolean): Comparison {
  if (param.readBack === 'none') return 'unknown';
  // A field left out: for a value being set, the template does not have it; for a clear, it most likely
  // means "already cleared", but the contract counts what DescribeJob does not return as changed.
  if (!present || current === undefined) return wire === '' ? 'unknown' : 'changed';
  const fits = fitsModel(param.readBack, current);
  if (wire === '') return isEmpty(current) ? 'unchanged' : fits ? 'changed' : 'unknown';
  if (current === null) return 'changed';
  const s = same(param, wire, current);
  if (s === true) return 'unchanged';
  return s === false && fits ? 'changed' : 'unknown';
}

/** One line of text for the log and the summary: never a line break, numbers as written. */
export function displayValue(v: unknown): string {
  const text = typeof v === 'string' ? v : stringifyKeepingNumbers(v);
  return text.replace(/\r?\n|\r/g, '\\n');
}

function stringifyKeepingNumbers(v: unknown): string {
  const n = numberText(v);
  if (n !== undefined) return n;
  if (v === undefined) return '';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(stringifyKeepingNumbers).join(',')}]`;
  return `{${Object.entries(v)
    .filter(([, x]) => x !== undefined)
    .map(([k, x]) => `${JSON.stringify(k)}:${stringifyKeepingNumbers(x)}`)
    .join(',')}}`;
}
