// on-failure: rollback in-process against the emulator, on a virtual clock: every trigger puts back exactly what
// the template held before the step (the emulator's own template, and a DescribeJob read after the rollback's
// order), a template someone else changed in between is never touched, and without the input nothing changes.
// The runner's side (a child process, SIGTERM) is in rollback-bundle.test.ts; seeded templates in rollback-mix.test.ts.
import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID as APP, type Emulator, type OrderStep } from '../emulator/index.js';
import { emulatorInputs, FAST, useEmulator, visibleLog, type ActionRun } from '../helpers/action.js';

const OLD = 'registry.cn-hangzhou.aliyuncs.com/ns/job:old';
const NEW = 'registry.cn-hangzhou.aliyuncs.com/ns/job:new';
const OTHER = 'registry.cn-hangzhou.aliyuncs.com/ns/job:someone-else';
const BEFORE = { ImageUrl: OLD, Replicas: '1', Timezone: 'Asia/Shanghai', Timeout: '3600' };
const ends = (status: number): OrderStep[] => [{ status: 1, forMs: 400 }, { status }];

const h = useEmulator({ plan: FAST, apps: [{ appId: APP, packageType: 'Image', settings: BEFORE }] });

const deploy = (extra: Record<string, string> = {}) =>
  h.run({
    inputs: emulatorInputs(h.sae.url, { 'app-id': APP, 'image-url': NEW, replicas: '3', ...extra }),
    env: { GITHUB_REPOSITORY: 'acme/jobs', GITHUB_RUN_ID: '1', GITHUB_RUN_ATTEMPT: '1' },
  });

const titled = (run: ActionRun, title: string) => run.annotations.filter((a) => a.title === title);
const updates = () => h.sae.calls('UpdateJob').filter((c) => c.status === 200);
const ownOrders = () => [...h.sae.changeOrders.values()].filter((o) => o.source === 'UpdateJob');

/** What sets a rollback off (point 1 of issue 24), each with the status the deploy keeps. */
interface Trigger {
  name: string;
  inputs?: Record<string, string>;
  setup(sae: Emulator): void;
  status: string;
  /** The failure is the job run's: the deploy's order succeeded and applied its values. */
  jobRun?: string;
}

const TRIGGERS: Trigger[] = [
  { name: 'a failed change order (3)', setup: (s) => s.queueOrderPlans([ends(3)]), status: 'failed' },
  { name: 'a terminated change order (6)', setup: (s) => s.queueOrderPlans([ends(6)]), status: 'failed' },
  { name: 'a system error (10)', setup: (s) => s.queueOrderPlans([ends(10)]), status: 'failed' },
  {
    name: 'an order this step aborted after wait-timeout',
    inputs: { 'wait-timeout': '3', 'on-timeout': 'abort' },
    setup: (s) => s.queueOrderPlans([[{ status: 1 }]]),
    status: 'aborted',
  },
  {
    name: 'a failed job run after the deploy',
    inputs: { 'run-after-deploy': 'true' },
    setup: (s) =>
      s.setJobPlan([
        { state: '3', active: 1, forMs: 500 },
        { state: '2', failed: 1 },
      ]),
    status: 'succeeded',
    jobRun: 'failed',
  },
  {
    name: 'a job run that outlasts run-timeout',
    inputs: { 'run-after-deploy': 'true', 'run-timeout': '3' },
    setup: (s) => s.setJobPlan([{ state: '3', active: 1 }]),
    status: 'succeeded',
    jobRun: 'timed-out',
  },
];

describe('on-failure: rollback puts back what the template held before the step', () => {
  const cases = TRIGGERS.flatMap((t) =>
    t.jobRun ? [[t, true] as const] : [[t, true] as const, [t, false] as const],
  ).map(
    ([t, applied]) =>
      [
        `${t.name}${t.jobRun ? '' : applied ? ', its values applied' : ', its values not applied'}`,
        t,
        applied,
      ] as const,
  );

  it.each(cases)('after %s', async (_name, t, applied) => {
    h.sae.failedOrdersApply(applied);
    t.setup(h.sae);
    const run = await deploy({ 'on-failure': 'rollback', ...t.inputs });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.outputs.status).toBe(t.status);
    if (t.jobRun) expect(run.outputs['job-status']).toBe(t.jobRun);
    // The template holds exactly what it held before, and the action says so only after reading it back.
    expect(h.sae.template(APP)).toEqual(BEFORE);
    expect(run.outputs['rolled-back']).toBe('true');
    const [deployed, rollback, ...more] = ownOrders();
    expect(more).toEqual([]);
    if (!rollback) {
      // The failed order changed nothing: nothing is sent, and the read says so.
      expect(t.jobRun).toBeUndefined();
      expect(applied).toBe(false);
      expect(titled(run, 'Nothing to roll back')).toHaveLength(1);
      const read = h.sae.calls('DescribeJob').at(-1)!;
      expect(read.at).toBeGreaterThan(h.sae.calls('DescribeChangeOrder').at(-1)!.at - 1);
      return;
    }
    expect(applied || t.jobRun).toBeTruthy();
    // Only what this step sent, back to its earlier values; proven by a DescribeJob after the order ended.
    const sent = updates().at(-1)!;
    expect(sent.query).toEqual({ AppId: APP, ImageUrl: OLD, Replicas: '1' });
    const proof = h.sae.calls('DescribeJob').at(-1)!;
    expect(proof.at).toBeGreaterThanOrEqual(rollback.createdAt + 400);
    const [notice] = titled(run, 'Rolled back');
    expect(notice!.message).toContain(`ImageUrl ${OLD}, Replicas 1`);
    expect(notice!.message).toContain(rollback.changeOrderId);
    // The summary's headline: the deploy failed and the template was put back, with both orders' links.
    const head = run.summary.split('\n').slice(0, 3).join('\n');
    expect(head).toMatch(/^## ↩️ SAE job (template deploy|run) failed.*rolled back/);
    expect(head).toContain(`[${deployed!.changeOrderId}](<https://`);
    expect(head).toContain(`[${rollback.changeOrderId}](<https://`);
    expect(run.summary).toContain('### Rollback');
    expect(run.summary).toMatch(/\| ImageUrl \| `registry\.cn-hangzhou\.aliyuncs\.com\/ns\/job:old` \|/);
  });

  it.each(TRIGGERS.map((t) => [t.name, t] as const))(
    'without on-failure, nothing changes from today: %s',
    async (_n, t) => {
      h.sae.failedOrdersApply(true);
      t.setup(h.sae);
      const run = await deploy(t.inputs);
      expect(run.code).toBe(1);
      expect(run.outputs.status).toBe(t.status);
      expect(run.outputs['rolled-back']).toBe('false');
      expect(ownOrders()).toHaveLength(1);
      expect(h.sae.template(APP)).toMatchObject({ ImageUrl: NEW, Replicas: '3' });
      expect(run.summary).not.toContain('Rollback');
      expect(visibleLog(run)).not.toMatch(/rollback|rolled back/i);
    },
  );
});

describe('what sets no rollback off', () => {
  it('an order left running (on-timeout: fail) is not rolled back, and the step says why', async () => {
    h.sae.queueOrderPlans([[{ status: 1 }]]);
    const run = await deploy({ 'on-failure': 'rollback', 'wait-timeout': '3' });
    expect(run.outputs.status).toBe('timed-out');
    expect(run.outputs['rolled-back']).toBe('false');
    expect(ownOrders()).toHaveLength(1);
    const [notice] = titled(run, 'No rollback');
    expect(notice!.level).toBe('notice');
    expect(notice!.message).toMatch(/may still succeed.*on-timeout: abort/);
  });

  it('a dry run, bad input and a successful deploy send nothing more, and say rolled-back: false', async () => {
    const dry = await deploy({ 'on-failure': 'rollback', 'dry-run': 'true' });
    const bad = await deploy({ 'on-failure': 'rollback', replicas: 'three' });
    const good = await deploy({ 'on-failure': 'rollback' });
    expect([dry.code, bad.code, good.code]).toEqual([0, 1, 0]);
    for (const run of [dry, bad, good]) expect(run.outputs['rolled-back']).toBe('false');
    expect(ownOrders()).toHaveLength(1);
    expect(h.sae.template(APP)).toMatchObject({ ImageUrl: NEW, Replicas: '3' });
  });

  it('on-failure takes keep or rollback, and says that wait: false never rolls back', async () => {
    const wrong = await deploy({ 'on-failure': 'undo' });
    expect(wrong.annotations.find((a) => a.level === 'error')!.message).toContain('Use one of: keep, rollback');
    expect(h.sae.requests).toEqual([]);
    const nowait = await deploy({ 'on-failure': 'rollback', wait: 'false' });
    expect(titled(nowait, 'Input on-failure')[0]!.message).toContain('with wait: false');
  });
});

describe('only what this step changed, only if nobody else has', () => {
  it('someone else deployed between this step and its rollback: nothing is touched, and the warning says what was found', async () => {
    h.sae.failedOrdersApply(true);
    h.sae.queueOrderPlans([ends(3)]);
    // The other deploy starts the moment this step's order ends and is still running when the rollback looks.
    h.sae.afterNextOrder({ plan: [{ status: 1, forMs: 5000 }, { status: 2 }], settings: { ImageUrl: OTHER } });
    const run = await deploy({ 'on-failure': 'rollback' });
    expect(run.outputs.status).toBe('failed');
    expect(run.outputs['rolled-back']).toBe('false');
    expect(ownOrders()).toHaveLength(1);
    expect(h.sae.template(APP)).toMatchObject({ ImageUrl: OTHER, Replicas: '3' });
    // It waited for that order (as if-busy: wait does) before deciding.
    const other = [...h.sae.changeOrders.values()].find((o) => o.source === 'external')!;
    expect(h.sae.calls('DescribeChangeOrder').some((c) => c.query.ChangeOrderId === other.changeOrderId)).toBe(true);
    const [w] = titled(run, 'Rollback.Skipped');
    expect(w!.level).toBe('warning');
    expect(w!.message).toContain(`ImageUrl holds ${OTHER} (this step sent ${NEW}; before it held ${OLD})`);
    expect(w!.message).toMatch(/Someone else has deployed it/);
    expect(run.summary).toMatch(/\*\*Not rolled back\*\* \(Rollback\.Skipped\)/);
  });

  it("someone else changed only what this step did not send: this step's values are put back, theirs stay", async () => {
    h.sae.failedOrdersApply(true);
    h.sae.queueOrderPlans([ends(3)]);
    h.sae.afterNextOrder({ plan: [{ status: 2 }], settings: { Timeout: '60' } });
    const run = await deploy({ 'on-failure': 'rollback' });
    expect(run.outputs['rolled-back']).toBe('true');
    expect(h.sae.template(APP)).toEqual({ ...BEFORE, Timeout: '60' });
  });

  it('a parameter that already held its value is left out of the rollback', async () => {
    h.sae.failedOrdersApply(true);
    h.sae.queueOrderPlans([ends(3)]);
    const run = await deploy({ 'on-failure': 'rollback', timezone: 'Asia/Shanghai', timeout: '7200' });
    expect(run.outputs['rolled-back']).toBe('true');
    expect(updates().at(-1)!.query).toEqual({ AppId: APP, ImageUrl: OLD, Replicas: '1', Timeout: '3600' });
    expect(h.sae.template(APP)).toEqual(BEFORE);
  });

  it('a setting unset before is cleared where SAE has a clear, and named where it has none', async () => {
    h.sae.failedOrdersApply(true);
    h.sae.queueOrderPlans([ends(3)]);
    const run = await deploy({
      'on-failure': 'rollback',
      'sls-configs': '[{"logDir":"","logType":"stdout"}]',
      command: 'sh',
      'enable-image-accl': 'true',
    });
    expect(run.outputs['rolled-back']).toBe('true');
    expect(updates().at(-1)!.query).toEqual({ AppId: APP, ImageUrl: OLD, Replicas: '1', SlsConfigs: '' });
    const t = h.sae.template(APP);
    expect(t).not.toHaveProperty('SlsConfigs');
    expect(t.Command).toBe('sh');
    const [w] = run.annotations.filter((a) => a.title?.startsWith('Not rolled back'));
    expect(w!.title).toBe('Not rolled back: command, enable-image-accl');
    expect(w!.message).toMatch(/command \(its earlier value cannot be sent back \(it was not set before/);
    expect(w!.message).toMatch(/enable-image-accl \(DescribeJob does not return it/);
    expect(run.summary).toContain('Not put back:');
  });

  it("with envs-strategy: merge, the Envs put back are the template's own, not the merged ones sent", async () => {
    const envs = '[{"name":"A","value":"1.10"}]';
    h.sae.apps.get(APP)!.settings = { ...BEFORE, Envs: envs };
    h.sae.failedOrdersApply(true);
    h.sae.queueOrderPlans([ends(3)]);
    const run = await deploy({ 'on-failure': 'rollback', 'envs-strategy': 'merge', envs: 'B: two' });
    expect(JSON.parse(updates()[0]!.query.Envs!)).toEqual([
      { name: 'A', value: '1.10' },
      { name: 'B', value: 'two' },
    ]);
    expect(run.outputs['rolled-back']).toBe('true');
    expect(JSON.parse(h.sae.template(APP).Envs!)).toEqual(JSON.parse(envs));
  });

  it('OssAkSecret is put back from what DescribeJob returned, and neither secret is ever shown', async () => {
    const TEMPLATE_SECRET = 'TplOssSecretRollback0001';
    const RUN_SECRET = 'RunOssSecretRollback0002';
    const mount = '[{"bucketName":"b","bucketPath":"/","mountPath":"/oss","readOnly":true}]';
    h.sae.apps.get(APP)!.settings = {
      ...BEFORE,
      OssAkId: 'LTAI5tOss',
      OssAkSecret: TEMPLATE_SECRET,
      OssMountDescs: mount,
    };
    h.sae.failedOrdersApply(true);
    h.sae.queueOrderPlans([ends(3)]);
    const run = await deploy({ 'on-failure': 'rollback', 'oss-ak-id': 'LTAI5tOss', 'oss-ak-secret': RUN_SECRET });
    expect(run.outputs['rolled-back']).toBe('true');
    expect(updates().at(-1)!.body).toEqual({ OssAkSecret: TEMPLATE_SECRET });
    expect(h.sae.template(APP).OssAkSecret).toBe(TEMPLATE_SECRET);
    const seen = [visibleLog(run), JSON.stringify(run.outputs), run.summary].join('\n');
    for (const s of [TEMPLATE_SECRET, RUN_SECRET]) expect(seen).not.toContain(s);
    expect(run.summary).toMatch(/\| OssAkSecret \| `\*\*\*` \|/);
  });

  it('another order ran between the read and UpdateJob (if-busy: wait): the values read may be stale, so nothing is put back', async () => {
    h.sae.failedOrdersApply(true);
    h.sae.startOrder(APP, [{ status: 1, forMs: 2000 }, { status: 2 }], { Timeout: '99' });
    h.sae.queueOrderPlans([ends(3)]);
    const run = await deploy({ 'on-failure': 'rollback' });
    expect(run.outputs['rolled-back']).toBe('false');
    expect(ownOrders()).toHaveLength(1);
    expect(titled(run, 'Rollback.Skipped')[0]!.message).toMatch(/another change order ran on the template between/);
  });

  it('a template that cannot be read before UpdateJob: nothing is sent, rather than deploy without the way back', async () => {
    // A gateway's 503 pages that outlast the retries (a RAM refusal stops every deploy there: authoritative.test.ts).
    h.sae.script({ api: 'DescribeJob', html: 503, times: 10 });
    const run = await deploy({ 'on-failure': 'rollback' });
    expect(run.code).toBe(1);
    expect(run.outputs['error-code']).toBe('Rollback.TemplateNotRead');
    expect(titled(run, 'Rollback.TemplateNotRead')[0]!.message).toMatch(/DescribeJob: .*sent nothing/);
    expect(run.outputs['rolled-back']).toBe('false');
    expect(h.sae.calls('UpdateJob')).toEqual([]);
    // Without on-failure: rollback the same failure to read only warns, and the deploy goes on.
    h.sae.reset();
    h.sae.script({ api: 'DescribeJob', html: 503, times: 10 });
    await deploy({});
    expect(h.sae.calls('UpdateJob')).toHaveLength(1);
  });
});

describe('the rollback is sent and proven like a deploy', () => {
  it("a lost answer on the rollback's UpdateJob: its order is found, not sent twice, and proven", async () => {
    h.sae.failedOrdersApply(true);
    h.sae.queueOrderPlans([ends(3)]);
    h.sae.script({ api: 'UpdateJob', skip: 1, acceptThenReset: true });
    const run = await deploy({ 'on-failure': 'rollback', 'request-timeout': '2' });
    expect(visibleLog(run)).toMatch(/UpdateJob's answer was lost, but SAE created change order/);
    expect(ownOrders()).toHaveLength(2);
    expect(h.sae.template(APP)).toEqual(BEFORE);
    expect(run.outputs['rolled-back']).toBe('true');
  });

  it('a rollback whose order fails is its own error, saying what the template holds now', async () => {
    h.sae.failedOrdersApply(false);
    h.sae.queueOrderPlans([FAST, ends(3)]);
    h.sae.setJobPlan([{ state: '2', failed: 1 }]);
    const run = await deploy({ 'on-failure': 'rollback', 'run-after-deploy': 'true' });
    expect(run.code).toBe(1);
    expect(run.outputs['rolled-back']).toBe('false');
    const [e] = titled(run, 'Rollback.Failed');
    expect(e!.level).toBe('error');
    expect(e!.message).toMatch(/rollback's change order \S+ ended failed/);
    expect(e!.message).toContain(`The template now holds: ImageUrl ${NEW} (before this step: ${OLD})`);
    expect(run.summary).toMatch(/\*\*The rollback failed\*\*/);
  });

  it('a cancel after the failure was seen stops the rollback before it sends anything, and says so', async () => {
    h.sae.failedOrdersApply(true);
    h.sae.queueOrderPlans([ends(3)]);
    const cancel = new AbortController();
    const run = await h.run({
      inputs: emulatorInputs(h.sae.url, { 'app-id': APP, 'image-url': NEW, 'on-failure': 'rollback' }),
      signal: cancel.signal,
      onLog: (line) => void (line.includes('title=ChangeOrder.Failed') && cancel.abort()),
    });
    expect(run.outputs['rolled-back']).toBe('false');
    expect(ownOrders()).toHaveLength(1);
    expect(titled(run, 'Rollback.Cancelled')[0]!.message).toContain('before the rollback sent anything');
  });

  it('a template someone keeps busy is waited for within the rollback’s own bound (at least 5 minutes)', async () => {
    h.sae.failedOrdersApply(true);
    h.sae.queueOrderPlans([ends(3)]);
    // Someone else's order that changes nothing this step sent, running for 4 minutes: past wait-timeout.
    h.sae.afterNextOrder({ plan: [{ status: 1, forMs: 240_000 }, { status: 3 }] });
    const run = await deploy({ 'on-failure': 'rollback', 'wait-timeout': '60' });
    expect(run.outputs['rolled-back']).toBe('true');
    expect(h.sae.template(APP)).toEqual(BEFORE);
    expect(run.durationMs).toBeGreaterThan(240_000);
    expect(visibleLog(run)).toMatch(/Rollback: the change order failed \(on-failure: rollback; at most 5 min\)/);
  });
});
