// The runner's ActionIO (src/runner/io.ts) is @actions/core plus the secret scrub at the seam. These tests
// run it as the runner would (process.env, stdout, the GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runnerIO } from '../../../src/runner/io.js';
import { parseAnnotations, parseOutputFile } from '../../helpers/action.js';

/** Runs fn with these variables set and stdout captured line by line; restores both. */
async function onRunner(vars: Record<string, string>, fn: () => void | Promise<void>): Promise<string[]> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  const lines: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) =>
    lines.push(
      ...String(chunk)
        .replace(/\r?\n$/, '')
        .split(/\r?\n/),
    ) > 0) as typeof process.stdout.write;
  try {
    await fn();
  } finally {
    process.stdout.write = write;
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  return lines;
}

// core.summary learns the summary file once per process (a runner step has one): one file for all tests.
const SUMMARY = join(mkdtempSync(join(tmpdir(), 'io-summary-')), 'summary');

function runnerFiles() {
  const dir = mkdtempSync(join(tmpdir(), 'io-'));
  const env = { GITHUB_OUTPUT: join(dir, 'o'), GITHUB_STEP_SUMMARY: SUMMARY };
  writeFileSync(env.GITHUB_OUTPUT, '');
  writeFileSync(SUMMARY, '');
  return env;
}

describe('runner I/O on @actions/core', () => {
  it('reads inputs as the runner passes them (hyphens kept, trimmed)', async () => {
    const got: string[] = [];
    await onRunner({ 'INPUT_APP-ID': '  abc \n', 'INPUT_SLS-CONFIGS': '[]' }, () => {
      const io = runnerIO();
      got.push(io.getInput('app-id'), io.getInput('sls-configs'), io.getInput('nas-id'));
    });
    expect(got).toEqual(['abc', '[]', '']);
  });

  it('writes annotations with escaped messages and properties, groups and debug lines', async () => {
    const lines = await onRunner({}, () => {
      const io = runnerIO();
      io.error('line 1\nline 2 100%', { title: 'a: b, c', file: '.github/workflows/x.yml', startLine: 3 });
      io.startGroup('g');
      io.debug('took 12 ms');
      io.endGroup();
    });
    expect(lines).toEqual([
      '::error title=a%3A b%2C c,file=.github/workflows/x.yml,line=3::line 1%0Aline 2 100%25',
      '::group::g',
      '::debug::took 12 ms',
      '::endgroup::',
    ]);
    expect(parseAnnotations(lines[0]!)).toEqual([
      { level: 'error', title: 'a: b, c', file: '.github/workflows/x.yml', line: 3, message: 'line 1\nline 2 100%' },
    ]);
  });

  it('writes outputs and the summary to the runner files, multi-line safe, in order', async () => {
    const env = runnerFiles();
    await onRunner(env, async () => {
      const io = runnerIO();
      io.setOutput('request', '{"a":1}\nsecond line');
      io.setOutput('status', 'succeeded');
      io.appendSummary('## hello\n');
      io.appendSummary('world\n');
      await io.settled();
    });
    expect(parseOutputFile(readFileSync(env.GITHUB_OUTPUT, 'utf8'))).toEqual({
      request: '{"a":1}\nsecond line',
      status: 'succeeded',
    });
    expect(readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8')).toBe('## hello\nworld\n');
  });

  it('masks a secret and scrubs it from every later line, annotation, output and summary', async () => {
    const env = runnerFiles();
    const secret = 'hunter2-horse';
    const lines = await onRunner(env, async () => {
      const io = runnerIO();
      io.setSecret(secret);
      io.setSecret(secret); // once is enough
      io.info(`the password is ${secret}`);
      io.error(`bad ${secret}`, { title: `x ${secret}` });
      io.debug(secret);
      io.startGroup(secret);
      io.setOutput('request', `${secret}!`);
      io.appendSummary(secret);
      await io.settled();
    });
    const masks = lines.filter((l) => l.startsWith('::add-mask::'));
    // Its forms (base64, hex, escaped …) are masks too, each once.
    expect(masks).toContain(`::add-mask::${secret}`);
    expect(new Set(masks).size).toBe(masks.length);
    expect(lines.filter((l) => !l.startsWith('::add-mask::'))).toEqual([
      'the password is ***',
      '::error title=x ***::bad ***',
      '::debug::***',
      '::group::***',
    ]);
    expect(readFileSync(env.GITHUB_OUTPUT, 'utf8')).toContain('***!');
    expect(readFileSync(env.GITHUB_OUTPUT, 'utf8')).not.toContain(secret);
    expect(readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8')).toBe('***');
  });

  it('has no summary outside a runner', async () => {
    const lines = await onRunner({ GITHUB_STEP_SUMMARY: '' }, async () => {
      const io = runnerIO();
      io.appendSummary('nowhere');
      await io.settled();
    });
    expect(lines).toEqual([]);
  });

  it('reports debug mode as the runner sets it (RUNNER_DEBUG=1)', async () => {
    const seen: boolean[] = [];
    await onRunner({ RUNNER_DEBUG: '1' }, () => void seen.push(runnerIO().isDebug!()));
    await onRunner({ RUNNER_DEBUG: '0' }, () => void seen.push(runnerIO().isDebug!()));
    expect(seen).toEqual([true, false]);
  });
});
