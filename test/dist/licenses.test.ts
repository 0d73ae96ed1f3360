// dist/licenses.txt names every package the bundle carries, with its license: held here against the
// production dependency tree of package-lock.json (every package there with code to bundle), independently of
// how scripts/build.mjs finds them (webpack's stats).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/action.js';

const licenses = readFileSync(join(ROOT, 'dist/licenses.txt'), 'utf8');

/** Whether a package folder holds any JavaScript (type-only packages such as undici-types hold none). */
function hasCode(dir: string): boolean {
  return readdirSync(dir, { withFileTypes: true }).some((e) =>
    e.isDirectory()
      ? e.name !== 'node_modules' && hasCode(join(dir, e.name))
      : /\.(c|m)?js$/.test(e.name) && statSync(join(dir, e.name)).size > 0,
  );
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

it('lists every package of the production dependency tree that has code, with its license', () => {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean; license?: string }>;
  };
  const wanted = Object.entries(lock.packages)
    .filter(([path, p]) => path && !p.dev && !p.devOptional)
    .map(([path]) => ({ path, name: path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length) }))
    .filter(({ path }) => hasCode(join(ROOT, path)));
  expect(wanted.map((w) => w.name)).toContain('@actions/core');
  const missing: string[] = [];
  for (const { path, name } of wanted) {
    const pkg = JSON.parse(readFileSync(join(ROOT, path, 'package.json'), 'utf8')) as { license?: string };
    // An entry: the name on a line of its own, at the start or after a blank line, then the license id.
    if (!new RegExp(`(^|\\n\\n)${escape(name)}\\n${escape(pkg.license ?? '')}(\\n|$)`).test(licenses)) missing.push(name);
  }
  expect(missing).toEqual([]);
});

it('carries each license text as the package ships it', () => {
  for (const [name, file] of [
    ['@actions/core', 'node_modules/@actions/core/LICENSE.md'],
    ['undici', 'node_modules/undici/LICENSE'],
    ['zod', 'node_modules/zod/LICENSE'],
  ] as const) {
    expect(licenses, name).toContain(`${name}\n`);
    expect(licenses, name).toContain(readFileSync(join(ROOT, file), 'utf8').trim());
  }
});
