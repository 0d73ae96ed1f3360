// The SAE API client over pop-core's ROAClient: UpdateJob and the change-order calls, typed answers,
// and one error type (SaeError) for every failure shape pop-core produces.
import type RPCClient from '@alicloud/pop-core';
import * as answer from './answers.js';
import { fromTextBody, fromThrown, SaeError } from './errors.js';
import { recording, type Exchange } from './record.js';
import { capturingAgent, type CapturingAgent } from './transport.js';
import type { UpdateJobRequest } from '../request/build.js';
import { formBody } from '../request/build.js';
import { requestBudget } from '../base/deadline.js';
import { checkEndpointUrl } from '../base/urls.js';
import { CredentialsError } from '../credentials/credentials-error.js';
import type { Credentials, CredentialsProvider } from '../credentials/types.js';

const isProvider = (c: Credentials | CredentialsProvider): c is CredentialsProvider =>
  typeof (c as Partial<CredentialsProvider>).getCredentials === 'function';

export interface Envelope {
  requestId: string;
  traceId: string;
  data: Record<string, unknown>;
  /** The answer had a Data object (data is {} otherwise). */
  hasData: boolean;
}

export interface UpdateJobResult {
  appId: string;
  changeOrderId: string;
  requestId: string;
  traceId: string;
}

export interface PipelineSummary {
  pipelineId: string;
  name: string;
  status: number;
  /** Epoch ms, when SAE gives them. */
  startTime?: number;
  updateTime?: number;
}

export interface ChangeOrder {
  changeOrderId: string;
  status: number;
  subStatus: number;
  errorMessage: string;
  currentPipelineId: string;
  pipelines: PipelineSummary[];
  coTypeCode: string;
  createTime: string;
}

export interface ChangeOrderListItem {
  changeOrderId: string;
  status: number;
  /** `yyyy-MM-dd HH:mm:ss` in SAE's time zone (not said which): compare only with finishTime. */
  createTime: string;
  finishTime: string;
  coTypeCode: string;
  description: string;
}

export interface PipelineTask {
  name: string;
  status: number;
  errorCode: string;
  errorMessage: string;
  message: string;
}

export interface PipelineStage {
  name: string;
  status: number;
  tasks: PipelineTask[];
}

export interface Pipeline {
  pipelineId: string;
  name: string;
  status: number;
  stages: PipelineStage[];
}

/** ExecJob's answer: the id of the job run it started (or had started for the same EventId). */
export interface ExecJobResult {
  jobId: string;
  requestId: string;
}

/** DescribeJobStatus `Data` (docs/reference/sae-api.md §5.2). */
export interface JobStatus {
  jobId: string;
  /** "0" not run yet, "1" succeeded, "2" failed, "3" running; kept as text, as SAE sends it. */
  state: string;
  active: number;
  succeeded: number;
  failed: number;
  /** Epoch ms, when SAE gives them. */
  startTime?: number;
  completionTime?: number;
  message: string;
}

/** One job template as ListJobs lists it (docs/reference/sae-api.md §5, ListJobsResponseBodyDataApplications). */
export interface JobSummary {
  appId: string;
  appName: string;
  namespaceId: string;
  regionId: string;
}

/** One page of ListJobs. */
export interface JobsPage {
  jobs: JobSummary[];
  /** How many templates match in all (TotalSize); NaN when SAE does not say. */
  totalSize: number;
  requestId: string;
}

export interface ListJobsQuery {
  /**
   * Searched with FieldType=appName; whether SAE matches it exactly or in part is [U] (docs/reference/sae-api.md §5.4).
   */
  appName: string;
  namespaceId?: string;
  /** 1-based. */
  page: number;
  /** SAE takes 0 to 200. */
  pageSize: number;
}

/** The calls the deploy logic needs; tests of pure logic can implement it without a server. */
export interface SaeApi {
  updateJob(request: UpdateJobRequest): Promise<UpdateJobResult>;
  describeChangeOrder(changeOrderId: string): Promise<ChangeOrder>;
  listChangeOrders(appId: string, pageSize?: number): Promise<ChangeOrderListItem[]>;
  /** A namespace's change orders, every template's (several templates of a step followed with one call). */
  listNamespaceChangeOrders?(namespaceId: string, pageSize?: number): Promise<ChangeOrderListItem[]>;
  abortChangeOrder(changeOrderId: string): Promise<boolean>;
  confirmPipelineBatch(pipelineId: string): Promise<void>;
  describePipeline(pipelineId: string): Promise<Pipeline>;
  /** The template's settings, under UpdateJob's names but in DescribeJob's types (docs/reference/sae-api.md §5.1). */
  describeJob(appId: string): Promise<Record<string, unknown>>;
  execJob(appId: string, eventId: string): Promise<ExecJobResult>;
  describeJobStatus(appId: string, jobId: string): Promise<JobStatus>;
  /**
   * Job templates by name (app-name). Optional so that stand-ins of the deploy calls need not have it; the client
   * and the budget gate always do.
   */
  listJobs?(query: ListJobsQuery): Promise<JobsPage>;
  /** CreateJob (if-missing: create): the new template's id and the change order that deploys it. */
  createJob?(request: UpdateJobRequest): Promise<UpdateJobResult>;
  /** Moves the deadline the request timeouts are fitted to (the run after the deploy has its own bound). */
  setDeadline?(deadline: number): void;
  /** The next call is the one the run ends with: the budget gate lets it go at once (pace/budget.ts). */
  hurry?(): void;
  /** Set when every call goes through a budget gate that slows the run after a throttled call (pace/budget.ts). */
  readonly paced?: boolean;
}

// json-bigint turns numeric literals longer than 15 characters into BigNumber objects: String() and
// Number() read those as well as plain values.
const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const num = (v: unknown): number => {
  const n = Number(str(v));
  return str(v) === '' || !Number.isFinite(n) ? NaN : n;
};
const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
/** Older docs render some lists as an object of entries: accept both. */
const arr = (v: unknown): Record<string, unknown>[] =>
  (Array.isArray(v) ? v : v && typeof v === 'object' ? Object.values(v) : []).map(obj);

/** Epoch seconds in SAE's examples [U]; a value that is already milliseconds is taken as it is. */
const epochMs = (v: unknown): number | undefined => {
  const n = num(v);
  if (!Number.isFinite(n) || n <= 0) return undefined;
  return n < 1e11 ? n * 1000 : n;
};

/** A change order as ListChangeOrders and ListNamespaceChangeOrders list it. */
const listItem = (o: Record<string, unknown>): ChangeOrderListItem => ({
  changeOrderId: str(o.ChangeOrderId),
  status: num(o.Status),
  createTime: str(o.CreateTime),
  finishTime: str(o.FinishTime),
  coTypeCode: str(o.CoTypeCode),
  description: str(o.Description),
});

const API_VERSION = '2019-05-06';
const CHANGE_ORDER = '/pop/v1/sam/changeorder';

/** The part of pop-core's ROAClient the client calls (declared in pop-core.d.ts). */
type Roa = Pick<RPCClient.ROAClient, 'request'>;

export interface SaeClientOptions {
  endpoint: string;
  /** Fixed keys, or a provider asked before every request (keyless login renews its temporary keys). */
  credentials: Credentials | CredentialsProvider;
  /** Per-request timeout (connect and read). */
  requestTimeoutMs: number;
  /** Epoch ms of the run's deadline (wait-timeout): no request may run far past it. */
  deadline?: number;
  now?: () => number;
  /** Told of every call when it ends (the RUNNER_DEBUG lines: API, duration, request id, outcome). */
  onCall?: (call: CallRecord) => void;
  /** Given every exchange, answer included (SAE_RECORD_DIR: sae/record.ts scrubs and writes it). */
  record?: (exchange: Exchange) => void;
  /** The run's cancellation: a request in flight is cut off (with its socket), and nothing more is sent. */
  signal?: AbortSignal;
}

/** One API call as the debug log shows it: never a parameter value, so never a secret. */
export interface CallRecord {
  api: string;
  ms: number;
  status?: number;
  requestId?: string;
  /** The error code, when the call failed. */
  code?: string;
}

/**
 * pop-core (and httpx under it) call the deprecated url.parse, and Node 20.19+ and 24 print DEP0169 on stderr
 * for it, on every deploy. Node warns once per process, at the first call, which pop-core's constructor makes:
 * exactly that warning is dropped there, while every other warning (and DEP0169 from anyone else later) stays.
 */
function withoutUrlParseWarning<T>(make: () => T): T {
  const emit = process.emitWarning;
  process.emitWarning = function (warning: string | Error, ...rest: unknown[]) {
    const options = rest[0];
    const code = options && typeof options === 'object' ? (options as { code?: unknown }).code : rest[1];
    if (code === 'DEP0169') return;
    return (emit as (...args: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    return make();
  } finally {
    process.emitWarning = emit;
  }
}

/**
 * The largest answer read from SAE. Its largest answers (DescribeJob with long Envs, DescribePipeline of an
 * order with many batches) are tens of kilobytes; anything near this is not SAE's (runner/bounded.ts).
 */
export const MAX_ANSWER_BYTES = 2 * 1024 * 1024;

export class SaeClient implements SaeApi {
  private constructor(
    private readonly roa: Roa,
    private readonly transport: CapturingAgent,
    private o: SaeClientOptions,
  ) {}

  setDeadline(deadline: number): void {
    this.o = { ...this.o, deadline };
  }

  /**
   * The request timeout, shortened so that the step never outlives wait-timeout by more than a few seconds
   * (base/deadline.ts); 0 once that end has passed.
   */
  private timeoutMs(): number {
    return requestBudget(this.o.requestTimeoutMs, this.o.deadline, (this.o.now ?? Date.now)());
  }

  /** Loads pop-core only when a call is about to be made: bad input and dry runs never pay for it. */
  static async create(o: SaeClientOptions): Promise<SaeClient> {
    // Checked again here, whoever built the options: credentials never travel over plain http off this machine.
    const checked = checkEndpointUrl(o.endpoint);
    if (!checked.ok)
      throw new SaeError({
        api: 'client',
        kind: 'connection',
        code: 'Endpoint.Insecure',
        message: checked.reason,
        mayHaveReachedServer: false,
      });
    // pop-core's `debug('roa')` prints every string to sign, which holds the security token, when DEBUG
    // matches: a job-wide DEBUG=* must not leak it. The flag is read once, when pop-core loads.
    // ("eager": pop-core goes into this module's own lazy chunk rather than a second one.)
    const debug = process.env.DEBUG;
    delete process.env.DEBUG;
    const mod = (await import(/* webpackMode: "eager" */ '@alicloud/pop-core').finally(() => {
      if (debug !== undefined) process.env.DEBUG = debug;
    })) as unknown as { default?: { ROAClient?: unknown }; ROAClient?: unknown };
    const ROAClient = (mod.ROAClient ?? mod.default?.ROAClient) as new (config: object) => Roa;
    const transport = await capturingAgent(checked.url);
    const c = o.credentials;
    const roa = withoutUrlParseWarning(
      () =>
        new ROAClient({
          endpoint: checked.url,
          apiVersion: API_VERSION,
          ...(isProvider(c)
            ? { credentialsProvider: c }
            : {
                accessKeyId: c.accessKeyId,
                accessKeySecret: c.accessKeySecret,
                securityToken: c.securityToken || undefined,
              }),
          opts: { agent: transport.agent, timeout: o.requestTimeoutMs },
        }),
    );
    return new SaeClient(o.record ? recording(roa, transport, o.record) : roa, transport, o);
  }

  /** One call; resolves with the envelope of a successful answer, rejects with a SaeError. */
  async call(
    api: string,
    method: string,
    path: string,
    query: Record<string, string>,
    body?: string,
  ): Promise<Envelope> {
    const startedAt = Date.now();
    try {
      const e = await this.send(api, method, path, query, body);
      this.o.onCall?.({
        api,
        ms: Date.now() - startedAt,
        status: this.transport.last().status,
        requestId: e.requestId || undefined,
      });
      return e;
    } catch (e) {
      const err = e as SaeError;
      this.o.onCall?.({
        api,
        ms: Date.now() - startedAt,
        status: err.httpStatus ?? this.transport.last().status,
        requestId: err.requestId,
        code: err.code,
      });
      throw e;
    }
  }

  private async send(
    api: string,
    method: string,
    path: string,
    query: Record<string, string>,
    body?: string,
  ): Promise<Envelope> {
    this.transport.reset();
    let result: unknown;
    const headers: Record<string, string> =
      body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' };
    const timeoutMs = this.timeoutMs();
    // Nothing is sent once the run is cancelled or past its end: neither could use the answer.
    if (this.o.signal?.aborted || timeoutMs === 0) {
      const why = this.o.signal?.aborted ? 'the run was cancelled' : 'the run is past wait-timeout and its grace';
      const [kind, code] = this.o.signal?.aborted
        ? (['connection', 'Run.Cancelled'] as const)
        : (['timeout', 'RequestTimeout'] as const);
      throw new SaeError({ api, kind, code, message: `not sent: ${why}`, mayHaveReachedServer: false });
    }
    try {
      result = await this.roa.request(method, path, query, body ?? '', headers, {
        // The agent's guard ends the request at timeoutMs, body included (runner/bounded.ts); httpx's own
        // timers, which leave a dripping body open, are only a backstop behind it.
        timeout: timeoutMs + 1000,
        agent: this.transport.bounded({
          service: 'SAE',
          timeoutMs,
          maxBytes: MAX_ANSWER_BYTES,
          signal: this.o.signal,
        }),
      });
    } catch (thrown) {
      // The credentials provider could not renew expired credentials: nothing was sent, and the cause is
      // the credentials' (with its own code and input), not SAE's.
      if (thrown instanceof CredentialsError) throw thrown;
      throw fromThrown(api, thrown, this.transport.last());
    }
    const meta = this.transport.last();
    if (typeof result === 'string') throw fromTextBody(api, result, meta);
    const r = answer.checkEnvelope(api, result);
    const requestId = str(r.RequestId);
    // Decide on Success, never on whether ErrorCode is present: SAE's own success example carries one.
    if (r.Success === false || (meta.status !== undefined && meta.status >= 400)) {
      const code = str(r.ErrorCode) || str(r.Code) || 'Success.False';
      throw new SaeError({
        api,
        kind: 'api',
        code,
        message: str(r.Message),
        httpStatus: meta.status,
        requestId: requestId || undefined,
      });
    }
    return { requestId, traceId: str(r.TraceId), data: obj(r.Data), hasData: r.Data !== undefined && r.Data !== null };
  }

  async updateJob(request: UpdateJobRequest): Promise<UpdateJobResult> {
    const e = await this.call(
      'UpdateJob',
      'POST',
      '/pop/v1/sam/job/updateJob',
      { ...request.query },
      formBody(request.body),
    );
    answer.checkUpdateJob(e, request.query.AppId ?? '');
    return {
      appId: str(e.data.AppId),
      changeOrderId: str(e.data.ChangeOrderId),
      requestId: e.requestId,
      traceId: e.traceId,
    };
  }

  async describeChangeOrder(changeOrderId: string): Promise<ChangeOrder> {
    const e = await this.call('DescribeChangeOrder', 'GET', `${CHANGE_ORDER}/DescribeChangeOrder`, {
      ChangeOrderId: changeOrderId,
    });
    answer.checkChangeOrder(e, changeOrderId);
    const d = e.data;
    return {
      changeOrderId: str(d.ChangeOrderId) || changeOrderId,
      status: num(d.Status),
      subStatus: num(d.SubStatus) || 0,
      errorMessage: str(d.ErrorMessage),
      currentPipelineId: str(d.CurrentPipelineId),
      pipelines: arr(d.Pipelines).map((p) => ({
        pipelineId: str(p.PipelineId),
        name: str(p.PipelineName),
        status: num(p.Status),
        startTime: num(p.StartTime) || undefined,
        updateTime: num(p.UpdateTime) || undefined,
      })),
      coTypeCode: str(d.CoTypeCode),
      createTime: str(d.CreateTime),
    };
  }

  async listChangeOrders(appId: string, pageSize = 5): Promise<ChangeOrderListItem[]> {
    const e = await this.call('ListChangeOrders', 'GET', `${CHANGE_ORDER}/ListChangeOrders`, {
      AppId: appId,
      CurrentPage: '1',
      PageSize: String(pageSize),
    });
    answer.checkChangeOrderList(e, appId);
    return arr(e.data.ChangeOrderList).map(listItem);
  }

  /**
   * The newest change orders of a namespace, of every template in it (§5.4): one call follows them all. The
   * entries do not say which template an order is of; the step knows its own orders' ids.
   */
  async listNamespaceChangeOrders(namespaceId: string, pageSize = 100): Promise<ChangeOrderListItem[]> {
    const e = await this.call('ListNamespaceChangeOrders', 'GET', `${CHANGE_ORDER}/listNamespaceChangeOrders`, {
      NamespaceId: namespaceId,
      CurrentPage: '1',
      PageSize: String(pageSize),
    });
    answer.checkNamespaceChangeOrderList(e, namespaceId);
    return arr(e.data.ChangeOrderList).map(listItem);
  }

  async abortChangeOrder(changeOrderId: string): Promise<boolean> {
    const e = await this.call('AbortChangeOrder', 'PUT', `${CHANGE_ORDER}/AbortChangeOrder`, {
      ChangeOrderId: changeOrderId,
    });
    answer.checkAbort(e, changeOrderId);
    return true;
  }

  async confirmPipelineBatch(pipelineId: string): Promise<void> {
    const e = await this.call('ConfirmPipelineBatch', 'GET', `${CHANGE_ORDER}/ConfirmPipelineBatch`, {
      PipelineId: pipelineId,
      Confirm: 'true',
    });
    answer.checkConfirm(e, pipelineId);
  }

  async describeJob(appId: string): Promise<Record<string, unknown>> {
    const e = await this.call('DescribeJob', 'GET', '/pop/v1/sam/job/describeJob', { AppId: appId });
    // Without this template's id the answer is not about this template (a proxy's page, a wrong endpoint).
    answer.checkJob(e, appId);
    return e.data;
  }

  async describePipeline(pipelineId: string): Promise<Pipeline> {
    const e = await this.call('DescribePipeline', 'GET', `${CHANGE_ORDER}/DescribePipeline`, {
      PipelineId: pipelineId,
    });
    answer.checkPipeline(e, pipelineId);
    const d = e.data;
    return {
      pipelineId: str(d.PipelineId) || pipelineId,
      name: str(d.PipelineName),
      status: num(d.PipelineStatus),
      stages: arr(d.StageList).map((s) => ({
        name: str(s.StageName),
        status: num(s.Status),
        tasks: arr(s.TaskList).map((t) => ({
          name: str(t.TaskName),
          status: num(t.Status),
          errorCode: str(t.ErrorCode),
          errorMessage: str(t.ErrorMessage),
          message: str(t.Message),
        })),
      })),
    };
  }

  async execJob(appId: string, eventId: string): Promise<ExecJobResult> {
    const e = await this.call('ExecJob', 'GET', '/pop/v1/sam/job/execJob', { AppId: appId, EventId: eventId });
    answer.checkExecJob(e);
    const d = e.data;
    // Data.Success is the string "true" (§5.2); anything else is a refusal carried inside a successful envelope.
    if (str(d.Success) !== 'true') {
      throw new SaeError({
        api: 'ExecJob',
        kind: 'api',
        code: str(d.Code) || 'ExecJob.NotStarted',
        message: str(d.Msg) || 'SAE did not start the job',
        requestId: e.requestId || undefined,
      });
    }
    const jobId = str(d.Data);
    if (!jobId)
      throw new SaeError({
        api: 'ExecJob',
        kind: 'format',
        code: 'InvalidResponse.MissingJobId',
        message: 'the answer has no job id (Data.Data)',
        requestId: e.requestId || undefined,
      });
    return { jobId, requestId: e.requestId };
  }

  async createJob(request: UpdateJobRequest): Promise<UpdateJobResult> {
    const e = await this.call(
      'CreateJob',
      'POST',
      '/pop/v1/sam/job/createJob',
      { ...request.query },
      formBody(request.body),
    );
    if (!str(e.data.AppId))
      throw new SaeError({
        api: 'CreateJob',
        kind: 'format',
        code: 'InvalidResponse.MissingAppId',
        message: 'the answer has no AppId',
        requestId: e.requestId || undefined,
      });
    return {
      appId: str(e.data.AppId),
      changeOrderId: str(e.data.ChangeOrderId),
      requestId: e.requestId,
      traceId: e.traceId,
    };
  }

  async listJobs(q: ListJobsQuery): Promise<JobsPage> {
    const e = await this.call('ListJobs', 'GET', '/pop/v1/sam/job/listJobs', {
      FieldType: 'appName',
      FieldValue: q.appName,
      Workload: 'job',
      CurrentPage: String(q.page),
      PageSize: String(q.pageSize),
      ...(q.namespaceId ? { NamespaceId: q.namespaceId } : {}),
    });
    const d = e.data;
    if (!Array.isArray(d.Applications) && d.Applications !== undefined && d.Applications !== null)
      throw new SaeError({
        api: 'ListJobs',
        kind: 'format',
        code: 'InvalidResponse.Applications',
        message: 'Applications is not a list',
        requestId: e.requestId || undefined,
      });
    return {
      jobs: arr(d.Applications).map((a) => ({
        appId: str(a.AppId),
        appName: str(a.AppName),
        namespaceId: str(a.NamespaceId),
        regionId: str(a.RegionId),
      })),
      totalSize: num(d.TotalSize),
      requestId: e.requestId,
    };
  }

  async describeJobStatus(appId: string, jobId: string): Promise<JobStatus> {
    const e = await this.call('DescribeJobStatus', 'GET', '/pop/v1/sam/job/describeJobStatus', {
      AppId: appId,
      JobId: jobId,
    });
    answer.checkJobStatus(e, jobId);
    const d = e.data;
    const count = (v: unknown) => (Number.isFinite(num(v)) ? num(v) : 0);
    return {
      jobId: str(d.JobId) || jobId,
      state: str(d.State),
      active: count(d.Active),
      succeeded: count(d.Succeeded),
      failed: count(d.Failed),
      startTime: epochMs(d.StartTime),
      completionTime: epochMs(d.CompletionTime),
      message: str(d.Message),
    };
  }
}
