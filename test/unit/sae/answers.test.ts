// The answer checks (src/sae/answers.ts) accept every shape the reference records for SAE's real answers
// (docs/reference/sae-api.md §3–5: Code as a number, json-bigint BigNumbers, lists rendered as objects, null for an
// absent field, digit strings for numbers), so that being strict with hostile answers never refuses a real one;
// and they refuse what is not an answer to the question, naming the field.
import { describe, expect, it } from 'vitest';
import * as answer from '../../../src/sae/answers.js';
import { SaeError } from '../../../src/sae/errors.js';

/** What json-bigint makes of a numeric literal longer than 15 characters. */
const big = (digits: string) => ({ _isBigNumber: true, s: 1, e: digits.length - 1, c: [Number(digits.slice(0, 14))] });

const env = (data: Record<string, unknown> | undefined, extra: Record<string, unknown> = {}) => ({
  requestId: 'req-1',
  traceId: '',
  data: data ?? {},
  hasData: data !== undefined,
  ...extra,
});

const refused = (f: () => void): SaeError => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SaeError);
    expect((e as SaeError).kind).toBe('format');
    return e as SaeError;
  }
  throw new Error('accepted');
};

describe('real shapes are accepted', () => {
  it.each([
    [
      'the documented success',
      { RequestId: 'r', Message: 'success', TraceId: 't', Data: {}, Code: '200', Success: true },
    ],
    ['Code as a number (old examples)', { RequestId: 'r', Code: 200, Success: true, Data: {} }],
    ['ErrorCode on success (the seed)', { RequestId: 'r', ErrorCode: 'success', Success: true }],
    ['null fields', { RequestId: 'r', Message: null, TraceId: null, Data: null, Success: true }],
    ['no Success at all', { RequestId: 'r', Data: {} }],
  ])('envelope: %s', (_what, body) => {
    expect(answer.checkEnvelope('DescribeChangeOrder', body)).toBe(body);
  });

  it('DescribeChangeOrder with Pipelines as an object of entries, BigNumbers, digit strings and nulls', () => {
    answer.checkChangeOrder(
      env({
        ChangeOrderId: 'co-1',
        Status: '2',
        SubStatus: null,
        ErrorMessage: null,
        Pipelines: {
          a: { PipelineId: 'p-1', Status: 2, StartTime: big('1700000000000123'), UpdateTime: 1700000000000 },
        },
        UserId: big('1234567890123456789'),
      }),
      'co-1',
    );
  });

  it('ListChangeOrders without a list, DescribeJobStatus with State as a number, ExecJob with a boolean Success', () => {
    answer.checkChangeOrderList(env({ TotalSize: 0 }), 'app');
    answer.checkJobStatus(env({ JobId: 'manual-1', State: 1, StartTime: 1657522800 }), 'manual-1');
    answer.checkExecJob(env({ Success: true, Data: 'manual-1', Code: 200 }));
    answer.checkExecJob(env({ Success: 'false', Code: 'Job.Refused', Msg: 'no' }));
  });

  it('UpdateJob accepted without Data (the order is looked for), and AbortChangeOrder without an id', () => {
    answer.checkUpdateJob(env(undefined), 'app');
    answer.checkAbort(env({}), 'co-1');
    answer.checkConfirm(env({ PipelineId: 'p-1' }), 'p-1');
  });
});

describe('what is not an answer to the question is refused, naming the field', () => {
  it.each([
    [
      'no envelope',
      () => answer.checkEnvelope('X', { Data: { ChangeOrderId: 'someone-elses', Status: 2 } }),
      'InvalidResponse.NotSae',
      /no RequestId/,
    ],
    ['a list for a body', () => answer.checkEnvelope('X', [{ RequestId: 'r' }]), 'InvalidResponse.NotSae', /a list/],
    [
      'Success as text',
      () => answer.checkEnvelope('X', { RequestId: 'r', Success: 'yes' }),
      'InvalidResponse.Type',
      /Success is string "yes"/,
    ],
    [
      'Data as text',
      () => answer.checkEnvelope('X', { RequestId: 'r', Data: 'x' }),
      'InvalidResponse.Type',
      /Data is string/,
    ],
    [
      'another change order',
      () => answer.checkChangeOrder(env({ ChangeOrderId: 'co-2', Status: 2 }), 'co-1'),
      'InvalidResponse.OtherObject',
      /co-2.*not co-1/,
    ],
    [
      'a change order that is not named',
      () => answer.checkChangeOrder(env({ Status: 2 }), 'co-1'),
      'InvalidResponse.Type',
      /ChangeOrderId is missing/,
    ],
    [
      'an object for a status',
      () => answer.checkChangeOrder(env({ ChangeOrderId: 'co-1', Status: { v: 2 } }), 'co-1'),
      'InvalidResponse.Type',
      /Data.Status is an object, where SAE gives an integer/,
    ],
    [
      'a fraction for a status',
      () => answer.checkChangeOrder(env({ ChangeOrderId: 'co-1', Status: 1.5 }), 'co-1'),
      'InvalidResponse.Type',
      /Status/,
    ],
    [
      'a pipeline that is not an object',
      () => answer.checkChangeOrder(env({ ChangeOrderId: 'co-1', Status: 1, Pipelines: ['p'] }), 'co-1'),
      'InvalidResponse.Type',
      /Pipelines/,
    ],
    [
      "another template's orders",
      () => answer.checkChangeOrderList(env({ ChangeOrderList: [{ ChangeOrderId: 'c', Status: 1, AppId: 'b' }] }), 'a'),
      'InvalidResponse.OtherObject',
      /AppId/,
    ],
    [
      "another template's settings",
      () => answer.checkJob(env({ AppId: 'b' }), 'a'),
      'InvalidResponse.OtherObject',
      /job template "b"/,
    ],
    [
      'another pipeline',
      () => answer.checkPipeline(env({ PipelineId: 'p-2' }), 'p-1'),
      'InvalidResponse.OtherObject',
      /pipeline/,
    ],
    [
      'another job run',
      () => answer.checkJobStatus(env({ JobId: 'manual-2', State: '1' }), 'manual-1'),
      'InvalidResponse.OtherObject',
      /job run/,
    ],
    [
      'a state that is not one',
      () => answer.checkJobStatus(env({ JobId: 'j', State: 'done' }), 'j'),
      'InvalidResponse.Type',
      /State/,
    ],
    [
      'UpdateJob about another template',
      () => answer.checkUpdateJob(env({ AppId: 'b', ChangeOrderId: 'c' }), 'a'),
      'InvalidResponse.OtherObject',
      /AppId/,
    ],
  ])('%s', (_what, f, code, says) => {
    const e = refused(f);
    expect(e.code).toBe(code);
    expect(e.message).toMatch(says);
  });
});
