// Turning input text into typed values. Pure functions: text in, value or reason out.

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];

/** YAML 1.2 core schema booleans, as @actions/core's getBooleanInput accepts them. */
export function parseBoolean(text: string): Parsed<boolean> {
  if (TRUE.includes(text)) return { ok: true, value: true };
  if (FALSE.includes(text)) return { ok: true, value: false };
  return { ok: false, reason: `"${text}" is not a boolean` };
}

export function parseInteger(text: string, min?: number, max?: number): Parsed<number> {
  if (!/^[+-]?\d+$/.test(text)) return { ok: false, reason: `"${text}" is not a whole number` };
  const value = Number(text);
  if (!Number.isSafeInteger(value)) return { ok: false, reason: `${text} is too large` };
  if (min !== undefined && value < min) {
    return {
      ok: false,
      reason: max !== undefined ? `${value} is outside ${min}–${max}` : `${value} is less than ${min}`,
    };
  }
  if (max !== undefined && value > max) {
    return {
      ok: false,
      reason: min !== undefined ? `${value} is outside ${min}–${max}` : `${value} is more than ${max}`,
    };
  }
  return { ok: true, value };
}

/**
 * Parses JSON or YAML (a multi-line YAML block in the workflow), bounded, with each scalar's source text
 * kept (see exact.ts). The parser loads only when a structured input is given.
 */
export async function parseStructured(text: string): Promise<Parsed<unknown>> {
  const { parseExact } = await import('./exact.js');
  return parseExact(text);
}

/** Splits a list given with spaces, commas or newlines. */
export function splitList(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

/** `900`, `90s`, `15m`, `1h`, `1h30m` → seconds. */
export function parseDuration(text: string): Parsed<number> {
  // Digits beyond what a safe integer holds are refused, not rounded (the caller checks the range).
  if (/^\d+$/.test(text))
    return Number.isSafeInteger(Number(text))
      ? { ok: true, value: Number(text) }
      : { ok: false, reason: `${text.slice(0, 20)} is too large` };
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (!m || text === '') return { ok: false, reason: `"${text}" is not a duration` };
  const [, h, min, s] = m;
  return { ok: true, value: Number(h ?? 0) * 3600 + Number(min ?? 0) * 60 + Number(s ?? 0) };
}
