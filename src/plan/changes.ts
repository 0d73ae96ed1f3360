// The template read back (DescribeJob) and what the request would change in it: the plan shown before
// UpdateJob, the `changed` output, `if-unchanged: skip`, and after the order, the proof that the
// template holds what was sent. Driven by the parameter table; the comparison itself is compare.ts.
import type { ParameterInput } from '../contract/parameters.js';
import { PARAMETER_BY_WIRE } from '../contract/parameters.js';
import type { UpdateJobRequest } from '../request/build.js';
import type { SaeApi } from '../sae/client.js';
import { SaeError } from '../sae/errors.js';
import { isTransient, withRetries, type SaeRetryOptions } from '../sae/retry.js';
import { compareParameter, displayValue, type Comparison } from './compare.js';
import type { EnvChange } from './envs.js';

export interface PlanEntry {
  wire: string;
  input: ParameterInput;
  /** Shown only as changed or unchanged: no value, before or after. */
  secret: boolean;
  /** Sent as "" (the `clear` input). */
  cleared: boolean;
  /** The template's value as one line; undefined when DescribeJob did not return it, or for a secret. */
  before?: string;
  /** The value sent as one line ('' for a clear); '***' for a secret. */
  after: string;
  state: Comparison;
  /** envs-strategy: merge: each env var added, changed or removed (Envs only). */
  envChanges?: EnvChange[];
}

export interface Plan {
  /** Every parameter sent but AppId, by wire name. */
  entries: PlanEntry[];
  /** Wire names whose value differs from the template's (the `changed` output). */
  changed: string[];
  /**
   * Wire names whose current value cannot be told (not in DescribeJob's model, or not in its shape): never
   * reported as changed or not taken, but if-unchanged: skip deploys when there are any (nothing proves them).
   */
  unknown: string[];
}

/** Nothing to send: every parameter is known to hold its value. */
export const holdsAll = (plan: Plan): boolean => plan.changed.length === 0 && plan.unknown.length === 0;

/** The settings DescribeJob returns, with every secret among them already masked. */
export type Template = Readonly<Record<string, unknown>>;

export function planChanges(request: UpdateJobRequest, template: Template): Plan {
  const entries: PlanEntry[] = [];
  for (const [wire, value] of [...Object.entries(request.query), ...Object.entries(request.body)]) {
    const param = PARAMETER_BY_WIRE.get(wire);
    if (!param || param.required) continue; // AppId names the template; it is not a setting
    const present = Object.hasOwn(template, wire) && template[wire] !== undefined;
    const secret = Boolean(param.secret);
    entries.push({
      wire,
      input: param.input,
      secret,
      cleared: value === '',
      before: present && !secret ? displayValue(template[wire]) : undefined,
      after: secret && value ? '***' : displayValue(value),
      state: compareParameter(param, value, template[wire], present),
    });
  }
  entries.sort((a, b) => a.wire.localeCompare(b.wire));
  const named = (state: Comparison) => entries.filter((e) => e.state === state).map((e) => e.wire);
  return { entries, changed: named('changed'), unknown: named('unknown') };
}

export type ReadRetry = Omit<SaeRetryOptions, 'shouldRetry'>;

/**
 * DescribeJob, retried like every read. Secret settings in the answer (OssAkSecret comes back) are
 * masked before this returns, so nothing later can print them.
 */
export async function readTemplate(
  api: SaeApi,
  appId: string,
  mask: (value: string) => void,
  retry: ReadRetry,
  shouldRetry: SaeRetryOptions['shouldRetry'] = isTransient,
): Promise<Template> {
  const data = await withRetries(() => api.describeJob(appId), { ...retry, shouldRetry });
  for (const [wire, v] of Object.entries(data)) {
    if (PARAMETER_BY_WIRE.get(wire)?.secret && v !== undefined && v !== null && v !== '') mask(String(v));
  }
  return data;
}

/** The log lines of a plan: `Name: before → after`, unchanged ones last. */
export function planLines(plan: Plan): string[] {
  const unknown = ' (cannot be compared: if-unchanged: skip deploys it)';
  const line = (e: PlanEntry): string => {
    if (e.secret) return `${e.wire}: *** (${e.state === 'unknown' ? unknown.slice(2, -1) : e.state})`;
    const after = e.cleared ? '"" (clear)' : e.after;
    if (e.state === 'unchanged') return `${e.wire}: ${after} (unchanged)`;
    const before =
      e.before === undefined
        ? e.state === 'unknown'
          ? '(not returned by DescribeJob)'
          : '(not set)'
        : e.before || '""';
    return `${e.wire}: ${before} → ${after}${e.state === 'unknown' ? unknown : ''}`;
  };
  const lines = (e: PlanEntry): string[] => [line(e), ...(e.envChanges ?? []).map(envChangeLine)];
  return [
    ...plan.entries.filter((e) => e.state !== 'unchanged'),
    ...plan.entries.filter((e) => e.state === 'unchanged'),
  ].flatMap(lines);
}

/** One env var of a merge, under the Envs line of the plan. */
export function envChangeLine(c: EnvChange): string {
  const ref = c.wasConfigMapRef ? ' (was a ConfigMap reference)' : '';
  const v = (s: string | undefined) => displayValue(s ?? '');
  switch (c.change) {
    case 'added':
      return `  + ${c.name} = ${v(c.after)}`;
    case 'changed':
      return `  ~ ${c.name}: ${v(c.before)} → ${v(c.after)}${ref}`;
    case 'removed':
      return `  - ${c.name} (was ${v(c.before)})${ref}`;
  }
}

/** After an order ended: which sent values the template does not hold ('changed'), or why it could not be read. */
export async function checkHeld(
  api: SaeApi,
  request: UpdateJobRequest,
  appId: string,
  mask: (value: string) => void,
  retry: ReadRetry,
): Promise<{ notHeld: PlanEntry[]; template: Template } | SaeError> {
  try {
    const template = await readTemplate(api, appId, mask, retry);
    return { notHeld: planChanges(request, template).entries.filter((e) => e.state === 'changed'), template };
  } catch (e) {
    if (e instanceof SaeError) return e;
    throw e;
  }
}
