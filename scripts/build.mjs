// `npm run build [-- OUT_DIR]`: bundles src/ with ncc into dist/ (or OUT_DIR), then minifies the lazily
// loaded chunks too: ncc's --minify covers only the entry file, and the chunks (pop-core, the error
// catalogue, credentials…) would otherwise ship as readable source, twice the size and slower to load.
// `--if-stale`: leaves dist/ as it is when it already holds the build of the current inputs (the demo's way).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
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
const statsDir = mkdtempSync(join(tmpdir(), 'sae-build-stats-'));
const stats = join(statsDir, 'stats.json');
execFileSync(
  process.execPath,
  [
    require.resolve('@vercel/ncc/dist/ncc/cli.js'),
    'build',
    join(root, 'src/index.ts'),
    '-o',
    out,
    '--minify',
    '--stats-out',
    stats,
    '--quiet',
  ],
  { cwd: root, stdio: 'inherit' },
);
// dist/licenses.txt from the modules webpack bundled, not ncc's --license: that one misses every package whose ES
// modules were concatenated into others (@actions/core, @actions/exec, @actions/io, undici, tunnel).
writeFileSync(join(out, 'licenses.txt'), licenses(JSON.parse(readFileSync(stats, 'utf8'))));
rmSync(statsDir, { recursive: true, force: true });

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

/** The package folder of each module in webpack's stats (concatenated modules included), by package name. */
function bundledPackages(stats) {
  const dirs = new Map();
  const visit = (m) => {
    // The identifier is the loaders, then the resource: `…loader.js??rule!/…/node_modules/pkg/lib/x.js|hash`.
    const resource = String(m.identifier ?? '')
      .split('!')
      .pop()
      .split('|')[0]
      .split('?')[0];
    const match = /^(.*\/node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(resource);
    if (match) {
      const dir = match[1];
      const { name } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      dirs.set(name, [...new Set([...(dirs.get(name) ?? []), dir])]);
    }
    for (const inner of m.modules ?? []) visit(inner);
  };
  for (const m of stats.modules ?? []) visit(m);
  return dirs;
}

/** One entry per bundled package, sorted by name: the name, its license id, then its license file, as ncc wrote them. */
function licenses(stats) {
  const entries = [];
  for (const [name, dirs] of [...bundledPackages(stats)].sort(([a], [b]) => (a < b ? -1 : 1))) {
    // Two copies of one package (two versions) are listed once when their license reads the same.
    const texts = new Set();
    for (const dir of dirs.sort()) {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      const id =
        typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? pkg.licenses?.[0]?.type ?? 'UNKNOWN');
      const file = readdirSync(dir)
        .filter((f) => /^(licen[cs]e|copying)(\.|-|$)/i.test(f))
        .sort()[0];
      const text = file ? readFileSync(join(dir, file), 'utf8').trim() : '';
      const entry = [name, id, text].filter(Boolean).join('\n');
      if (!texts.has(entry)) entries.push(entry);
      texts.add(entry);
    }
  }
  return `${entries.join('\n\n')}\n`;
}
