// The seam's defences, in-process: plain log lines fenced against workflow commands, secrets scrubbed
// in every form, Node's stderr (NODE_DEBUG) passed through the same scrub, URL credentials found.
import { PassThrough } from 'node:stream';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runnerIO } from '../../../src/runner/io.js';
import { inertLines, looksLikeCommand } from '../../../src/runner/inert.js';
import { SecretSet, urlCredentials } from '../../../src/runner/secrets.js';
import { guardStderr } from '../../../src/runner/stderr.js';

/** What @actions/core (the runner's ActionIO) writes to stdout while fn runs, line by line. */
function stdoutLines(fn: () => void): string[] {
  const lines: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: unknown) => {
    lines.push(...String(chunk).split(/\r?\n/).filter(Boolean));
    return true;
  }) as typeof process.stdout.write;
  try {
    fn();
  } finally {
    process.stdout.write = write;
  }
  return lines;
}

describe('inert log lines', () => {
  it('prints harmless text as it is', () => {
    expect(inertLines('EnvS = [{"name":"A"}]')).toEqual(['EnvS = [{"name":"A"}]']);
    expect(looksLikeCommand('a :: b')).toBe(false);
  });

  it('fences text with a line the runner would read as a command, and the value cannot end the fence', () => {
    for (const value of [
      'echo\n::set-output name=x::y',
      'x\n  ::add-mask::x',
      'a\r::error::x',
      'k=v\n::stop-commands::pwn',
      'x ##[set-output name=a;]b',
      'a\u2028::error::b',
    ]) {
      const tokens = ['::tok::', 'tok2'];
      const lines = inertLines(`Command = ${value}`, () => tokens.pop()!);
      expect(lines).toEqual(['::stop-commands::tok2', `Command = ${value}`, '::tok2::']);
    }
    // A token that occurs in the message is not used.
    const picks = ['safe', 'abc'];
    expect(inertLines('::x:: abc', () => picks.pop()!)[0]).toBe('::stop-commands::safe');
  });

  it('runnerIO.info fences, with a fresh random token each time', () => {
    const io = runnerIO();
    const lines = stdoutLines(() => {
      io.info('a\n::set-output name=x::y');
      io.info('b\n::error::z');
    });
    const starts = lines.filter((l) => l.startsWith('::stop-commands::'));
    expect(starts).toHaveLength(2);
    expect(starts[0]).not.toBe(starts[1]);
    expect(lines).toContain(`::${starts[1]!.slice('::stop-commands::'.length)}::`);
  });
});

describe('secrets in every form', () => {
  const secret = 'p"a\\s/s\nw+o &=%:,\'rd';

  it('scrubs raw, JSON-escaped (twice), URL-, form-, RFC 3986-encoded, inspected and command-escaped forms', () => {
    const s = new SecretSet();
    s.add(secret);
    const json = JSON.stringify(secret);
    const texts = [
      secret,
      json,
      JSON.stringify(json),
      encodeURIComponent(secret),
      new URLSearchParams({ a: secret }).toString(),
      encodeURIComponent(JSON.stringify(secret).slice(1, -1)),
      inspect({ h: secret }),
      secret.replace(/%/g, '%25').replace(/\n/g, '%0A'),
    ];
    for (const t of texts) expect(s.scrub(`<${t}>`)).not.toMatch(/p"a|a\\s|w\+o|w%2Bo|wo|s%5C/);
  });

  it('registers each form with the runner once, and masks them in info, errors, outputs', () => {
    const io = runnerIO();
    const masks = stdoutLines(() => {
      io.setSecret(secret);
      io.setSecret(secret);
    }).filter((l) => l.startsWith('::add-mask::'));
    expect(masks.length).toBeGreaterThan(3);
    expect(new Set(masks).size).toBe(masks.length);
    const lines = stdoutLines(() => {
      io.info(`request ${JSON.stringify({ v: secret })}`);
      io.error(`bad ${secret}`, { title: 't' });
    });
    expect(lines.join('\n')).not.toContain('a\\s');
    expect(lines.join('\n')).not.toContain('p"a');
    expect(io.redact!(`x ${encodeURIComponent(secret)} y`)).toBe('x *** y');
  });

  it('a longer secret containing a shorter one is replaced whole', () => {
    const s = new SecretSet();
    s.add('abcdefgh');
    s.add('xxabcdefghyy');
    expect(s.scrub('1 xxabcdefghyy 2 abcdefgh')).toBe('1 *** 2 ***');
  });

  it('finds the password of a URL and the credentials of a pre-signed URL, encoded and decoded', () => {
    expect(urlCredentials('https://u:p%40ss@h.example')).toEqual(expect.arrayContaining(['p%40ss', 'p@ss']));
    const found = urlCredentials(
      'https://b.oss.example/a.jar?OSSAccessKeyId=LTAIabc&Expires=1&Signature=ab%2Bc%3D&security-token=CAIStok',
    );
    expect(found).toEqual(expect.arrayContaining(['LTAIabc', 'ab%2Bc%3D', 'ab+c=', 'CAIStok']));
    expect(found).not.toContain('1');
    expect(urlCredentials('not a url')).toEqual([]);
  });
});

describe("Node's stderr", () => {
  it('passes every write through the scrub and fences command-like lines', () => {
    const stream = new PassThrough() as unknown as NodeJS.WriteStream;
    let out = '';
    (stream as unknown as PassThrough).on('data', (d: Buffer) => (out += d.toString()));
    const s = new SecretSet();
    s.add('tok\'en"1');
    guardStderr((t) => s.scrub(t), stream);
    stream.write(`HTTP 1: { 'x-acs-security-token': ${inspect('tok\'en"1')} }\n`);
    stream.write(Buffer.from('::set-output name=a::b\n'));
    expect(out).not.toContain("tok'en");
    expect(out).toContain("x-acs-security-token': `***`");
    expect(out).toMatch(/^::stop-commands::\S+\n::set-output name=a::b\n::\S+::\n$/m);
  });
});
