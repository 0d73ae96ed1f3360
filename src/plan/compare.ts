// Compares what UpdateJob would send with what DescribeJob says the template holds, parameter by
// parameter, by meaning. DescribeJob answers in other types than UpdateJob takes (reference §5.1):
// numbers where UpdateJob sends decimal text, booleans where it sends true/false, object arrays or
// (perhaps re-serialised) JSON text where it sends compact JSON. Text is never compared as text when
// it carries a number or a structure, and no number goes through a JS double (1.10 = 1.1, and a
// 20-digit id stays exact).
import { isLosslessNumber, parse as parseLossless } from 'lossless-json';
import type { Parameter } from '../inputs/parameters.js';

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
    return parsed !== undefined && parsed !== null && typeof parsed === 'object' && isEmpty(parsed);
  }
  return false;
}

/**
 * Does the template's value (`current`; `present` false when DescribeJob left the field out) mean the
 * same as the wire text UpdateJob sends for this parameter ("" = clear)?
 */
export function compareParameter(param: Parameter, wire: string, current: unknown, present: boolean): Comparison {
  if (param.notReadBack) return 'unknown';
  // A field left out: for a value being set, the template does not have it; for a clear, it most likely
  // means "already cleared", but the contract counts what DescribeJob does not return as changed.
  if (!present || current === undefined) return wire === '' ? 'unknown' : 'changed';
  if (wire === '')
    return isEmpty(current) || (param.kind === 'json' && typeof current === 'string' && current.trim() === '')
      ? 'unchanged'
      : 'changed';
  switch (param.kind) {
    case 'string': {
      if (typeof current === 'string') return current === wire ? 'unchanged' : 'changed';
      const n = numberText(current); // numeric ids (ImagePullSecrets) may come back as numbers
      if (n !== undefined) return n === wire || canonicalNumber(n) === canonicalNumber(wire) ? 'unchanged' : 'changed';
      return 'unknown';
    }
    case 'integer': {
      const text = typeof current === 'string' ? current : numberText(current);
      if (text === undefined) return 'unknown';
      const a = canonicalNumber(text);
      if (a === undefined) return 'unknown';
      return a === canonicalNumber(wire) ? 'unchanged' : 'changed';
    }
    case 'boolean': {
      const b =
        typeof current === 'boolean'
          ? String(current)
          : current === 'true' || current === 'false'
            ? current
            : undefined;
      if (b === undefined) return 'unknown';
      return b === wire ? 'unchanged' : 'changed';
    }
    case 'json': {
      const sent = parseJsonText(wire);
      if (sent === undefined) return 'unknown';
      const held = typeof current === 'string' ? parseJsonText(current) : current;
      if (held === undefined) return 'unknown';
      return sameValue(sent, held) ? 'unchanged' : 'changed';
    }
  }
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
