// Running the action by hand, as a new user does on a fresh machine: the emulator's banner commands are run
// verbatim (in a fresh folder, with a fresh HOME), the documented command (docs/try-locally.md, which the README
// points to) is the banner's, and when the runner's files are missing or something escapes the action, the step
// says so in one line and never dumps the bundle's source. The banner's commands and the faults run the bundle
// (dist/index.js as a child process) against the emulator; a report that cannot be written runs in-process (run()
// with a recording I/O).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/main.js';
import { emulatorInputs, ROOT, runAction, useEmulator } from '../helpers/action.js';
import { recordingIO } from '../helpers/recording-io.js';
import { virtualClock } from '../helpers/virtual-clock.js';

const APP = '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa';

/** The emulator's command line (npm run emulator), on a free port; resolves with its banner. */
function startCli(home: string): Promise<{ banner: string; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'test/emulator/cli.ts', '--port', '0'],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH!, HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  const closed = new Promise<void>((r) => child.on('close', () => r()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ctrl-C to stop.'))
        resolve({
          banner: out,
          stop: () => {
            child.kill('SIGTERM');
            return closed;
          },
        });
    });
    child.on('close', (code) => reject(new Error(`the emulator exited (${code}) before its banner: ${out}`)));
  });
}

/** The banner's runnable blocks: from a `mkdir -p .tmp` line through `node dist/index.js` and a `cat` after it. */
function blocks(banner: string): string[] {
  const lines = banner.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith('  mkdir -p .tmp')) continue;
    const block: string[] = [];
    for (; i < lines.length; i++) {
      block.push(lines[i]!.slice(2));
      if (lines[i]!.endsWith('node dist/index.js')) break;
    }
    if (lines[i + 1]?.startsWith('  cat ')) block.push(lines[++i]!.slice(2));
    out.push(block.join('\n'));
  }
  return out;
}

describe('the hand-run commands, verbatim on a fresh machine', () => {
  let home: string;
  let cli: Awaited<ReturnType<typeof startCli>>;
  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'sae-home-'));
    cli = await startCli(home);
  });
  afterAll(async () => {
    await cli?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it("the documented command is the banner's, for the port the README starts the emulator on", () => {
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(cli.banner)![1]!;
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const local = readFileSync(join(ROOT, 'docs/try-locally.md'), 'utf8');
    expect(readme).toContain('npm run emulator -- --port 8787');
    expect(readme).toContain('(docs/try-locally.md#run-the-action-by-hand)');
    expect(local).toContain('npm run emulator -- --port 8787');
    const first = blocks(cli.banner)[0]!.replaceAll(url, 'http://127.0.0.1:8787');
    expect(local).toContain(`\`\`\`sh\n${first}\n\`\`\``);
  });

  it("each of the banner's commands works as printed: exit 0, nothing on stderr, outputs and summary written", () => {
    const found = blocks(cli.banner);
    expect(found).toHaveLength(3); // access key, keyless login, pull request comment
    for (const block of found) {
      // A fresh folder holding only the bundle, as in a new clone; a fresh HOME.
      const cwd = mkdtempSync(join(tmpdir(), 'sae-hand-'));
      try {
        symlinkSync(join(ROOT, 'dist'), join(cwd, 'dist'));
        const r = spawnSync('/bin/sh', ['-c', block], {
          cwd,
          env: { PATH: process.env.PATH!, HOME: home },
          encoding: 'utf8',
          timeout: 60_000,
        });
        expect(r.stderr, block).toBe('');
        expect(r.status, `${block}\n${r.stdout}`).toBe(0);
        expect(r.stdout).toMatch(/^Result: (succeeded|dry-run) /m);
        if (block.includes('cat .tmp/output.txt')) {
          expect(r.stdout).toMatch(/^status<<ghadelimiter_.*\nsucceeded$/m);
          expect(r.stdout).toContain('SAE job template');
        }
      } finally {
        rmSync(cwd, { recursive: true, force: true });
      }
    }
  }, 120_000);
});

describe('never a crash, never the bundle on stderr', () => {
  const h = useEmulator({ plan: [{ status: 1, forMs: 200 }, { status: 2 }] });

  it('GITHUB_OUTPUT naming a missing file: one error that says how to fix it; the deploy and its report go on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sae-missing-'));
    try {
      const run = await h.bundle({
        inputs: emulatorInputs(h.sae.url, { 'app-id': APP, 'image-url': 'r.example.com/ns/job:2' }),
        env: { GITHUB_OUTPUT: join(dir, 'output.txt') },
      });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(1);
      const errors = run.annotations.filter((a) => a.level === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]!.title).toBe('Outputs not written');
      expect(errors[0]!.message).toContain(`GITHUB_OUTPUT names ${join(dir, 'output.txt')}, which does not exist`);
      expect(run.stdout).toMatch(/^Result: succeeded in /m);
      expect(run.summary).toContain('succeeded');
      expect(h.sae.requests.filter((r) => r.api === 'UpdateJob')).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('GITHUB_STEP_SUMMARY naming a missing file: one warning; the step keeps its result', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sae-missing-'));
    try {
      const run = await h.bundle({
        inputs: { 'app-id': APP, 'dry-run': 'true', 'image-url': 'r.example.com/ns/job:2' },
        env: { GITHUB_STEP_SUMMARY: join(dir, 'summary.md') },
      });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.outputs.status).toBe('dry-run');
      expect(run.annotations.map((a) => `${a.level} ${a.title}`)).toEqual(['warning Job summary not written']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // A fault injected into the process (a preload), not into the action: whatever it throws, and whenever.
  for (const [kind, fault] of [
    ['an unhandled rejection', 'Promise.reject(new Error("injected rejection"))'],
    ['an uncaught exception', 'setImmediate(() => { throw new TypeError("injected exception") })'],
    ['a thrown non-Error', 'Promise.reject({ message: "injected object" })'],
  ] as const) {
    it(`${kind}: one error line with the cause, the stack only under RUNNER_DEBUG, exit code 1`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sae-fault-'));
      try {
        const preload = join(dir, 'fault.cjs');
        // Once the action's handlers are in (it installs them first thing), while it runs; at 3 s in any case.
        writeFileSync(
          preload,
          `const t0 = Date.now(); const t = setInterval(() => { if (process.listenerCount('unhandledRejection') > 0 || Date.now() - t0 > 3000) { clearInterval(t); ${fault}; } }, 5);`,
        );
        for (const debug of [false, true]) {
          const run = await runAction({
            inputs: { 'app-id': APP, 'dry-run': 'true', 'image-url': 'r.example.com/ns/job:2' },
            env: { NODE_OPTIONS: `--require ${preload}`, ...(debug ? { RUNNER_DEBUG: '1' } : {}) },
          });
          expect(run.stderr).toBe('');
          expect(run.code).toBe(1);
          const errors = run.annotations.filter((a) => a.level === 'error');
          expect(errors).toHaveLength(1);
          expect(errors[0]!.title).toBe('Action.InternalError');
          expect(errors[0]!.message).toMatch(
            /^The action hit an unexpected error: (TypeError: )?injected \w+\. Please report/,
          );
          // Never the bundle's source; the stack as a debug line only when asked for.
          expect(run.stdout.length).toBeLessThan(20_000);
          const stack = /^::debug::.*injected.*%0A\s+at /m.test(run.stdout);
          expect(stack).toBe(debug && !fault.includes('message:'));
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

it('run() returns, with one error, when the report itself fails (a job summary that cannot be written)', async () => {
  const lines: string[] = [];
  const io = recordingIO(lines, {
    'INPUT_APP-ID': APP,
    'INPUT_DRY-RUN': 'true',
    'INPUT_IMAGE-URL': 'r.example.com/ns/job:2',
  });
  let failed = false;
  io.markFailed = () => void (failed = true);
  io.appendSummary = () => {
    throw new Error('ENOSPC: no space left on device, write');
  };
  const report = await run({ io, clock: virtualClock(), fetch, getIdToken: () => Promise.reject(new Error('none')) });
  expect(report.status).toBe('dry-run');
  expect(failed).toBe(true);
  expect(lines.filter((l) => l.startsWith('::error::'))).toEqual([
    '::error::The action hit an unexpected error: ENOSPC: no space left on device, write. Please report it with this log.',
  ]);
});
