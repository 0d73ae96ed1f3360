// Local SAE (Serverless App Engine, API 2019-05-06) emulator for tests, the demo and `npm run emulator`.
import type { AddressInfo } from 'node:net';
import { parsePlan, handleControl, type ControlTarget } from './control.js';
import { parseFault } from './faults.js';
import { parseFlowControl } from './flow-control.js';
import { createSaeServer } from './server.js';
import { World } from './state.js';
import { parseJobPlan } from './job-runs.js';
import type {
  Credential,
  Emulator,
  EmulatorOptions,
  ExtraHandler,
  Fault,
  JobRunStep,
  OrderStep,
  OthersOrder,
} from './types.js';

export type * from './types.js';
export { DEFAULT_APP_ID, DEFAULT_CREDENTIALS } from './state.js';
export { DEFAULT_PLAN, FINAL_STATUSES } from './change-orders.js';
export { DEFAULT_JOB_PLAN } from './job-runs.js';
export { flowControlFromText, parseFlowControl } from './flow-control.js';
// Stand-ins for the services around SAE, served through `handlers` on the same loopback port.
export { githubOidc, GITHUB_ISSUER, type GitHubOidc, type GitHubOidcOptions, type OidcClaims } from './github.js';
export { stsEmulator, type Minted, type StsEmulator, type StsOptions, type StsRefusal } from './sts.js';
export {
  githubApi,
  type GitHubApi,
  type GitHubApiCall,
  type GitHubApiOptions,
  type GitHubUser,
  type IssueComment,
} from './github-api.js';

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const world = new World(opts);
  const handlers: ExtraHandler[] = [];

  const target: ControlTarget = {
    world,
    script: (fault: Fault) => world.faults.add(parseFault(fault)),
    setOrderPlan: (plan: OrderStep[]) => {
      world.orderPlan = parsePlan(plan).map((s) => ({ ...s }));
    },
    queueOrderPlans: (plans: OrderStep[][]) => {
      world.planQueue.push(...plans.map((p) => parsePlan(p).map((s) => ({ ...s }))));
    },
    afterNextOrder: (others: OthersOrder) => {
      world.pendingAfter = { plan: parsePlan(others.plan).map((s) => ({ ...s })), settings: others.settings };
    },
    setJobPlan: (plan: JobRunStep[]) => {
      world.jobPlan = parseJobPlan(plan).map((s) => ({ ...s }));
    },
    startOrder: (appId: string, plan: OrderStep[], settings?: Record<string, string>) => {
      if (!world.apps.has(appId)) throw new Error(`startOrder: unknown app ${appId}`);
      return world.addOrder(appId, parsePlan(plan), 'external', settings).changeOrderId;
    },
    addCredential: (c: Credential) => {
      world.credentials.set(c.accessKeyId, { ...c });
    },
    setFlowControl: (f) => world.setFlowControl(f === undefined ? undefined : parseFlowControl(f)),
    reset: () => world.reset(),
  };

  const server = createSaeServer({
    world,
    handlers,
    quiet: opts.quiet ?? true,
    log: opts.log,
    control: (method, path, rawBody) => handleControl(method, path, rawBody, target),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests: world.requests,
    calls: (api: string) => world.requests.filter((r) => r.api === api),
    apps: world.apps,
    changeOrders: world.changeOrders,
    jobRuns: world.jobRuns,
    script: target.script,
    setOrderPlan: target.setOrderPlan,
    queueOrderPlans: target.queueOrderPlans,
    failedOrdersApply: (on: boolean) => {
      world.failedOrdersApply = on;
    },
    namespaceListsJobs: (on: boolean) => {
      world.namespaceListsJobs = on;
    },
    afterNextOrder: target.afterNextOrder,
    setJobPlan: target.setJobPlan,
    startOrder: target.startOrder,
    ignoreParameters: (names: string[]) => {
      world.ignoredParameters = [...names];
    },
    addApp: (seed) => void world.addApp(seed),
    template: (appId: string) => world.settle(appId),
    addCredential: target.addCredential,
    setFlowControl: target.setFlowControl,
    flowControlStats: () =>
      world.bucket ? { allowed: world.bucket.allowed, refused: world.bucket.refused } : undefined,
    handlers,
    reset: target.reset,
    idle: () => world.idle(),
    busy: () => world.inFlight > 0,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections(); // pop-core keeps connections alive
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
