// The shape of every structured (JSON) UpdateJob parameter, field by field. SAE documents these shapes
// on the UpdateJob page; unknown keys are warned about rather than rejected, since SAE adds fields.
// zod/mini: the same checks as zod's full API in a tree-shakable form, a third of its bundle size.
import * as z from 'zod/mini';
import { isJsonInput, type JsonInput, type ParameterInput } from '../contract/parameters.js';
import { ENV_NAME } from './structured.js';

const text = z.string();
const nonEmpty = z.string().check(z.minLength(1, 'must not be empty'));
const absolutePath = z.string().check(z.regex(/^\//, 'must be an absolute path starting with /'));
const command = z.array(z.string()).check(z.minLength(1, 'must hold at least one element'));
const scalar = z.union([z.string(), z.number(), z.boolean()]);
const opt = z.optional;

const envEntry = z.strictObject({
  name: z
    .string()
    .check(
      z.minLength(1, 'must not be empty'),
      z.regex(ENV_NAME, 'must be a valid variable name (letters, digits, _ . -, not starting with a digit)'),
    ),
  // null removes the variable, with envs-strategy: merge (rules.ts refuses it otherwise).
  value: opt(z.nullable(z.string())),
  valueFrom: opt(z.literal('configMapRef')),
  configMapId: opt(z.union([z.int(), z.string().check(z.regex(/^\d+$/, 'must be a number'))])),
  key: opt(z.string()),
});

const hook = z.strictObject({ exec: z.strictObject({ command }) });

export const SHAPES = {
  envs: z.array(envEntry),
  'command-args': z.array(z.string()),
  'custom-host-alias': z.array(z.strictObject({ hostName: nonEmpty, ip: nonEmpty })),
  'sls-configs': z.array(
    z.strictObject({
      projectName: opt(text),
      logDir: text,
      logType: opt(z.enum(['stdout', 'file'])),
      logstoreName: opt(text),
      logtailName: opt(text),
    }),
  ),
  'mount-desc': z.array(z.strictObject({ mountPath: absolutePath, nasPath: nonEmpty })),
  'nas-configs': z.array(
    z.strictObject({
      nasId: opt(nonEmpty),
      mountDomain: opt(nonEmpty),
      nasPath: opt(nonEmpty),
      mountPath: absolutePath,
      readOnly: opt(z.boolean()),
    }),
  ),
  'post-start': hook,
  'pre-stop': hook,
  'config-map-mount-desc': z.array(
    z.strictObject({
      configMapId: z.union([z.int().check(z.positive()), z.string().check(z.regex(/^\d+$/, 'must be a number'))]),
      key: nonEmpty,
      mountPath: absolutePath,
    }),
  ),
  'tomcat-config': z.strictObject({
    port: opt(z.int().check(z.minimum(1024, 'must be 1024–65535'), z.maximum(65535, 'must be 1024–65535'))),
    contextPath: opt(z.string().check(z.regex(/^\//, 'must start with /'))),
    maxThreads: opt(z.int().check(z.positive())),
    uriEncoding: opt(z.enum(['UTF-8', 'ISO-8859-1', 'GBK', 'GB2312'])),
    useBodyEncodingForUri: opt(z.boolean()),
    useBodyEncoding: opt(z.boolean()),
  }),
  'oss-mount-descs': z.array(
    z.strictObject({
      bucketName: nonEmpty,
      bucketPath: nonEmpty,
      mountPath: absolutePath,
      readOnly: z.boolean(),
    }),
  ),
  'trigger-config': z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('time'), config: nonEmpty, timezone: opt(nonEmpty) }),
    z.strictObject({ type: z.literal('http'), config: z.record(z.string(), z.unknown()) }),
  ]),
  'slice-envs': z.array(scalar).check(z.minLength(1, 'must hold at least one shard')),
} satisfies Record<JsonInput, z.ZodMiniType>;

/**
 * The fields of the objects a list-of-objects shape holds (mount-desc: mountPath, nasPath), or undefined for
 * any other shape. A rollback turns DescribeJob's objects back into what UpdateJob takes with it.
 */
export function listFields(input: ParameterInput): readonly string[] | undefined {
  if (!isJsonInput(input)) return undefined;
  const shape = SHAPES[input] as { def?: { type?: string; element?: { def?: { type?: string; shape?: object } } } };
  const element = shape?.def?.type === 'array' ? shape.def.element?.def : undefined;
  return element?.type === 'object' && element.shape ? Object.keys(element.shape) : undefined;
}

export interface ShapeIssue {
  path: string;
  message: string;
  /** Unknown keys are only warned about. */
  unknownKey: boolean;
}

/** Checks a value against its parameter's shape; returns the issues with readable paths. */
export function checkShape(input: JsonInput, value: unknown): ShapeIssue[] {
  const result = SHAPES[input].safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const path = formatPath(input, issue.path);
    if (issue.code === 'unrecognized_keys') {
      return {
        path,
        unknownKey: true,
        message: `has unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`,
      };
    }
    return { path, unknownKey: false, message: describeIssue(issue, valueAt(value, issue.path)) };
  });
}

/** What the input holds at an issue's path (zod does not report it by default). */
function valueAt(value: unknown, path: readonly PropertyKey[]): { found: boolean; value?: unknown } {
  let v = value;
  for (const key of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, key)) return { found: false };
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return { found: true, value: v };
}

function describeIssue(issue: z.core.$ZodIssue, given: { found: boolean; value?: unknown }): string {
  switch (issue.code) {
    case 'invalid_type':
      // "is missing" only when nothing is there: a value of the wrong type was given, and is named.
      return !given.found || given.value === undefined
        ? 'is missing'
        : `must be ${article(issue.expected)}, not ${typeName(given.value)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union': {
      if ('discriminator' in issue && issue.discriminator) return `must have ${issue.discriminator} "time" or "http"`;
      // Each accepted form, in words, then what was given (e.g. a configMapId of 1.5 or -3).
      const forms = [
        ...new Set(
          issue.errors
            .map((branch) => branch[0])
            .filter((i) => i !== undefined)
            .map((i) => expectedOf(i)),
        ),
      ];
      const shown = given.found ? `, not ${typeName(given.value)}` : '';
      return forms.length ? `must be ${forms.join(' or ')}${shown}` : `does not match any accepted form${shown}`;
    }
    case 'too_small':
      if (issue.origin === 'number' || issue.origin === 'int') {
        return `must be ${issue.inclusive ? `at least ${issue.minimum}` : `more than ${issue.minimum}`}${given.found ? `, not ${typeName(given.value)}` : ''}`;
      }
      return issue.message === 'Invalid input' ? 'is too short' : issue.message;
    case 'too_big':
      if (issue.origin === 'number' || issue.origin === 'int') {
        // Past 2^53 a JSON number cannot be checked exactly here: SAE ids that large go as digit strings.
        return issue.maximum === Number.MAX_SAFE_INTEGER
          ? 'is too large to check as a number; give it as a string of digits'
          : `must be at most ${issue.maximum}`;
      }
      return issue.message === 'Invalid input' ? 'is too long' : issue.message;
    default:
      return issue.message;
  }
}

/** What one failed branch of a union wanted, in words. */
function expectedOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return article(issue.expected);
  if (issue.code === 'too_small')
    return issue.origin === 'number'
      ? `a number of at least ${issue.minimum}${issue.inclusive ? '' : ' (exclusive)'}`.replace(
          'at least 0 (exclusive)',
          'above 0',
        )
      : 'a longer value';
  if (issue.code === 'too_big') return `a number of at most ${issue.maximum}`;
  if (issue.code === 'invalid_format') return 'a string of digits';
  return 'an accepted value';
}

function article(type: string): string {
  if (type === 'int') return 'a whole number';
  if (type === 'array') return 'a list';
  if (type === 'object') return 'a mapping';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  const shown = JSON.stringify(v) ?? String(v);
  return `${typeof v} ${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown}`;
}

export function formatPath(input: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`),
    input,
  );
}
