// Markdown as a reader gets it: rendered to HTML by marked (GitHub-flavoured), then read back the way a
// browser shows it: a link's href, a code span's text, the text of an element.
import { marked } from 'marked';

export function renderMarkdown(md: string): string {
  return marked.parse(md, { gfm: true, async: false });
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
/** HTML text as displayed: tags dropped, entities decoded. */
export function textOf(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ENTITIES[e]!);
}

/** Every link as [text, href], as a browser would follow it. */
export function links(html: string): Array<[string, string]> {
  return [...html.matchAll(/<a href="([^"]*)"[^>]*>(.*?)<\/a>/g)].map((m) => [textOf(m[2]!), textOf(m[1]!)]);
}

/** The text of every code span. */
export function codeSpans(html: string): string[] {
  return [...html.matchAll(/<code>(.*?)<\/code>/gs)].map((m) => textOf(m[1]!));
}
