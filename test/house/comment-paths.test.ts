// Comments point at files that exist. A comment that names a file (`src/pace/budget.ts`, `inputs/rules.ts`,
// `docs/reference/sae-api.md §8.4`) is how a newcomer finds the why; a name left behind by a move sends them
// nowhere. A path with a folder is read from the repository's root, from src/, from test/ or from the file's own
// folder; a bare file name must be at the root or src/'s root, in the file's own folder, or the only one so named.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '../..');
const SCANNED = ['src', 'test', 'scripts'];
/** Not the repository's files: where they would be in a user's workspace, as the comment's example says. */
const EXAMPLES = new Set(['owner/repo/.github/workflows/deploy.yml', '.github/workflows/deploy.yml', '.sae/job.yaml']);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'fixtures' || name === 'recordings') return [];
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const files = SCANNED.flatMap((d) => walk(join(REPO, d))).filter((f) => /\.(ts|mjs)$/.test(f));
const byName = new Map<string, number>();
for (const f of [...files, ...walk(join(REPO, 'docs'))]) byName.set(basename(f), (byName.get(basename(f)) ?? 0) + 1);

/** A file named in a comment: an optional folder path, then a name with one of these extensions. */
const NAMED = /(?<![\w@/.:*<>-])((?:[\w.-]+\/)*[\w-]+(?:\.[\w-]+)*\.(?:ts|mjs|md|txt|json|ya?ml))(?![\w/*])/g;

/** The text of the comments in a file: whole-line comments and the tail after ` // `. */
export function commentText(source: string): { line: number; text: string }[] {
  return source.split('\n').flatMap((l, i) => {
    const whole = /^\s*(?:\/\/|\/\*\*|\*(?!\/))(.*)$/.exec(l);
    if (whole) return [{ line: i + 1, text: whole[1]! }];
    const tail = l.indexOf(' // ');
    return tail >= 0 ? [{ line: i + 1, text: l.slice(tail + 4) }] : [];
  });
}

function resolves(named: string, from: string): boolean {
  if (!named.includes('/'))
    return (
      [REPO, join(REPO, 'src'), dirname(from)].some((base) => existsSync(join(base, named))) || byName.get(named) === 1
    );
  return [REPO, join(REPO, 'src'), join(REPO, 'test'), dirname(from)].some((base) => existsSync(join(base, named)));
}

describe('comments', () => {
  it('name files that exist', () => {
    const missing: string[] = [];
    for (const f of files) {
      for (const { line, text } of commentText(readFileSync(f, 'utf8'))) {
        for (const [, named] of text.matchAll(NAMED)) {
          if (!EXAMPLES.has(named!) && !resolves(named!, f)) missing.push(`${relative(REPO, f)}:${line} ${named}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('are read as this test reads them (a moved file is caught, an example or a URL is not)', () => {
    const text = commentText(
      [
        '// the pace (src/pace/budget.ts) and docs/reference/sae-api.md §8.4',
        ' * see src/sae/nowhere.ts and https://example.com/a/b.md',
        'const x = 1; // inputs/rules.ts',
        "const y = 'src/not/a/comment.ts';",
      ].join('\n'),
    );
    const named = text.flatMap((t) => [...t.text.matchAll(NAMED)].map((m) => m[1]!));
    expect(named).toEqual(['src/pace/budget.ts', 'docs/reference/sae-api.md', 'src/sae/nowhere.ts', 'inputs/rules.ts']);
    const from = join(REPO, 'src/main.ts');
    expect(named.map((n) => resolves(n, from))).toEqual([true, true, false, true]);
  });
});
