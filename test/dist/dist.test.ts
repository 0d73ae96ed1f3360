// GitHub runs the committed dist/index.js, not src/: this fails when dist/ is stale or does not run.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runAction } from '../helpers/action.js';
import { freshBuild } from './build-cache.js';

describe('dist/', () => {
  it('matches a fresh build of src/ (run `npm run build` and commit dist/)', async () => {
    // `npm run build` is scripts/build.mjs; the same build, into a folder of its own, once per set of
    // build inputs (build-cache.ts; started by the global setup).
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.build).toBe('node scripts/build.mjs');
    const out = await freshBuild();
    const fresh = readdirSync(out).filter((f) => f !== '.complete').sort();
    expect(readdirSync(join(ROOT, 'dist')).sort()).toEqual(fresh);
    for (const f of fresh) {
      expect(readFileSync(join(ROOT, 'dist', f), 'utf8') === readFileSync(join(out, f), 'utf8'), `dist/${f} is stale`).toBe(true);
    }
  }, 200_000);

  it('is an ES module bundle that runs: a dry run with no credentials succeeds', async () => {
    expect(JSON.parse(readFileSync(join(ROOT, 'dist/package.json'), 'utf8'))).toEqual({ type: 'module' });
    const run = await runAction({ inputs: { 'app-id': '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa', 'dry-run': 'true', 'image-url': 'r.example.com/ns/job:1' } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.outputs.status).toBe('dry-run');
  });
});
