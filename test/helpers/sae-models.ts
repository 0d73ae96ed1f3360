// The SDK's response models (test/fixtures/sae-models.json, written by scripts/sae-models.ts from the official
// SDK's model files), and the two things tests do with them: check that an answer conforms (no field the model
// lacks, every field of the model's JSON type) and generate answers from them (every field present, values of
// the right type, keys in a seeded random order).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isLosslessNumber } from 'lossless-json';
import { mulberry32 } from './random.js';

/** A JSON type as the fixture writes it. */
export type ModelType = 'string' | 'number' | 'boolean' | 'any' | { array: ModelType } | ModelObject;
export interface ModelObject {
  /** The SDK's class name, to find it in the file. */
  model: string;
  fields: Record<string, ModelType>;
}
export interface Models {
  source: { repository: string; commit: string; package: string };
  apis: Record<string, ModelObject & { file: string }>;
}

export const MODELS_FILE = join(import.meta.dirname, '../fixtures/sae-models.json');
export const MODELS = JSON.parse(readFileSync(MODELS_FILE, 'utf8')) as Models;

const isObject = (t: ModelType): t is ModelObject => typeof t === 'object' && 'fields' in t;
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !isLosslessNumber(v);

/**
 * What in `value` does not conform to `type`, one line per problem with its path. null is "not set" (the SDK
 * reads it as absent); numbers may be LosslessNumbers (answers parsed with lossless-json, so that a long id
 * is still a number).
 */
export function conformance(type: ModelType, value: unknown, path: string): string[] {
  if (value === null || value === undefined) return [];
  if (type === 'any') return [];
  if (type === 'string' || type === 'number' || type === 'boolean') {
    const actual = isLosslessNumber(value) ? 'number' : typeof value;
    return actual === type ? [] : [`${path}: ${type} in the model, ${Array.isArray(value) ? 'array' : actual} here`];
  }
  if ('array' in type) {
    if (!Array.isArray(value)) return [`${path}: an array in the model, ${typeof value} here`];
    return value.flatMap((v, i) => conformance(type.array, v, `${path}[${i}]`));
  }
  if (!isRecord(value)) return [`${path}: an object (${type.model}) in the model, ${typeof value} here`];
  return Object.entries(value).flatMap(([k, v]) =>
    k in type.fields ? conformance(type.fields[k]!, v, `${path}.${k}`) : [`${path}.${k}: not in ${type.model}`],
  );
}

/** Every field path of a model (arrays as `[]`), e.g. `Data.Pipelines[].PipelineId`. */
export function fieldPaths(type: ModelType, path = ''): string[] {
  if (typeof type !== 'object') return [];
  if ('array' in type) return fieldPaths(type.array, `${path}[]`);
  return Object.entries(type.fields).flatMap(([k, t]) => {
    const p = path ? `${path}.${k}` : k;
    return [p, ...fieldPaths(t, p)];
  });
}

/** A deep copy of the models with one field, given by its path, renamed (`Data.Status` → `Data.StatusRenamed`). */
export function withFieldRenamed(models: Models, api: string, path: string): Models {
  const copy = JSON.parse(JSON.stringify(models)) as Models;
  let t: ModelType = copy.apis[api]!;
  const parts = path.split('.');
  for (const part of parts.slice(0, -1)) {
    const obj = t as ModelObject;
    t = obj.fields[part.replace(/\[\]$/, '')]!;
    while (typeof t === 'object' && 'array' in t) t = t.array;
  }
  const obj = t as ModelObject;
  const last = parts[parts.length - 1]!;
  obj.fields = Object.fromEntries(Object.entries(obj.fields).map(([k, v]) => [k === last ? `${k}Renamed` : k, v]));
  return copy;
}

/** Values a generator may need to be meaningful for a field: by the field's path. */
export type Overrides = Record<string, (random: () => number) => unknown>;

/**
 * An answer generated from a model: every field present, each value of the model's type, the keys of every
 * object in a seeded random order. `overrides` give fields values with a meaning (a status code, JSON text).
 */
export function generate(type: ModelType, random: () => number, overrides: Overrides = {}, path = ''): unknown {
  const special = overrides[path];
  if (special) return special(random);
  const n = (max: number) => Math.floor(random() * max);
  if (type === 'string' || type === 'any') return `${path.split('.').pop()}-${n(1e6).toString(36)}`;
  if (type === 'number') return 1 + n(1000);
  if (type === 'boolean') return random() < 0.5;
  if ('array' in type)
    return Array.from({ length: 1 + n(3) }, () => generate(type.array, random, overrides, `${path}[]`));
  const keys = Object.keys(type.fields);
  for (let i = keys.length - 1; i > 0; i--) {
    const j = n(i + 1);
    [keys[i], keys[j]] = [keys[j]!, keys[i]!];
  }
  return Object.fromEntries(
    keys.map((k) => [k, generate(type.fields[k]!, random, overrides, path ? `${path}.${k}` : k)]),
  );
}

export const seeded = (seed: number): (() => number) => mulberry32(seed);
export { isObject };
