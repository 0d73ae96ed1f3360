// The job summary's bounds (truncation after scrubbing, the 1 MiB cap), annotation caps, and the words for
// SAE out of reach (a real refused loopback connection, a host that does not resolve, an unknown region).
import { PARAMETERS } from '../../../src/contract/parameters.js';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../../src/report/model.js';
import { MAX_SUMMARY_BYTES, renderSummary } from '../../../src/report/summary.js';
import { capAnnotations } from '../../../src/report/limit.js';
import { problem } from '../../../src/inputs/problems.js';
import { SecretSet } from '../../../src/runner/secrets.js';
import { SaeClient } from '../../../src/sae/client.js';
import { SaeError } from '../../../src/sae/errors.js';
import { describeUnreachable, systemError } from '../../../src/report/unreachable.js';
import { nearestRegion, unknownRegionWarning } from '../../../src/inputs/regions.js';

const report = (over: Partial<RunReport>): RunReport => ({
  status: 'dry-run',
  appId: '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa',
  region: 'cn-hangzhou',
  durationMs: 10,
  parameters: {},
  history: [],
  pipelines: [],
  failureDetails: [],
  inputProblems: [],
  context: { sha: '', ref: '', runUrl: '', repository: '', eventName: 'push' },
  ...over,
});

describe('summary bounds', () => {
  it('shortens a value only after scrubbing, so no prefix of a secret survives the cut', () => {
    const secret = 'S3CRET-' + 'k'.repeat(40);
    const secrets = new SecretSet();
    secrets.add(secret);
    const value = `${'x'.repeat(150)}${secret}`;
    const md = renderSummary(report({ parameters: { JarStartArgs: value } }), (t) => secrets.scrub(t));
    expect(md).not.toContain('S3CRET');
    expect(md).toContain(`${'x'.repeat(150)}***`);
  });

  it('stays under 1 MiB with huge problems and parameters', () => {
    const big = 'y'.repeat(200 * 1024);
    // Eight inputs the rest of this summary does not name.
    const inputs = PARAMETERS.slice(10, 18).map((p) => p.input);
    const md = renderSummary(
      report({
        status: 'failed',
        error: { code: 'Input.Invalid', message: big },
        inputProblems: inputs.map((input) => ({ input, code: 'Input.Invalid', message: big })),
        parameters: Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`P${i}`, big])),
      }),
    );
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(MAX_SUMMARY_BYTES);
    for (const input of inputs) expect(md).toContain(input);
  });
});

describe('annotation caps', () => {
  it('nine problems of their own, then one that counts the rest and names their inputs', () => {
    const many = Array.from({ length: 25 }, (_, i) => problem(i < 20 ? 'envs' : 'command', 'X', `p${i}`));
    const capped = capAnnotations(many, 'error');
    expect(capped.shown).toHaveLength(9);
    expect(capped.more!.message).toMatch(/^16 more input problems .* in envs, command\./);
    expect(capAnnotations(many.slice(0, 10), 'error')).toEqual({ shown: many.slice(0, 10) });
  });
});

describe('could not reach SAE', () => {
  it('a refused loopback connection: the action could not reach SAE at the endpoint, without the URL glued on', async () => {
    const client = await SaeClient.create({
      endpoint: 'http://127.0.0.1:1',
      credentials: { accessKeyId: 'a', accessKeySecret: 'b' },
      requestTimeoutMs: 2000,
    });
    const e = await client.describeChangeOrder('x').then(
      () => undefined,
      (x: unknown) => x as SaeError,
    );
    expect(e).toBeInstanceOf(SaeError);
    const u = describeUnreachable(e!, 'http://127.0.0.1:1', 'cn-hangzhou', true);
    expect(u.message).toMatch(
      /^The action could not reach SAE at http:\/\/127\.0\.0\.1:1 \(connect ECONNREFUSED 127\.0\.0\.1:1\)\. Nothing accepts connections .*endpoint/,
    );
    expect(u.message).not.toContain('GET');
    expect(u.inputs[0]).toBe('endpoint');
  });

  it('a host that does not resolve points at a mistyped region with a suggestion', () => {
    const e = new SaeError({
      api: 'UpdateJob',
      kind: 'connection',
      code: 'ENOTFOUND',
      message:
        'getaddrinfo ENOTFOUND sae.cn-hangzou.aliyuncs.comPOST https://sae.cn-hangzou.aliyuncs.com/pop/v1/sam/job/updateJob failed.',
    });
    const u = describeUnreachable(e, 'https://sae.cn-hangzou.aliyuncs.com', 'cn-hangzou', false);
    expect(u.message).toBe(
      'The action could not reach SAE at https://sae.cn-hangzou.aliyuncs.com (getaddrinfo ENOTFOUND sae.cn-hangzou.aliyuncs.com). The host name does not resolve, so region "cn-hangzou" is probably not an SAE region (did you mean cn-hangzhou?). Set region to the region of the job template, e.g. region: cn-hangzhou.',
    );
    expect(u.inputs).toEqual(['region', 'endpoint']);
    expect(systemError('read ECONNRESET')).toBe('read ECONNRESET');
  });

  it('unknown regions get a did-you-mean warning; documented ones none', () => {
    expect(nearestRegion('cn-hangzou')).toBe('cn-hangzhou');
    expect(nearestRegion('ap-southeast-7')).toBe('ap-southeast-1');
    expect(unknownRegionWarning('cn-hangzhou')).toBeUndefined();
    expect(unknownRegionWarning('xx-nowhere-9')).toMatch(/not among the regions SAE documents \(cn-hangzhou/);
  });
});
