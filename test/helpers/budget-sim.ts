// K deploys at once on one account, in virtual time: the action itself (run(deps), every real stage, the real
// SaeClient over HTTP) against one emulator whose flow control is one account-wide token bucket, as
// `npm run bench -- --parallel K` (a matrix: K runs of one template each) or `--one-step K` (one run of K spec
// files) runs the bundle, but in a second or two instead of minutes. Only time is virtual: the emulator and every
// run share one virtual clock (test/helpers/virtual-clock.ts).
// The seed places the runs' start times; the action's own jitter is not seeded, so a seed is one mix, not one
// exact replay.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator, type Fault, type OrderStep } from '../emulator/index.js';
import { emulatorInputs } from './action.js';
import { runInProcess } from './in-process.js';
import { mulberry32 } from './random.js';
import { virtualClock } from './virtual-clock.js';

export interface SimOptions {
  runs: number;
  orderMs: number;
  seed: number;
  burst?: number;
  refillPerSecond?: number;
  /** Runs start spread over this window (the runner spawns them one after another). */
  startSpreadMs?: number;
  /** Each run's wait-timeout, seconds (default 900). */
  waitTimeoutS?: number;
  /** Faults scripted before the runs start (e.g. a neighbour's burst: the first UpdateJob calls throttled). */
  faults?: Fault[];
  /** Inputs every run adds (e.g. run-after-deploy). */
  inputs?: Record<string, string>;
  /** One step deploys the K templates (a spec file each, one namespace) instead of K runs of one each. */
  oneStep?: boolean;
  /** With oneStep: the templates' namespace (default one for all); a function to spread them over several. */
  namespaceOf?: (i: number) => string;
}

export interface SimRun {
  outcome: string;
  /** Change orders its UpdateJob calls made. */
  orders: number;
  /** From its order's end to its result: the answer to its read-back (the last DescribeJob about it). */
  delayMs: number;
  /** DescribeChangeOrder calls about its order. */
  polls: number;
  /** From its order's end to the first poll answered after it. */
  seenMs: number;
  /** Virtual time its order was created. */
  createdAt: number;
}

export interface SimResult {
  runs: SimRun[];
  calls: number;
  throttled: number;
  byApi: Record<string, number>;
  /** From the first run's start to the last run's end. */
  wallMs: number;
}

export const simAppId = (i: number) => `5e1a0000-0000-4000-8000-${String(i).padStart(12, '0')}`;

const planOf = (ms: number): OrderStep[] => [{ status: 0, forMs: 200 }, { status: 1, forMs: ms - 200 }, { status: 2 }];

export async function simulate(o: SimOptions): Promise<SimResult> {
  const start = Date.UTC(2026, 0, 1);
  // The clock asks the emulator whether it still handles a request (made just below, on this clock).
  const held: { sae?: Emulator } = {};
  const clock = virtualClock({ start, busy: () => held.sae?.busy() ?? false });
  const random = mulberry32(o.seed);
  const apps = Array.from({ length: o.runs }, (_, i) => ({
    appId: simAppId(i),
    appName: `sim-job-${i}`,
    namespaceId: o.namespaceOf?.(i) ?? 'cn-hangzhou:sim',
    packageType: 'Image' as const,
  }));
  const emulator = await startEmulator({
    now: clock.now,
    apps,
    orderPlan: planOf(o.orderMs),
    flowControl: { burst: o.burst ?? 20, refillPerSecond: o.refillPerSecond ?? 1 },
  });
  held.sae = emulator;
  for (const f of o.faults ?? []) emulator.script(f);
  const workspace = mkdtempSync(join(tmpdir(), 'sae-sim-'));
  try {
    const common = { 'wait-timeout': String(o.waitTimeoutS ?? 900), ...o.inputs };
    const image = (i: number) => `registry.cn-hangzhou.aliyuncs.com/ns/job:${i}`;
    let statusOf: (app: string) => { status: string; orderId: string };
    let wallMs: number;
    if (o.oneStep) {
      mkdirSync(join(workspace, '.sae'));
      apps.forEach((a, i) =>
        writeFileSync(join(workspace, `.sae/${a.appName}.yaml`), `app-id: ${a.appId}\nimage-url: ${image(i)}\n`),
      );
      const r = await runInProcess({
        clock,
        inputs: emulatorInputs(emulator.url, { spec: '.sae/*.yaml', ...common }),
        env: { GITHUB_WORKSPACE: workspace },
      });
      const results = JSON.parse(r.outputs.results || '[]') as Array<Record<string, string>>;
      statusOf = (app) => {
        const e = results.find((x) => x['app-id'] === app);
        return { status: e?.status ?? `exit ${r.code}`, orderId: e?.['change-order-id'] ?? '' };
      };
      wallMs = r.durationMs;
    } else {
      const spread = o.startSpreadMs ?? 2000;
      const delays = apps.map(() => Math.floor(random() * spread));
      const runs = await Promise.all(
        apps.map(async (app, i) => {
          // A timer of the test, not an actor: the run starts once the clock reaches it.
          await clock.sleep(delays[i]!);
          const r = await runInProcess({
            clock,
            inputs: emulatorInputs(emulator.url, { 'app-id': app.appId, 'image-url': image(i), ...common }),
          });
          return { app: app.appId, r, end: delays[i]! + r.durationMs };
        }),
      );
      statusOf = (app) => {
        const r = runs.find((x) => x.app === app)!.r;
        return { status: r.outputs.status ?? `exit ${r.code}`, orderId: r.outputs['change-order-id'] ?? '' };
      };
      wallMs = Math.max(...runs.map((x) => x.end));
    }
    const sent = emulator.requests.filter((r) => r.api !== 'external' && r.api !== 'unknown');
    const byApi: Record<string, number> = {};
    for (const r of sent) byApi[r.api] = (byApi[r.api] ?? 0) + 1;
    return {
      runs: apps.map(({ appId: app }) => {
        const { status, orderId: id } = statusOf(app);
        const order = emulator.changeOrders.get(id);
        const endedAt = order ? order.createdAt + o.orderMs : NaN;
        const polls = emulator.calls('DescribeChangeOrder').filter((c) => c.query.ChangeOrderId === id);
        const seen = polls.find((c) => c.status === 200 && c.at >= endedAt);
        const readBack = emulator
          .calls('DescribeJob')
          .filter((c) => c.query.AppId === app && c.status === 200)
          .at(-1);
        return {
          outcome: status,
          orders: [...emulator.changeOrders.values()].filter((c) => c.appId === app && c.source === 'UpdateJob').length,
          delayMs: readBack ? readBack.at - endedAt : NaN,
          polls: polls.length,
          seenMs: seen ? seen.at - endedAt : NaN,
          createdAt: order?.createdAt ?? NaN,
        };
      }),
      calls: sent.length,
      throttled: sent.filter((r) => r.code?.startsWith('Throttling')).length,
      byApi,
      wallMs,
    };
  } finally {
    await emulator.close();
    rmSync(workspace, { recursive: true, force: true });
  }
}
