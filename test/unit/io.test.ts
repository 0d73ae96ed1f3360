import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runnerIO, workflowCommand, type ActionIO } from '../../src/runner/io.js';
import { parseAnnotations, parseOutputFile } from '../helpers/action.js';

describe('runner I/O', () => {
  it('reads inputs as the runner passes them (hyphens kept, trimmed)', () => {
    const io = runnerIO({ env: { 'INPUT_APP-ID': '  abc \n', 'INPUT_SLS-CONFIGS': '[]' }, write: () => {} });
    expect(io.getInput('app-id')).toBe('abc');
    expect(io.getInput('sls-configs')).toBe('[]');
    expect(io.getInput('nas-id')).toBe('');
  });

  it('escapes workflow commands so messages and properties survive', () => {
    const line = workflowCommand('error', 'line 1\nline 2 100%', { title: 'a: b, c', file: '.github/workflows/x.yml', line: 3 });
    expect(line).toBe('::error title=a%3A b%2C c,file=.github/workflows/x.yml,line=3::line 1%0Aline 2 100%25');
    expect(parseAnnotations(line)).toEqual([{ level: 'error', title: 'a: b, c', file: '.github/workflows/x.yml', line: 3, message: 'line 1\nline 2 100%' }]);
  });

  it('writes outputs and the summary to the runner files, multi-line safe', () => {
    const dir = mkdtempSync(join(tmpdir(), 'io-'));
    const env = { GITHUB_OUTPUT: join(dir, 'o'), GITHUB_STEP_SUMMARY: join(dir, 's') };
    writeFileSync(env.GITHUB_OUTPUT, '');
    const io = runnerIO({ env, write: () => {} });
    io.setOutput('request', '{"a":1}\nsecond line');
    io.setOutput('status', 'succeeded');
    io.appendSummary('## hello\n');
    expect(parseOutputFile(readFileSync(env.GITHUB_OUTPUT, 'utf8'))).toEqual({ request: '{"a":1}\nsecond line', status: 'succeeded' });
    expect(readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8')).toBe('## hello\n');
  });

  it('masks a secret and scrubs it from every later line, output and summary', () => {
    const dir = mkdtempSync(join(tmpdir(), 'io-'));
    const env = { GITHUB_OUTPUT: join(dir, 'o'), GITHUB_STEP_SUMMARY: join(dir, 's') };
    const lines: string[] = [];
    const io = runnerIO({ env, write: (l) => lines.push(l) });
    io.setSecret('hunter2');
    io.info('the password is hunter2');
    io.error('bad hunter2', { title: 'x' });
    io.setOutput('o', 'hunter2!');
    io.appendSummary('hunter2');
    expect(lines).toEqual(['::add-mask::hunter2', 'the password is ***', '::error title=x::bad ***']);
    expect(readFileSync(env.GITHUB_OUTPUT, 'utf8')).not.toContain('hunter2');
    expect(readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8')).toBe('***');
  });
});

describe('runner I/O matches @actions/core', () => {
  it('writes the same workflow commands and output files', async () => {
    const core = await import('@actions/core');
    const dir = mkdtempSync(join(tmpdir(), 'io-core-'));
    const theirsFile = join(dir, 'theirs');
    const oursFile = join(dir, 'ours');
    writeFileSync(theirsFile, '');
    writeFileSync(oursFile, '');
    const theirs: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    const saved = process.env.GITHUB_OUTPUT;
    process.env.GITHUB_OUTPUT = theirsFile;
    process.stdout.write = ((chunk: string) => theirs.push(String(chunk).replace(/\r?\n$/, '')) > 0) as typeof process.stdout.write;
    // The same calls, made through @actions/core and through our seam.
    type Api = Pick<ActionIO, 'error' | 'warning' | 'notice' | 'setOutput' | 'startGroup' | 'endGroup'>;
    const calls = (api: Api) => {
      api.error('bad: 100%\nnext line', { title: 'Code, with: colon', file: '.github/workflows/d.yml', startLine: 12 });
      api.warning('careful');
      api.notice('note', { title: 'T' });
      api.setOutput('request', '{"a":"b"}\nline');
      api.startGroup('group');
      api.endGroup();
    };
    try {
      calls(core);
    } finally {
      process.stdout.write = write;
      process.env.GITHUB_OUTPUT = saved;
    }
    const ours: string[] = [];
    const io = runnerIO({ env: { GITHUB_OUTPUT: oursFile }, write: (l) => ours.push(l) });
    calls(io);
    expect(ours).toEqual(theirs);
    expect(parseOutputFile(readFileSync(oursFile, 'utf8'))).toEqual(parseOutputFile(readFileSync(theirsFile, 'utf8')));
    expect(io.getInput('x')).toBe('');
  });
});
