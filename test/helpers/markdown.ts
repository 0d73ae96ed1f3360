// Markdown as a reader gets it: rendered to HTML (GitHub-flavoured) by two independent renderers, marked and
// micromark (with its GFM extension, written to GFM's spec and tested against cmark-gfm's cases), and by
// GitHub's own cmark-gfm where the machine has its command (Debian: apt-get install cmark-gfm); then read back
// the way a browser shows it: a link's href, a code span's text, the text of an element, the shape of the page.
import { spawnSync } from 'node:child_process';
import { marked } from 'marked';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';

export function renderMarkdown(md: string): string {
  return marked.parse(md, { gfm: true, async: false });
}

/** micromark with GFM; raw HTML kept (GitHub keeps the harmless tags, such as <details> and <code>). */
export function renderMicromark(md: string): string {
  return micromark(md, { extensions: [gfm()], htmlExtensions: [gfmHtml()], allowDangerousHtml: true });
}

/** Both renderers, by name. */
export const RENDERERS: Record<string, (md: string) => string> = {
  marked: renderMarkdown,
  micromark: renderMicromark,
};

const SPLIT = '<hr class="next-document">';
const CMARK = spawnSync('cmark-gfm', ['--version'], { encoding: 'utf8' }).status === 0;

/**
 * Many documents rendered by cmark-gfm (GitHub's renderer, with its extensions and raw HTML kept) in one run,
 * or undefined where the command is not installed. The documents are separated by an HTML block each: a
 * document that did not stay inside its own blocks shows as a count or a shape that does not match.
 */
export function renderCmarkGfm(docs: readonly string[]): string[] | undefined {
  if (!CMARK) return undefined;
  const args = [
    '--unsafe',
    '-e',
    'table',
    '-e',
    'strikethrough',
    '-e',
    'autolink',
    '-e',
    'tagfilter',
    '-e',
    'tasklist',
  ];
  const input = docs.map((d) => `${d}\n\n${SPLIT}\n\n`).join('');
  const out = spawnSync('cmark-gfm', args, { input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (out.status !== 0) throw new Error(`cmark-gfm failed: ${out.stderr}`);
  return out.stdout.split(SPLIT).slice(0, -1);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** HTML character references decoded (the named ones the renderers write, and every numeric one). */
export function decodeHtml(html: string): string {
  return html.replace(/&(#x[\da-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : ENTITIES[e.toLowerCase()]!,
  );
}

/** HTML text as displayed: tags dropped, entities decoded. */
export function textOf(html: string): string {
  return decodeHtml(html.replace(/<[^>]*>/g, ''));
}

/** Every link as [text, href], as a browser would follow it. */
export function links(html: string): Array<[string, string]> {
  return [...html.matchAll(/<a href="([^"]*)"[^>]*>(.*?)<\/a>/gs)].map((m) => [textOf(m[2]!), decodeHtml(m[1]!)]);
}

/** The text of every code span. */
export function codeSpans(html: string): string[] {
  return [...html.matchAll(/<code>(.*?)<\/code>/gs)].map((m) => textOf(m[1]!));
}

/**
 * The shape of a page: its elements in order, by name, without their text or attributes. Two pages with the same
 * shape differ only in what their elements say (and where their links go: see links).
 */
export function skeleton(html: string): string[] {
  return [...html.matchAll(/<(\/?)([a-z][a-z0-9]*)\b[^>]*>/gi)].map(
    ([, close, name]) => `${close}${name!.toLowerCase()}`,
  );
}
