// The unit tests mirror src/: each sits in the folder named like the folder of src/ it tests (test/unit/pace/ tests
// src/pace/), so the test of a file is found where the file is. Tests of the tree's shape are here, in test/house/.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '../..');
const folders = (dir: string) => readdirSync(dir).filter((n) => statSync(join(dir, n)).isDirectory());

/** What is out of place in a unit-test tree: a test file outside a folder, or a folder src/ does not have. */
export function misplaced(unitDir: string, srcFolders: readonly string[]): string[] {
  const loose = readdirSync(unitDir).filter((n) => n.endsWith('.ts'));
  const unknown = folders(unitDir).filter((f) => !srcFolders.includes(f));
  return [
    ...loose.map((n) => `test/unit/${n}: not in a folder of src/`),
    ...unknown.map((f) => `test/unit/${f}/: no src/${f}/`),
  ];
}

describe('the unit tests', () => {
  it('sit in folders named like the folders of src/', () => {
    const unit = join(REPO, 'test/unit');
    const src = folders(join(REPO, 'src'));
    expect(misplaced(unit, src)).toEqual([]);
    // Every test file of a folder is in it, none deeper than one folder (a snapshot folder aside).
    for (const f of folders(unit)) {
      expect(
        folders(join(unit, f)).filter((d) => d !== '__snapshots__'),
        f,
      ).toEqual([]);
      expect(
        readdirSync(join(unit, f)).some((n) => n.endsWith('.test.ts')),
        f,
      ).toBe(true);
    }
  });

  it('are read as this test reads them (a loose file and a folder src/ lacks are named)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'unit-'));
    try {
      mkdirSync(join(dir, 'pace'));
      mkdirSync(join(dir, 'waiting'));
      writeFileSync(join(dir, 'budget.test.ts'), '');
      expect(misplaced(dir, ['pace', 'sae'])).toEqual([
        'test/unit/budget.test.ts: not in a folder of src/',
        'test/unit/waiting/: no src/waiting/',
      ]);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
