// Seeded random hostile text: the structured-input parser never throws, always answers quickly, and
// keeps scalars exact; a fenced log line never lets the runner read a command out of a value.
import { describe, expect, it } from 'vitest';
import { parseExact, stringifyExact } from '../../../src/inputs/exact.js';
import { inertLines } from '../../../src/runner/inert.js';
import { mulberry32 as rng } from '../../helpers/random.js';

const PIECES = [
  '[',
  ']',
  '{',
  '}',
  ':',
  ': ',
  ', ',
  '- ',
  '\n',
  '\n  ',
  '&a ',
  '*a',
  '&b ',
  '*b',
  '"',
  "'",
  '\\',
  '#',
  '!!str ',
  '? ',
  '1.10',
  '007',
  '0x1F',
  '1e999',
  '-0',
  '12345678901234567890',
  'yes',
  'null',
  '~',
  '__proto__',
  'constructor',
  '::set-output name=x::y',
  '::stop-commands::t',
  '\u2028',
  '\r',
  '\t',
  '%0A',
  'é',
  '😀',
  '\u0000',
  'name',
  'value',
  '<<',
  '|',
  '>',
];

function hostileText(next: () => number): string {
  let s = '';
  const n = 1 + Math.floor(next() * 60);
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(next() * PIECES.length)];
  // Now and then, a deep or repeated structure.
  if (next() < 0.1) s = '['.repeat(Math.floor(next() * 3000)) + s;
  if (next() < 0.1) s = s.repeat(1 + Math.floor(next() * 200));
  return s;
}

describe('seeded hostile text', () => {
  it('the parser never throws and answers every input in well under a second', async () => {
    const next = rng(1313);
    let slowest = 0;
    for (let i = 0; i < 400; i++) {
      const text = hostileText(next);
      const started = performance.now();
      const r = await parseExact(text);
      slowest = Math.max(slowest, performance.now() - started);
      if (r.ok) {
        // What is accepted can be sent: compact JSON that parses.
        expect(() => JSON.parse(stringifyExact(r.value))).not.toThrow();
      } else {
        expect(r.reason).toMatch(/^it /);
      }
    }
    expect(slowest).toBeLessThan(500);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('no line of a fenced message is read as a command', () => {
    const next = rng(4242);
    for (let i = 0; i < 400; i++) {
      const message = hostileText(next);
      const lines = inertLines(message)
        .join('\n')
        .split(/\r\n|\r|\n/);
      let stopped: string | undefined;
      for (const line of lines) {
        const t = line.trim();
        if (stopped !== undefined) {
          if (t === `::${stopped}::`) stopped = undefined;
          continue;
        }
        if (t.startsWith('::') || line.includes('##[')) {
          // Only the fence's own opening line is processed.
          const m = /^::stop-commands::([0-9a-f-]{36})$/.exec(t);
          expect(m, `processed: ${JSON.stringify(line)}`).not.toBeNull();
          stopped = m![1];
        }
      }
      expect(stopped).toBeUndefined();
    }
  });
});
