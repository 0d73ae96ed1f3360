// One real build of src/ per set of build inputs, shared by every run of the suite: the dist check compares
// the committed dist/ with it. The key hashes everything the build reads (src/, the build script, package
// and lock files, tsconfig, the installed packages' lock, the Node version), so a cached build is exactly
// what `npm run build` would make now; any change to those inputs builds afresh. The suite's global setup
// starts the build at once, so a cold build overlaps the other tests.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(import.meta.dirname, '../..');
const CACHE = join(tmpdir(), 'sae-job-deploy-dist-builds');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

/** The hash of every input of the build. */
export function buildKey(): string {
  const h = createHash('sha256');
  const inputs = [...files(join(ROOT, 'src')).sort(), ...['scripts/build.mjs', 'package.json', 'package-lock.json', 'tsconfig.json', 'node_modules/.package-lock.json'].map((f) => join(ROOT, f))];
  for (const f of inputs) h.update(relative(ROOT, f)).update('\0').update(readFileSync(f)).update('\0');
  h.update(process.version);
  return h.digest('hex').slice(0, 24);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The folder holding a fresh build of the current inputs, built now unless another run already did or is doing it. */
export async function freshBuild(timeoutMs = 180_000): Promise<string> {
  const key = buildKey();
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
      const tmp = `${out}.tmp-${process.pid}`;
      await promisify(execFile)(process.execPath, [join(ROOT, 'scripts/build.mjs'), tmp], { cwd: ROOT });
      writeFileSync(join(tmp, '.complete'), key);
      rmSync(out, { recursive: true, force: true });
      renameSync(tmp, out);
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  return out;
}
