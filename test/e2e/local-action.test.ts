// @github/local-action runs the action from source (src/main.ts's run(), called with no arguments, with
// its own stand-in for @actions/core): `npm run local` with .env.example's dry run ends with status dry-run.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/action.js';

it('runs src/main.ts under @github/local-action: a dry run from .env.example, offline', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sae-local-'));
  try {
    const envFile = join(dir, '.env');
    copyFileSync(join(ROOT, '.env.example'), envFile);
    const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG'];
    const env = Object.fromEntries(keep.filter((k) => process.env[k]).map((k) => [k, process.env[k]!]));
    const r = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/@github/local-action/bin/local-action.js'), 'run', ROOT, 'src/main.ts', envFile],
      {
        cwd: ROOT,
        env,
        encoding: 'utf8',
        timeout: 90_000,
      },
    );
    expect(r.status, r.stderr).toBe(0);
    // local-action prints the outputs as a table: the row for status holds dry-run.
    expect(r.stdout).toMatch(/'status'\s*│\s*'dry-run'/);
    expect(r.stdout).toContain('Dry run: nothing was sent to SAE.');
    expect(r.stdout).not.toMatch(/::error/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
