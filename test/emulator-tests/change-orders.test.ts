// Change orders: plan progression, busy template, abort, batch confirmation, failure details, listing.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID, startEmulator, type Emulator } from '../emulator/index.js';
import { getApi, popClient, rejection, updateJob, waitForStatus, type RoaClient } from './helpers.js';

// The emulator's plans run on a clock this file moves by hand: a step lasts exactly as long as the test
// says, however loaded the machine (signatures are still dated by the wall clock).
let now = Date.now();
const advance = (ms: number) => void (now += ms);

let emu: Emulator;
let c: RoaClient;
beforeAll(async () => {
  emu = await startEmulator({ now: () => now });
  c = popClient(emu.url);
});
afterEach(() => emu.reset());
afterAll(() => emu.close());

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
