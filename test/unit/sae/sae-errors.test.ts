// Every failure shape pop-core produces becomes one SaeError with code, status, message and request id
// (docs/reference/sae-api.md §7). The HTTP shapes are also exercised end to end in test/e2e/reliability.test.ts.
import { describe, expect, it } from 'vitest';
import { fromTextBody, fromThrown, stripQueries } from '../../../src/sae/errors.js';

describe('pop-core failure shapes', () => {
  it('a JSON error answer: the code from ErrorCode, then Code', () => {
    const err = Object.assign(new Error('code: 400, bad, requestid: R1'), {
      name: 'InvalidParameter.NotEmptyError',
      statusCode: 400,
      code: 'InvalidParameter.NotEmpty',
      result: {
        RequestId: 'R1',
        Code: 'InvalidParameter.NotEmpty',
        ErrorCode: 'Sls.Project.Name.Invalid',
        Message: 'bad',
      },
    });
    expect(fromThrown('UpdateJob', err, { status: 400, headers: { 'x-acs-retry-after': '1500' } })).toMatchObject({
      kind: 'api',
      code: 'Sls.Project.Name.Invalid',
      httpStatus: 400,
      requestId: 'R1',
      message: 'bad',
      retryAfterMs: 1500,
    });
    const gateway = Object.assign(new Error('x'), {
      statusCode: 404,
      code: 'InvalidAccessKeyId.NotFound',
      result: { RequestId: 'R2', Code: 'InvalidAccessKeyId.NotFound', Message: 'Specified access key is not found.' },
    });
    expect(fromThrown('UpdateJob', gateway)).toMatchObject({
      code: 'InvalidAccessKeyId.NotFound',
      httpStatus: 404,
      requestId: 'R2',
    });
  });

  it('an unparsable JSON body (a plain object, not an Error)', () => {
    expect(
      fromThrown(
        'DescribeChangeOrder',
        { name: 'FormatError', message: 'parse response to json error', body: '{"a":' },
        { status: 200 },
      ),
    ).toMatchObject({ kind: 'format', code: 'InvalidResponse.Json', httpStatus: 200 });
  });

  it('timeouts, with the query (env values) cut from the URL', () => {
    const err = Object.assign(
      new Error(
        'ReadTimeout(15000). POST https://sae.cn-hangzhou.aliyuncs.com/pop/v1/sam/job/updateJob?Envs=%5B%7B%22name%22%3A%22TOKEN%22 failed.',
      ),
      { name: 'RequestTimeoutError' },
    );
    const e = fromThrown('UpdateJob', err);
    expect(e).toMatchObject({ kind: 'timeout', code: 'RequestTimeout', mayHaveReachedServer: true });
    expect(e.message).not.toContain('Envs');
    expect(stripQueries('GET http://127.0.0.1:1/a?b=c failed.')).toBe('GET http://127.0.0.1:1/a failed.');
  });

  it('connection errors: refused never reached SAE, reset may have', () => {
    expect(
      fromThrown('UpdateJob', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
    ).toMatchObject({ kind: 'connection', code: 'ECONNREFUSED', mayHaveReachedServer: false });
    expect(fromThrown('UpdateJob', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toMatchObject({
      kind: 'connection',
      code: 'ECONNRESET',
      mayHaveReachedServer: true,
    });
  });

  it('an XML error from a gateway', () => {
    const err = Object.assign(new Error('The request signature does not conform. hostid: h, requestid: R3'), {
      code: 'SignatureDoesNotMatch',
    });
    expect(fromThrown('UpdateJob', err)).toMatchObject({ kind: 'api', code: 'SignatureDoesNotMatch' });
  });

  it('a body that is not JSON (an HTML 502 from a proxy, text)', () => {
    expect(
      fromTextBody('UpdateJob', '<html><body><h1>502 Bad Gateway</h1></body></html>', { status: 502 }),
    ).toMatchObject({ kind: 'format', code: 'HTTP502', httpStatus: 502 });
    const text = fromTextBody('UpdateJob', 'Not Found', { status: 404 });
    expect(text).toMatchObject({ code: 'InvalidResponse.NotJson', httpStatus: 404 });
    expect(text.message).toContain('"Not Found"');
  });
});
