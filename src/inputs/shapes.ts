// The shape of every structured (JSON) UpdateJob parameter, field by field. SAE documents these shapes
// on the UpdateJob page; unknown keys are warned about rather than rejected, since SAE adds fields.
import { z } from 'zod';

const text = z.string();
const nonEmpty = z.string().min(1, 'must not be empty');
const absolutePath = z.string().regex(/^\//, 'must be an absolute path starting with /');
const command = z.array(z.string()).min(1, 'must hold at least one element');
const scalar = z.union([z.string(), z.number(), z.boolean()]);

const envEntry = z.strictObject({
  name: nonEmpty.regex(/^[-._a-zA-Z][-._a-zA-Z0-9]*$/, 'must be a valid variable name (letters, digits, _ . -, not starting with a digit)'),
  value: z.string().optional(),
  valueFrom: z.literal('configMapRef').optional(),
  configMapId: z.union([z.number().int(), z.string().regex(/^\d+$/)]).optional(),
  key: z.string().optional(),
});

const hook = z.strictObject({ exec: z.strictObject({ command }) });

export const SHAPES: Readonly<Record<string, z.ZodType>> = {
  envs: z.array(envEntry),
  'command-args': z.array(z.string()),
  'custom-host-alias': z.array(z.strictObject({ hostName: nonEmpty, ip: nonEmpty })),
  'sls-configs': z.array(z.strictObject({
    projectName: text.optional(),
    logDir: text,
    logType: z.enum(['stdout', 'file']).optional(),
    logstoreName: text.optional(),
    logtailName: text.optional(),
  })),
  'mount-desc': z.array(z.strictObject({ mountPath: absolutePath, nasPath: nonEmpty })),
  'nas-configs': z.array(z.strictObject({
    nasId: nonEmpty.optional(),
    mountDomain: nonEmpty.optional(),
    nasPath: nonEmpty.optional(),
    mountPath: absolutePath,
    readOnly: z.boolean().optional(),
  })),
  'post-start': hook,
  'pre-stop': hook,
  'config-map-mount-desc': z.array(z.strictObject({
    configMapId: z.union([z.number().int().positive(), z.string().regex(/^\d+$/, 'must be a number')]),
    key: nonEmpty,
    mountPath: absolutePath,
  })),
  'tomcat-config': z.strictObject({
    port: z.number().int().min(1024, 'must be 1024–65535').max(65535, 'must be 1024–65535').optional(),
    contextPath: z.string().regex(/^\//, 'must start with /').optional(),
    maxThreads: z.number().int().positive().optional(),
    uriEncoding: z.enum(['UTF-8', 'ISO-8859-1', 'GBK', 'GB2312']).optional(),
    useBodyEncodingForUri: z.boolean().optional(),
    useBodyEncoding: z.boolean().optional(),
  }),
  'oss-mount-descs': z.array(z.strictObject({
    bucketName: nonEmpty,
    bucketPath: nonEmpty,
    mountPath: absolutePath,
    readOnly: z.boolean(),
  })),
  'trigger-config': z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('time'), config: nonEmpty, timezone: nonEmpty.optional() }),
    z.strictObject({ type: z.literal('http'), config: z.record(z.string(), z.unknown()) }),
  ]),
  'slice-envs': z.array(scalar).min(1, 'must hold at least one shard'),
};

export interface ShapeIssue {
  path: string;
  message: string;
  /** Unknown keys are only warned about. */
  unknownKey: boolean;
}

/** Checks a value against its parameter's shape; returns the issues with readable paths. */
export function checkShape(input: string, value: unknown): ShapeIssue[] {
  const shape = SHAPES[input];
  if (!shape) return [];
  const result = shape.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const path = formatPath(input, issue.path);
    if (issue.code === 'unrecognized_keys') {
      return { path, unknownKey: true, message: `has unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}` };
    }
    return { path, unknownKey: false, message: describeIssue(issue) };
  });
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is missing' : `must be ${article(issue.expected)}, not ${typeName(issue.input)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      if ('discriminator' in issue && issue.discriminator) return `must have ${issue.discriminator} "time" or "http"`;
      return 'does not match any accepted form';
    default:
      return issue.message;
  }
}

function article(type: string): string {
  if (type === 'array') return 'a list';
  if (type === 'object') return 'a mapping';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)}`;
}

export function formatPath(input: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`), input);
}
