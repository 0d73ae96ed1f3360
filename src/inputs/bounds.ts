// Bounds users hit: sizes and shapes that SAE (or the way to it) refuses, checked before anything is
// sent, so a careless value fails at once with its input named instead of after minutes of retries.
import type { Parameter } from '../contract/parameters.js';
import { INPUT_INVALID, problem, type Problem } from './problems.js';
import type { ParameterValue } from './read.js';

/** Any one parameter input: structured ones have their own limit (exact.ts), the same size. */
export const MAX_INPUT_BYTES = 64 * 1024;
/**
 * The UpdateJob query string, percent-encoded. SAE does not document a URL limit [U]; common gateway
 * and Node defaults refuse request headers above 16 KiB (HTTP 431). Refusing above this before sending
 * names the parameters to shorten; a server that refuses sooner answers 414/431, which is not retried.
 */
export const MAX_QUERY_BYTES = 15 * 1024;

/** Shown in messages in place of a value too long or too odd to quote whole. */
export function quoted(text: string, max = 80): string {
  const shown = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(shown);
}

/** A parameter input above the size limit, or undefined. */
export function checkSize(param: Parameter, text: string): Problem | undefined {
  const size = Buffer.byteLength(text, 'utf8');
  if (size <= MAX_INPUT_BYTES) return undefined;
  return problem(
    param.input,
    INPUT_INVALID,
    `${param.input} is ${Math.ceil(size / 1024)} KiB, more than the ${MAX_INPUT_BYTES / 1024} KiB an input may hold (SAE takes most parameters in the URL). Shorten it; large configuration belongs in a ConfigMap (config-map-mount-desc) or the image.`,
  );
}

const encodedLength = (k: string, v: string) => encodeURIComponent(k).length + encodeURIComponent(v).length + 2;

/** The query string of UpdateJob over its limit: the error names the largest query parameters. */
export function checkQueryLength(values: ReadonlyMap<string, ParameterValue>, out: Problem[]): void {
  const sizes = [...values.values()]
    .filter((v) => v.param.position === 'query')
    .map((v) => ({ input: v.param.input, bytes: encodedLength(v.param.wire, v.wire) }));
  const total = sizes.reduce((n, s) => n + s.bytes, 0);
  if (total <= MAX_QUERY_BYTES) return;
  const largest = sizes.sort((a, b) => b.bytes - a.bytes).slice(0, 3);
  out.push(
    problem(
      largest[0]!.input,
      INPUT_INVALID,
      `The UpdateJob URL would carry ${Math.ceil(total / 1024)} KiB of parameters, more than the ${MAX_QUERY_BYTES / 1024} KiB that SAE's endpoint can be relied on to accept (longer URLs are refused with HTTP 414 or 431). The largest: ${largest.map((s) => `${s.input} (${Math.ceil(s.bytes / 1024)} KiB encoded)`).join(', ')}. Shorten them: move configuration into a ConfigMap (config-map-mount-desc) or the image.`,
    ),
  );
}

// Cron field ranges: 5 fields (minute hour day-of-month month day-of-week), or Quartz's 6 or 7 (a
// seconds field first, a year last), which SAE's example (`0 1 */1 * ?`, `?` for a day) resembles [U].
const MINUTE = [0, 59],
  HOUR = [0, 23],
  DAY = [1, 31],
  MONTH = [1, 12],
  WEEKDAY = [0, 7],
  YEAR = [1970, 2099];
const FIELD_NAMES = ['second', 'minute', 'hour', 'day of month', 'month', 'day of week', 'year'];

/** The first cron field whose numbers are out of range, as a sentence, or undefined. */
export function cronRangeProblem(fields: readonly string[]): string | undefined {
  const layout =
    fields.length === 5
      ? [MINUTE, HOUR, DAY, MONTH, WEEKDAY]
      : [MINUTE, MINUTE, HOUR, DAY, MONTH, WEEKDAY, YEAR].slice(0, fields.length);
  const names = fields.length === 5 ? FIELD_NAMES.slice(1, 6) : FIELD_NAMES;
  for (let i = 0; i < fields.length; i++) {
    const [min, max] = layout[i]!;
    for (const item of fields[i]!.split(',')) {
      const [range, step] = item.split('/');
      if (step !== undefined && (!/^\d+$/.test(step) || Number(step) < 1 || Number(step) > max!)) {
        return `the ${names[i]} field "${fields[i]}" has the step "${step}" (use 1 to ${max})`;
      }
      for (const part of (range ?? '').split(/[-#]/)) {
        const n = /^(\d+)[LW]?$/.exec(part);
        if (n && (Number(n[1]) < min! || Number(n[1]) > max!) && !(item.includes('#') && part === item.split('#')[1])) {
          return `the ${names[i]} field "${fields[i]}" holds ${n[1]}, outside ${min}–${max}`;
        }
      }
    }
  }
  return undefined;
}
