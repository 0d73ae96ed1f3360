// How a run ends (src/outcome/endings.ts), in-process: which outcome each kind of ending maps to, the status
// it reports, the code and the inputs the annotation points at. The full sentences are pinned end to end
// (test/e2e/what-users-read.test.ts and others); here the choices between them.
import { describe, expect, it } from 'vitest';
import { CredentialsError } from '../../../src/credentials/credentials-error.js';
import { problem } from '../../../src/inputs/problems.js';
import { explain } from '../../../src/report/catalogue.js';
import * as end from '../../../src/outcome/endings.js';
import { describeUnreachable } from '../../../src/report/unreachable.js';
import { AmbiguousSubmitError, BusyError, SaeError } from '../../../src/sae/errors.js';

const context = (e: SaeError) => ({
  region: 'cn-hangzhou',
  explained: explain(e.code, e.message, e.requestId),
  unreachable: (x: SaeError) => describeUnreachable(x, 'https://sae.cn-hangzhou.aliyuncs.com', 'cn-hangzhou', false),
});
const busy = new SaeError({
  api: 'UpdateJob',
  kind: 'api',
  code: 'Application.ChangerOrderRunning',
  message: 'An application change process is in progress.',
  httpStatus: 400,
  requestId: 'REQ-1',
});

describe('fromSaeError', () => {
  it('a busy template: whether the action waited for the other order decides the words, both link it', () => {
    const waited = end.fromSaeError(new BusyError(busy, 'co-9', true), context(busy));
    const refused = end.fromSaeError(new BusyError(busy, 'co-9', false), context(busy));
    expect(waited).toMatchObject({ status: 'failed', code: 'Application.ChangerOrderRunning', requestId: 'REQ-1' });
    expect(waited.message).toMatch(
      /^Another change order \(co-9\) was still running on the template when wait-timeout ran out/,
    );
    expect(refused.message).toMatch(
      /^Another change order \(co-9\) is running on the template, so SAE refused the update/,
    );
    for (const o of [waited, refused]) expect(o.message).toContain('co-9');
    expect(refused.inputs).toEqual(explain(busy.code).inputs);
  });

  it('an UpdateJob that may have acted says it was not sent again; the request id is added once', () => {
    const lost = new SaeError({
      api: 'UpdateJob',
      kind: 'timeout',
      code: 'RequestTimeout',
      message: 'timed out',
      requestId: 'REQ-2',
    });
    const o = end.fromSaeError(new AmbiguousSubmitError(lost), context(lost));
    expect(o.message).toMatch(
      /^UpdateJob ended without a usable answer \(RequestTimeout: timed out\).*a second send could deploy twice/,
    );
    expect(o.message.match(/REQ-2/g)).toHaveLength(1);
  });

  it('SAE not answering names the inputs that choose where the action connects; an unreadable answer says so', () => {
    const refused = new SaeError({
      api: 'UpdateJob',
      kind: 'connection',
      code: 'ECONNREFUSED',
      message: 'connect ECONNREFUSED 127.0.0.1:1',
      mayHaveReachedServer: false,
    });
    const o = end.fromSaeError(refused, context(refused));
    expect(o.code).toBe('ECONNREFUSED');
    expect(o.inputs.length).toBeGreaterThan(0);
    expect(o.inputs).toContain('region');
    const html = new SaeError({
      api: 'DescribeJob',
      kind: 'format',
      code: 'InvalidResponse.NotJson',
      message: 'the answer is not JSON (HTTP 200)',
      httpStatus: 200,
    });
    expect(end.fromSaeError(html, context(html)).message).toMatch(
      /^SAE's DescribeJob answer could not be read: the answer is not JSON/,
    );
  });

  it("any other code gets the catalogue's words and inputs", () => {
    const e = new SaeError({
      api: 'UpdateJob',
      kind: 'api',
      code: 'InvalidApplication.NotFound',
      message: 'The current application does not exist.',
      httpStatus: 400,
      requestId: 'REQ-3',
    });
    const o = end.fromSaeError(e, context(e));
    const x = explain(e.code, e.message, e.requestId);
    expect(o.inputs).toEqual(x.inputs);
    expect(o.message.startsWith(x.message)).toBe(true);
  });
});

describe('the other endings', () => {
  it('bad input: one error is its own message; several are counted', () => {
    const a = problem('wait-timeout', 'Input.Invalid', 'wait-timeout: soon is not a duration.');
    const b = problem('region', 'Input.Invalid', 'region "x" is not a region id.');
    expect(end.inputsWrong([a])).toMatchObject({ status: 'failed', code: 'Input.Invalid', message: a.message });
    expect(end.inputsWrong([a, b]).message).toBe(`2 inputs are wrong (see the annotations); the first: ${a.message}`);
  });

  it('a lost answer is mentioned on a failed order only', () => {
    const failed = end.changeOrderFailed({ status: 3, url: 'https://console/co-1' });
    expect(end.afterLostAnswer(failed).message).toMatch(
      /^UpdateJob's answer was lost, so this order may have been another deploy's; it failed either way\. /,
    );
    const cancelled = end.cancelledWhileFollowing('co-1', 'running', 'https://console/co-1');
    expect(end.afterLostAnswer(cancelled)).toBe(cancelled);
    expect(end.changeOrderFailed({ status: 6 }).code).toBe('ChangeOrder.Terminated');
    expect(end.changeOrderFailed({ status: 10 }).code).toBe('ChangeOrder.SystemError');
  });

  it('an order not seen to end is never failed: timed-out, or aborted when SAE accepted the abort', () => {
    const seen = { id: 'co-1', url: 'https://console/co-1', state: 'running', waitTimeoutMs: 60_000 };
    const denied = new SaeError({
      api: 'DescribeChangeOrder',
      kind: 'api',
      code: 'Forbidden.NoPermission',
      message: 'no',
      httpStatus: 403,
    });
    expect(end.timedOut(seen)).toMatchObject({ status: 'timed-out', code: 'ChangeOrder.TimedOut' });
    expect(end.timedOutAborted(seen).status).toBe('aborted');
    expect(end.timedOutAbortFailed(seen, denied).status).toBe('timed-out');
    expect(end.notFollowed({ ...seen, lastError: denied })).toMatchObject({
      status: 'timed-out',
      code: 'Forbidden.NoPermission',
    });
    expect(end.timedOut({ ...seen, lastError: denied }).message).toContain(
      'SAE could not be asked about it (last answer: Forbidden.NoPermission: no).',
    );
  });

  it('credentials and internal errors', () => {
    const c = end.credentialsFailed(
      new CredentialsError('Credentials.Missing', 'No credentials were found.', 'access-key-id', 'R-9'),
    );
    expect(c).toMatchObject({
      status: 'failed',
      code: 'Credentials.Missing',
      inputs: ['access-key-id'],
      requestId: 'R-9',
    });
    expect(c.message).toBe('No credentials were found. (request id: R-9)');
    expect(end.internalError(new TypeError('boom'))).toMatchObject({
      code: 'Action.InternalError',
      message: 'The action hit an unexpected error: boom. Please report it with this log.',
    });
    expect(end.reportedError(end.cancelledBeforeOrder())).toEqual({
      code: 'Run.Cancelled',
      message: 'The run was cancelled before it created a change order: nothing was deployed by this run.',
    });
  });
});
