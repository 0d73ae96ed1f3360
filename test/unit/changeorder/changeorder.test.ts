// The poller's decisions, with SAE's answers scripted in memory and a virtual clock (no timers), so every
// status and every bound can be checked quickly. The HTTP path is covered end to end in test/e2e.
import { describe, expect, it } from 'vitest';
import { describeStatus, isFinal, RUNNING_STATUSES } from '../../../src/changeorder/status.js';
import { waitForChangeOrder, type Clock, type WaitEvent } from '../../../src/changeorder/wait.js';
import { defaultSchedule } from '../../../src/pace/schedule.js';
import type { ChangeOrder, SaeApi } from '../../../src/sae/client.js';
import { SaeError } from '../../../src/sae/errors.js';

function virtualClock(): Clock & { t: number } {
  const c = { t: 0, now: () => c.t, sleep: async (ms: number) => void (c.t += ms) };
  return c;
}

function order(status: number, subStatus = 0): ChangeOrder {
  return {
    changeOrderId: 'co-1',
    status,
    subStatus,
    errorMessage: '',
    currentPipelineId: 'p-1',
    pipelines: [],
    coTypeCode: 'CoDeploy',
    createTime: '',
  };
}

/** An SAE whose DescribeChangeOrder answers from a list (the last answer repeats). */
function scripted(answers: Array<ChangeOrder | SaeError>): SaeApi & { confirms: string[]; describes: number } {
  const api = {
    confirms: [] as string[],
    describes: 0,
    async describeChangeOrder() {
      const a = answers[Math.min(api.describes++, answers.length - 1)]!;
      if (a instanceof SaeError) throw a;
      return a;
    },
    async confirmPipelineBatch(id: string) {
      api.confirms.push(id);
      answers.splice(api.describes, 0, order(1));
    },
    updateJob: () => {
      throw new Error('not used');
    },
    listChangeOrders: async () => [],
    abortChangeOrder: async () => true,
    describePipeline: () => {
      throw new Error('not used');
    },
    execJob: () => {
      throw new Error('not used');
    },
    describeJobStatus: () => {
      throw new Error('not used');
    },
    describeJob: () => {
      throw new Error('not used');
    },
  };
  return api;
}

async function wait(api: SaeApi, extra: { confirmBatches?: boolean; deadline?: number } = {}) {
  const clock = virtualClock();
  const events: WaitEvent[] = [];
  const result = await waitForChangeOrder({
    api,
    changeOrderId: 'co-1',
    deadline: extra.deadline ?? 60_000,
    confirmBatches: extra.confirmBatches ?? false,
    clock,
    schedule: defaultSchedule,
    onEvent: (e) => events.push(e),
  });
  return { result, events, clock };
}

describe('change-order statuses', () => {
  it.each([
    [2, 0, 'succeeded'],
    [3, 0, 'failed'],
    [6, 0, 'failed'],
    [10, 0, 'failed'],
    [1, 1, 'failed'],
  ])('status %i/%i ends the wait as %s', async (status, sub, outcome) => {
    const { result } = await wait(scripted([order(0), order(1), order(status, sub)]));
    expect(result.outcome).toBe(outcome);
    expect(result.history.map((h) => [h.status, h.subStatus])).toEqual([
      [0, 0],
      [1, 0],
      [status, sub],
    ]);
  });

  it.each([0, 1, 8, 9, 11, 12, 4, 5, 7, 42])(
    'status %i is not final; the wait is bounded by the deadline',
    async (status) => {
      const { result, clock } = await wait(scripted([order(status)]), { deadline: 30_000 });
      expect(result.outcome).toBe('timed-out');
      expect(clock.t).toBe(30_000);
      expect(isFinal(status)).toBe(false);
    },
  );

  it('treats exactly the documented running statuses as busy', () => {
    expect(RUNNING_STATUSES).toEqual([0, 1, 8, 9, 11, 12]);
    expect(describeStatus(1, 1).outcome).toBe('failed');
  });

  it('logs a status once per change, not on every poll', async () => {
    const { events } = await wait(scripted([order(0), order(0), order(1), order(1), order(1), order(2)]));
    expect(events.filter((e) => e.type === 'status').length).toBe(3);
  });

  it('warns once about an undocumented status', async () => {
    const { events } = await wait(scripted([order(42), order(42), order(42), order(2)]));
    expect(events.filter((e) => e.type === 'unknown-status')).toEqual([{ type: 'unknown-status', status: 42 }]);
  });

  it('status 8: says so once and keeps waiting without confirm-batches', async () => {
    const api = scripted([order(8)]);
    const { result, events } = await wait(api, { deadline: 20_000 });
    expect(result.outcome).toBe('timed-out');
    expect(events.filter((e) => e.type === 'needs-confirmation').length).toBe(1);
    expect(api.confirms).toEqual([]);
  });

  it('status 8: confirms the batch with confirm-batches', async () => {
    const api = scripted([order(1), order(8), order(2)]);
    const { result, events } = await wait(api, { confirmBatches: true });
    expect(api.confirms).toEqual(['p-1']);
    expect(events.some((e) => e.type === 'confirmed')).toBe(true);
    expect(result.outcome).toBe('succeeded');
  });

  it('status 11: says "awaiting approval" once', async () => {
    const { events } = await wait(scripted([order(11), order(11), order(12), order(2)]));
    expect(events.filter((e) => e.type === 'awaiting-approval').length).toBe(1);
  });

  it('goes on after transient poll errors; a permanent one ends the wait as not seen to end, never as failed', async () => {
    const transient = new SaeError({
      api: 'DescribeChangeOrder',
      kind: 'api',
      code: 'Throttling.User',
      message: 'slow down',
      httpStatus: 400,
    });
    const ok = await wait(scripted([transient, transient, order(2)]));
    expect(ok.result.outcome).toBe('succeeded');
    const permanent = new SaeError({
      api: 'DescribeChangeOrder',
      kind: 'api',
      code: 'InvalidChangeOrder.NotFound',
      message: 'gone',
      httpStatus: 400,
    });
    const lost = await wait(scripted([order(1), permanent]));
    expect(lost.result).toMatchObject({
      outcome: 'timed-out',
      lastError: { code: 'InvalidChangeOrder.NotFound' },
      info: { label: describeStatus(1).label },
    });
  });

  it('throttled and failing polls never end the wait before the deadline, however many', async () => {
    const throttled = new SaeError({
      api: 'DescribeChangeOrder',
      kind: 'api',
      code: 'Throttling.User',
      message: 'slow down',
      httpStatus: 400,
    });
    const html = new SaeError({
      api: 'DescribeChangeOrder',
      kind: 'format',
      code: 'HTTP502',
      message: 'not JSON',
      httpStatus: 502,
    });
    const many = await wait(scripted([...Array.from({ length: 30 }, (_, i) => (i % 3 ? throttled : html)), order(2)]), {
      deadline: 3_600_000,
    });
    expect(many.result.outcome).toBe('succeeded');
    expect(many.result.throttled).toBe(20);
    const never = await wait(scripted([order(1), throttled]), { deadline: 600_000 });
    expect(never.result).toMatchObject({ outcome: 'timed-out', lastError: { code: 'Throttling.User' } });
    expect(never.clock.t).toBe(600_000);
    // Slowed down: a throttled poller asks about every 20 s, not on its base schedule (10 s: 60 polls).
    expect(never.result.polls).toBeLessThanOrEqual(36);
  });
});

describe('poll schedule', () => {
  it('without history: 1 s apart for 5 s, then half the time waited, at most 12 s apart', () => {
    expect(defaultSchedule.next(0)).toBe(1000);
    expect(defaultSchedule.next(4999)).toBe(1000);
    expect(defaultSchedule.next(8000)).toBe(4000);
    let t = 0;
    const times: number[] = [];
    while (t < 600_000) {
      t += defaultSchedule.next(t);
      times.push(t);
    }
    const delays = times.map((x, i) => x - (times[i - 1] ?? 0));
    expect(Math.max(...delays)).toBe(12_000);
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]!);
    // The costs the comment promises: a 5 s order in at most 6 calls, about a dozen for a minute.
    expect(times.findIndex((x) => x >= 5000) + 1).toBeLessThanOrEqual(6);
    expect(times.findIndex((x) => x >= 60_000) + 1).toBeLessThanOrEqual(12);
  });
});
