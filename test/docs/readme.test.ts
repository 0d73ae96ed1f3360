// The README is a user's page (issue 25): at most 450 lines, the step's own inputs before the SAE parameters, each
// input and output with an anchor, its default and, for structured inputs, an example; and every relative link and
// anchor in it, in CONTRIBUTING.md and in docs/*.md leads somewhere, as GitHub resolves them.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTING_INPUTS } from '../../src/contract/action-inputs.js';
import { OUTPUTS } from '../../src/contract/outputs.js';
import { PARAMETERS } from '../../src/contract/parameters.js';
import { ROOT } from '../helpers/action.js';
import { decodeHtml, renderCmarkGfm, renderMicromark, textOf } from '../helpers/markdown.js';

const MAX_README_LINES = 450;

/** The pages a reader of the repository follows links between. */
function pages(root: string): string[] {
  const docs = join(root, 'docs');
  const inDocs = existsSync(docs)
    ? readdirSync(docs)
        .filter((f) => f.endsWith('.md'))
        .map((f) => join('docs', f))
    : [];
  return ['README.md', 'CONTRIBUTING.md', ...inDocs].filter((f) => existsSync(join(root, f)));
}

/**
 * GitHub's anchor for a heading (github-slugger): lower case; everything but letters, marks, digits, connector
 * punctuation, spaces and hyphens dropped; each space a hyphen; a repeated slug gets -1, -2, ….
 */
export function headingAnchors(html: string): string[] {
  const seen = new Map<string, number>();
  return [...html.matchAll(/<h[1-6][^>]*>(.*?)<\/h[1-6]>/gs)].map((m) => {
    const base = textOf(m[1]!)
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(base);
    seen.set(base, (n ?? 0) + 1);
    return n === undefined ? base : `${base}-${n}`;
  });
}

/** Every anchor a page offers: its headings', and GitHub's custom anchors (`<a name>`, `<a id>`). */
function anchorsOf(html: string): Set<string> {
  const custom = [...html.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)].map((m) => m[1]!);
  return new Set([...headingAnchors(html), ...custom]);
}

/** Links that lead nowhere: a relative target that does not exist, or an anchor the target page does not have. */
export function brokenLinks(root: string): string[] {
  const html = new Map<string, string>();
  const render = (file: string): string => {
    if (!html.has(file)) html.set(file, renderMicromark(readFileSync(join(root, file), 'utf8')));
    return html.get(file)!;
  };
  const broken: string[] = [];
  for (const page of pages(root)) {
    const targets = [...render(page).matchAll(/<(?:a|img)\s[^>]*?(?:href|src)="([^"]*)"/g)].map((m) =>
      decodeHtml(m[1]!),
    );
    for (const target of targets) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:: not this repository's
      const [path, fragment] = target.split('#', 2) as [string, string | undefined];
      const file = path ? relative(root, resolve(root, dirname(page), decodeURIComponent(path))) : page;
      if (file.startsWith('..') || !existsSync(join(root, file))) {
        broken.push(`${page}: ${target} (no ${file})`);
        continue;
      }
      if (fragment === undefined) continue;
      if (!file.endsWith('.md') || statSync(join(root, file)).isDirectory()) {
        broken.push(`${page}: ${target} (an anchor in ${file}, which is not a markdown page)`);
        continue;
      }
      if (!anchorsOf(render(file)).has(decodeURIComponent(fragment)))
        broken.push(`${page}: ${target} (${file} has no anchor "${fragment}")`);
    }
  }
  return broken;
}

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('the README', () => {
  it(`is at most ${MAX_README_LINES} lines: reliability, performance, architecture and the rest live in docs/`, () => {
    const lines = readme.split('\n').length - (readme.endsWith('\n') ? 1 : 0);
    expect(lines).toBeLessThanOrEqual(MAX_README_LINES);
  });

  it('links to every page under docs/ and to CONTRIBUTING.md', () => {
    const html = renderMicromark(readme);
    const linked = new Set([...html.matchAll(/<a href="([^"#]+)/g)].map((m) => decodeHtml(m[1]!)));
    for (const page of pages(ROOT).filter((p) => p !== 'README.md')) expect(linked, page).toContain(page);
  });

  it('lists the inputs that steer the step first (app-id, app-name, region, credentials, wait, wait-timeout), then the SAE parameters', () => {
    const html = renderMicromark(readme);
    const order = [...html.matchAll(/<a name="input-([a-z-]+)"/g)].map((m) => m[1]!);
    const all = [...PARAMETERS.map((p) => p.input), ...SETTING_INPUTS.map((s) => s.name)];
    // Each input exactly once, with its anchor.
    expect([...order].sort()).toEqual([...all].sort());
    expect(order.slice(0, 2)).toEqual(['app-id', 'app-name']);
    const at = (name: string) => order.indexOf(name);
    expect(at('region')).toBeLessThan(at('role-to-assume'));
    expect(at('role-to-assume')).toBeLessThan(at('access-key-id'));
    expect(at('access-key-id')).toBeLessThan(at('wait'));
    expect(at('wait')).toBeLessThan(at('wait-timeout'));
    const firstParameter = Math.min(...PARAMETERS.filter((p) => !p.required).map((p) => at(p.input)));
    for (const s of SETTING_INPUTS) expect(at(s.name), s.name).toBeLessThan(firstParameter);
  });

  // GitHub's own renderer too, where the machine has it (cmark-gfm): it autolinks differently from micromark.
  const renderers: Array<[string, (md: string) => string]> = [
    ['micromark', renderMicromark],
    ...(renderCmarkGfm([''])
      ? [['cmark-gfm', (md: string) => renderCmarkGfm([md])![0]!] as [string, (md: string) => string]]
      : []),
  ];
  it.each(renderers)('gives each input its default, and each structured input an example (%s)', (_, render) => {
    const rows = new Map(
      [...render(readme).matchAll(/<tr>\s*<td><a name="input-([a-z-]+)"><\/a>(.*?)<\/tr>/gs)].map((m) => [
        m[1]!,
        [...m[2]!.matchAll(/<td>(.*?)<\/td>/gs)].map((c) => textOf(c[1]!)),
      ]),
    );
    // As a reader sees them: code spans as their text, nothing taken for markup (`sts.<region>…` stays).
    const shown = (s: string) => s.replace(/`/g, '');
    for (const s of SETTING_INPUTS) {
      // Its cells after the name: the default, then the description.
      const [def, description] = rows.get(s.name)!;
      expect(def, s.name).toBe(s.default ?? s.defaultNote ?? '');
      expect(description, s.name).toBe(shown(s.description));
    }
    for (const p of PARAMETERS.filter((q) => !q.required)) {
      const description = rows.get(p.input)!.at(-1)!;
      expect(description, p.input).toBe(shown(p.description) + (p.kind === 'json' ? ` E.g. ${p.example}.` : ''));
    }
  });

  it('gives each output an anchor', () => {
    for (const o of OUTPUTS) expect(readme, o.name).toContain(`<a name="output-${o.name}"></a>`);
  });
});

describe('links and anchors', () => {
  it('every relative link and anchor in README.md, CONTRIBUTING.md and docs/*.md resolves', () => {
    expect(pages(ROOT).length).toBeGreaterThan(5);
    expect(brokenLinks(ROOT)).toEqual([]);
  });

  it('finds what leads nowhere: a missing page, a missing anchor, a link out of the repository', () => {
    const root = mkdtempSync(join(tmpdir(), 'sae-links-'));
    try {
      mkdirSync(join(root, 'docs'));
      writeFileSync(
        join(root, 'README.md'),
        [
          '# Title',
          '',
          '## Plan, re-runs and what "succeeded" means',
          '',
          '| a | b |',
          '|---|---|',
          '| <a name="input-wait"></a>`wait` | x |',
          '',
          '[ok](#plan-re-runs-and-what-succeeded-means) [ok](#input-wait) [ok](docs/a.md#a-heading)',
          '[ok](docs/a.md#a-heading-1) [ok](https://example.com/#nowhere) [no](#input-waits)',
          '[no](docs/b.md) [no](docs/a.md#nowhere) [no](../outside.md) ![no](docs/missing.png)',
          '',
          '```md',
          '[code](#not-a-link)',
          '```',
        ].join('\n'),
      );
      writeFileSync(join(root, 'docs/a.md'), '# A heading\n\n## A heading\n\n[back](../README.md#title)\n');
      expect(brokenLinks(root)).toEqual([
        'README.md: #input-waits (README.md has no anchor "input-waits")',
        'README.md: docs/b.md (no docs/b.md)',
        'README.md: docs/a.md#nowhere (docs/a.md has no anchor "nowhere")',
        'README.md: ../outside.md (no ../outside.md)',
        'README.md: docs/missing.png (no docs/missing.png)',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
