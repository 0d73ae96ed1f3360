// `npm run build [-- OUT_DIR]`: bundles src/ with ncc into dist/ (or OUT_DIR), then minifies the lazily
// loaded chunks too: ncc's --minify covers only the entry file, and the chunks (pop-core, the error
// catalogue, credentials…) would otherwise ship as readable source, twice the size and slower to load.
// `--if-stale`: leaves dist/ as it is when it already holds the build of the current inputs (the demo's way).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { minify } from 'terser';
import { buildKey, isKeptBuild, keepBuild } from './build-cache.mjs';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const out = resolve(args.find((a) => !a.startsWith('--')) ?? join(root, 'dist'));
const require = createRequire(import.meta.url);

// The inputs as they are when the build starts: a file changed while it runs must not be cached as built.
const key = buildKey(root, process.version);
// A build is known current only when it is the kept copy of this key (the cache in scripts/build-cache.mjs):
// on a fresh clone or after a change, it builds.
if (args.includes('--if-stale') && isKeptBuild(out, key)) {
  console.log(`${out} is current (the build of these sources, ${key}): not built again`);
  process.exit(0);
}
rmSync(out, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [
    require.resolve('@vercel/ncc/dist/ncc/cli.js'),
    'build',
    join(root, 'src/index.ts'),
    '-o',
    out,
    '--minify',
    '--license',
    'licenses.txt',
    '--quiet',
  ],
  { cwd: root, stdio: 'inherit' },
);

for (const file of readdirSync(out)
  .filter((f) => /^\d+\.index\.js$/.test(f))
  .sort()) {
  const path = join(out, file);
  const result = await minify(readFileSync(path, 'utf8'), {
    module: true,
    ecma: 2022,
    compress: { passes: 1 },
    mangle: true,
    format: { comments: false },
  });
  writeFileSync(path, result.code);
}
const size = readdirSync(out)
  .filter((f) => f.endsWith('.js'))
  .reduce((n, f) => n + readFileSync(join(out, f)).length, 0);
// Into dist/: kept for the dist check too (scripts/build-cache.mjs), which then need not build it again.
if (out === join(root, 'dist')) keepBuild(out, key);
console.log(`built ${out}: ${(size / 1e3).toFixed(0)} kB of JavaScript`);
