// GitHub runs the committed dist/index.js, not src/: this fails when dist/ is stale or does not run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runAction } from '../helpers/action.js';

describe('dist/', () => {
  const out = mkdtempSync(join(tmpdir(), 'sae-dist-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('matches a fresh build of src/ (run `npm run build` and commit dist/)', () => {
    // `npm run build` is scripts/build.mjs; the same build, into a temporary folder.
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.build).toBe('node scripts/build.mjs');
    execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), out], { cwd: ROOT, stdio: 'pipe' });
    const fresh = readdirSync(out).sort();
    expect(readdirSync(join(ROOT, 'dist')).sort()).toEqual(fresh);
    for (const f of fresh) {
      expect(readFileSync(join(ROOT, 'dist', f), 'utf8') === readFileSync(join(out, f), 'utf8'), `dist/${f} is stale`).toBe(true);
    }
  }, 120_000);

  it('is an ES module bundle that runs: a dry run with no credentials succeeds', async () => {
    expect(JSON.parse(readFileSync(join(ROOT, 'dist/package.json'), 'utf8'))).toEqual({ type: 'module' });
    const run = await runAction({ inputs: { 'app-id': 'app-1', 'dry-run': 'true', 'image-url': 'r.example.com/ns/job:1' } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.outputs.status).toBe('dry-run');
  });
});
