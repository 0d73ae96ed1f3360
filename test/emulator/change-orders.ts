// Change orders advance through a plan of steps; the status is computed from elapsed time (no timers),
// so a test controls progress with forMs and a stuck step is simply one without forMs.
import type { ChangeOrder, OrderStep } from './types.js';
import { newId } from './util.js';

export const FINAL_STATUSES = [2, 3, 6, 10];
export const DEFAULT_PLAN: OrderStep[] = [{ status: 0, forMs: 150 }, { status: 1, forMs: 600 }, { status: 2 }];

export const STATUS_TEXT: Record<number, string> = {
  0: 'Preparing',
  1: 'Executing',
  2: 'Succeeded',
  3: 'Failed',
  6: 'Terminated',
  8: 'Waiting for manual batch confirmation',
  9: 'Waiting for automatic batch release',
  10: 'System exception',
  11: 'Pending approval',
  12: 'Approved, pending execution',
};

export interface OrderState {
  step: OrderStep;
  status: number;
  subStatus: number;
  errorMessage: string;
  /** Index of the pipeline (batch) the order is in; a status-8 step waits at the start of the next batch. */
  batch: number;
  finishedAt?: number;
}

export function createOrder(appId: string, plan: OrderStep[], source: string, now = Date.now()): ChangeOrder {
  const steps = plan.length > 0 ? plan.map((s) => ({ ...s })) : [{ status: 2 }];
  const batches = steps.filter((s) => s.status === 8).length + 1;
  return {
    changeOrderId: newId(),
    appId,
    plan: steps,
    createdAt: now,
    source,
    description: source === 'UpdateJob' ? 'Update job template' : 'Change started outside the emulated client',
    pipelineIds: Array.from({ length: batches }, () => newId()),
    anchorStep: 0,
    anchorAt: now,
  };
}

/** Replays the plan from the anchor; a status-8 step never ends by itself. */
function walk(o: ChangeOrder, now: number): { index: number; startedAt: number } {
  let index = o.anchorStep;
  let startedAt = o.anchorAt;
  for (;;) {
    const step = o.plan[index]!;
    if (step.status === 8 || step.forMs === undefined || index === o.plan.length - 1 || now < startedAt + step.forMs)
      break;
    startedAt += step.forMs;
    index += 1;
  }
  return { index, startedAt };
}

export function orderState(o: ChangeOrder, now = Date.now()): OrderState {
  const at = o.override ? Math.min(now, o.override.at) : now;
  const { index, startedAt } = walk(o, at);
  const step = o.plan[index]!;
  const batch = o.plan.slice(0, index + 1).filter((s) => s.status === 8).length;
  if (o.override) {
    return {
      step,
      status: o.override.status,
      subStatus: 0,
      errorMessage: o.override.errorMessage,
      batch,
      finishedAt: o.override.at,
    };
  }
  const failed = step.status === 3 || step.status === 10;
  const errorMessage =
    step.errorMessage ?? step.failedTask?.message ?? (failed ? 'Executing the change order failed.' : '');
  const finishedAt = FINAL_STATUSES.includes(step.status) ? startedAt : undefined;
  return { step, status: step.status, subStatus: step.subStatus ?? 0, errorMessage, batch, finishedAt };
}

export const isFinal = (o: ChangeOrder, now = Date.now()): boolean =>
  FINAL_STATUSES.includes(orderState(o, now).status);

/** ConfirmPipelineBatch: true releases the waiting batch, false terminates the order (status 6). */
export function confirmBatch(o: ChangeOrder, confirm: boolean, now = Date.now()): void {
  if (!confirm) {
    o.override = { status: 6, at: now, errorMessage: 'The change order was terminated: the batch was not confirmed.' };
    return;
  }
  const { index } = walk(o, now);
  if (index + 1 >= o.plan.length) {
    o.override = { status: 2, at: now, errorMessage: '' }; // a plan ending in 8: confirming the last batch ends it
    return;
  }
  o.anchorStep = index + 1;
  o.anchorAt = now;
}

export function abortOrder(o: ChangeOrder, now = Date.now()): void {
  o.override = { status: 6, at: now, errorMessage: 'The change order was terminated.' };
}

/** Status of pipeline `b`: finished batches succeeded, later ones have not started. */
export function pipelineStatus(state: OrderState, b: number): number {
  if (b < state.batch) return 2;
  if (b > state.batch) return 0;
  return state.status;
}
