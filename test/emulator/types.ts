// Public types of the local SAE emulator. Kept free of imports from src/ on purpose:
// the emulator must judge the action, not share its assumptions.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { FlowControl } from './flow-control.js';

export type { FlowControl } from './flow-control.js';

export type PackageType = 'Image' | 'FatJar' | 'War' | 'PythonZip';

export interface FailedTask {
  stage: string;
  task: string;
  code: string;
  message: string;
}

/** One step of a change order's life. A step without forMs (or with status 8) lasts until something moves it. */
export interface OrderStep {
  status: number;
  subStatus?: number;
  forMs?: number;
  errorMessage?: string;
  failedTask?: FailedTask;
}

/**
 * One step of a job run's life (ExecJob → DescribeJobStatus). State as SAE sends it: "0" not run, "1"
 * succeeded, "2" failed, "3" running. A step without forMs, or the last one, lasts for ever (a stuck run).
 */
export interface JobRunStep {
  state: '0' | '1' | '2' | '3';
  forMs?: number;
  active?: number;
  succeeded?: number;
  failed?: number;
  /** DescribeJobStatus Message, e.g. BackoffLimitExceeded for a failed run. */
  message?: string;
}

export interface JobRun {
  jobId: string;
  appId: string;
  eventId?: string;
  plan: JobRunStep[];
  createdAt: number;
  /** The ExecJob query that started it. */
  query: Record<string, string>;
}

export interface Credential {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

export interface AppSeed {
  appId: string;
  packageType?: PackageType;
  appName?: string;
  namespaceId?: string;
  regionId?: string;
  /** Wire name → value, as UpdateJob would have stored it. Defaults depend on the package type. */
  settings?: Record<string, string>;
}

export interface AppState {
  appId: string;
  appName: string;
  packageType: PackageType;
  namespaceId: string;
  regionId: string;
  settings: Record<string, string>;
}

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Replaces the default credentials (see DEFAULT_CREDENTIALS). */
  credentials?: Credential[];
  /** Added to the default job template (same appId replaces it). */
  apps?: AppSeed[];
  /** The statuses every new change order goes through, until reset or a new plan (POST /__emulator/order-plan). */
  orderPlan?: OrderStep[];
  /** The timeline of every job run ExecJob starts (default: running 500 ms, then succeeded). */
  jobPlan?: JobRunStep[];
  /** ConfigMap id → keys. Default { "16": ["test"] }. */
  configMaps?: Record<string, string[]>;
  /** SLS project → logstores that exist. */
  slsProjects?: Record<string, string[]>;
  acrInstances?: string[];
  /** Reject dates more than 15 min off (default true). */
  checkClock?: boolean;
  /**
   * UpdateJob parameters (wire names) that SAE accepts and then silently does not apply, e.g. a value
   * it normalises or drops: the order succeeds and the template keeps its old value.
   */
  ignoreParameters?: string[];
  /**
   * A change order that ends failed (3), terminated (6) or in a system error (10) still leaves its new settings
   * applied (default false: only a successful order changes the template). Whether SAE applies the settings of
   * such an order is [U]; an action must handle both. Changed at run time with failedOrdersApply.
   */
  failedOrdersApply?: boolean;
  /**
   * ListNamespaceChangeOrders lists job templates' orders (default true). Whether SAE's does is [U] (its examples
   * name application batches); false answers it without them, as SAE may.
   */
  namespaceListsJobs?: boolean;
  /** Reject a reused x-acs-signature-nonce (default true). */
  checkNonce?: boolean;
  /** Default true: no log line per request. The CLI sets it to false. */
  quiet?: boolean;
  /** Where the per-request log lines go when not quiet (default stdout). */
  log?: (line: string) => void;
  /**
   * Account-wide flow control: a token bucket shared by every SAE call (all apps, all runs); an empty
   * bucket answers Throttling.User. Off by default. Changed at run time with setFlowControl.
   */
  flowControl?: FlowControl;
  /**
   * The emulator's clock for change orders, job runs, flow control and the times of recorded requests
   * (default Date.now). Tests pass the virtual clock the action runs on, so plans and waits take no wall
   * time; request signatures are still checked against the wall clock (the client signs with it).
   */
  now?: () => number;
}

export interface RecordedRequest {
  /** SAE API name, 'unknown' for an unmatched path, 'external' for requests served by `handlers`. */
  api: string;
  method: string;
  path: string;
  query: Record<string, string>;
  body: Record<string, string>;
  rawBody: string;
  headers: IncomingHttpHeaders;
  /** HTTP status sent; 0 when the socket was destroyed without an answer. */
  status: number;
  /** The answer's body as sent (absent for a reset, and for requests served by `handlers`). */
  response?: { body: string; contentType: string };
  code?: string;
  at: number;
}

export type FaultKind =
  | { error: { status: number; code: string; message?: string; retryAfterMs?: number } }
  | { html: number }
  | { text: { status: number; body: string } }
  | { badJson: true }
  | { successFalse: { code: string; message: string } }
  /** true drops Data; a string drops only that field of Data (e.g. 'ChangeOrderId'). The request is still carried out. */
  | { missingData: true | string }
  | { bigIds: true }
  | { status: number; subStatus?: number }
  | { delayMs: number }
  | { reset: true }
  | { acceptThenReset: true };

/** Someone else's change order, started outside the action (console, another pipeline). */
export interface OthersOrder {
  plan: OrderStep[];
  /** Wire name → value it sets when it succeeds ("" removes the setting). */
  settings?: Record<string, string>;
}

/**
 * `andStart`: when the fault fires, someone else's order starts on the app of the request, just before the answer.
 * `skip`: the first that many calls of the API go through untouched (e.g. the second UpdateJob of a run).
 */
export type Fault = { api: string; times?: number; skip?: number; andStart?: OthersOrder } & FaultKind;

export interface ChangeOrder {
  changeOrderId: string;
  appId: string;
  plan: OrderStep[];
  createdAt: number;
  /** 'UpdateJob' or 'external' (startOrder: someone else's order). */
  source: string;
  description: string;
  /** One pipeline per batch: batches are separated by status-8 steps. */
  pipelineIds: string[];
  /** The plan is replayed from this step, which began at anchorAt (moved by ConfirmPipelineBatch). */
  anchorStep: number;
  anchorAt: number;
  /** What the order does to the template when it succeeds (wire name → value, "" removes); applied once. */
  patch?: Record<string, string>;
  applied?: boolean;
  /** A final status forced by AbortChangeOrder or ConfirmPipelineBatch(Confirm=false). */
  override?: { status: number; at: number; errorMessage: string };
  /** The template's settings when the order was created (earlier orders applied): what it changed from. */
  templateBefore?: Record<string, string>;
  /** Someone else's order that starts the moment this one ends (afterNextOrder); `thenStarted` once it has. */
  thenStart?: OthersOrder;
  thenStarted?: boolean;
}

export type ExtraHandler = (req: IncomingMessage, res: ServerResponse, body: string) => boolean | Promise<boolean>;

export interface Emulator {
  url: string;
  port: number;
  requests: RecordedRequest[];
  calls(api: string): RecordedRequest[];
  apps: Map<string, AppState>;
  changeOrders: Map<string, ChangeOrder>;
  /** Job runs started by ExecJob, by job id. */
  jobRuns: Map<string, JobRun>;
  script(fault: Fault): void;
  setOrderPlan(plan: OrderStep[]): void;
  /** Plans for the next UpdateJob orders, one each in turn, before the order plan applies again. */
  queueOrderPlans(plans: OrderStep[][]): void;
  /** See EmulatorOptions.failedOrdersApply; until reset. */
  failedOrdersApply(on: boolean): void;
  /** See EmulatorOptions.namespaceListsJobs; until reset. */
  namespaceListsJobs(on: boolean): void;
  /**
   * Someone else's order starts the moment the next order UpdateJob creates ends (whatever its end), e.g. another
   * deploy between this one's order and a rollback; with settings, the template takes them when it succeeds.
   */
  afterNextOrder(others: OthersOrder): void;
  setJobPlan(plan: JobRunStep[]): void;
  /** Starts someone else's order; with settings, the template takes them when it succeeds. */
  startOrder(appId: string, plan: OrderStep[], settings?: Record<string, string>): string;
  /** UpdateJob parameters to accept and silently not apply from now on (see EmulatorOptions.ignoreParameters). */
  ignoreParameters(names: string[]): void;
  /** Adds a job template (with its name and namespace) until the next reset. */
  addApp(seed: AppSeed): void;
  /** The template's settings as stored, with every order that has succeeded applied. */
  template(appId: string): Record<string, string>;
  addCredential(c: Credential): void;
  /** Turns account-wide flow control on (a full bucket) or off (undefined). */
  setFlowControl(f: FlowControl | undefined): void;
  /** Calls let through and throttled by flow control since it was last set (undefined when off). */
  flowControlStats(): { allowed: number; refused: number } | undefined;
  handlers: ExtraHandler[];
  reset(): void;
  /** Resolves once no request is being handled: a delayed answer (delayMs) has landed and acted. */
  idle(): Promise<void>;
  /** True while a request is being handled. */
  busy(): boolean;
  close(): Promise<void>;
}
