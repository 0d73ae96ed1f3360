// How soon a poll schedule sees a change order end, measured with the action's own wait (waitForChangeOrder and
// its pacer: the first poll jittered) against an order of a given length, on a virtual clock with a round trip
// per call: the poll that sees the end, then the read-back's DescribeJob, then the exit.
import { waitForChangeOrder } from '../../src/changeorder/wait.js';
import type { Schedule } from '../../src/pace/schedule.js';
import type { ChangeOrder, SaeApi } from '../../src/sae/client.js';

export interface Detection {
  outcome: string;
  /** When each poll reached SAE, ms after the order began. */
  polls: number[];
  /** From the order's end to the exit (after the read-back). */
  delayMs: number;
}

export async function detect(
  schedule: Schedule,
  orderMs: number,
  random: () => number,
  roundTripMs = 40,
): Promise<Detection> {
  const half = roundTripMs / 2;
  // The order begins when SAE takes UpdateJob; the wait begins when its answer is back, half a round trip later.
  let t = half;
  const clock = { now: () => t, sleep: async (ms: number) => void (t += Math.max(0, ms)) };
  const polls: number[] = [];
  const api = {
    async describeChangeOrder(id: string): Promise<ChangeOrder> {
      t += half;
      polls.push(t);
      const status = t >= orderMs ? 2 : 1;
      t += half;
      return {
        changeOrderId: id,
        status,
        subStatus: 0,
        errorMessage: '',
        currentPipelineId: 'p',
        pipelines: [],
        coTypeCode: 'CoDeploy',
        createTime: '',
      };
    },
  } as unknown as SaeApi;
  const result = await waitForChangeOrder({
    api,
    changeOrderId: 'co-1',
    deadline: orderMs + 600_000,
    confirmBatches: false,
    clock,
    schedule,
    random,
    onEvent: () => {},
  });
  t += roundTripMs; // the read-back
  return { outcome: result.outcome, polls, delayMs: t - orderMs };
}

/** The most polls in any 60 s window that starts at or after `fromMs` (at a poll: the worst case). */
export function mostInAMinute(polls: readonly number[], fromMs = 0): number {
  let most = 0;
  for (const a of polls.filter((p) => p >= fromMs))
    most = Math.max(most, polls.filter((p) => p >= a && p < a + 60_000).length);
  return most;
}

/** The target for an order of this length: max(2 s, 10 %). */
export const targetMs = (orderMs: number) => Math.max(2000, orderMs / 10);

export const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
