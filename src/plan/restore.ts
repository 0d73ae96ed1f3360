// What a rollback (on-failure: rollback) puts back. For each parameter this step sent, the template as read
// after the failure is held against what was sent and against what it held before UpdateJob, with the
// read-back's own comparison (compare.ts): holds what was before → nothing to do; holds what was sent → put the
// value back; holds a third value → someone else has deployed since, and nothing at all is put back.
// SAE has no rollback for job templates (docs/reference/sae-api.md §5.3): putting back is another UpdateJob.
import type { ParameterInput } from '../contract/parameters.js';
import { PARAMETER_BY_WIRE, type Parameter } from '../contract/parameters.js';
import { listFields } from '../inputs/shapes.js';
import type { UpdateJobRequest } from '../request/build.js';
import { compareParameter, displayValue, sameValue } from './compare.js';
import type { Template } from './changes.js';

/**
 * kept: holds what it held before (nothing to do); restore: holds what this step sent (put back); other: holds a
 * third value (someone else deployed); unreadable: DescribeJob does not return it (php, enable-image-accl);
 * unknown: the comparison cannot tell; no-way-back: holds what was sent, but the value before cannot be sent
 * (unset before and SAE documents no clear for it, or a form UpdateJob does not take).
 */
export type RestoreState = 'kept' | 'restore' | 'other' | 'unreadable' | 'unknown' | 'no-way-back';

export interface RestoreEntry {
  wire: string;
  input: ParameterInput;
  secret: boolean;
  state: RestoreState;
  /** What is sent back ("" clears); set for 'restore'. */
  back?: string;
  /** One line each for the words; never set for a secret. */
  before?: string;
  sent?: string;
  now?: string;
}

export interface RestorePlan {
  entries: RestoreEntry[];
  /** UpdateJob putting back every 'restore' entry, AppId included; undefined when there is nothing to send. */
  request?: UpdateJobRequest;
  /** Entries holding a third value: when any, nothing is put back. */
  others: RestoreEntry[];
}

const isBigNumber = (v: unknown): v is { toFixed(): string } =>
  typeof v === 'object' && v !== null && (v as { _isBigNumber?: unknown })._isBigNumber === true;

/** A number's exact text (json-bigint gives BigNumber objects for long literals), else undefined. */
function numberText(v: unknown): string | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : undefined;
  if (typeof v === 'bigint') return v.toString();
  return isBigNumber(v) ? v.toFixed() : undefined;
}

/** Compact JSON that keeps every number as written. */
function jsonText(v: unknown): string {
  const n = numberText(v);
  if (n !== undefined) return n;
  if (Array.isArray(v)) return `[${v.map(jsonText).join(',')}]`;
  if (v !== null && typeof v === 'object')
    return `{${Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .map(([k, x]) => `${JSON.stringify(k)}:${jsonText(x)}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

/**
 * DescribeJob's objects in UpdateJob's keys: MountPath → mountPath (keys matched without regard to case, as the
 * Serverless Devs SAE component does, docs/reference/sae-api.md §5.1), fields the server adds (ConfigMapName) left out.
 */
function asUpdateJobObjects(param: Parameter, list: unknown[]): unknown[] {
  const fields = listFields(param.input);
  if (!fields) return list;
  return list.map((item) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(item)) {
      const field = fields.find((f) => f.toLowerCase() === k.toLowerCase());
      if (field) out[field] = v;
    }
    return out;
  });
}

/** The template's value (DescribeJob's types) as UpdateJob's text, or undefined when it has no such form. */
export function wireOf(param: Parameter, value: unknown): string | undefined {
  switch (param.kind) {
    case 'string':
      return typeof value === 'string' ? value : numberText(value);
    case 'integer': {
      const text = typeof value === 'string' ? value.trim() : numberText(value);
      return text !== undefined && /^-?\d+$/.test(text) ? text : undefined;
    }
    case 'boolean':
      return typeof value === 'boolean' ? String(value) : value === 'true' || value === 'false' ? value : undefined;
    case 'json':
      if (typeof value === 'string') return value;
      if (Array.isArray(value)) return jsonText(asUpdateJobObjects(param, value));
      return value !== null && typeof value === 'object' ? jsonText(value) : undefined;
  }
}

const has = (t: Template, wire: string): boolean => Object.hasOwn(t, wire) && t[wire] !== undefined && t[wire] !== null;

/** What the template held before, as UpdateJob would send it back ("" clears), or undefined when that cannot be sent. */
function sendBack(param: Parameter, before: Template): string | undefined {
  const v = before[param.wire];
  // Unset before: only a clear puts that back, and SAE documents one for a few settings only (§2.3).
  if (!has(before, param.wire) || v === '') return param.clearDocumented ? '' : undefined;
  const back = wireOf(param, v);
  if (back === undefined || (param.oneOf && !param.oneOf.includes(back))) return undefined;
  // The text must mean the value read, by the read-back's comparison: else it is not that value.
  return compareParameter(param, back, v, true) === 'unchanged' ? back : undefined;
}

/** Does the template (now) hold what it held before? 'unknown' when that cannot be told. */
function holdsBefore(param: Parameter, back: string | undefined, before: Template, now: Template) {
  const wasSet = has(before, param.wire) && before[param.wire] !== '';
  if (!wasSet) {
    if (!has(now, param.wire)) return 'unchanged';
    return compareParameter(param, '', now[param.wire], true);
  }
  if (back !== undefined) return compareParameter(param, back, now[param.wire], has(now, param.wire));
  // The value before has no UpdateJob form: both are DescribeJob's, compared as they are.
  return has(now, param.wire) && sameValue(before[param.wire], now[param.wire]) ? 'unchanged' : 'unknown';
}

/** Does the template (now) hold what this step sent? */
function holdsSent(param: Parameter, sent: string, now: Template) {
  // A clear that took leaves the field out of DescribeJob's answer.
  if (sent === '' && !has(now, param.wire)) return 'unchanged';
  return compareParameter(param, sent, now[param.wire], has(now, param.wire));
}

/**
 * The rollback's plan: `sent` is this step's request, `before` the template read before UpdateJob, `now` the
 * template read after the failure (both with their secrets already masked).
 */
export function planRestore(sent: UpdateJobRequest, before: Template, now: Template): RestorePlan {
  const entries: RestoreEntry[] = [];
  for (const [wire, value] of [...Object.entries(sent.query), ...Object.entries(sent.body)]) {
    const param = PARAMETER_BY_WIRE.get(wire);
    if (!param || param.required) continue; // AppId names the template
    const secret = Boolean(param.secret);
    const show = (t: Template) => (secret || !has(t, wire) ? undefined : displayValue(t[wire]));
    const entry: RestoreEntry = {
      wire,
      input: param.input,
      secret,
      state: 'unreadable',
      ...(secret ? {} : { sent: displayValue(value), before: show(before), now: show(now) }),
    };
    entries.push(entry);
    if (param.readBack === 'none') continue;
    const back = sendBack(param, before);
    const wasBefore = holdsBefore(param, back, before, now);
    const wasSent = wasBefore === 'unchanged' ? 'unchanged' : holdsSent(param, value, now);
    if (wasBefore === 'unchanged') entry.state = 'kept';
    else if (wasSent === 'unchanged') {
      entry.state = back === undefined ? 'no-way-back' : 'restore';
      if (back !== undefined) entry.back = back;
    } else entry.state = wasSent === 'unknown' || wasBefore === 'unknown' ? 'unknown' : 'other';
  }
  entries.sort((a, b) => a.wire.localeCompare(b.wire));
  const others = entries.filter((e) => e.state === 'other');
  const restore = entries.filter((e) => e.state === 'restore');
  if (others.length || !restore.length) return { entries, others };
  const query: Record<string, string> = { AppId: sent.query['AppId'] ?? '' };
  const body: Record<string, string> = {};
  const secrets: string[] = [];
  const put = (param: Parameter, back: string) => {
    (param.position === 'body' ? body : query)[param.wire] = back;
    if (param.secret) secrets.push(param.wire);
  };
  for (const e of restore) put(PARAMETER_BY_WIRE.get(e.wire)!, e.back!);
  // SAE wants a version with every package URL: the one from before goes with it, though it did not change.
  const version = PARAMETER_BY_WIRE.get('PackageVersion')!;
  const versionBack = sendBack(version, before);
  if (query['PackageUrl'] && query['PackageVersion'] === undefined && versionBack) put(version, versionBack);
  return { entries, others, request: { query, body, secrets } };
}
