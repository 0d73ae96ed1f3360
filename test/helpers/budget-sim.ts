// K deploys at once on one account, in virtual time: the action's own call sequence (DescribeJob, the
// pre-list and UpdateJob in submitUpdateJob, the wait, the DescribeJob read-back) against one account-wide
// token bucket, as `npm run bench -- --parallel K` runs it against the emulator, but in a second instead of
// minutes. The runs use the real modules (retry policy, pacing, schedule, wait); only SAE and time are fakes.
import { scheduleFor } from '../../src/changeorder/schedule.js';
import { submitUpdateJob } from '../../src/changeorder/submit.js';
import { waitForChangeOrder } from '../../src/changeorder/wait.js';
import { readTemplate } from '../../src/plan/plan.js';
import type { ChangeOrder, SaeApi } from '../../src/sae/client.js';
import { SaeError } from '../../src/sae/errors.js';
import { virtualClock } from './virtual-clock.js';
import { mulberry32 } from './random.js';
import { budgeted, CallBudget } from '../../src/sae/budget.js';

export interface SimOptions {
  runs: number;
  orderMs: number;
  seed: number;
  burst?: number;
  refillPerSecond?: number;
  /** Each call's round trip, virtual ms. */
  latencyMs?: number;
  /** Runs start spread over this window (the runner spawns them one after another). */
  startSpreadMs?: number;
  deadlineMs?: number;
  /** Every call through a CallBudget gate (src/sae/budget.ts). */
  budget?: boolean;
}

export interface SimRun {
  outcome: string;
  orders: number;
  /** From its order's end to the run's last call's answer. */
  delayMs: number;
  polls: number;
  /** From its order's end to the poll that saw it end. */
  seenMs: number;
  /** Virtual time its order was created. */
  createdAt: number;
}

export interface SimResult {
  runs: SimRun[];
  calls: number;
  throttled: number;
  byApi: Record<string, number>;
}

export async function simulate(o: SimOptions): Promise<SimResult> {
  const time = virtualClock({ start: 0 });
  const random = mulberry32(o.seed);
  const burst = o.burst ?? 20;
  const refill = o.refillPerSecond ?? 1;
  const latency = o.latencyMs ?? 40;
  let tokens = burst;
  let at = 0;
  let calls = 0;
  let throttled = 0;
  const byApi: Record<string, number> = {};
  const orders = new Map<string, { app: string; created: number }>();
  let nextId = 0;

  /** One SAE call: half the latency there, the bucket, half back. */
  const call = async <T>(api: string, answer: () => T): Promise<T> => {
    await time.sleep(latency / 2);
    calls++;
    byApi[api] = (byApi[api] ?? 0) + 1;
    const now = time.now();
    tokens = Math.min(burst, tokens + ((now - at) / 1000) * refill);
    at = now;
    const ok = tokens >= 1;
    if (ok) tokens -= 1;
    else throttled++;
    const value = ok ? answer() : undefined;
    await time.sleep(latency / 2);
    if (!ok)
      throw new SaeError(
        api,
        'api',
        'Throttling.User',
        'Request was denied due to user flow control.',
        400,
        `req-${calls}`,
      );
    return value as T;
  };

  const orderOf = (id: string): ChangeOrder => {
    const c = orders.get(id)!;
    const age = time.now() - c.created;
    const status = age < 200 ? 0 : age < o.orderMs ? 1 : 2;
    return {
      changeOrderId: id,
      status,
      subStatus: 0,
      errorMessage: '',
      currentPipelineId: `p-${id}`,
      pipelines: [],
    } as unknown as ChangeOrder;
  };

  const apiFor = (app: string): SaeApi => ({
    describeJob: () => call('DescribeJob', () => ({ ImageUrl: 'r.example.com/ns/job:2' })),
    listChangeOrders: () =>
      call('ListChangeOrders', () =>
        [...orders]
          .filter(([, c]) => c.app === app)
          .map(([id]) => ({
            changeOrderId: id,
            status: orderOf(id).status,
            createTime: '',
            finishTime: '',
            coTypeCode: 'CoDeploy',
            description: '',
          })),
      ),
    updateJob: () =>
      call('UpdateJob', () => {
        const id = `co-${nextId++}`;
        orders.set(id, { app, created: time.now() });
        return { appId: app, changeOrderId: id, requestId: 'r', traceId: 't' };
      }),
    describeChangeOrder: (id) => call('DescribeChangeOrder', () => orderOf(id)),
    abortChangeOrder: () => Promise.reject(new Error('not in the simulation')),
    confirmPipelineBatch: () => Promise.reject(new Error('not in the simulation')),
    describePipeline: () => Promise.reject(new Error('not in the simulation')),
    execJob: () => Promise.reject(new Error('not in the simulation')),
    describeJobStatus: () => Promise.reject(new Error('not in the simulation')),
  });

  const oneRun = async (i: number): Promise<SimRun> => {
    const app = `app-${i}`;
    await time.sleep(Math.floor(random() * (o.startSpreadMs ?? 2000)));
    const budget = new CallBudget(time, { random });
    const api = o.budget ? budgeted(apiFor(app), budget) : apiFor(app);
    const deadline = time.now() + (o.deadlineMs ?? 900_000);
    const retry = { maxRetries: 3, deadline, sleep: (ms: number) => time.sleep(ms), now: time.now, random };
    const request = { query: { AppId: app, ImageUrl: 'r.example.com/ns/job:2' }, body: {}, secrets: [] };
    try {
      await readTemplate(api, app, () => {}, retry);
      let throttledBefore = false;
      const submitted = await submitUpdateJob({
        api,
        request,
        appId: app,
        ifBusy: 'wait',
        maxRetries: 3,
        deadline,
        clock: time,
        schedule: scheduleFor([]),
        random,
        lostAnswerGraceMs: 6000,
        onEvent: (e) => {
          if (e.type === 'retry' && e.error.code.startsWith('Throttling')) throttledBefore = true;
        },
      });
      const created = orders.get(submitted.changeOrderId)!.created;
      const result = await waitForChangeOrder({
        api,
        changeOrderId: submitted.changeOrderId,
        deadline,
        confirmBatches: false,
        clock: time,
        random,
        schedule: scheduleFor(submitted.previousOrders),
        startThrottled: throttledBefore,
        onEvent: () => {},
      });
      const seenMs = time.now() - (created + o.orderMs);
      if (o.budget) api.hurry?.();
      if (result.outcome === 'succeeded') await readTemplate(api, app, () => {}, retry);
      return {
        outcome: result.outcome,
        orders: [...orders.values()].filter((c) => c.app === app).length,
        delayMs: time.now() - (created + o.orderMs),
        polls: result.polls,
        seenMs,
        createdAt: created,
      };
    } catch (e) {
      return {
        outcome: `error ${(e as Error).message}`,
        orders: 0,
        delayMs: NaN,
        polls: 0,
        seenMs: NaN,
        createdAt: NaN,
      };
    }
  };

  const runs = await Promise.all(Array.from({ length: o.runs }, (_, i) => time.actor(() => oneRun(i))));
  return { runs, calls, throttled, byApi };
}
