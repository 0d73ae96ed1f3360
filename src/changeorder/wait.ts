// Follows a change order until it ends or the deadline passes. Every status is handled (status.ts);
// the loop is bounded by the deadline whatever SAE answers.
import type { ChangeOrder, SaeApi } from '../sae/client.js';
import { SaeError } from '../sae/errors.js';
import { isTransient } from '../sae/retry.js';
import type { PollSchedule } from './schedule.js';
import { describeStatus, isKnownStatus, type StatusInfo } from './status.js';

export interface Clock {
  now(): number;
  /** Resolves after ms, or early when the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export type WaitEvent =
  | { type: 'status'; order: ChangeOrder; info: StatusInfo; elapsedMs: number }
  | { type: 'unknown-status'; status: number }
  | { type: 'needs-confirmation'; pipelineId: string }
  | { type: 'confirmed'; pipelineId: string }
  | { type: 'confirm-failed'; pipelineId: string; error: SaeError }
  | { type: 'awaiting-approval' }
  | { type: 'poll-error'; error: SaeError };

export interface WaitOptions {
  api: SaeApi;
  changeOrderId: string;
  /** Epoch ms when the wait gives up. */
  deadline: number;
  /** Call ConfirmPipelineBatch when a batch waits for manual confirmation (status 8). */
  confirmBatches: boolean;
  clock: Clock;
  schedule: PollSchedule;
  onEvent: (event: WaitEvent) => void;
  signal?: AbortSignal;
  /** Transient poll failures in a row after which the wait gives up with the last one (default 5). */
  maxConsecutiveErrors?: number;
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
}

export async function waitForChangeOrder(o: WaitOptions): Promise<WaitResult> {
  const start = o.clock.now();
  const history: StatusChange[] = [];
  const said = new Set<string>();
  const confirmed = new Set<string>();
  let polls = 0;
  let failures = 0;
  let order: ChangeOrder | undefined;
  let info: StatusInfo | undefined;
  const once = (key: string, event: WaitEvent) => {
    if (!said.has(key)) {
      said.add(key);
      o.onEvent(event);
    }
  };

  for (;;) {
    if (o.signal?.aborted) return { outcome: 'cancelled', order, info, polls, history };
    try {
      polls++;
      order = await o.api.describeChangeOrder(o.changeOrderId);
      failures = 0;
      info = describeStatus(order.status, order.subStatus);
      const last = history[history.length - 1];
      if (!last || last.status !== order.status || last.subStatus !== order.subStatus) {
        const elapsedMs = o.clock.now() - start;
        history.push({ atMs: elapsedMs, status: order.status, subStatus: order.subStatus, label: info.label });
        o.onEvent({ type: 'status', order, info, elapsedMs });
      }
      if (info.outcome) return { outcome: info.outcome, order, info, polls, history };
      if (!isKnownStatus(order.status)) once(`unknown-${order.status}`, { type: 'unknown-status', status: order.status });
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
            confirmed.delete(pipelineId);
            o.onEvent({ type: 'confirm-failed', pipelineId, error: e });
          }
        }
      }
    } catch (e) {
      // Reads are safe to repeat: a transient failure only costs a poll. Anything else ends the wait, and
      // so does an answer that stays broken (a wrong endpoint should not look like a slow deploy).
      if (!(e instanceof SaeError) || !isTransient(e) || ++failures >= (o.maxConsecutiveErrors ?? 5)) throw e;
      o.onEvent({ type: 'poll-error', error: e });
    }
    const now = o.clock.now();
    if (now >= o.deadline) return { outcome: 'timed-out', order, info, polls, history };
    const delay = Math.min(o.schedule.next(now - start), o.deadline - now);
    await o.clock.sleep(delay, o.signal);
  }
}

/** The failing stages and tasks of a failed order, as lines `Stage / Task: CODE message`. */
export async function failureDetails(api: SaeApi, order: ChangeOrder): Promise<string[]> {
  const ids = new Set(order.pipelines.filter((p) => [3, 6, 10].includes(p.status)).map((p) => p.pipelineId));
  if (ids.size === 0 && order.currentPipelineId) ids.add(order.currentPipelineId);
  const lines: string[] = [];
  for (const id of ids) {
    try {
      const pipeline = await api.describePipeline(id);
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
  return lines;
}
