// Where fresh builds of src/ are kept, one per set of build inputs, so that the dist check (test/dist) does not
// build again what `npm run build` has just built. The key hashes everything the build reads (src/, the build
// script, package and lock files, tsconfig, the installed packages' lock) and the Node version that builds, so
// a cached build is exactly what `npm run build` makes from these inputs; any change to them misses the cache.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

export const BUILD_CACHE = join(tmpdir(), 'sae-job-deploy-dist-builds');

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** The hash of every input of the build made by Node `nodeVersion` (e.g. `v24.22.3`). */
export function buildKey(root, nodeVersion) {
  const h = createHash('sha256');
  const inputs = [
    ...files(join(root, 'src')).sort(),
    ...[
      'scripts/build.mjs',
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'node_modules/.package-lock.json',
    ].map((f) => join(root, f)),
  ];
  for (const f of inputs) h.update(relative(root, f)).update('\0').update(readFileSync(f)).update('\0');
  h.update(nodeVersion);
  return h.digest('hex').slice(0, 24);
}

/** Keeps a copy of a finished build of `key` (made in `dir`) in the cache. */
export function keepBuild(dir, key) {
  const out = join(BUILD_CACHE, key);
  const tmp = `${out}.tmp-${process.pid}`;
  mkdirSync(BUILD_CACHE, { recursive: true });
  rmSync(tmp, { recursive: true, force: true });
  cpSync(dir, tmp, { recursive: true });
  writeFileSync(join(tmp, '.complete'), key);
  rmSync(out, { recursive: true, force: true });
  renameSync(tmp, out);
}

/** True when `dir` holds exactly the kept build of `key`: the same files, byte for byte (e.g. dist/ is current). */
export function isKeptBuild(dir, key) {
  const kept = join(BUILD_CACHE, key);
  if (!existsSync(join(kept, '.complete')) || !existsSync(dir)) return false;
  const names = (d) =>
    files(d)
      .map((f) => relative(d, f))
      .filter((f) => f !== '.complete')
      .sort();
  const mine = names(dir);
  const theirs = names(kept);
  return (
    mine.length === theirs.length &&
    mine.every((f, i) => f === theirs[i] && readFileSync(join(dir, f)).equals(readFileSync(join(kept, f))))
  );
}
