// Everything the emulator remembers: templates, change orders, credentials, nonces, faults, requests.
import { createOrder, DEFAULT_PLAN, isFinal, orderState } from './change-orders.js';
import { FaultQueue } from './faults.js';
import { DEFAULT_JOB_PLAN } from './job-runs.js';
import { TokenBucket, type FlowControl } from './flow-control.js';
import type {
  AppSeed,
  AppState,
  ChangeOrder,
  Credential,
  EmulatorOptions,
  JobRun,
  JobRunStep,
  OrderStep,
  OthersOrder,
  PackageType,
  RecordedRequest,
} from './types.js';
import type { ValidationEnv } from './validation.js';

export const DEFAULT_APP_ID = '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa';

export const DEFAULT_CREDENTIALS: Credential[] = [
  { accessKeyId: 'LTAI5tEmulatorKey0000001', accessKeySecret: 'EmulatorSecret000000000000000001' },
  {
    accessKeyId: 'STS.EmulatorStsKey000001',
    accessKeySecret: 'EmulatorStsSecret000000000000001',
    securityToken: 'CAISemulatorSecurityToken0001',
  },
];

const COMMON: Record<string, string> = {
  Timezone: 'Asia/Shanghai',
  TerminationGracePeriodSeconds: '30',
  Replicas: '1',
  ConcurrencyPolicy: 'Forbid',
  Timeout: '3600',
  BackoffLimit: '3',
  Slice: 'false',
};

/** Settings a template of each package type plausibly already has, so updates that leave them out pass. */
const DEFAULT_SETTINGS: Record<PackageType, Record<string, string>> = {
  Image: { ...COMMON, ImageUrl: 'registry.cn-hangzhou.aliyuncs.com/sae_test/ali_sae_test:0.0.1' },
  FatJar: {
    ...COMMON,
    PackageUrl: 'https://myoss.oss-cn-hangzhou.aliyuncs.com/my-buc/job-1.0.0.jar',
    PackageVersion: '1.0.0',
    Jdk: 'Open JDK 8',
  },
  War: {
    ...COMMON,
    PackageUrl: 'https://myoss.oss-cn-hangzhou.aliyuncs.com/my-buc/job-1.0.0.war',
    PackageVersion: '1.0.0',
    Jdk: 'Open JDK 8',
    WebContainer: 'apache-tomcat-8.5.42',
  },
  PythonZip: {
    ...COMMON,
    PackageUrl: 'https://myoss.oss-cn-hangzhou.aliyuncs.com/my-buc/job-1.0.0.zip',
    PackageVersion: '1.0.0',
    Python: 'PYTHON 3.9.15',
  },
};

/** A removal as UpdateJob reads it: "" (and "{}" for TomcatConfig) removes the setting. */
export function applyPatch(settings: Record<string, string>, patch: Record<string, string>): void {
  for (const [name, v] of Object.entries(patch)) {
    if (v === '' || (name === 'TomcatConfig' && v.trim() === '{}')) delete settings[name];
    else settings[name] = v;
  }
}

export class World {
  readonly requests: RecordedRequest[] = [];
  readonly apps = new Map<string, AppState>();
  readonly changeOrders = new Map<string, ChangeOrder>();
  readonly jobRuns = new Map<string, JobRun>();
  readonly credentials = new Map<string, Credential>();
  readonly nonces = new Map<string, number>();
  readonly faults = new FaultQueue();
  readonly env: ValidationEnv;
  readonly checkClock: boolean;
  readonly checkNonce: boolean;
  /** The emulator's clock (EmulatorOptions.now). */
  readonly now: () => number;
  orderPlan: OrderStep[];
  /** Plans for the next UpdateJob orders, one each (queueOrderPlans), before orderPlan. */
  planQueue: OrderStep[][] = [];
  /** Failed, terminated and system-error orders apply their settings too (EmulatorOptions.failedOrdersApply). */
  failedOrdersApply: boolean;
  /** ListNamespaceChangeOrders shows job templates' orders (EmulatorOptions.namespaceListsJobs). */
  namespaceListsJobs: boolean;
  /** Someone else's order, to start when the next UpdateJob order ends (afterNextOrder). */
  pendingAfter?: OthersOrder;
  jobPlan: JobRunStep[];
  ignoredParameters: string[];
  /** The stored settings by app id; read them through app.settings, which applies finished orders first. */
  private readonly stored = new Map<string, Record<string, string>>();
  /** Requests being handled (a scripted delay holds one); see idle(). */
  inFlight = 0;
  private idleWaiters: (() => void)[] = [];
  requestDone(): void {
    if (--this.inFlight <= 0) for (const w of this.idleWaiters.splice(0)) w();
  }
  /** Resolves once no request is being handled. */
  idle(): Promise<void> {
    return this.inFlight <= 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }
  /** Account-wide flow control, when on. */
  bucket?: TokenBucket;
  private readonly seeds: AppSeed[];
  private readonly initialPlan: OrderStep[];
  private readonly initialJobPlan: JobRunStep[];

  constructor(opts: EmulatorOptions) {
    this.now = opts.now ?? Date.now;
    const extra = opts.apps ?? [];
    const defaultApp: AppSeed = { appId: DEFAULT_APP_ID, appName: 'emulator-job', packageType: 'Image' };
    this.seeds = [defaultApp, ...extra].filter((s, i, all) => all.findLastIndex((t) => t.appId === s.appId) === i);
    this.initialPlan = opts.orderPlan ?? DEFAULT_PLAN;
    this.orderPlan = this.initialPlan;
    this.initialJobPlan = opts.jobPlan ?? DEFAULT_JOB_PLAN;
    this.jobPlan = this.initialJobPlan;
    for (const c of opts.credentials ?? DEFAULT_CREDENTIALS) this.credentials.set(c.accessKeyId, { ...c });
    this.env = {
      configMaps: opts.configMaps ?? { '16': ['test'] },
      slsProjects: opts.slsProjects ?? { 'test-sls': ['sae'], test: ['sae'] },
      acrInstances: opts.acrInstances ?? ['cri-xxxxxx'],
    };
    this.checkClock = opts.checkClock ?? true;
    this.checkNonce = opts.checkNonce ?? true;
    this.initialIgnored = opts.ignoreParameters ?? [];
    this.initialFailedApply = opts.failedOrdersApply ?? false;
    this.failedOrdersApply = this.initialFailedApply;
    this.initialNamespaceListsJobs = opts.namespaceListsJobs ?? true;
    this.namespaceListsJobs = this.initialNamespaceListsJobs;
    this.ignoredParameters = this.initialIgnored;
    this.setFlowControl(opts.flowControl);
    this.restoreApps();
  }

  private readonly initialIgnored: string[];
  private readonly initialFailedApply: boolean;
  private readonly initialNamespaceListsJobs: boolean;

  /** A template that exists from now on, until reset (CreateJob, or a test's setup). */
  addApp(seed: AppSeed): AppState {
    const app = this.toApp(seed);
    this.apps.set(seed.appId, app);
    return app;
  }

  private restoreApps(): void {
    this.apps.clear();
    this.stored.clear();
    for (const seed of this.seeds) this.apps.set(seed.appId, this.toApp(seed));
  }

  private toApp(seed: AppSeed): AppState {
    const packageType = seed.packageType ?? 'Image';
    const app = {
      appId: seed.appId,
      appName: seed.appName ?? `job-${seed.appId.slice(0, 8)}`,
      packageType,
      namespaceId: seed.namespaceId ?? 'cn-hangzhou',
      regionId: seed.regionId ?? 'cn-hangzhou',
    } as AppState;
    this.stored.set(seed.appId, { ...(seed.settings ?? DEFAULT_SETTINGS[packageType]) });
    // Orders change the template when they succeed, whenever that is noticed: every read settles first.
    Object.defineProperty(app, 'settings', {
      enumerable: true,
      get: () => this.settle(seed.appId),
      set: (v: Record<string, string>) => this.stored.set(seed.appId, v),
    });
    return app;
  }

  /**
   * Applies the patch of every order of the app that has succeeded, in creation order, once. [U] Whether
   * SAE shows the new settings while the order runs, or only once it ended, is not documented; the emulator
   * applies them when the order ended, so a client must read back after that. Whether a failed, terminated
   * or system-error order leaves its settings applied is [U] too: by default it does not (failedOrdersApply).
   */
  settle(appId: string, now = this.now()): Record<string, string> {
    this.startFollowers(now);
    const settings = this.stored.get(appId) ?? {};
    for (const o of this.changeOrders.values()) {
      if (o.appId !== appId || o.applied || !o.patch || !isFinal(o, now)) continue;
      o.applied = true;
      const status = orderState(o, now).status;
      if (status === 2 || (this.failedOrdersApply && [3, 6, 10].includes(status))) applyPatch(settings, o.patch);
    }
    return settings;
  }

  /** Starts, at the moment it ended, someone else's order that was to follow an order (afterNextOrder). */
  startFollowers(now = this.now()): void {
    for (const o of [...this.changeOrders.values()]) {
      if (!o.thenStart || o.thenStarted) continue;
      const end = orderState(o, now).finishedAt;
      if (end === undefined) continue;
      o.thenStarted = true;
      this.addOrder(o.appId, o.thenStart.plan, 'external', o.thenStart.settings, end);
    }
  }

  /** The app's change order that has not ended, if any. */
  runningOrder(appId: string, now = this.now()): ChangeOrder | undefined {
    return [...this.changeOrders.values()].find((o) => o.appId === appId && !isFinal(o, now));
  }

  addOrder(
    appId: string,
    plan: OrderStep[],
    source: string,
    patch?: Record<string, string>,
    at = this.now(),
  ): ChangeOrder {
    const templateBefore = { ...this.settle(appId, at) }; // earlier orders take effect before this one
    const order = createOrder(appId, plan, source, at);
    order.templateBefore = templateBefore;
    if (patch) order.patch = { ...patch };
    this.changeOrders.set(order.changeOrderId, order);
    return order;
  }

  findPipeline(pipelineId: string): { order: ChangeOrder; batch: number } | undefined {
    for (const order of this.changeOrders.values()) {
      const batch = order.pipelineIds.indexOf(pipelineId);
      if (batch >= 0) return { order, batch };
    }
    return undefined;
  }

  setFlowControl(f: FlowControl | undefined): void {
    this.bucket = f ? new TokenBucket(f, this.now()) : undefined;
  }

  /** Clears requests, faults, orders, job runs and nonces; restores templates and the initial plans; refills the bucket. Credentials stay. */
  reset(): void {
    this.requests.length = 0;
    this.faults.clear();
    this.changeOrders.clear();
    this.jobRuns.clear();
    this.jobPlan = this.initialJobPlan;
    this.nonces.clear();
    this.orderPlan = this.initialPlan;
    this.ignoredParameters = this.initialIgnored;
    this.planQueue = [];
    this.failedOrdersApply = this.initialFailedApply;
    this.namespaceListsJobs = this.initialNamespaceListsJobs;
    this.pendingAfter = undefined;
    if (this.bucket) this.setFlowControl(this.bucket.config);
    this.restoreApps();
  }
}
