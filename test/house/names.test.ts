// Names that say one thing: no two files of src/ share a basename (a file named plan in deploy/ and another in
// plan/ read alike in an import, a stack trace or a search), and no file is named like a folder of src/ (a file
// named inputs in deploy/ reads as the folder inputs/). NAMES_SRC=<dir> checks another tree (how it was seen to fail on the tree before issue 26:
// `git archive <commit> src | tar -x -C /tmp/old && NAMES_SRC=/tmp/old/src npx vitest run test/house/names.test.ts`).
import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = resolve(process.env.NAMES_SRC ?? resolve(import.meta.dirname, '../../src'));

/** Every file under dir, as paths relative to it, and every folder's name. */
function walk(dir: string, root = dir): { files: string[]; folders: string[] } {
  const out = { files: [] as string[], folders: [] as string[] };
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      const inner = walk(path, root);
      out.folders.push(e.name, ...inner.folders);
      out.files.push(...inner.files);
    } else out.files.push(relative(root, path).split(/[\\/]/).join('/'));
  }
  return out;
}

/** A file's name without its folder and extensions: deploy/stages.ts → stages, sae/pop-core.d.ts → pop-core. */
export const stem = (file: string): string => file.slice(file.lastIndexOf('/') + 1).replace(/(\.d)?\.[cm]?[jt]s$/, '');

/** Basenames held by more than one file, each with its files. */
export function sameNamed(files: readonly string[]): string[] {
  const by = new Map<string, string[]>();
  for (const f of files) by.set(stem(f), [...(by.get(stem(f)) ?? []), f]);
  return [...by.values()].filter((fs) => fs.length > 1).map((fs) => fs.join(' = '));
}

/** Files named like a folder of the tree (their own included: a file named plan in plan/ says less than its folder does). */
export function namedLikeFolders(files: readonly string[], folders: readonly string[]): string[] {
  const names = new Set(folders);
  return files.filter((f) => names.has(stem(f)));
}

describe('the names of src/', () => {
  const { files, folders } = walk(src);

  it('has no two files with the same basename', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(sameNamed(files)).toEqual([]);
  });

  it('has no file named like a folder', () => {
    expect(folders.length).toBeGreaterThan(5);
    expect(namedLikeFolders(files, folders)).toEqual([]);
  });

  it('sees a pair and a file named like a folder (the checks themselves)', () => {
    const tree = [
      'deploy/plan.ts',
      'plan/plan.ts',
      'deploy/inputs.ts',
      'inputs/read.ts',
      'sae/pop-core.d.ts',
      'main.ts',
    ];
    expect(sameNamed(tree)).toEqual(['deploy/plan.ts = plan/plan.ts']);
    expect(namedLikeFolders(tree, ['deploy', 'plan', 'inputs', 'sae'])).toEqual([
      'deploy/plan.ts',
      'plan/plan.ts',
      'deploy/inputs.ts',
    ]);
    expect(stem('sae/pop-core.d.ts')).toBe('pop-core');
  });
});
