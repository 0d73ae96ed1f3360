// After a lost UpdateJob answer (reset after SAE acted, or an answer later than request-timeout), this run's order
// fails at once and another deploy's order, with other settings, starts right after it: two new orders on the
// template, and the run cannot tell which (if either) is its own. Whatever it follows, it never sends UpdateJob
// again (two orders from one run), never names the other deploy's order as its own (outputs, results, summary),
// never aborts it, never succeeds without the template holding what it sent, and says that the failed order may
// be its own, with its id and link. Seeded variants (LOST_ORDERS_SEED=<seed> replays), in-process on a virtual
// clock each run shares with its own emulator.
import { afterAll, describe, expect, it } from 'vitest';
import { changeOrderUrl } from '../../src/report/links.js';
import {
  DEFAULT_APP_ID,
  startEmulator,
  type Emulator,
  type EmulatorOptions,
  type OrderStep,
} from '../emulator/index.js';
import { emulatorInputs, type ActionRun } from '../helpers/action.js';
import { runInProcess } from '../helpers/in-process.js';
import { mulberry32 as rng } from '../helpers/random.js';
import { virtualClock, type VirtualClock } from '../helpers/virtual-clock.js';

const SEED = Number(process.env.LOST_ORDERS_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = 40;
const WAIT_TIMEOUT_S = 20;
console.log(`lost-answer-orders: seed ${SEED} (replay: LOST_ORDERS_SEED=${SEED})`);

const IMAGE = 'registry.cn-hangzhou.aliyuncs.com/ns/job:mine';
const OTHER = 'registry.cn-hangzhou.aliyuncs.com/ns/job:someone-else';
const TEMPLATE: Record<string, string> = {
  ImageUrl: 'registry.cn-hangzhou.aliyuncs.com/ns/job:old',
  Replicas: '1',
  Timezone: 'Asia/Shanghai',
};
/** Longer than any run: the other deploy's order is still running when the run ends. */
const FOREVER_MS = 3_600_000;

interface Variant {
  describe: string[];
  lost: 'acceptThenReset' | 'late';
  /** This run's order: it ends failed, terminated or in a system error. */
  own: OrderStep[];
  /** Another deploy's order, started the moment this run's order ends. */
  other: { plan: OrderStep[]; settings: Record<string, string> };
  failedOrdersApply: boolean;
  inputs: Record<string, string>;
}

function variantFor(seed: number): Variant {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  // 'late' waits out request-timeout on the wall clock (2 s): a few of them.
  const lost = r() < 0.85 ? 'acceptThenReset' : 'late';
  const ownEnd = pick([3, 6, 10]);
  // After a reset the run lists the orders at once: an order that has not ended then is the only new one.
  const ownMs = lost === 'late' || r() < 0.2 ? 20 + Math.floor(r() * 600) : 0;
  const own: OrderStep[] = ownMs ? [{ status: 0, forMs: ownMs }, { status: ownEnd }] : [{ status: ownEnd }];
  // Every one of them changes a value this run sends: the template never holds all of this run's values.
  const settings = pick<Record<string, string>>([
    { ImageUrl: OTHER },
    { Replicas: '7' },
    { ImageUrl: OTHER, Replicas: '7' },
    { Replicas: '7', Timezone: 'UTC' },
  ]);
  const otherKind = pick(['runs on', 'ends 2', 'ends 3'] as const);
  const plan: OrderStep[] =
    otherKind === 'runs on'
      ? [{ status: 1, forMs: FOREVER_MS }, { status: 2 }]
      : [{ status: 1, forMs: 200 + Math.floor(r() * 4000) }, { status: otherKind === 'ends 2' ? 2 : 3 }];
  const failedOrdersApply = r() < 0.5;
  const inputs: Record<string, string> = {};
  if (r() < 0.5) inputs['on-failure'] = 'rollback';
  if (r() < 0.4) inputs['on-timeout'] = 'abort';
  if (r() < 0.3) inputs['if-busy'] = 'fail';
  return {
    describe: [
      `lost answer (${lost})`,
      `own order ends ${ownEnd} after ${ownMs} ms`,
      `then another deploy's order (${JSON.stringify(settings)}) ${otherKind === 'runs on' ? 'runs on' : `${otherKind} after ${plan[0]!.forMs} ms`}`,
      `failed orders ${failedOrdersApply ? 'apply' : 'do not apply'}`,
      ...Object.entries(inputs).map(([k, v]) => `${k}: ${v}`),
    ],
    lost,
    own,
    other: { plan, settings },
    failedOrdersApply,
    inputs,
  };
}

const emulators: Emulator[] = [];
afterAll(() => Promise.all(emulators.map((e) => e.close())));

/** An emulator of its own, on a virtual clock it shares with the run. */
async function onVirtualClock(options: EmulatorOptions): Promise<{ sae: Emulator; clock: VirtualClock }> {
  const clock = virtualClock({ busy: () => sae.busy() });
  const sae = await startEmulator({ ...options, now: clock.now });
  emulators.push(sae);
  return { sae, clock };
}

const ordersOf = (sae: Emulator, source = 'UpdateJob') =>
  [...sae.changeOrders.values()].filter((o) => o.source === source);
const errorOf = (run: ActionRun) => run.annotations.find((a) => a.level === 'error')?.message ?? '';

interface Result {
  run: ActionRun;
  sae: Emulator;
  now: number;
}

const inputs = (sae: Emulator, extra: Record<string, string> = {}) =>
  emulatorInputs(sae.url, {
    'app-id': DEFAULT_APP_ID,
    'image-url': IMAGE,
    replicas: '3',
    'wait-timeout': String(WAIT_TIMEOUT_S),
    'request-timeout': '2',
    ...extra,
  });

async function runVariant(v: Variant): Promise<Result> {
  const { sae, clock } = await onVirtualClock({
    orderPlan: v.own,
    failedOrdersApply: v.failedOrdersApply,
    apps: [{ appId: DEFAULT_APP_ID, packageType: 'Image', settings: { ...TEMPLATE } }],
  });
  sae.afterNextOrder(v.other);
  sae.script(
    v.lost === 'acceptThenReset' ? { api: 'UpdateJob', acceptThenReset: true } : { api: 'UpdateJob', delayMs: 2300 }, // past request-timeout: SAE acts, the answer is lost
  );
  const run = await runInProcess({ clock, inputs: inputs(sae, v.inputs) });
  await sae.idle();
  return { run, sae, now: clock.now() };
}

/** What broke; empty when every promise holds. */
function broken({ run, sae, now }: Result): string[] {
  const out: string[] = [];
  const orders = [...sae.changeOrders.values()];
  const mine = orders.filter((o) => o.source === 'UpdateJob');
  const others = orders.filter((o) => o.source === 'external');
  const own = mine[0];
  if (!own) return ['the lost call made no order: the variant tests nothing'];
  if (mine.length > 1) out.push(`${mine.length} change orders made by this run`);
  const sent = sae.calls('UpdateJob').length;
  if (sent > 1) out.push(`UpdateJob sent ${sent} times`);
  if (run.stderr) out.push(`stderr: ${run.stderr}`);
  if (run.outputs['error-code'] === 'Action.InternalError') out.push('Action.InternalError');

  // Never another deploy's order named as this run's: not in the outputs, the results, the summary.
  const results = JSON.parse(run.outputs.results ?? '[]') as Array<Record<string, string>>;
  for (const o of others) {
    if (run.outputs['change-order-id'] === o.changeOrderId) out.push(`change-order-id is the other deploy's order`);
    if (results.some((r) => r['change-order-id'] === o.changeOrderId)) out.push(`results name the other's order`);
    const factRow = run.summary.split('\n').find((l) => l.startsWith('| Change order |'));
    if (factRow?.includes(o.changeOrderId)) out.push(`the summary's change order is the other deploy's`);
    if (sae.calls('AbortChangeOrder').some((c) => c.query.ChangeOrderId === o.changeOrderId))
      out.push(`aborted the other deploy's order`);
  }

  // Nothing said of an abort that was never tried.
  if (!sae.calls('AbortChangeOrder').length && run.stdout.includes('abort')) {
    const said = run.stdout.split('\n').find((l) => /aborting it failed|aborted it/.test(l));
    if (said) out.push(`speaks of an abort that was never sent: ${said.slice(0, 200)}`);
  }
  const t = sae.template(DEFAULT_APP_ID);
  // Rolled back (or nothing to roll back) only when the template holds what it held before.
  if (run.outputs['rolled-back'] === 'true' && (t.ImageUrl !== TEMPLATE.ImageUrl || t.Replicas !== TEMPLATE.Replicas))
    out.push(`rolled-back: true with the template at ${t.ImageUrl} × ${t.Replicas}`);

  // Never a success: this run's order failed and the other deploy changed a value this run sends.
  if (run.code === 0)
    out.push(`exit 0 (status ${run.outputs.status}) with the template at ${t.ImageUrl} × ${t.Replicas}`);
  const stillRunning = others.some((o) => now < o.createdAt + o.plan.reduce((ms, s) => ms + (s.forMs ?? 0), 0));
  const status = run.outputs.status ?? '';
  if (!(status === 'failed' || (status === 'timed-out' && stillRunning)))
    out.push(`status ${status}${stillRunning ? '' : " though no order was running at the run's end"}`);

  // The order that may be this run's is named, with its link, in the error.
  const errors = run.annotations.filter((a) => a.level === 'error').map((a) => a.message);
  if (
    !errors.some((m) => m.includes(own.changeOrderId) && m.includes(changeOrderUrl(own.changeOrderId, 'cn-hangzhou')))
  )
    out.push(`no error names this run's order ${own.changeOrderId} with its link: ${JSON.stringify(errors)}`);
  return out;
}

describe('a lost answer, then several new orders on the template', () => {
  it("this run's order fails at once and another deploy's (other settings) starts and runs on: one order, nothing claimed", async () => {
    const r = await runVariant({
      describe: [],
      lost: 'acceptThenReset',
      own: [{ status: 3 }],
      other: { plan: [{ status: 1, forMs: FOREVER_MS }, { status: 2 }], settings: { ImageUrl: OTHER } },
      failedOrdersApply: false,
      inputs: {},
    });
    expect(broken(r)).toEqual([]);
    expect(r.run.outputs['change-order-id']).toBe('');
  });

  it("the other deploy's order succeeds: the proof finds the template not holding this run's values, and nothing is sent again", async () => {
    const r = await runVariant({
      describe: [],
      lost: 'acceptThenReset',
      own: [{ status: 3 }],
      other: { plan: [{ status: 1, forMs: 1500 }, { status: 2 }], settings: { ImageUrl: OTHER } },
      failedOrdersApply: false,
      inputs: { 'on-failure': 'rollback' },
    });
    expect(broken(r)).toEqual([]);
    expect(r.run.outputs.status).toBe('failed');
    expect(r.run.outputs['rolled-back']).toBe('false');
  });

  it('an order shows up after the one followed (SAE acted on the call late): found before sending again, nothing sent', async () => {
    // This run's order, once SAE gets to the late call, runs a while.
    const { sae, clock } = await onVirtualClock({ orderPlan: [{ status: 1, forMs: 10_000 }, { status: 2 }] });
    // The call is answered past request-timeout; as it arrives, another deploy's order starts and succeeds at once.
    // The run finds that one, follows it, and reads the template: by then SAE has acted on the late call.
    sae.script({ api: 'UpdateJob', delayMs: 3000, andStart: { plan: [{ status: 2 }], settings: { ImageUrl: OTHER } } });
    const run = await runInProcess({ clock, inputs: inputs(sae) });
    await sae.idle();
    const mine = ordersOf(sae);
    expect(mine).toHaveLength(1);
    expect(sae.calls('UpdateJob')).toHaveLength(1);
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('Deploy.OwnOrderUnknown');
    expect(run.outputs['change-order-id']).toBe('');
    const error = errorOf(run);
    expect(error).toContain(changeOrderUrl(mine[0]!.changeOrderId, 'cn-hangzhou'));
    expect(error).toContain('UpdateJob is not sent again');
  });

  it('when the orders cannot be listed again before a resend, nothing is sent', async () => {
    const { sae, clock } = await onVirtualClock({ orderPlan: [{ status: 1, forMs: 500 }, { status: 2 }] });
    // SAE did not act (a gateway's 502) while another deploy's order started: the one new order is that one.
    sae.script({
      api: 'UpdateJob',
      html: 502,
      andStart: { plan: [{ status: 1, forMs: 800 }, { status: 2 }], settings: { ImageUrl: OTHER } },
    });
    // The list before UpdateJob and the one after its lost answer go through; later ones are refused.
    sae.script({ api: 'ListChangeOrders', skip: 2, times: 20, error: { status: 403, code: 'Forbidden.RAM' } });
    const run = await runInProcess({ clock, inputs: inputs(sae, { 'max-retries': '0' }) });
    expect(sae.calls('UpdateJob')).toHaveLength(1);
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('Deploy.OwnOrderUnknown');
    expect(errorOf(run)).toContain('could not be listed');
  });

  it("another deploy's order failed just before this run's, which succeeded at once: the template holds what was sent, but neither order is taken for this run's", async () => {
    const { sae, clock } = await onVirtualClock({ orderPlan: [{ status: 2 }] });
    sae.script({
      api: 'UpdateJob',
      acceptThenReset: true,
      andStart: { plan: [{ status: 3 }], settings: { Replicas: '7' } },
    });
    const run = await runInProcess({ clock, inputs: inputs(sae) });
    const [mine, other] = [ordersOf(sae), ordersOf(sae, 'external')];
    expect(mine).toHaveLength(1);
    expect(sae.template(DEFAULT_APP_ID).ImageUrl).toBe(IMAGE);
    // The same as if the failed order had been this run's and the other had set the same values: it cannot tell.
    expect(run.outputs.status).toBe('failed');
    expect(run.outputs['error-code']).toBe('Deploy.OwnOrderUnknown');
    expect(run.outputs['change-order-id']).toBe('');
    const error = errorOf(run);
    expect(error).toContain('the template holds every value sent');
    expect(error).toContain(changeOrderUrl(mine[0]!.changeOrderId, 'cn-hangzhou'));
    expect(error).toContain(`${other[0]!.changeOrderId} (failed)`);
  });

  it(`${RUNS} seeded variants (seed ${SEED}) keep every promise`, async () => {
    const draw = rng(SEED);
    const seeds = Array.from({ length: RUNS }, () => Math.floor(draw() * 2 ** 31));
    const results = await Promise.all(
      seeds.map(async (seed) => {
        const v = variantFor(seed);
        const r = await runVariant(v);
        return { seed, v, r, problems: broken(r) };
      }),
    );
    const report = results
      .filter((x) => x.problems.length)
      .map((x) => `variant ${x.seed} (${x.v.describe.join('; ')}): ${x.problems.join('; ')}`);
    expect(report, `seed ${SEED} (replay: LOST_ORDERS_SEED=${SEED})`).toEqual([]);
  }, 60_000);
});
