// Answers checked against the question, before a reader (client.ts) takes anything from them. An answer
// that is not SAE's envelope, that is about another change order, template, pipeline or job run than the one
// asked, or whose fields have the wrong JSON type is unreadable: a SaeError of kind 'format', retried like a
// 5xx (a read is asked again, a lost UpdateJob looked for), never taken as a result and never an internal
// error. Only the fields the readers rely on are checked, with the types of the official SDK's models
// (docs/reference/sae-api.md §3–5), plus the tolerances the reference records (numbers as digit strings, json-bigint's
// BigNumbers, lists rendered as objects in older docs, null for an absent optional field).
import { SaeError } from './errors.js';

/** The type a field must have. A trailing `?` makes it optional: absent or null. */
type Rule = 'string' | 'int' | 'number' | 'boolean' | 'bool-text' | 'state' | 'object' | 'list';
type Rules = Record<string, Rule | `${Rule}?`>;

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v) && !isBig(v);
/** A bignumber.js value, as json-bigint makes of a numeric literal longer than 15 characters. */
const isBig = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && (v as { _isBigNumber?: unknown })._isBigNumber === true;
const isNumeric = (v: unknown): boolean =>
  (typeof v === 'number' && Number.isFinite(v)) || isBig(v) || (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v));

const FITS: Record<Rule, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  int: (v) => isNumeric(v) && Number.isInteger(Number(String(v))),
  number: isNumeric,
  boolean: (v) => typeof v === 'boolean',
  // ExecJob's Data.Success is the string "true" in the model; a boolean says the same.
  'bool-text': (v) => typeof v === 'boolean' || v === 'true' || v === 'false',
  // DescribeJobStatus State: a string of digits in the model ("0"–"3"); a number says the same.
  state: (v) => (typeof v === 'string' && /^\d+$/.test(v)) || (typeof v === 'number' && Number.isInteger(v)),
  object: isObj,
  // Older docs render some lists as an object of entries: each entry must then be an object.
  list: (v) => (Array.isArray(v) ? v : isObj(v) ? Object.values(v) : [0]).every(isObj),
};

const WORDS: Record<Rule, string> = {
  string: 'a string',
  int: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  'bool-text': 'true or false',
  state: 'a state such as "1"',
  object: 'an object',
  list: 'a list of objects',
};

function typeOf(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (isBig(v)) return 'a number';
  if (typeof v === 'object') return 'an object';
  const shown = JSON.stringify(v);
  return `${typeof v} ${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown}`;
}

/** The entries of a list field (an array, or an object of entries). */
export const entries = (v: unknown): Obj[] => (Array.isArray(v) ? v : isObj(v) ? Object.values(v) : []).filter(isObj);

class Reading {
  constructor(
    readonly api: string,
    readonly requestId: string,
  ) {}

  private fail(code: string, message: string): never {
    throw new SaeError({
      api: this.api,
      kind: 'format',
      code,
      message,
      httpStatus: 200,
      requestId: this.requestId || undefined,
    });
  }

  /** `at`: where the object sits in the answer, for the message (e.g. `Data.Pipelines[1]`). */
  fields(at: string, o: unknown, rules: Rules): Obj {
    if (!isObj(o)) this.fail('InvalidResponse.Type', `${at} is ${typeOf(o)}, where SAE answers an object`);
    for (const [name, spec] of Object.entries(rules)) {
      const optional = spec.endsWith('?');
      const rule = spec.replace('?', '') as Rule;
      const v = o[name];
      const path = at ? `${at}.${name}` : name;
      if (v === undefined || v === null) {
        if (optional) continue;
        this.fail('InvalidResponse.Type', `${path} is ${typeOf(v)}, and SAE always gives it`);
      }
      if (!FITS[rule](v)) this.fail('InvalidResponse.Type', `${path} is ${typeOf(v)}, where SAE gives ${WORDS[rule]}`);
    }
    return o;
  }

  /** Each entry of a list field, checked. */
  each(at: string, list: unknown, rules: Rules): void {
    entries(list).forEach((e, i) => this.fields(`${at}[${i}]`, e, rules));
  }

  /** The answer names the object asked about: another one's answer is not this question's. `optional`: it may not name any. */
  same(at: string, given: unknown, asked: string, what: string, optional = false): void {
    if ((given === undefined || given === null) && optional) return;
    if (given === asked) return;
    this.fail(
      'InvalidResponse.OtherObject',
      given === undefined || given === null
        ? `${at} is missing, so the answer does not say it is about ${what} ${asked}`
        : `the answer is about ${what} ${JSON.stringify(String(given)).slice(0, 80)} (${at}), not ${asked}, which was asked about`,
    );
  }
}

/** The envelope every SAE answer has (§3): an object with a RequestId; Success, Code, Message and Data typed. */
export function checkEnvelope(api: string, body: unknown): Obj {
  if (!isObj(body))
    throw new SaeError({
      api,
      kind: 'format',
      code: 'InvalidResponse.NotSae',
      message: `the answer is ${typeOf(body)}, not SAE's JSON envelope`,
      httpStatus: 200,
    });
  const requestId = typeof body.RequestId === 'string' ? body.RequestId : '';
  if (!requestId)
    throw new SaeError({
      api,
      kind: 'format',
      code: 'InvalidResponse.NotSae',
      message: "the answer has no RequestId, which every SAE answer carries: it did not come from SAE's API",
      httpStatus: 200,
    });
  const r = new Reading(api, requestId);
  r.fields('', body, {
    Success: 'boolean?',
    Message: 'string?',
    TraceId: 'string?',
    Data: 'object?',
  });
  // Old examples render Code as a JSON number (§3).
  if (body.Code !== undefined && body.Code !== null && typeof body.Code !== 'string' && !isNumeric(body.Code))
    r.fields('', body, { Code: 'string' });
  return body;
}

type Answer = { requestId: string; data: Obj; hasData: boolean };

export function checkUpdateJob(a: Answer, appId: string): void {
  const r = new Reading('UpdateJob', a.requestId);
  // Accepted without Data at all is read as an answer without a change order id (the order is looked for).
  r.fields('Data', a.data, { AppId: 'string?', ChangeOrderId: 'string?' });
  r.same('Data.AppId', a.data.AppId, appId, 'job template', true);
}

export function checkChangeOrder(a: Answer, changeOrderId: string): void {
  const r = new Reading('DescribeChangeOrder', a.requestId);
  r.fields('Data', a.hasData ? a.data : undefined, {
    ChangeOrderId: 'string',
    Status: 'int',
    SubStatus: 'int?',
    ErrorMessage: 'string?',
    CurrentPipelineId: 'string?',
    Pipelines: 'list?',
    CoTypeCode: 'string?',
    CreateTime: 'string?',
  });
  r.same('Data.ChangeOrderId', a.data.ChangeOrderId, changeOrderId, 'change order');
  r.each('Data.Pipelines', a.data.Pipelines, {
    PipelineId: 'string',
    PipelineName: 'string?',
    Status: 'int?',
    StartTime: 'number?',
    UpdateTime: 'number?',
  });
}

/**
 * A list of change orders, each about what was asked: the template (ListChangeOrders, by AppId) or the namespace
 * (ListNamespaceChangeOrders, by NamespaceId).
 */
function checkOrderList(
  a: Answer,
  api: string,
  about: { field: 'AppId' | 'NamespaceId'; value: string; noun: string },
) {
  const r = new Reading(api, a.requestId);
  r.fields('Data', a.hasData ? a.data : undefined, { ChangeOrderList: 'list?' });
  r.each('Data.ChangeOrderList', a.data.ChangeOrderList, {
    ChangeOrderId: 'string',
    Status: 'int',
    CreateTime: 'string?',
    FinishTime: 'string?',
    CoTypeCode: 'string?',
    Description: 'string?',
    [about.field]: 'string?',
  });
  entries(a.data.ChangeOrderList).forEach((o, i) =>
    r.same(`Data.ChangeOrderList[${i}].${about.field}`, o[about.field], about.value, about.noun, true),
  );
}

export function checkChangeOrderList(a: Answer, appId: string): void {
  checkOrderList(a, 'ListChangeOrders', { field: 'AppId', value: appId, noun: 'job template' });
}

export function checkNamespaceChangeOrderList(a: Answer, namespaceId: string): void {
  checkOrderList(a, 'ListNamespaceChangeOrders', { field: 'NamespaceId', value: namespaceId, noun: 'namespace' });
}

export function checkAbort(a: Answer, changeOrderId: string): void {
  const r = new Reading('AbortChangeOrder', a.requestId);
  r.fields('Data', a.data, { ChangeOrderId: 'string?' });
  r.same('Data.ChangeOrderId', a.data.ChangeOrderId, changeOrderId, 'change order', true);
}

export function checkConfirm(a: Answer, pipelineId: string): void {
  const r = new Reading('ConfirmPipelineBatch', a.requestId);
  r.fields('Data', a.data, { PipelineId: 'string?' });
  r.same('Data.PipelineId', a.data.PipelineId, pipelineId, 'pipeline', true);
}

export function checkPipeline(a: Answer, pipelineId: string): void {
  const r = new Reading('DescribePipeline', a.requestId);
  r.fields('Data', a.hasData ? a.data : undefined, {
    PipelineId: 'string',
    PipelineName: 'string?',
    PipelineStatus: 'int?',
    StageList: 'list?',
  });
  r.same('Data.PipelineId', a.data.PipelineId, pipelineId, 'pipeline');
  entries(a.data.StageList).forEach((s, i) => {
    r.fields(`Data.StageList[${i}]`, s, { StageName: 'string?', Status: 'int?', TaskList: 'list?' });
    r.each(`Data.StageList[${i}].TaskList`, s.TaskList, {
      TaskName: 'string?',
      Status: 'int?',
      ErrorCode: 'string?',
      ErrorMessage: 'string?',
      Message: 'string?',
    });
  });
}

export function checkJob(a: Answer, appId: string): void {
  const r = new Reading('DescribeJob', a.requestId);
  r.fields('Data', a.hasData ? a.data : undefined, { AppId: 'string' });
  r.same('Data.AppId', a.data.AppId, appId, 'job template');
}

export function checkExecJob(a: Answer): void {
  const r = new Reading('ExecJob', a.requestId);
  r.fields('Data', a.hasData ? a.data : undefined, { Success: 'bool-text', Data: 'string?', Msg: 'string?' });
}

export function checkJobStatus(a: Answer, jobId: string): void {
  const r = new Reading('DescribeJobStatus', a.requestId);
  r.fields('Data', a.hasData ? a.data : undefined, {
    JobId: 'string',
    State: 'state',
    Active: 'int?',
    Succeeded: 'int?',
    Failed: 'int?',
    StartTime: 'number?',
    CompletionTime: 'number?',
    Message: 'string?',
  });
  r.same('Data.JobId', a.data.JobId, jobId, 'job run');
}
