// Runs the bundled action (dist/index.js) the way the GitHub runner does: a child process with INPUT_*
// variables (hyphens kept), GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, workflow commands on stdout.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BUNDLE = join(ROOT, 'dist/index.js');

import { afterAll, beforeAll, beforeEach } from 'vitest';
import {
  DEFAULT_CREDENTIALS,
  startEmulator,
  type Emulator,
  type EmulatorOptions,
  type OrderStep,
} from '../emulator/index.js';
import { runInProcess, type InProcessOptions } from './in-process.js';
import { virtualClock, wallClock, type TestClock, type VirtualClock } from './virtual-clock.js';

/** The emulator's default AccessKey pair. */
export const TEST_KEY = { id: DEFAULT_CREDENTIALS[0]!.accessKeyId, secret: DEFAULT_CREDENTIALS[0]!.accessKeySecret };

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  title?: string;
  file?: string;
  line?: number;
  message: string;
}

export interface ActionRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  annotations: Annotation[];
  durationMs: number;
}

export interface RunOptions {
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  /** Kills the run after this long (ms); the test fails on a hang rather than waiting forever. */
  killAfterMs?: number;
  /** Called with the child once it runs (e.g. to send it a signal). */
  onSpawn?: (child: ChildProcess) => void;
  cwd?: string;
  /** The Node binary to run the bundle with. Default: the one running the tests. */
  node?: string;
}

function unescape(s: string): string {
  return s.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
}

export function parseAnnotations(stdout: string): Annotation[] {
  const out: Annotation[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) continue;
    const props: Record<string, string> = {};
    for (const kv of (m[2] ?? '').split(',').filter(Boolean)) {
      const i = kv.indexOf('=');
      props[kv.slice(0, i)] = unescape(kv.slice(i + 1));
    }
    out.push({
      level: m[1] as Annotation['level'],
      title: props.title,
      file: props.file,
      line: props.line ? Number(props.line) : undefined,
      message: unescape(m[3]!),
    });
  }
  return out;
}

export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const [, name, delim] = m;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delim; i++) value.push(lines[i]!);
    out[name!] = value.join('\n');
  }
  return out;
}

/** Environment of a runner with nothing of this machine's credentials or settings in it. */
function baseEnv(): Record<string, string> {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'SystemRoot'];
  return Object.fromEntries(keep.filter((k) => process.env[k]).map((k) => [k, process.env[k]!]));
}

export async function runAction(o: RunOptions = {}): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'sae-action-'));
  const outputFile = join(dir, 'output');
  const summaryFile = join(dir, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env: Record<string, string> = {
    ...baseEnv(),
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: dir,
    ...o.env,
  };
  for (const [name, value] of Object.entries(o.inputs ?? {})) env[`INPUT_${name.toUpperCase()}`] = value;
  const started = performance.now();
  const child = spawn(o.node ?? process.execPath, [BUNDLE], {
    env,
    cwd: o.cwd ?? dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  o.onSpawn?.(child);
  const killer = setTimeout(() => child.kill('SIGKILL'), o.killAfterMs ?? 30_000);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((res) =>
    child.on('close', (c, s) => res([c, s])),
  );
  clearTimeout(killer);
  const durationMs = performance.now() - started;
  const result: ActionRun = {
    code,
    signal,
    stdout,
    stderr,
    durationMs,
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    annotations: parseAnnotations(stdout),
  };
  rmSync(dir, { recursive: true, force: true });
  return result;
}

/** The log a reader sees: everything but the `::add-mask::` commands that register secrets. */
export function visibleLog(run: Pick<ActionRun, 'stdout' | 'stderr'>): string {
  return (run.stdout + run.stderr)
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');
}

/** Inputs that point the action at an emulator with its test key. */
export function emulatorInputs(url: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    endpoint: url,
    region: 'cn-hangzhou',
    'access-key-id': TEST_KEY.id,
    'access-key-secret': TEST_KEY.secret,
    ...extra,
  };
}

export interface EmulatorUse {
  /** The file's emulator (started before the first test, reset before each). */
  readonly sae: Emulator;
  /** This test's clock: virtual (fresh each test) unless realTime() was called in it. The emulator reads it. */
  readonly clock: TestClock | VirtualClock;
  /** This test runs on the wall clock (socket timeouts of the HTTP client are wall time). */
  realTime(): void;
  /** Runs the action in-process against the emulator, on this test's clock. */
  run(o?: InProcessOptions): Promise<ActionRun>;
  /** Runs the bundle (dist/index.js) as the runner does; the emulator is then on the wall clock for this test. */
  bundle(o?: RunOptions): Promise<ActionRun>;
}

/** A change order that ends well soon: preparing for 100 ms, executing for 300 ms, then succeeded. */
export const FAST: OrderStep[] = [{ status: 0, forMs: 100 }, { status: 1, forMs: 300 }, { status: 2 }];

/**
 * One emulator per test file: started in beforeAll, closed in afterAll, reset before each test (then the
 * order plan `plan`, when given). Each test gets a fresh virtual clock that the emulator shares.
 */
export function useEmulator(options: EmulatorOptions & { plan?: OrderStep[] } = {}): EmulatorUse {
  const { plan, ...opts } = options;
  let sae: Emulator | undefined;
  let clock: TestClock | VirtualClock = virtualClock();
  beforeAll(async () => {
    sae = await startEmulator({ ...opts, now: () => clock.now() });
  });
  afterAll(() => sae?.close());
  beforeEach(() => {
    clock = virtualClock({ busy: () => sae!.busy() });
    sae!.reset();
    if (plan) sae!.setOrderPlan(plan);
  });
  return {
    get sae() {
      return sae!;
    },
    get clock() {
      return clock;
    },
    realTime() {
      clock = wallClock;
    },
    run: (o = {}) => runInProcess({ clock, ...o }),
    bundle(o = {}) {
      clock = wallClock;
      return runAction(o);
    },
  };
}
