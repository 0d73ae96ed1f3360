// Unsigned control API under /__emulator/ for out-of-process use (the demo, `npm run emulator`).
import { orderState } from './change-orders.js';
import { parseFault, type Reply } from './faults.js';
import type { World } from './state.js';
import { jobRunState, parseJobPlan } from './job-runs.js';
import { parseFlowControl, type FlowControl } from './flow-control.js';
import type { Credential, Fault, JobRunStep, OrderStep, OthersOrder } from './types.js';
import { isRecord, JSON_TYPE } from './util.js';

export interface ControlTarget {
  world: World;
  script(fault: Fault): void;
  setOrderPlan(plan: OrderStep[]): void;
  queueOrderPlans(plans: OrderStep[][]): void;
  afterNextOrder(others: OthersOrder): void;
  setJobPlan(plan: JobRunStep[]): void;
  startOrder(appId: string, plan: OrderStep[], settings?: Record<string, string>): string;
  addCredential(c: Credential): void;
  setFlowControl(f: FlowControl | undefined): void;
  reset(): void;
}

export function parsePlan(v: unknown): OrderStep[] {
  if (!Array.isArray(v) || v.length === 0 || !v.every((s) => isRecord(s) && typeof s['status'] === 'number')) {
    throw new Error('an order plan is a non-empty array of {status, subStatus?, forMs?, errorMessage?, failedTask?}');
  }
  return v as OrderStep[];
}

const json = (status: number, value: unknown): Reply => ({
  status,
  contentType: JSON_TYPE,
  body: JSON.stringify(value),
});

/** Routes: POST script, POST order-plan, POST order-plans, POST failed-orders-apply, POST after-next-order, POST job-plan, GET requests, POST reset, POST start-order, POST ignore-parameters, POST credentials, POST flow-control, GET state. */
export function handleControl(method: string, path: string, rawBody: string, t: ControlTarget): Reply {
  let input: unknown;
  try {
    input = rawBody ? (JSON.parse(rawBody) as unknown) : undefined;
  } catch {
    return json(400, { error: 'the body must be JSON' });
  }
  try {
    const route = `${method} ${path}`;
    switch (route) {
      case 'POST /__emulator/script':
        for (const f of Array.isArray(input) ? input : [input]) t.script(parseFault(f));
        return json(200, { ok: true });
      case 'POST /__emulator/order-plan':
        t.setOrderPlan(parsePlan(input));
        return json(200, { ok: true });
      case 'POST /__emulator/order-plans':
        // [[steps of the next order], [steps of the one after], …]
        if (!Array.isArray(input)) throw new Error('order-plans needs an array of order plans');
        t.queueOrderPlans(input.map(parsePlan));
        return json(200, { ok: true });
      case 'POST /__emulator/failed-orders-apply':
        if (typeof input !== 'boolean') throw new Error('failed-orders-apply needs true or false');
        t.world.failedOrdersApply = input;
        return json(200, { ok: true });
      case 'POST /__emulator/after-next-order': {
        if (!isRecord(input)) throw new Error('after-next-order needs {plan, settings?}');
        const settings = input['settings'];
        if (
          settings !== undefined &&
          !(isRecord(settings) && Object.values(settings).every((v) => typeof v === 'string'))
        )
          throw new Error('settings must map wire names to strings');
        t.afterNextOrder({ plan: parsePlan(input['plan']), settings: settings as Record<string, string> | undefined });
        return json(200, { ok: true });
      }
      case 'POST /__emulator/job-plan':
        t.setJobPlan(parseJobPlan(input));
        return json(200, { ok: true });
      case 'GET /__emulator/requests':
        return json(200, t.world.requests);
      case 'POST /__emulator/reset':
        t.reset();
        return json(200, { ok: true });
      case 'POST /__emulator/start-order': {
        if (!isRecord(input) || typeof input['appId'] !== 'string')
          throw new Error('start-order needs {appId, plan, settings?}');
        const settings = input['settings'];
        if (
          settings !== undefined &&
          !(isRecord(settings) && Object.values(settings).every((v) => typeof v === 'string'))
        )
          throw new Error('settings must map wire names to strings');
        return json(200, {
          changeOrderId: t.startOrder(
            input['appId'],
            parsePlan(input['plan']),
            settings as Record<string, string> | undefined,
          ),
        });
      }
      case 'POST /__emulator/ignore-parameters':
        if (!Array.isArray(input) || !input.every((n) => typeof n === 'string'))
          throw new Error('ignore-parameters needs an array of wire names');
        t.world.ignoredParameters = input as string[];
        return json(200, { ok: true });
      case 'POST /__emulator/credentials': {
        if (
          !isRecord(input) ||
          typeof input['accessKeyId'] !== 'string' ||
          typeof input['accessKeySecret'] !== 'string'
        ) {
          throw new Error('credentials need {accessKeyId, accessKeySecret, securityToken?}');
        }
        t.addCredential(input as unknown as Credential);
        return json(200, { ok: true });
      }
      case 'POST /__emulator/flow-control':
        // {burst, refillPerSecond, retryAfterMs?} turns the account's token bucket on (full); null turns it off.
        t.setFlowControl(parseFlowControl(input ?? null));
        return json(200, { ok: true, flowControl: t.world.bucket?.config ?? null });
      case 'GET /__emulator/state': {
        const orders = [...t.world.changeOrders.values()].map((o) => ({
          ...o,
          status: orderState(o, t.world.now()).status,
        }));
        const bucket = t.world.bucket;
        const flowControl = bucket ? { ...bucket.config, allowed: bucket.allowed, refused: bucket.refused } : null;
        const jobRuns = [...t.world.jobRuns.values()].map((j) => ({
          ...j,
          state: jobRunState(j, t.world.now()).state,
        }));
        return json(200, {
          apps: [...t.world.apps.values()],
          changeOrders: orders,
          orderPlan: t.world.orderPlan,
          flowControl,
          jobRuns,
          jobPlan: t.world.jobPlan,
        });
      }
      default:
        return json(404, { error: `no control route ${route}` });
    }
  } catch (e) {
    return json(400, { error: (e as Error).message });
  }
}
