// Change orders: plan progression, busy template, abort, batch confirmation, failure details, listing.
import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID, startEmulator } from '../emulator/index.js';
import { emulatorFile, getApi, popClient, rejection, updateJob, waitForStatus } from './helpers.js';

const { emu, c, advance, now } = emulatorFile({}, { manualClock: true });

const IMAGE = 'registry.cn-hangzhou.aliyuncs.com/demo/job:2.0.0';
const submit = async (): Promise<string> =>
  (await updateJob(c, { AppId: DEFAULT_APP_ID, ImageUrl: IMAGE })).Data!.ChangeOrderId!;
const describe_ = async (id: string) => (await getApi(c, 'DescribeChangeOrder', { ChangeOrderId: id })).Data!;

describe('change orders', () => {
  it('move through the plan over time, then stay final', async () => {
    emu.setOrderPlan([{ status: 0, forMs: 40 }, { status: 1, forMs: 40 }, { status: 2 }]);
    const id = await submit();
    const first = await describe_(id);
    expect(first).toMatchObject({ ChangeOrderId: id, AppId: DEFAULT_APP_ID, Status: 0, SubStatus: 0, BatchCount: 1 });
    expect(first['CreateTime']).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    advance(40);
    expect((await waitForStatus(c, id, (s) => s !== 0))['Status']).toBe(1);
    advance(40);
    const done = await waitForStatus(c, id, (s) => s === 2);
    expect(done['Status']).toBe(2);
    expect(done['Pipelines']).toMatchObject([{ PipelineId: done['CurrentPipelineId'], Status: 2 }]);
  });

  it('keep the template busy until they end; abort ends a running one', async () => {
    emu.setOrderPlan([{ status: 1 }]); // stuck
    const id = await submit();
    const busy = await rejection(submit());
    expect([busy.statusCode, busy.code]).toEqual([400, 'Application.ChangerOrderRunning']);

    const aborted = await c.put('/pop/v1/sam/changeorder/AbortChangeOrder', { ChangeOrderId: id }, '');
    expect(aborted).toMatchObject({ Success: true, Data: { ChangeOrderId: id } });
    expect(await describe_(id)).toMatchObject({ Status: 6 });
    const again = await rejection(c.put('/pop/v1/sam/changeorder/AbortChangeOrder', { ChangeOrderId: id }, ''));
    expect(again.statusCode).toBe(400);

    emu.setOrderPlan([{ status: 2 }]);
    await expect(submit()).resolves.toMatch(/-/);
  });

  it('an order someone else started makes UpdateJob busy and shows in ListChangeOrders', async () => {
    const theirs = emu.startOrder(DEFAULT_APP_ID, [{ status: 1, forMs: 60 }, { status: 2 }]);
    expect((await rejection(submit())).code).toBe('Application.ChangerOrderRunning');
    const running = await getApi(c, 'ListChangeOrders', { AppId: DEFAULT_APP_ID, CoStatus: '1' });
    expect(running.Data).toMatchObject({ TotalSize: 1, ChangeOrderList: [{ ChangeOrderId: theirs, Status: 1 }] });

    advance(80);
    emu.setOrderPlan([{ status: 2 }]);
    const mine = await submit();
    const list = await getApi(c, 'ListChangeOrders', { AppId: DEFAULT_APP_ID, PageSize: '5' });
    expect((list.Data!['ChangeOrderList'] as { ChangeOrderId: string }[]).map((o) => o.ChangeOrderId)).toEqual([
      mine,
      theirs,
    ]);
    const one = await getApi(c, 'ListChangeOrders', { AppId: DEFAULT_APP_ID, PageSize: '1' });
    expect(one.Data).toMatchObject({ TotalSize: 2, PageSize: 1, ChangeOrderList: [{ ChangeOrderId: mine }] });
  });

  it('wait at status 8 until the batch is confirmed', async () => {
    emu.setOrderPlan([{ status: 1, forMs: 20 }, { status: 8 }, { status: 1, forMs: 20 }, { status: 2 }]);
    const id = await submit();
    expect(await describe_(id)).toMatchObject({ Status: 1 });
    advance(20);
    const waiting = await waitForStatus(c, id, (s) => s === 8);
    expect(waiting).toMatchObject({ Status: 8, BatchCount: 2, BatchType: 'manual' });
    const pipelineId = waiting['CurrentPipelineId'] as string;
    expect(waiting['Pipelines']).toMatchObject([{ Status: 2 }, { PipelineId: pipelineId, Status: 8 }]);
    expect((await getApi(c, 'DescribePipeline', { PipelineId: pipelineId })).Data).toMatchObject({
      ShowBatch: true,
      PipelineStatus: 8,
    });
    advance(60_000);
    expect(await describe_(id)).toMatchObject({ Status: 8 }); // no time limit on a manual confirmation

    await getApi(c, 'ConfirmPipelineBatch', { PipelineId: pipelineId, Confirm: 'true' });
    expect(await describe_(id)).toMatchObject({ Status: 1 });
    advance(20);
    expect((await waitForStatus(c, id, (s) => s === 2))['Status']).toBe(2);
    expect(
      (await rejection(getApi(c, 'ConfirmPipelineBatch', { PipelineId: pipelineId, Confirm: 'true' }))).statusCode,
    ).toBe(400);
  });

  it('terminate when the batch is refused', async () => {
    emu.setOrderPlan([{ status: 8 }, { status: 2 }]);
    const id = await submit();
    const pipelineId = (await describe_(id))['CurrentPipelineId'] as string;
    await getApi(c, 'ConfirmPipelineBatch', { PipelineId: pipelineId, Confirm: 'false' });
    expect(await describe_(id)).toMatchObject({ Status: 6 });
  });

  it('report a failed task through DescribePipeline', async () => {
    const failedTask = { stage: 'Deploy', task: 'Pull image', code: 'ImagePullBackOff', message: 'pull access denied' };
    emu.setOrderPlan([
      { status: 1, forMs: 20 },
      { status: 3, errorMessage: 'Deployment failed', failedTask },
    ]);
    const id = await submit();
    advance(20);
    const failed = await waitForStatus(c, id, (s) => s === 3);
    expect(failed).toMatchObject({ Status: 3, ErrorMessage: 'Deployment failed' });
    const pipeline = (await getApi(c, 'DescribePipeline', { PipelineId: failed['CurrentPipelineId'] as string })).Data!;
    expect(pipeline['PipelineStatus']).toBe(3);
    const stages = pipeline['StageList'] as {
      StageName: string;
      Status: number;
      TaskList: { TaskName: string; Status: number; ErrorCode: string; ErrorMessage: string }[];
    }[];
    const stage = stages.find((s) => s.StageName === 'Deploy')!;
    expect(stage.Status).toBe(3);
    expect(stage.TaskList).toMatchObject([
      { TaskName: 'Pull image', Status: 3, ErrorCode: 'ImagePullBackOff', ErrorMessage: 'pull access denied' },
    ]);
    expect(stages[0]!.Status).toBe(2);
  });

  it('report SubStatus and unknown ids', async () => {
    emu.setOrderPlan([{ status: 1, subStatus: 1 }]);
    const id = await submit();
    expect(await describe_(id)).toMatchObject({ Status: 1, SubStatus: 1 });
    expect((await rejection(describe_('nope'))).code).toBe('InvalidChangeOrder.NotFound');
    expect((await rejection(getApi(c, 'DescribeChangeOrder', {}))).code).toBe('InvalidParameter.NotEmpty');
  });
});

// For on-failure: rollback (issue 24): what a failed order leaves, orders with plans of their own, another
// deploy between an order and the next, and a fault that lets the first calls through.
describe('scenarios for rollbacks', () => {
  const template = async () => (await getApi(c, 'DescribeJob', { AppId: DEFAULT_APP_ID })).Data!;
  const OLD = 'registry.cn-hangzhou.aliyuncs.com/sae_test/ali_sae_test:0.0.1';

  it.each([3, 6, 10])('a failed order (%i) leaves the template as it was, unless failedOrdersApply', async (status) => {
    for (const apply of [false, true]) {
      emu.reset();
      emu.failedOrdersApply(apply);
      emu.setOrderPlan([{ status: 1, forMs: 20 }, { status }]);
      const id = await submit();
      expect((await template())['ImageUrl']).toBe(OLD); // not while it runs
      advance(20);
      await waitForStatus(c, id, (s) => s === status);
      expect((await template())['ImageUrl']).toBe(apply ? IMAGE : OLD);
    }
  });

  it('failedOrdersApply holds for an aborted order too, and is undone by reset', async () => {
    const emu2 = await startEmulator({ now, failedOrdersApply: true, orderPlan: [{ status: 1 }] });
    try {
      const c2 = popClient(emu2.url);
      const id = (await updateJob(c2, { AppId: DEFAULT_APP_ID, ImageUrl: IMAGE })).Data!.ChangeOrderId!;
      await c2.put('/pop/v1/sam/changeorder/AbortChangeOrder', { ChangeOrderId: id }, '');
      expect(emu2.template(DEFAULT_APP_ID).ImageUrl).toBe(IMAGE);
      emu2.failedOrdersApply(false);
      emu2.reset();
      expect(emu2.template(DEFAULT_APP_ID).ImageUrl).toBe(OLD);
    } finally {
      await emu2.close();
    }
  });

  it('queued plans go to the next orders, one each, then the order plan again; each order keeps what it changed from', async () => {
    emu.setOrderPlan([{ status: 2 }]);
    emu.queueOrderPlans([[{ status: 3 }], [{ status: 10 }]]);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await describe_(await submit()))['Status'] as number);
    expect(statuses).toEqual([3, 10, 2]);
    const orders = [...emu.changeOrders.values()];
    expect(orders.map((o) => o.templateBefore?.ImageUrl)).toEqual([OLD, OLD, OLD]);
    expect((await template())['ImageUrl']).toBe(IMAGE);
  });

  it("afterNextOrder: someone else's order starts the moment the next order ends, and applies its settings", async () => {
    emu.setOrderPlan([{ status: 1, forMs: 30 }, { status: 3 }]);
    emu.afterNextOrder({ plan: [{ status: 1, forMs: 50 }, { status: 2 }], settings: { Replicas: '9' } });
    const mine = await submit();
    advance(40); // mine ended 10 ms ago: theirs started then
    const list = await getApi(c, 'ListChangeOrders', { AppId: DEFAULT_APP_ID });
    const [theirs, first] = list.Data!['ChangeOrderList'] as { ChangeOrderId: string; Status: number }[];
    expect(first).toMatchObject({ ChangeOrderId: mine, Status: 3 });
    expect(theirs).toMatchObject({ Status: 1 });
    expect(emu.changeOrders.get(theirs!.ChangeOrderId)!.createdAt).toBe(now() - 10);
    expect((await rejection(submit())).code).toBe('Application.ChangerOrderRunning');
    advance(40);
    expect((await template())['Replicas']).toBe(9);
    // Only the next order gets a follower.
    emu.setOrderPlan([{ status: 2 }]);
    await submit();
    advance(10);
    expect([...emu.changeOrders.values()].filter((o) => o.source === 'external')).toHaveLength(1);
  });

  it('a fault with skip lets the first calls through', async () => {
    emu.setOrderPlan([{ status: 2 }]);
    emu.script({ api: 'UpdateJob', skip: 1, error: { status: 400, code: 'System.Upgrading' } });
    await submit();
    expect((await rejection(submit())).code).toBe('System.Upgrading');
    await submit();
  });

  it('the control API sets the same scenarios', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${emu.url}/__emulator/${path}`, { method: 'POST', body: JSON.stringify(body) });
    expect((await post('order-plans', [[{ status: 3 }]])).status).toBe(200);
    expect((await post('failed-orders-apply', true)).status).toBe(200);
    expect((await post('after-next-order', { plan: [{ status: 2 }], settings: { Timeout: '5' } })).status).toBe(200);
    expect((await post('failed-orders-apply', 'yes')).status).toBe(400);
    expect((await post('order-plans', [{ status: 3 }])).status).toBe(400);
    await submit();
    advance(1);
    expect(emu.template(DEFAULT_APP_ID)).toMatchObject({ ImageUrl: IMAGE, Timeout: '5' });
  });
});
