// `npm run bench -- --parallel K1,K2 [--one-step K1,K2,K3]`: many deploys at once on one account, both ways in the
// same run, against one emulator whose flow control is one account-wide token bucket (burst 20, refilled at
// 1 call/s: SAE's documented 60 a minute), K templates each with a 60 s change order:
// - a matrix: K runs of the bundled action started together, each deploying its own template;
// - one step: one run of the bundle whose spec names K files (issue 23), the templates side by side on one budget.
// Reported: succeeded/K (with one change order each), all SAE calls, the share throttled, each template's delay from
// its order's end to its result (the matrix: the run's exit; one step: the answer to its read-back, after which the
// step logs its result), median and max, and the wall time to the last result. Beside it, lone runs without history
// (5 s and 60 s orders, no throttling) and a fixed 1 s poll over the same orders as the baseline.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { arch, cpus, platform, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator, type OrderStep } from '../test/emulator/index.js';
import { emulatorInputs, runAction, TEST_KEY } from '../test/helpers/action.js';
import { SaeClient } from '../src/sae/client.js';
import { isFinal } from '../src/changeorder/status.js';

const plan = (ms: number): OrderStep[] => [{ status: 0, forMs: 200 }, { status: 1, forMs: ms - 200 }, { status: 2 }];
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
// Shaped like SAE's ids (the action refuses any other app-id): the tag, as hex, leads.
const appId = (tag: string, i: number) =>
  `${Buffer.from(tag).toString('hex').padEnd(8, '0').slice(0, 8)}-0000-0000-0000-${String(i).padStart(12, '0')}`;

interface RunResult {
  ok: boolean;
  orders: number;
  delayMs: number;
  describes: number;
  /** The most DescribeChangeOrder calls in any 60 s. */
  perMinute: number;
  status: string;
}

/** One run of the bundle on `app`; its delay is from its (single) order's end to the process's exit. */
async function actionRun(sae: Emulator, app: string, orderMs: number): Promise<RunResult> {
  const run = await runAction({
    inputs: emulatorInputs(sae.url, { 'app-id': app, 'image-url': 'r.example.com/ns/job:2' }),
    killAfterMs: 20 * 60_000,
  });
  const exitedAt = Date.now();
  const orders = [...sae.changeOrders.values()].filter((o) => o.appId === app && o.source === 'UpdateJob');
  const id = run.outputs['change-order-id'] ?? '';
  const order = sae.changeOrders.get(id);
  const polls = sae
    .calls('DescribeChangeOrder')
    .filter((r) => r.query.ChangeOrderId === id && r.status === 200)
    .map((r) => r.at);
  return {
    ok: run.code === 0 && run.outputs.status === 'succeeded',
    orders: orders.length,
    status: run.outputs.status ?? `exit ${run.code}`,
    delayMs: order ? exitedAt - (order.createdAt + orderMs) : NaN,
    describes: polls.length,
    perMinute: Math.max(0, ...polls.map((t) => polls.filter((u) => u >= t && u < t + 60_000).length)),
  };
}

interface Measured {
  k: number;
  succeeded: number;
  statuses: string[];
  calls: number;
  throttled: number;
  share: number;
  byApi: Map<string, number>;
  median: number;
  max: number;
  /** From the start to the last template's result. */
  wallMs: number;
}

function measure(sae: Emulator, k: number, delays: number[], ok: boolean[], statuses: string[], wallMs: number) {
  const sent = sae.requests.filter((r) => r.api !== 'external' && r.api !== 'unknown');
  const throttled = sent.filter((r) => r.code?.startsWith('Throttling')).length;
  const byApi = new Map<string, number>();
  for (const r of sent) byApi.set(r.api, (byApi.get(r.api) ?? 0) + 1);
  const seen = delays.filter((d) => Number.isFinite(d));
  return {
    k,
    succeeded: ok.filter(Boolean).length,
    statuses,
    calls: sent.length,
    throttled,
    share: throttled / sent.length,
    byApi,
    median: median(seen),
    max: Math.max(...seen),
    wallMs,
  } satisfies Measured;
}

/** K runs of the bundle, one template each (a matrix of K jobs). */
async function parallel(k: number, orderMs: number): Promise<Measured> {
  const apps = Array.from({ length: k }, (_, i) => ({ appId: appId('par', i), packageType: 'Image' as const }));
  const sae = await startEmulator({ apps, flowControl: { burst: 20, refillPerSecond: 1 } });
  sae.setOrderPlan(plan(orderMs));
  const started = Date.now();
  const runs = await Promise.all(apps.map((a) => actionRun(sae, a.appId, orderMs)));
  const wallMs = Date.now() - started;
  await sae.close();
  const m = measure(
    sae,
    k,
    runs.map((r) => r.delayMs),
    runs.map((r) => r.ok && r.orders === 1),
    runs.map((r) => r.status),
    wallMs,
  );
  return m;
}

/** One run of the bundle whose spec names K files: the K templates in one step, on one budget. */
async function oneStep(k: number, orderMs: number): Promise<Measured> {
  const apps = Array.from({ length: k }, (_, i) => ({
    appId: appId('one', i),
    appName: `bench-job-${i}`,
    namespaceId: 'cn-hangzhou:bench',
    packageType: 'Image' as const,
  }));
  const sae = await startEmulator({ apps, flowControl: { burst: 20, refillPerSecond: 1 } });
  sae.setOrderPlan(plan(orderMs));
  const workspace = mkdtempSync(join(tmpdir(), 'sae-bench-step-'));
  mkdirSync(join(workspace, '.sae'));
  for (const a of apps) writeFileSync(join(workspace, `.sae/${a.appName}.yaml`), `app-id: ${a.appId}\n`);
  const started = Date.now();
  const run = await runAction({
    inputs: emulatorInputs(sae.url, { spec: '.sae/*.yaml', 'image-url': 'r.example.com/ns/job:2' }),
    env: { GITHUB_WORKSPACE: workspace },
    killAfterMs: 30 * 60_000,
  });
  await sae.close();
  rmSync(workspace, { recursive: true, force: true });
  const results = JSON.parse(run.outputs.results || '[]') as Array<Record<string, string>>;
  const per = apps.map((a) => {
    const e = results.find((x) => x['app-id'] === a.appId);
    const order = sae.changeOrders.get(e?.['change-order-id'] ?? '');
    const orders = [...sae.changeOrders.values()].filter((o) => o.appId === a.appId && o.source === 'UpdateJob');
    const readBack = sae
      .calls('DescribeJob')
      .filter((c) => c.query.AppId === a.appId && c.status === 200)
      .at(-1);
    return {
      ok: e?.status === 'succeeded' && orders.length === 1,
      status: e?.status ?? `exit ${run.code}`,
      delayMs: order && readBack ? readBack.at - (order.createdAt + orderMs) : NaN,
      at: readBack?.at ?? NaN,
    };
  });
  const last = Math.max(...per.map((p) => p.at).filter((t) => Number.isFinite(t)));
  return measure(
    sae,
    k,
    per.map((p) => p.delayMs),
    per.map((p) => p.ok),
    per.map((p) => p.status),
    last - started,
  );
}

async function fixedPoll(sae: Emulator, app: string, orderMs: number): Promise<RunResult> {
  const client = await SaeClient.create({
    endpoint: sae.url,
    credentials: { accessKeyId: TEST_KEY.id, accessKeySecret: TEST_KEY.secret },
    requestTimeoutMs: 10_000,
  });
  const { changeOrderId } = await client.updateJob({
    query: { AppId: app, ImageUrl: 'r.example.com/ns/job:3' },
    body: {},
    secrets: [],
  });
  const endedAt = sae.changeOrders.get(changeOrderId)!.createdAt + orderMs;
  let describes = 0;
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    describes++;
    const o = await client.describeChangeOrder(changeOrderId);
    if (isFinal(o.status, o.subStatus)) break;
  }
  // One poll a second: at most 60 in any minute.
  return {
    ok: true,
    orders: 1,
    status: 'succeeded',
    delayMs: Date.now() - endedAt,
    describes,
    perMinute: Math.min(describes, 60),
  };
}

/** Lone runs: the action on a template without history, and a fixed 1 s poll, for one order length. */
async function lone(orderMs: number) {
  const apps = [appId('lone', 0), appId('fixed', 1)].map((a) => ({ appId: a, packageType: 'Image' as const }));
  const sae = await startEmulator({ apps });
  sae.setOrderPlan(plan(orderMs));
  const [action, fixed] = await Promise.all([
    actionRun(sae, apps[0]!.appId, orderMs),
    fixedPoll(sae, apps[1]!.appId, orderMs),
  ]);
  await sae.close();
  return { action, fixed };
}

const ks = (argv: string[], flag: string): number[] => {
  const i = argv.indexOf(flag);
  if (i < 0) return [];
  const list = (argv[i + 1] ?? '12').split(',').map(Number);
  if (list.some((k) => !Number.isInteger(k) || k < 1))
    throw new Error(`${flag} takes K (or K1,K2), positive whole numbers`);
  return list;
};

export async function benchParallel(argv: string[]): Promise<void> {
  const matrixKs = ks(argv, '--parallel');
  const stepKs = ks(argv, '--one-step');
  const orderMs = 60_000;
  /** Issue 23's targets: the matrix keeps its own; one step must do better on the same account. */
  const matrixDelay: Record<number, number> = { 12: 15_000, 20: 30_000 };
  const stepDelay: Record<number, number> = { 12: 6000, 20: 10_000 };
  const rows: string[][] = [];
  let missed = 0;
  const row = (what: string, value: string, target: string, pass?: boolean) => {
    if (pass === false) missed++;
    rows.push([what, value, target, pass === undefined ? '' : pass ? '✅' : '❌']);
  };
  const calls = (r: Measured) =>
    `${r.calls} (${r.throttled} = ${(r.share * 100).toFixed(0)} % throttled): ${[...r.byApi].map(([a, n]) => `${a} ${n}`).join(', ')}`;
  const matrix = new Map<number, Measured>();
  for (const k of matrixKs) {
    const r = await parallel(k, orderMs);
    matrix.set(k, r);
    const d = matrixDelay[k];
    row(
      `matrix, K = ${k}: succeeded, one change order each`,
      `${r.succeeded}/${k}${r.succeeded < k ? ` (${r.statuses.join(', ')})` : ''}`,
      `${k}/${k}`,
      r.succeeded === k,
    );
    row(
      `matrix, K = ${k}: SAE calls`,
      calls(r),
      k === 12 ? '≤ 30 % throttled' : 'information',
      k === 12 ? r.share <= 0.3 : undefined,
    );
    row(
      `matrix, K = ${k}: delay from order end to exit, median / max`,
      `${s(r.median)} / ${s(r.max)} (last result after ${s(r.wallMs)})`,
      d ? `max ≤ ${s(d)}` : 'information',
      d ? r.max <= d : undefined,
    );
  }
  for (const k of stepKs) {
    const r = await oneStep(k, orderMs);
    const d = stepDelay[k];
    const m = matrix.get(k);
    row(
      `one step, K = ${k}: succeeded, one change order each`,
      `${r.succeeded}/${k}${r.succeeded < k ? ` (${r.statuses.join(', ')})` : ''}`,
      `${k}/${k}`,
      r.succeeded === k,
    );
    row(
      `one step, K = ${k}: SAE calls`,
      `${calls(r)}${m ? `; ${(r.calls / m.calls).toFixed(2)} × the matrix's` : ''}`,
      d ? '≤ 2 % throttled, ≤ 0.6 × the matrix' : 'information',
      d ? r.share <= 0.02 && (!m || r.calls <= 0.6 * m.calls) : undefined,
    );
    row(
      `one step, K = ${k}: delay from order end to result, median / max`,
      `${s(r.median)} / ${s(r.max)} (last result after ${s(r.wallMs)})`,
      d ? `max ≤ ${s(d)}` : 'information',
      d ? r.max <= d : undefined,
    );
  }
  // The 60 s order's target is issue 23's: at most 12 polls in a minute, its end seen within 10 % of its length.
  for (const [ms, perMinute, delay] of [
    [5000, 6, 1000],
    [60_000, 12, 6000],
  ] as const) {
    const { action, fixed } = await lone(ms);
    row(
      `lone run, ${ms / 1000} s order, no history: DescribeChangeOrder calls (most in a minute) / delay`,
      `${action.describes} (${action.perMinute}) / ${s(action.delayMs)}`,
      `≤ ${perMinute} a minute / ≤ ${s(delay)}`,
      action.ok && action.perMinute <= perMinute && action.delayMs <= delay,
    );
    row(
      `baseline fixed 1 s poll, ${ms / 1000} s order: calls / delay`,
      `${fixed.describes} / ${s(fixed.delayMs)}`,
      'baseline',
    );
  }
  console.log('\n## Benchmark: many deploys at once (flow control: burst 20, 1 call/s, account-wide; 60 s orders)\n');
  console.log(
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${platform()} ${arch()}, Node ${process.version}\n`,
  );
  console.log('| Measure | Result | Target | |\n|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  console.log(`\n${missed ? `${missed} target(s) missed` : 'All targets met'}.`);
}
