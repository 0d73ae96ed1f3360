// The template read back, against the emulator: the plan before UpdateJob, if-unchanged: skip, the proof after an
// order the run is not sure of, and the check after every success. In-process (run(deps)); one emulator for the
// file, on a virtual clock each test shares with it (test/helpers/action.ts useEmulator).
import { describe, expect, it } from 'vitest';
import { emulatorInputs, FAST, useEmulator, visibleLog, type ActionRun } from '../helpers/action.js';

const APP = '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa';
const IMAGE = 'registry.cn-hangzhou.aliyuncs.com/ns/job:7';
const OTHER = 'registry.cn-hangzhou.aliyuncs.com/ns/someone-else:1';
const TEMPLATE_OSS_SECRET = `TemplateOss${Math.random().toString(36).slice(2)}`;

const h = useEmulator({
  apps: [
    {
      appId: APP,
      packageType: 'Image',
      settings: {
        ImageUrl: 'registry.cn-hangzhou.aliyuncs.com/ns/job:6',
        Replicas: '2',
        Timezone: 'Asia/Shanghai',
        Slice: 'false',
        Envs: '[{"name":"LOG_LEVEL","value":"info"},{"name":"RATIO","value":"1.10"}]',
        TriggerConfig: '{"type":"time","config":"0 1 */1 * ?","timezone":"GMT+8:00"}',
        OssAkId: 'LTAI5tOss',
        OssAkSecret: TEMPLATE_OSS_SECRET,
        OssMountDescs: '[{"bucketName":"b","bucketPath":"d/","mountPath":"/data","readOnly":true}]',
      },
    },
  ],
  plan: FAST,
});

const deploy = (extra: Record<string, string> = {}) =>
  h.run({ inputs: emulatorInputs(h.sae.url, { 'app-id': APP, 'image-url': IMAGE, ...extra }) });
const ordersCreated = () => [...h.sae.changeOrders.values()].filter((o) => o.source === 'UpdateJob');
const warnings = (run: ActionRun) => run.annotations.filter((a) => a.level === 'warning');

function expectSucceeded(run: ActionRun): void {
  expect(run.stderr).toBe('');
  expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
  expect(run.outputs.status).toBe('succeeded');
  expect(run.code).toBe(0);
}

describe('plan', () => {
  it('reads the template first and logs current → new, comparing by meaning', async () => {
    // Replicas as text, envs as lines, the trigger as YAML (DescribeJob gives it back re-serialised with its
    // keys in another order): all unchanged; only the image changes.
    const run = await deploy({
      replicas: '2',
      envs: 'LOG_LEVEL=info\nRATIO=1.10',
      slice: 'false',
      'trigger-config': 'type: time\nconfig: "0 1 */1 * ?"\ntimezone: "GMT+8:00"',
    });
    expectSucceeded(run);
    const [describe, update] = [h.sae.calls('DescribeJob')[0]!, h.sae.calls('UpdateJob')[0]!];
    expect(describe.at).toBeLessThanOrEqual(update.at);
    expect(JSON.parse(run.outputs.changed!)).toEqual(['ImageUrl']);
    expect(run.stdout).toContain('::group::Plan for');
    expect(run.stdout).toContain(`ImageUrl: registry.cn-hangzhou.aliyuncs.com/ns/job:6 → ${IMAGE}`);
    expect(run.stdout).toContain('Replicas: 2 (unchanged)');
    expect(run.stdout).toMatch(/Envs: .* \(unchanged\)/);
    expect(run.summary).toContain('### What changed');
    expect(run.summary).toContain(`| ImageUrl | \`registry.cn-hangzhou.aliyuncs.com/ns/job:6\` | \`${IMAGE}\` |`);
    expect(run.stdout).toMatch(/TriggerConfig: .* \(unchanged\)/);
    expect(run.summary).toContain('Unchanged: Envs, Replicas, Slice, TriggerConfig.');
  });

  it('masks the OSS secret DescribeJob returns at once, and shows secrets only as changed or unchanged', async () => {
    const mine = `MyOss${Math.random().toString(36).slice(2)}`;
    const run = await deploy({ 'oss-ak-secret': mine, 'oss-ak-id': 'LTAI5tOss' });
    expectSucceeded(run);
    expect(run.stdout).toContain(`::add-mask::${TEMPLATE_OSS_SECRET}`);
    expect(run.stdout.indexOf(`::add-mask::${TEMPLATE_OSS_SECRET}`)).toBeLessThan(
      run.stdout.indexOf('::group::Plan for'),
    );
    expect(run.stdout).toContain('OssAkSecret: *** (changed)');
    expect(run.stdout).toContain('OssAkId: LTAI5tOss (unchanged)');
    const everything = [visibleLog(run), JSON.stringify(run.outputs), run.summary].join('\n');
    for (const s of [mine, TEMPLATE_OSS_SECRET]) expect(everything).not.toContain(s);
  });

  it('a dry run with credentials shows the plan and changes nothing', async () => {
    const run = await deploy({ 'dry-run': 'true', replicas: '3' });
    expect(run.code).toBe(0);
    expect(run.outputs.status).toBe('dry-run');
    expect(JSON.parse(run.outputs.changed!)).toEqual(['ImageUrl', 'Replicas']);
    expect(run.stdout).toContain('Replicas: 2 → 3');
    expect(run.summary).toContain('### What would change');
    expect(h.sae.calls('UpdateJob')).toEqual([]);
    expect(h.sae.calls('DescribeJob')).toHaveLength(1);
  });

  it('a dry run without credentials shows the request only: changed is empty, nothing is called', async () => {
    const run = await h.run({
      inputs: { 'app-id': APP, 'image-url': IMAGE, 'dry-run': 'true', endpoint: h.sae.url, region: 'cn-hangzhou' },
    });
    expect(run.code).toBe(0);
    expect(run.outputs.changed ?? '').toBe('');
    expect(run.summary).not.toContain('What would change');
    expect(h.sae.requests).toEqual([]);
  });
});

describe('if-unchanged', () => {
  it('skip: a re-run with the values the template holds sends nothing and ends unchanged (exit 0, a notice)', async () => {
    expectSucceeded(await deploy({ 'if-unchanged': 'skip' }));
    const again = await deploy({ 'if-unchanged': 'skip' });
    expect(again.code).toBe(0);
    expect(again.outputs.status).toBe('unchanged');
    expect(again.outputs.changed).toBe('[]');
    expect(again.annotations).toContainEqual(expect.objectContaining({ level: 'notice', title: 'Nothing to deploy' }));
    expect(h.sae.calls('UpdateJob')).toHaveLength(1);
    expect(again.summary).toContain('already up to date');
  });

  it("skip after a timed-out first attempt: waits for that attempt's order, then finds nothing to send", async () => {
    h.sae.setOrderPlan([{ status: 1, forMs: 2500 }, { status: 2 }]);
    const first = await deploy({ 'wait-timeout': '1' });
    expect(first.outputs.status).toBe('timed-out');
    const again = await deploy({ 'if-unchanged': 'skip' });
    expect(again.code).toBe(0);
    expect(again.outputs.status).toBe('unchanged');
    expect(again.stdout).toContain('Another change order is running');
    expect(h.sae.calls('UpdateJob')).toHaveLength(1);
    expect(ordersCreated()).toHaveLength(1);
  });

  it('deploy (the default) sends UpdateJob although nothing changes', async () => {
    expectSucceeded(await deploy());
    expectSucceeded(await deploy());
    expect(ordersCreated()).toHaveLength(2);
  });

  it('skip waits for a running order, and deploys when that order changed the template', async () => {
    expectSucceeded(await deploy());
    h.sae.startOrder(APP, [{ status: 1, forMs: 800 }, { status: 2 }], { ImageUrl: OTHER });
    const run = await deploy({ 'if-unchanged': 'skip' });
    expectSucceeded(run);
    expect(run.stdout).toContain(`ImageUrl: ${OTHER} → ${IMAGE}`);
    expect(ordersCreated()).toHaveLength(2);
    expect(h.sae.template(APP).ImageUrl).toBe(IMAGE);
  });

  it('skip after waiting: an order that changed other settings leaves nothing to send', async () => {
    expectSucceeded(await deploy());
    h.sae.startOrder(APP, [{ status: 1, forMs: 800 }, { status: 2 }], { Replicas: '9' });
    const run = await deploy({ 'if-unchanged': 'skip' });
    expect(run.outputs.status).toBe('unchanged');
    expect(ordersCreated()).toHaveLength(1);
  });

  it('skip deploys when a parameter cannot be read back (enable-image-accl is not in DescribeJob)', async () => {
    expectSucceeded(await deploy({ 'enable-image-accl': 'true' }));
    const run = await deploy({ 'if-unchanged': 'skip', 'enable-image-accl': 'true' });
    expectSucceeded(run);
    expect(JSON.parse(run.outputs.changed!)).toEqual([]); // unknown is not changed
    expect(run.stdout).toContain('EnableImageAccl: (not returned by DescribeJob) → true (cannot be compared');
    expect(run.stdout).toContain('enable-image-accl cannot be read back, so the action deploys');
  });
});

describe('proof after an order the run is not sure of', () => {
  it("answer lost while someone else deploys other settings: that order is not reported as this run's; UpdateJob goes again", async () => {
    h.sae.script({ api: 'UpdateJob', html: 502, andStart: { plan: FAST, settings: { ImageUrl: OTHER } } });
    const run = await deploy({ 'max-retries': '0' });
    expectSucceeded(run);
    const mine = ordersCreated();
    expect(mine).toHaveLength(1);
    expect(run.outputs['change-order-id']).toBe(mine[0]!.changeOrderId);
    expect(h.sae.template(APP).ImageUrl).toBe(IMAGE);
    expect(warnings(run)).toContainEqual(expect.objectContaining({ title: "Another deploy's order" }));
  });

  it("the same again after the resend: fails as not this run's, naming no order as its own", async () => {
    for (let i = 0; i < 2; i++)
      h.sae.script({ api: 'UpdateJob', html: 502, andStart: { plan: FAST, settings: { ImageUrl: OTHER } } });
    const run = await deploy({ 'max-retries': '0' });
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('Deploy.NotThisRunsOrder');
    expect(run.outputs['change-order-id']).toBe('');
    expect(h.sae.calls('UpdateJob')).toHaveLength(2);
    expect(ordersCreated()).toEqual([]);
  });

  it("the lost answer's order was this run's: proven by the template, no second UpdateJob", async () => {
    h.sae.script({ api: 'UpdateJob', acceptThenReset: true });
    const run = await deploy();
    expectSucceeded(run);
    expect(h.sae.calls('UpdateJob')).toHaveLength(1);
    expect(run.stdout).toContain('Verified: the template holds every value sent');
  });

  it("after waiting for someone else's order, success is proven the same way", async () => {
    h.sae.startOrder(APP, [{ status: 1, forMs: 800 }, { status: 2 }], { ImageUrl: OTHER });
    const run = await deploy();
    expectSucceeded(run);
    expect(h.sae.template(APP).ImageUrl).toBe(IMAGE);
    expect(run.stdout).toContain('Verified: the template holds every value sent');
  });
});

describe('when the template cannot be read after the order', () => {
  // The first DescribeJob (the plan) goes through; every later one is refused.
  const refuseLaterReads = () => {
    h.sae.script({ api: 'DescribeJob', delayMs: 0 });
    h.sae.script({ api: 'DescribeJob', times: 10, error: { status: 403, code: 'Forbidden.RAM' } });
  };

  it('an order the run is not sure of is not reported as a success: Deploy.Unproven', async () => {
    refuseLaterReads();
    h.sae.script({ api: 'UpdateJob', acceptThenReset: true });
    const run = await deploy();
    expect(run.code).toBe(1);
    expect(run.outputs.status).toBe('failed');
    expect(run.outputs['error-code']).toBe('Deploy.Unproven');
    expect(h.sae.calls('UpdateJob')).toHaveLength(1); // no blind second deploy
  });

  it('an order the run is sure of still succeeds, with a warning that it was not verified', async () => {
    refuseLaterReads();
    const run = await deploy();
    expectSucceeded(run);
    expect(warnings(run)).toContainEqual(expect.objectContaining({ title: 'Not verified' }));
  });
});

describe('verification after every success', () => {
  it('a parameter SAE did not take is a warning that names the input; the step still succeeds', async () => {
    h.sae.ignoreParameters(['Timezone']);
    const run = await deploy({ timezone: 'Europe/Berlin' });
    expectSucceeded(run);
    const w = warnings(run).find((a) => a.title === 'Not taken: timezone');
    expect(w?.message).toContain('SAE did not take timezone');
    expect(w?.message).toContain('Europe/Berlin');
    expect(h.sae.calls('DescribeJob')).toHaveLength(2); // the plan, and one read after the order
  });

  it('no warning when SAE took everything', async () => {
    const run = await deploy({ timezone: 'Europe/Berlin' });
    expectSucceeded(run);
    expect(warnings(run)).toEqual([]);
  });
});
