// Structured input text (JSON or YAML) read with bounds, keeping each scalar's source text.
//
// One parser (the `yaml` package, YAML 1.2 core schema, of which JSON is a subset) for both forms, so a
// value means the same whichever way it was written: numbers keep their digits (no rounding through JS
// numbers), `1.10` can still be sent as the text `1.10`, and a duplicate key is an error, never "the
// last one wins". Input is hostile until read: size, nesting and alias expansion are bounded before and
// while parsing, since yaml itself runs out of stack or memory on a few KB of nesting.
import type { Document, Node as YamlNode } from 'yaml';
import type { Parsed } from './values.js';

/** A number, boolean or null as written: `value` for checks, `source` for the wire. */
export class Exact {
  constructor(
    readonly value: number | boolean | null,
    readonly source: string,
  ) {}
}

/** Larger structured inputs are refused: the query string of UpdateJob carries most of them. */
export const MAX_STRUCTURED_BYTES = 64 * 1024;
/** Real SAE values nest 4 levels at most; 32 leaves room for http trigger configs. */
export const MAX_DEPTH = 32;
/** Nodes after alias expansion: a few thousand env entries fit, an alias bomb does not. */
export const MAX_NODES = 50_000;
/**
 * Alias expansions in one input (as the `yaml` package's maxAliasCount, which applies only to its toJS: the walk below
 * counts them itself).
 */
export const MAX_ALIASES = 100;

class Bound extends Error {}

/**
 * A cheap over-estimate of the nesting, before yaml sees the text: flow brackets (quotes ignored, so a
 * bracket inside a string counts too) plus block indicators at the start of each line.
 */
export function estimatedDepth(text: string): number {
  let flow = 0;
  let max = 0;
  let lineStart = true;
  let prefix = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lineStart = true;
      prefix = 0;
      continue;
    }
    if (lineStart) {
      // spaces, tabs, '-', '?', ':' open block levels at the start of a line (`- - - x` nests three).
      if (c === 32 || c === 9 || c === 45 || c === 63 || c === 58) {
        prefix++;
        max = Math.max(max, flow + Math.ceil(prefix / 2));
        continue;
      }
      lineStart = false;
    }
    if (c === 91 || c === 123) max = Math.max(max, ++flow + Math.ceil(prefix / 2));
    else if ((c === 93 || c === 125) && flow > 0) flow--;
  }
  return max;
}

export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The first line of a yaml error, with its position. */
function reason(e: { message: string }): string {
  return e.message.split('\n')[0]!.replace(/:$/, '');
}

/**
 * Parses JSON or YAML into plain arrays and objects whose non-string scalars are Exact. Fails with a
 * reason for text that is neither, too large, too deep, expands too far, or repeats a key.
 */
export async function parseExact(text: string): Promise<Parsed<unknown>> {
  const size = byteLength(text);
  if (size > MAX_STRUCTURED_BYTES) {
    return {
      ok: false,
      reason: `it is ${Math.ceil(size / 1024)} KiB, more than the ${MAX_STRUCTURED_BYTES / 1024} KiB an input may hold`,
    };
  }
  if (estimatedDepth(text) > 2 * MAX_DEPTH) return { ok: false, reason: `it nests more than ${MAX_DEPTH} levels deep` };
  const { parseDocument, isAlias, isMap, isScalar, isSeq } = await import('yaml');
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { schema: 'core', uniqueKeys: true, prettyErrors: true, strict: true });
  } catch (e) {
    return { ok: false, reason: `it could not be parsed (${reason(e as Error)})` };
  }
  const err = doc.errors[0];
  if (err) {
    if (err.code === 'DUPLICATE_KEY') {
      const key = duplicateKey(text, err.pos[0]);
      return {
        ok: false,
        reason: `it has the key ${key ? `"${key}" ` : ''}twice (${reason(err)}); each key may appear once`,
      };
    }
    return { ok: false, reason: `it is neither JSON nor YAML (${reason(err)})` };
  }
  let nodes = 0;
  let aliases = 0;
  const walk = (node: unknown, depth: number): unknown => {
    if (++nodes > MAX_NODES) throw new Bound(`it expands to more than ${MAX_NODES} values`);
    if (depth > MAX_DEPTH) throw new Bound(`it nests more than ${MAX_DEPTH} levels deep`);
    if (isAlias(node)) {
      if (++aliases > MAX_ALIASES) throw new Bound(`it uses more than ${MAX_ALIASES} aliases`);
      return walk(node.resolve(doc), depth);
    }
    if (isScalar(node)) {
      const v = node.value;
      if (typeof v === 'string') return v;
      if (typeof v === 'number' || typeof v === 'boolean' || v === null) return new Exact(v, node.source ?? String(v));
      return String(v);
    }
    if (isSeq(node)) return node.items.map((item) => walk(item, depth + 1));
    if (isMap(node)) {
      // No prototype: a `__proto__` key is a key like any other.
      const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (const pair of node.items) {
        const key = walk(pair.key, depth + 1);
        const name = key instanceof Exact ? key.source : typeof key === 'string' ? key : undefined;
        if (name === undefined) throw new Bound('it has a key that is not a plain value');
        if (Object.hasOwn(out, name)) throw new Bound(`it has the key "${name}" twice; each key may appear once`);
        out[name] = walk(pair.value, depth + 1);
      }
      return out;
    }
    return null; // an empty document or value
  };
  try {
    const value = walk(doc.contents as YamlNode | null, 0);
    if (value === null || typeof value !== 'object' || value instanceof Exact) {
      const single =
        value === null
          ? 'empty'
          : `a single value (${JSON.stringify(value instanceof Exact ? value.source : value).slice(0, 40)})`;
      return { ok: false, reason: `it is ${single}, not a list or mapping` };
    }
    return { ok: true, value };
  } catch (e) {
    if (e instanceof Bound) return { ok: false, reason: e.message };
    throw e;
  }
}

function duplicateKey(text: string, pos: number): string | undefined {
  const m = /^\s*["']?([^"':,\n{}[\]]+)/.exec(text.slice(pos, pos + 200));
  return m?.[1]?.trim() || undefined;
}

/** The value for checks and rules: Exact scalars as their JS value, objects with a normal prototype. */
export function plain(v: unknown): unknown {
  if (v instanceof Exact) return v.value;
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') {
    // defineProperty, so that a `__proto__` key stays data and never sets the prototype.
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v))
      Object.defineProperty(out, k, { value: plain(x), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}

const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/** Compact JSON with every number as written (`1.10`, 20 digits), or as its value when written otherwise (`0x1F`). */
export function stringifyExact(v: unknown): string {
  if (v instanceof Exact) {
    if (typeof v.value === 'number') {
      const src = v.source.replace(/^\+/, '');
      if (JSON_NUMBER.test(src)) return src;
      return Number.isFinite(v.value) ? JSON.stringify(v.value) : 'null';
    }
    return JSON.stringify(v.value);
  }
  if (Array.isArray(v)) return `[${v.map(stringifyExact).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.entries(v)
      .map(([k, x]) => `${JSON.stringify(k)}:${stringifyExact(x)}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** A scalar as text, as it was written: `1.10` stays `1.10`, `007` stays `007`. */
export function scalarSource(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v instanceof Exact && v.value !== null) return v.source;
  return undefined;
}
