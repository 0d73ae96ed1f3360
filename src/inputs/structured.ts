// Reading the structured (JSON) parameters: JSON or YAML text, plus the friendlier forms that envs and
// command-args accept, normalised to the shape SAE wants before the shape check.
import type { JsonInput } from '../contract/parameters.js';
import { parseStructured, type Parsed } from './values.js';
import { scalarSource } from './exact.js';

/** An environment variable name as SAE (Kubernetes) accepts it: letters, digits, _ . -, no leading digit. */
export const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const ENV_LINE = new RegExp(`^(${ENV_NAME.source.slice(1, -1)})=(.*)$`);

// SAE wants text here: a number or boolean is sent as it was written (`1.10`, `007`, `0x1F`, `true`).
const scalarText = scalarSource;

/** `NAME=value` lines (blank lines and `#` comments skipped), or undefined when the text is not that form. */
export function parseEnvLines(text: string): Array<{ name: string; value: string }> | undefined {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const entries: Array<{ name: string; value: string }> = [];
  for (const line of lines) {
    const m = ENV_LINE.exec(line);
    if (!m) return undefined;
    entries.push({ name: m[1]!, value: m[2]! });
  }
  return entries.length ? entries : undefined;
}

/** envs: a list of entries, a mapping of NAME: value, or NAME=value lines. Scalar values become their source text. */
export async function readEnvs(text: string): Promise<Parsed<unknown>> {
  // NAME=value lines first: no JSON or YAML mapping has that form, and it spares loading the YAML parser.
  const lines = parseEnvLines(text);
  if (lines) return { ok: true, value: lines };
  const parsed = await parseStructured(text);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  if (Array.isArray(v)) {
    return {
      ok: true,
      value: v.map((e: unknown) => {
        if (e && typeof e === 'object' && !Array.isArray(e) && 'value' in e) {
          const t = scalarText((e as { value: unknown }).value);
          if (t !== undefined) return { ...e, value: t };
        }
        return e;
      }),
    };
  }
  if (v && typeof v === 'object') {
    const entries: Array<{ name: string; value: unknown }> = [];
    for (const [name, value] of Object.entries(v)) {
      entries.push({ name, value: scalarText(value) ?? value });
    }
    return { ok: true, value: entries };
  }
  return { ok: false, reason: 'expected a list of {name, value}, a mapping or NAME=value lines' };
}

/** command-args: a JSON array or YAML list; numbers and booleans become their source text. */
export async function readCommandArgs(text: string): Promise<Parsed<unknown>> {
  const parsed = await parseStructured(text);
  if (!parsed.ok || !Array.isArray(parsed.value)) return parsed;
  return { ok: true, value: parsed.value.map((a: unknown) => scalarText(a) ?? a) };
}

export function readStructured(input: JsonInput, text: string): Promise<Parsed<unknown>> {
  if (input === 'envs') return readEnvs(text);
  if (input === 'command-args') return readCommandArgs(text);
  return parseStructured(text);
}
