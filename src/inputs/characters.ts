// Characters that no value of an input can mean, refused before anything is sent. A control character, a
// bidirectional override or an invisible character (a zero-width space after a copy from a chat or a web
// page) makes a value read one way in the workflow and review and be another thing on the wire: an app-id
// that looks right and is not, a line of the log that breaks, text that shows in another order than it runs.
// What each input may hold is in its table (contract/parameters.ts `text`, contract/action-inputs.ts): by default one line of
// visible text; 'lines' adds line breaks and tabs; 'prose' (free text a job reads) adds the invisible marks
// of written language (zero-width joiners, direction marks). Bidirectional embeddings, overrides and
// isolates, and every other control character, are refused everywhere.
import type { InputName } from '../contract/action-inputs.js';
import type { Parameter } from '../contract/parameters.js';
import { INPUT_INVALID, problem, type Problem } from './problems.js';

export type TextAllowance = 'line' | 'lines' | 'prose';

/** The inputs of the action's own that may span lines: lists, one name (clear) or one path or glob (spec) a line. */
const MULTILINE_SETTINGS: ReadonlySet<string> = new Set(['clear', 'spec']);

/**
 * What an input may hold: its parameter's `text` (structured ones span lines), else one line. A secret is
 * opaque (the action never shows it, and its alphabet is its issuer's): it may span lines too, like any
 * secret stored on GitHub; the other characters are refused in it as everywhere.
 */
export function allowanceOf(name: string, param: Parameter | undefined, secret = false): TextAllowance {
  if (param?.text) return param.text;
  if (param?.kind === 'json' || secret || MULTILINE_SETTINGS.has(name)) return 'lines';
  return 'line';
}

// Never: C0 controls but tab and line feed (a carriage return only before a line feed), DEL, C1 controls
// (NEL among them), the line and paragraph separators, and bidirectional embeddings, overrides and isolates
// (the "Trojan Source" characters).
// eslint-disable-next-line no-control-regex
const NEVER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\r(?!\n)/u;
const LINE_BREAKS = /[\t\n\r]/u;
// Invisible: every format character (zero-width space and joiners, direction marks, word joiner, BOM, soft
// hyphen, tags …), and the Hangul fillers and the Mongolian vowel separator that render as nothing.
const INVISIBLE = /[\p{Cf}\u115f\u1160\u3164\uffa0\u180e]/u;

const NAMES: Record<number, string> = {
  0x09: 'a tab',
  0x0a: 'a line break',
  0x0d: 'a carriage return',
  0x85: 'a next-line control (NEL)',
  0xad: 'a soft hyphen',
  0x200b: 'a zero-width space',
  0x200c: 'a zero-width non-joiner',
  0x200d: 'a zero-width joiner',
  0x200e: 'a left-to-right mark',
  0x200f: 'a right-to-left mark',
  0x2028: 'a line separator',
  0x2029: 'a paragraph separator',
  0x202a: 'a left-to-right embedding',
  0x202b: 'a right-to-left embedding',
  0x202c: 'a pop directional formatting',
  0x202d: 'a left-to-right override',
  0x202e: 'a right-to-left override',
  0x2060: 'a word joiner',
  0x2066: 'a left-to-right isolate',
  0x2067: 'a right-to-left isolate',
  0x2068: 'a first-strong isolate',
  0x2069: 'a pop directional isolate',
  0xfeff: 'a byte order mark (zero-width no-break space)',
};

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

function describe(cp: number): string {
  const name =
    NAMES[cp] ?? (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ? 'a control character' : 'an invisible character');
  return `${hex(cp)} (${name})`;
}

/** The first character the input may not hold, with where it is, or undefined. */
export function forbiddenCharacter(
  text: string,
  allow: TextAllowance,
): { codePoint: number; index: number; why: 'never' | 'line' | 'invisible' } | undefined {
  const tests: Array<[RegExp, 'never' | 'line' | 'invisible']> = [[NEVER, 'never']];
  if (allow === 'line') tests.push([LINE_BREAKS, 'line']);
  if (allow !== 'prose') tests.push([INVISIBLE, 'invisible']);
  let first: { codePoint: number; index: number; why: 'never' | 'line' | 'invisible' } | undefined;
  for (const [re, why] of tests) {
    const m = re.exec(text);
    if (m && (!first || m.index < first.index)) first = { codePoint: m[0].codePointAt(0)!, index: m.index, why };
  }
  return first;
}

const WHY = {
  never:
    'no value of an input can mean it (a control, line-separator or bidirectional formatting character makes text break, or show otherwise than it reads)',
  line: 'and the input is one line',
  invisible:
    'it cannot be part of this value, and being invisible it makes the value differ from what the workflow shows (it usually comes along with a copy from a web page or a chat)',
};

/**
 * A problem when the input holds a character it may not. `secret`: the value is a secret, so the message
 * says which character but not where (nothing of the value itself is shown, ever).
 */
export function checkCharacters(
  input: InputName,
  text: string,
  allow: TextAllowance,
  secret = false,
): Problem | undefined {
  const bad = forbiddenCharacter(text, allow);
  if (!bad) return undefined;
  const where = secret
    ? ''
    : bad.index === 0
      ? ' at its start'
      : bad.index + String.fromCodePoint(bad.codePoint).length === text.length
        ? ' at its end'
        : ` after "${[...text.slice(Math.max(0, bad.index - 20), bad.index)].join('')}"`;
  const what = `${input} holds ${describe(bad.codePoint)}${where}`;
  const message =
    bad.why === 'line'
      ? `${what}, ${WHY.line}. Give ${input} on one line.`
      : `${what}: ${WHY[bad.why]}. Delete it (retype the value if it was pasted).`;
  return problem(input, INPUT_INVALID, message);
}
