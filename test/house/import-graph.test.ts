// The folders of src/ follow the data flow: each imports only from the folders below it in the layer order
// written at the top of src/main.ts, the folder graph has no cycle, and neither do the root files of src/
// (index.ts, main.ts, runtime.ts: one node in the folder graph). Every import counts: static, type-only,
// re-exports and lazy import() alike, since a type import is a dependency of the design too.
//
// IMPORT_GRAPH_SRC=<dir> checks another tree against this order (how the test was seen to fail on the tree
// before issue 14: `git archive <commit> src | tar -x -C /tmp/old && IMPORT_GRAPH_SRC=/tmp/old/src npx vitest run test/house/import-graph.test.ts`).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = '(root)';
const here = resolve(import.meta.dirname, '../../src');
const src = resolve(process.env.IMPORT_GRAPH_SRC ?? here);

/** The layer order, bottom first, as written in src/main.ts's comment block. */
export function layerOrder(mainTs: string): string[] {
  const lines = mainTs.split('\n');
  const start = lines.findIndex((l) => /^\/\/ Layers, bottom to top/.test(l));
  if (start < 0) return [];
  const order: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('//')) break;
    const m = /^\/\/ {3}(\(root\)|[a-z]+)\s{2,}/.exec(line);
    if (m) order.push(m[1]!);
  }
  return order;
}

/** The folders of src/ as docs/architecture.md lists them in its layers block, bottom first. */
export function documentedOrder(architectureMd: string): string[] {
  return [...architectureMd.matchAll(/^src\/([a-z]+)\s/gm)].map((m) => m[1]!);
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const folderOf = (file: string): string => {
  const rel = relative(src, file).split(/[\\/]/);
  return rel.length === 1 ? ROOT : rel[0]!;
};

/** Relative module specifiers of a file: `from '…'` (imports and re-exports) and `import('…')`. */
export function specifiers(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(
    /\bfrom\s*'(\.[^']*)'|\bimport\s*\(\s*(?:\/\*[^*]*\*\/\s*)?'(\.[^']*)'\s*\)|^\s*import\s*'(\.[^']*)'/gm,
  )) {
    out.push((m[1] ?? m[2] ?? m[3])!);
  }
  return out;
}

interface Edge {
  from: string;
  to: string;
  file: string;
  spec: string;
}

function edges(): Edge[] {
  const out: Edge[] = [];
  for (const file of files(src)) {
    for (const spec of specifiers(readFileSync(file, 'utf8'))) {
      const target = resolve(dirname(file), spec);
      if (relative(src, target).startsWith('..')) continue; // outside src/ (none today)
      const from = folderOf(file);
      const to = folderOf(target);
      if (from !== to) out.push({ from, to, file: relative(src, file), spec });
    }
  }
  return out;
}

/** A cycle in the folder graph, as a path that ends where it starts, or undefined. */
function cycle(graph: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (n: string): string[] | undefined => {
    if (state.get(n) === 'done') return undefined;
    if (state.get(n) === 'open') return [...path.slice(path.indexOf(n)), n];
    state.set(n, 'open');
    path.push(n);
    for (const m of graph.get(n) ?? []) {
      const found = visit(m);
      if (found) return found;
    }
    path.pop();
    state.set(n, 'done');
    return undefined;
  };
  for (const n of graph.keys()) {
    const found = visit(n);
    if (found) return found;
  }
  return undefined;
}

describe('the import graph of src/', () => {
  const order = layerOrder(readFileSync(join(here, 'main.ts'), 'utf8'));
  const all = edges();

  it('has a layer order written in src/main.ts that names every folder once', () => {
    expect(order.length).toBeGreaterThan(5);
    expect(new Set(order).size).toBe(order.length);
    const folders = new Set(files(src).map(folderOf));
    expect(
      [...folders].filter((f) => !order.includes(f)),
      'folders missing from the layer order',
    ).toEqual([]);
  });

  it('is the order docs/architecture.md shows newcomers', () => {
    const doc = readFileSync(resolve(here, '../docs/architecture.md'), 'utf8');
    expect(documentedOrder(doc)).toEqual(order.filter((f) => f !== ROOT));
  });

  it("is the order the README's development section gives", () => {
    const readme = readFileSync(resolve(here, '../README.md'), 'utf8').replace(/\n/g, ' ');
    const line = /The folders of `src\/`, bottom to top \(each imports only from those below\): ([a-z →]+) \(/.exec(
      readme,
    );
    expect(line?.[1]?.split(' → ')).toEqual(order.filter((f) => f !== ROOT));
  });

  it('has no edge back up the flow', () => {
    const rank = new Map(order.map((f, i) => [f, i]));
    const back = all
      .filter((e) => (rank.get(e.to) ?? Infinity) > (rank.get(e.from) ?? -1))
      .map((e) => `${e.file} → ${e.spec} (${e.from} → ${e.to})`);
    expect(back).toEqual([]);
  });

  it('has no cycle between folders', () => {
    const graph = new Map<string, Set<string>>();
    for (const e of all) graph.set(e.from, (graph.get(e.from) ?? new Set()).add(e.to));
    expect(cycle(graph)).toBeUndefined();
  });

  it('has no cycle between the root files (index.ts, main.ts, runtime.ts), type-only and lazy imports included', () => {
    // The folder graph cannot see these: the root files are one node there.
    const graph = new Map<string, Set<string>>();
    for (const file of files(src).filter((f) => folderOf(f) === ROOT)) {
      const from = relative(src, file);
      for (const spec of specifiers(readFileSync(file, 'utf8'))) {
        const to = relative(src, resolve(dirname(file), spec)).replace(/\.js$/, '.ts');
        if (folderOf(join(src, to)) === ROOT) graph.set(from, (graph.get(from) ?? new Set()).add(to));
      }
    }
    expect(graph.size, 'root files that import another root file').toBeGreaterThan(0);
    expect(cycle(graph)).toBeUndefined();
  });

  it('has the contract at the bottom, importing nothing: no package, no folder but its own', () => {
    expect(order[0]).toBe('contract');
    const room = files(join(src, 'contract'));
    expect(room.length).toBeGreaterThan(0);
    const outside = room.flatMap((file) =>
      [
        ...readFileSync(file, 'utf8').matchAll(
          /\bfrom\s*'([^']*)'|\bimport\s*\(\s*'([^']*)'\s*\)|^\s*import\s*'([^']*)'/gm,
        ),
      ]
        .map((m) => (m[1] ?? m[2] ?? m[3])!)
        .filter((spec) => !spec.startsWith('./'))
        .map((spec) => `${relative(src, file)} → ${spec}`),
    );
    expect(outside).toEqual([]);
  });

  it('sees every kind of import (the parser itself)', () => {
    const text = [
      "import { a } from '../x/a.js';",
      "import type { B } from './b.js';",
      "export type { C } from '../y/c.js';",
      'const d = await import(/* webpackMode: "eager" */ \'../z/d.js\');',
      "import './side.js';",
      "import { e } from 'node:fs';",
    ].join('\n');
    expect(specifiers(text)).toEqual(['../x/a.js', './b.js', '../y/c.js', '../z/d.js', './side.js']);
    expect(
      cycle(
        new Map([
          ['a', new Set(['b'])],
          ['b', new Set(['a'])],
        ]),
      ),
    ).toEqual(['a', 'b', 'a']);
  });
});
