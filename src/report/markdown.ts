// The one renderer of text the action did not write itself (SAE's answers, inputs, GitHub's values) into what
// people read: GitHub-flavoured markdown for the job summary and the pull request comment, plain text for
// annotations. Each value is escaped for the place it goes (text, table cell, code span, link, heading), so no
// value can start a construct of its own: a link, an image, raw HTML, a table cell or row, a heading, a list,
// an @mention, an issue reference. Links go only to the action's own URL patterns, with ids percent-encoded.
//
// Line breaks are what any reader may split on: CommonMark's (\n, \r\n and a lone \r) and also VT, FF, NEL,
// U+2028 and U+2029. Characters that hide or reorder text (controls, bidi overrides, zero-width characters,
// Unicode tags, Hangul fillers) are shown as their code point, so what a reader sees is what the value holds.
import { changeOrderUrl, type ConsoleSite } from './links.js';

const BREAKS = /\r\n|[\n\v\f\r\u0085\u2028\u2029]/g;
/** Invisible or reordering characters (\p{Cf} holds the bidi controls, zero-width characters and tags). */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\u115f\u1160\u3164\uffa0]/gu;

/** Every line break as one space. */
export function oneLine(value: string): string {
  return value.replace(BREAKS, ' ');
}

/** Hidden characters as `<U+202E>`; a tab as a space. Line breaks are left to the caller (they are hidden too). */
export function visible(value: string): string {
  return value.replace(HIDDEN, (c) =>
    c === '\t' ? ' ' : `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`,
  );
}

/**
 * A zero-width space after `@`, and after `#` before digits: GitHub makes mentions, issue references and e-mail
 * links from the rendered text (cmark-gfm joins `x\@y.z` back into one text before it looks for e-mail
 * addresses, so a backslash does not stop those).
 */
const UNLINK = '&#8203;';

/**
 * Inline markdown for text already on one line with its hidden characters shown: every character that can open
 * or close an inline construct is backslash-escaped (CommonMark renders `\x` as `x` for any ASCII punctuation),
 * including the table's `|`, GitHub's math `$`, the `:` of `https://` and the `.` of `www.` (GFM's bare links).
 * `atStart`: the text opens a line, where a first `#`, `>`, `-`, `+`, `=` or `1.` would start a block. `inCode`:
 * the text is inside <code>, where GitHub makes no mention or reference (but still e-mail links).
 */
function inline(s: string, atStart: boolean, inCode = false): string {
  const escaped = s
    .replace(/[\\`*_[\]<>&|~$#]/g, '\\$&')
    .replace(/:(?=\/)/g, '\\:')
    .replace(/(w{3})\./gi, '$1\\.')
    .replace(/@/g, `@${UNLINK}`);
  const out = inCode ? escaped : escaped.replace(/\\#(?=\d)/g, `\\#${UNLINK}`);
  if (!atStart) return out;
  return out.replace(/^[!-/:-@[-`{-~]/, (c) => (c === '\\' ? c : `\\${c}`)).replace(/^(\d{1,9})([.)])/, '$1\\$2');
}

/** A value as markdown text, on one line: in a paragraph, a list item, a quote or a table cell. */
export function text(value: string): string {
  return inline(visible(oneLine(value)).trim(), true);
}

/**
 * A value as code: a code span whose fence is longer than any run of backticks inside (padded with a space,
 * which markdown strips, where a backtick or space would touch the fence). A value with a `|` is written as
 * `<code>` around escaped text instead: a table splits its row at a `|` even inside a code span, and the only
 * escape there (`\|`) would show its backslash outside a table.
 */
export function code(value: string): string {
  const inner = visible(oneLine(value));
  if (!inner) return '';
  if (inner.includes('|')) return `<code>${inline(inner, false, true)}</code>`;
  const fence = '`'.repeat(Math.max(0, ...[...inner.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  // Markdown strips one space at each end, except from a span of spaces only.
  const pad = inner.trim() !== '' && (fence.length > 1 || /^[` ]|[` ]$/.test(inner));
  return pad ? `${fence} ${inner} ${fence}` : `${fence}${inner}${fence}`;
}

/** A heading of the action's own words around values: the values are escaped, the level is the action's. */
export function heading(level: 2 | 3 | 4, value: string): string {
  return `${'#'.repeat(level)} ${text(value)}`;
}

const CONSOLE_SITES: Record<string, ConsoleSite> = {
  'sae.console.aliyun.com': 'china',
  'sae.console.alibabacloud.com': 'international',
};

/**
 * The action's own link for a URL, rebuilt from its parts (ids percent-encoded), or undefined when the URL is
 * not one of the action's: the SAE console's home or a change order's page in it, and (`run: true`) a GitHub
 * Actions run page (built from the runner's GITHUB_SERVER_URL; never taken from a message).
 */
export function ownUrl(url: string, o: { run?: boolean } = {}): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.username || u.password) return undefined;
  const site = CONSOLE_SITES[u.hostname];
  if (site && u.protocol === 'https:' && !u.port && u.pathname === '/' && !u.search) {
    if (!u.hash) return `https://${u.hostname}/`;
    const order = /^#\/AppList\/ChangeOrderDetail\?([^#]*)$/.exec(u.hash);
    if (!order) return undefined;
    const q = new URLSearchParams(order[1]);
    const id = q.get('changeOrderId');
    if (!id || [...q.keys()].some((k) => k !== 'changeOrderId' && k !== 'regionId')) return undefined;
    return changeOrderUrl(id, q.get('regionId') ?? '', site);
  }
  if (!o.run || !/^https?:$/.test(u.protocol) || u.search || u.hash) return undefined;
  const run = /^\/[\w.-]+\/[\w.-]+\/actions\/runs\/\d+(?:\/attempts\/\d+)?$/.exec(u.pathname);
  return run ? `${u.origin}${u.pathname}` : undefined;
}

/** A destination between `<` and `>`: nothing in it can end it or the link. */
const destination = (url: string): string => url.replace(/[<>\\\s]/g, (c) => encodeURIComponent(c));

/** A link's text: its parentheses escaped too (some renderers end a link at a `](` inside its text). */
const label = (s: string, atStart: boolean): string => inline(s, atStart).replace(/[()]/g, '\\$&');

/** A link when the URL is one of the action's own (see ownUrl), else the label as text. */
export function link(words: string, url: string, o: { run?: boolean } = {}): string {
  const target = ownUrl(url, o);
  const shown = visible(oneLine(words)).trim();
  return target ? `[${label(shown, false)}](<${destination(target)}>)` : inline(shown, true);
}

/** What reads as a URL in a sentence, without the punctuation that ends the sentence. */
const URL_IN_TEXT = /(https?:\/\/[^\s<>"]*[^\s<>".,;:!?)\]'])/;

/**
 * A message (the action's sentence with values in it) as markdown text on one line. A console link in it stays
 * a link (a change order's reads as its id: the full URL is in the table); any other URL is text.
 */
export function prose(message: string): string {
  return visible(oneLine(message))
    .trim()
    .split(URL_IN_TEXT)
    .map((part, i) => {
      if (i % 2 === 0) return inline(part, i === 0);
      const target = ownUrl(part);
      if (!target) return inline(part, false);
      const id = new URLSearchParams(/\?(.*)$/.exec(target)?.[1] ?? '').get('changeOrderId');
      return `[${label(visible(oneLine(id ?? target)).trim(), false)}](<${destination(target)}>)`;
    })
    .join('');
}

/** An annotation's message: plain text (GitHub does not render markdown there), every line break a newline. */
export function plain(message: string): string {
  return message.split(BREAKS).map(visible).join('\n');
}

/** An annotation's title: plain text on one line. */
export function plainLine(value: string): string {
  return visible(oneLine(value));
}

/**
 * A two-column table of facts, its first row the header (as the summary's main table): GitHub draws a table's
 * header row whatever it holds, so an empty one (`| | |`) shows as a blank bar above the facts. Rows whose value
 * is empty are left out; the cells are markdown already.
 */
export function factsTable(rows: ReadonlyArray<readonly [string, string]>): string[] {
  const [head, ...rest] = rows.filter(([, v]) => v);
  if (!head) return [];
  return [`| ${head[0]} | ${head[1]} |`, '|---|---|', ...rest.map(([k, v]) => `| ${k} | ${v} |`), ''];
}
