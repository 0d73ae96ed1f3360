// Values as a hostile server or a careless input could write them, for tests that show what people read cannot
// be forged: every line break some reader splits on, characters that hide or reorder text, and every markup form
// that would change a markdown page (links, images, raw HTML, table cells and rows, headings, lists, quotes,
// code fences, math, mentions, issue references, bare links), combined by a seeded generator.
import { mulberry32 } from './random.js';

/** Every line break a reader may split on: CommonMark's three, then VT, FF, NEL, LS, PS. */
export const LINE_BREAKS = ['\n', '\r', '\r\n', '\v', '\f', '\u0085', '\u2028', '\u2029'];

/** Characters that hide text or reorder it: controls, bidi overrides and isolates, zero-width, tags, fillers. */
export const HIDDEN = [
  '\u0000',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u009b',
  '\u00ad',
  '\u200b',
  '\u200d',
  '\u200e',
  '\u202e',
  '\u2066',
  '\u2069',
  '\u2060',
  '\ufeff',
  '\u{e0041}',
  '\u3164',
];

/** Markup that would add to or change a page if it went through unescaped. */
export const MARKUP = [
  'co-1](https://evil.example/x)',
  '[click](https://evil.example)',
  '[ref]: https://evil.example',
  '![x](https://evil.example/p.png)',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '</details>',
  '<details open><summary>x</summary>',
  '<!--',
  '-->',
  '--!>',
  '## Deploy approved ✅',
  '# h',
  '> [!NOTE]',
  '| forged | cell |',
  '|---|---|',
  '\\|',
  '`',
  '``a``',
  '```',
  '~~~',
  '**bold**',
  '_em_',
  '~~del~~',
  '$x^2$',
  '$$\\int$$',
  '[^1]',
  '- item',
  '* item',
  '+ item',
  '1. item',
  '1) item',
  '---',
  '===',
  '    indented',
  '\\',
  '&amp;',
  '&#60;b&#62;',
  '&lt;b&gt;',
  '@octocat',
  '@acme/team',
  '#12',
  'acme/jobs#12',
  'www.evil.example',
  'WWW.evil.example/x',
  'https://evil.example/a?b=c',
  'http://evil.example',
  '<https://evil.example>',
  'user@evil.example',
  'mailto:x@evil.example',
  'xmpp:x@evil.example',
  '[ ] task',
  ':rocket:',
  '\t',
  '  ',
];

/** Every markup form after and before every line break (so each kind of break starts every kind of line). */
export function markupAcrossLines(): string[] {
  const out: string[] = [];
  for (const br of LINE_BREAKS) for (const m of MARKUP) out.push(`ok${br}${m}${br}after`, `${m}${br}${m}`);
  return out;
}

/** Seeded random values: words, markup, breaks and hidden characters in any order. */
export function hostileValues(seed: number, count: number): string[] {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const parts = [...MARKUP, ...LINE_BREAKS, ...HIDDEN, 'word', ' ', '|', '`', '\\', '*', '_', '[', ']', '(', ')'];
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + Math.floor(random() * 6) }, () => pick(parts)).join(''),
  );
}

/**
 * What a reader must see of a value on one line, as the spec of the renderer: every line break a space,
 * tabs spaces, hidden characters as `<U+XXXX>`. `unlinked`: with the zero-width space GitHub needs after `@`
 * and before an issue number's digits, so neither becomes a mention or a reference.
 */
export function shown(value: string, o: { trim?: boolean; unlinked?: boolean } = {}): string {
  let s = value
    .replace(/\r\n|[\n\r\v\f\u0085\u2028\u2029]/g, ' ')
    .replace(/[\p{Cc}\p{Cf}\p{Cs}\u115f\u1160\u3164\uffa0]/gu, (c) =>
      c === '\t' ? ' ' : `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`,
    );
  if (o.trim !== false) s = s.trim();
  if (o.unlinked) s = s.replace(/@/g, '@\u200b').replace(/#(?=\d)/g, '#\u200b');
  return s;
}
