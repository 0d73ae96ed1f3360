// Follows a change order until it ends or the deadline passes. Every status is handled (status.ts);
// the loop is bounded by the deadline whatever SAE answers.
import { adaptivePacer } from '../pace/pacer.js';
import type { Schedule } from '../pace/schedule.js';
import type { Watch } from '../pace/watch.js';
import type { Clock } from '../runner/clock.js';
import type { ChangeOrder, ChangeOrderListItem, SaeApi } from '../sae/client.js';
import { SaeError } from '../sae/errors.js';
import { isThrottled, isTransient } from '../sae/retry.js';
import { describeStatus, isFinal, isKnownStatus, type StatusInfo } from './status.js';

// The Clock lives with the runner; re-exported for the callers (and tests) that take it with the wait.
export type { Clock };

export type WaitEvent =
  | { type: 'status'; order: ChangeOrder; info: StatusInfo; elapsedMs: number }
  | { type: 'unknown-status'; status: number }
  | { type: 'needs-confirmation'; pipelineId: string }
  | { type: 'confirmed'; pipelineId: string }
  | { type: 'confirm-failed'; pipelineId: string; error: SaeError }
  | { type: 'awaiting-approval' }
  | { type: 'poll-error'; error: SaeError }
  /** Once per wait: the first throttled poll (the polls slow down from here). */
  | { type: 'throttled'; error: SaeError };

export interface WaitOptions {
  api: SaeApi;
  changeOrderId: string;
  /** Epoch ms when the wait gives up. */
  deadline: number;
  /** Call ConfirmPipelineBatch when a batch waits for manual confirmation (status 8). */
  confirmBatches: boolean;
  clock: Clock;
  schedule: Schedule;
  onEvent: (event: WaitEvent) => void;
  signal?: AbortSignal;
  /** For the pacing's jitter (tests pass a seeded one). */
  random?: () => number;
  /** The run was throttled just before the wait: polls start slowed down (see pace/pacer.ts). */
  startThrottled?: boolean;
  /**
   * The order's namespace, looked at together with the other templates' orders there (pace/watch.ts): a look at
   * every tick of the watch instead of polls on the schedule; DescribeChangeOrder only to confirm an end (or a
   * status that needs the order's details). An order the list does not show is polled on the schedule again.
   */
  watch?: Watch<ChangeOrderListItem>;
}

export interface StatusChange {
  atMs: number;
  status: number;
  subStatus: number;
  label: string;
}

export interface WaitResult {
  outcome: 'succeeded' | 'failed' | 'timed-out' | 'cancelled';
  /** The last answer seen. */
  order?: ChangeOrder;
  info?: StatusInfo;
  polls: number;
  history: StatusChange[];
  /**
   * Why the last poll(s) told nothing, when the wait ended without a final status: the last transient
   * failure before the deadline, or a permanent one that ended the wait early. The order may still succeed.
   */
  lastError?: SaeError;
  /** Polls that were throttled (always set by waitForChangeOrder). */
  throttled?: number;
}

export async function waitForChangeOrder(o: WaitOptions): Promise<WaitResult> {
  const start = o.clock.now();
  const history: StatusChange[] = [];
  const said = new Set<string>();
  const confirmed = new Set<string>();
  let polls = 0;
  let throttled = 0;
  let lastError: SaeError | undefined;
  const pacer = adaptivePacer(o.schedule, { random: o.random, startThrottled: o.startThrottled });
  let order: ChangeOrder | undefined;
  let info: StatusInfo | undefined;
  const once = (key: string, event: WaitEvent) => {
    if (!said.has(key)) {
      said.add(key);
      o.onEvent(event);
    }
  };

  // Looked at through the namespace's list (watch), until the list turns out not to show this order.
  let watch = o.watch;
  /** When to look next: the watch's next tick (or later, when failures slow the polls), else the schedule. */
  const next = (now: number) => (watch ? watch.slot(now + Math.max(1, pacer.floorMs)) - now : pacer.delay(now - start));
  // The first poll waits too (jittered): right after UpdateJob the order has hardly begun, and runs started
  // together should not all ask at the same instant.
  await o.clock.sleep(Math.min(next(start), Math.max(0, o.deadline - start)), o.signal);
  for (;;) {
    if (o.signal?.aborted) return { outcome: 'cancelled', order, info, polls, history, lastError, throttled };
    try {
      polls++;
      const listed = watch ? await lookUp(watch, o.changeOrderId, o.clock.now()) : undefined;
      // Not in the namespace's list [U], or the list refused (no permission, say): followed by itself from here.
      if (watch && !listed) watch = undefined;
      // The list's word, while the order runs on as it was; its end (or a status that needs the order's details,
      // such as a batch waiting for confirmation) is confirmed with the order itself.
      order =
        listed && !isFinal(listed.status) && isKnownStatus(listed.status) && ![8, 11].includes(listed.status)
          ? {
              ...(order ?? blankOrder(o.changeOrderId)),
              status: listed.status,
              subStatus: order?.status === listed.status ? order.subStatus : 0,
            }
          : await o.api.describeChangeOrder(o.changeOrderId);
      lastError = undefined;
      pacer.record('ok');
      info = describeStatus(order.status, order.subStatus);
      const last = history[history.length - 1];
      if (!last || last.status !== order.status || last.subStatus !== order.subStatus) {
        const elapsedMs = o.clock.now() - start;
        history.push({ atMs: elapsedMs, status: order.status, subStatus: order.subStatus, label: info.label });
        o.onEvent({ type: 'status', order, info, elapsedMs });
      }
      if (info.outcome) return { outcome: info.outcome, order, info, polls, history, throttled };
      if (!isKnownStatus(order.status))
        once(`unknown-${order.status}`, { type: 'unknown-status', status: order.status });
      if (order.status === 11) once('approval', { type: 'awaiting-approval' });
      if (order.status === 8) {
        const pipelineId = order.currentPipelineId;
        if (!o.confirmBatches) {
          once(`confirm-${pipelineId}`, { type: 'needs-confirmation', pipelineId });
        } else if (pipelineId && !confirmed.has(pipelineId)) {
          confirmed.add(pipelineId);
          try {
            await o.api.confirmPipelineBatch(pipelineId);
            o.onEvent({ type: 'confirmed', pipelineId });
            continue; // look again at once: the next batch has started
          } catch (e) {
            if (!(e instanceof SaeError)) throw e;
            if (isThrottled(e)) pacer.record('throttled', e.retryAfterMs);
            confirmed.delete(pipelineId);
            o.onEvent({ type: 'confirm-failed', pipelineId, error: e });
          }
        }
      }
    } catch (e) {
      if (!(e instanceof SaeError)) throw e;
      lastError = e;
      // A permanent answer (no permission, no such order) will not change by asking again: the wait ends
      // here, and since the order exists and may still succeed, it ends as not seen to end, never failed.
      if (!isTransient(e)) return { outcome: 'timed-out', order, info, polls, history, lastError, throttled };
      // Reads are safe to repeat: throttling and transient failures slow the polls down (pace/pacer.ts) and the
      // wait goes on until the deadline, however many there are.
      if (isThrottled(e) && throttled++ === 0) o.onEvent({ type: 'throttled', error: e });
      // Behind a budget gate (pace/budget.ts) a throttled poll has already slowed every call of the run, the
      // polls among them; slowing the polls again on top of it left runs polling 20–40 s apart at the end of
      // their orders, when it counts (test/helpers/budget-sim.ts: the worst delay at K = 20 rose by ~10 s).
      if (!(isThrottled(e) && o.api.paced)) pacer.record(isThrottled(e) ? 'throttled' : 'error', e.retryAfterMs);
      o.onEvent({ type: 'poll-error', error: e });
    }
    const now = o.clock.now();
    if (now >= o.deadline) return { outcome: 'timed-out', order, info, polls, history, lastError, throttled };
    const delay = Math.min(next(now), o.deadline - now);
    await o.clock.sleep(delay, o.signal);
  }
}

/**
 * The failed pipelines (batches) whose details are read: the first failures tell what went wrong, and an
 * order of 150 failed batches must not cost 150 calls past the deadline.
 */
export const MAX_DETAILED_PIPELINES = 3;

/**
 * The order in the namespace's list; undefined when the list does not show it or refuses for good (the order is
 * then polled by itself). A failure worth another try is the poll's, as any.
 */
async function lookUp(watch: Watch<ChangeOrderListItem>, id: string, since: number) {
  try {
    return await watch.look(id, since);
  } catch (e) {
    if (e instanceof SaeError && !isTransient(e)) return undefined;
    throw e;
  }
}

/** An order known only by its id and status (from a namespace's list), until it is described. */
function blankOrder(changeOrderId: string): ChangeOrder {
  return {
    changeOrderId,
    status: 0,
    subStatus: 0,
    errorMessage: '',
    currentPipelineId: '',
    pipelines: [],
    coTypeCode: '',
    createTime: '',
  };
}

/**
 * The failing stages and tasks of a failed order, as lines `Stage / Task: CODE message`. `read` wraps each
 * DescribePipeline (in the action: the retry policy, so a throttled read waits instead of losing the details).
 */
export async function failureDetails(
  api: SaeApi,
  order: ChangeOrder,
  read: <T>(call: () => Promise<T>) => Promise<T> = (c) => c(),
): Promise<string[]> {
  const failed = new Set(order.pipelines.filter((p) => [3, 6, 10].includes(p.status)).map((p) => p.pipelineId));
  if (failed.size === 0 && order.currentPipelineId) failed.add(order.currentPipelineId);
  const ids = [...failed].slice(0, MAX_DETAILED_PIPELINES);
  const lines: string[] = [];
  for (const id of ids) {
    try {
      const pipeline = await read(() => api.describePipeline(id));
      for (const stage of pipeline.stages) {
        for (const task of stage.tasks) {
          if ([3, 6].includes(task.status) || task.errorCode || task.errorMessage) {
            const what = [task.errorCode, task.errorMessage || task.message].filter(Boolean).join(' ');
            lines.push(`${stage.name} / ${task.name}: ${what || describeStatus(task.status).label}`);
          }
        }
      }
    } catch (e) {
      if (!(e instanceof SaeError)) throw e;
      lines.push(`(the details of pipeline ${id} could not be read: ${e.code} ${e.message})`);
    }
  }
  const more = failed.size - ids.length;
  if (more > 0) lines.push(`(${more} more failed batch${more > 1 ? 'es' : ''}: see the change order in the console)`);
  return lines;
}
