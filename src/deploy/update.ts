// Stages 4-6: UpdateJob, its change order followed to the end, and the proof that the template holds what
// was sent; UpdateJob is sent once more when the order followed proves to be another deploy's (and no other
// order that appeared after a lost answer may be this run's: prove.ts).
import { scheduleFor } from '../changeorder/history.js';
import { defaultSchedule } from '../pace/schedule.js';
import type { Submitted, SubmitOptions } from '../changeorder/submit.js';
import type { UpdateJobRequest } from '../request/build.js';
import { debugClock } from '../report/debug.js';
import { changeOrderUrl } from '../report/links.js';
import { afterLostAnswer, amongNewOrders, cancelledBeforeOrder, Ended, STATUS } from '../outcome/endings.js';
import { logSubmitEvent } from '../report/progress.js';
import type { SaeApi } from '../sae/client.js';
import { waitOn } from '../runner/clock.js';
import { elapsed, readRetry, type Deploy } from './context.js';
import { follow } from './follow.js';
import { writeOutputs } from './write-outputs.js';
import { disown, proven } from './prove.js';

export async function update(d: Deploy, api: SaeApi, request: UpdateJobRequest): Promise<void> {
  for (let resent = 0; ; resent++) {
    // UpdateJob, unless the run was cancelled while getting here.
    if (d.signal?.aborted) throw new Ended(cancelledBeforeOrder());
    const submitted = await submit(d, api, request);
    if (!d.settings.wait) {
      d.report.status = STATUS.submitted;
      return;
    }
    // Several orders appeared after a lost answer: the one followed may be another deploy's, so it is never
    // aborted (on-timeout: abort) and, unless the proof shows the template holding what was sent, never named as
    // this run's.
    const alsoNew = submitted.uncertain === 'answer-lost' ? (submitted.alsoNew ?? []) : [];
    const notAborted = alsoNew.length > 0 && d.settings.onTimeout === 'abort';
    const settings = notAborted ? { ...d.settings, onTimeout: 'fail' as const } : d.settings;
    // The change order, polled on a schedule fitted to how long this template's deploys take.
    try {
      await follow({ ...d, settings, schedule: d.schedule ?? scheduleFor(submitted.previousOrders) }, api);
    } catch (e) {
      if (!(e instanceof Ended) || submitted.uncertain !== 'answer-lost') throw e;
      if (!alsoNew.length) throw new Ended(afterLostAnswer(e.outcome));
      const followed = d.report.changeOrderId!;
      disown(d);
      // Not known to be this step's: no rollback over it, and no word on it after a timeout (rollback.ts).
      d.undo.orders = d.undo.orders.filter((id) => id !== followed);
      throw new Ended(amongNewOrders(e.outcome, { followed, alsoNew, notAborted, ...consoleOf(d) }));
    }
    // Proof: success only when the template holds what was sent.
    if (await proven(d, api, request, submitted, resent)) return;
  }
}

/** UpdateJob, and the outputs that name its change order. */
async function submit(d: Deploy, api: SaeApi, request: UpdateJobRequest): Promise<Submitted> {
  const { io, clock, settings, report } = d;
  io.startGroup('UpdateJob');
  let submitted: Submitted;
  // The template was read just before this (the plan, or the proof before a resend): an order that runs
  // in between makes that read out of date for a rollback.
  d.undo.busyBetween = false;
  try {
    const { submitUpdateJob } = await import('../changeorder/submit.js');
    submitted = await submitUpdateJob({
      api,
      request,
      appId: report.appId,
      ifBusy: settings.ifBusy,
      maxRetries: settings.maxRetries,
      deadline: d.deadline,
      clock: debugClock(io, clock, 'UpdateJob'),
      schedule: d.schedule ?? defaultSchedule,
      signal: d.signal,
      lostAnswerGraceMs: 2 * settings.requestTimeoutMs,
      ordersBefore: ordersBefore(d, api),
      // A throttled UpdateJob slows the wait that follows through the run's budget gate (pace/budget.ts), not here.
      onEvent: (e) => {
        if (e.type === 'busy') d.undo.busyBetween = true;
        if (e.type === 'unanswered') report.updateUnanswered = true;
        logSubmitEvent(io, e, settings.region, elapsed(d), settings.consoleSite);
      },
    });
  } finally {
    io.endGroup();
  }
  d.undo.orders.push(submitted.changeOrderId);
  report.changeOrderId = submitted.changeOrderId;
  report.requestId = submitted.requestId;
  report.traceId = submitted.traceId;
  report.changeOrderUrl = changeOrderUrl(submitted.changeOrderId, settings.region, settings.consoleSite);
  // Before the wait for the order: a run killed during it still names its order for the steps after it.
  writeOutputs(d, ['request-id', 'trace-id', 'change-order-id', 'change-order-url']);
  io.info(
    `Change order ${submitted.changeOrderId} created (request id ${submitted.requestId || 'unknown'}): ${report.changeOrderUrl}`,
  );
  return submitted;
}

/**
 * With several templates of one namespace in the step: the orders before the step's first UpdateJob there, listed
 * once for all of them (changeorder/submit.ts, SubmitOptions.ordersBefore); undefined otherwise.
 */
function ordersBefore(d: Deploy, api: SaeApi): SubmitOptions['ordersBefore'] {
  const ns = d.report.namespaceId;
  const step = d.step;
  if (!step || !ns || !api.listNamespaceChangeOrders) return undefined;
  return async () => {
    const { withRetries, isTransient } = await import('../sae/retry.js');
    const list = () =>
      withRetries(() => api.listNamespaceChangeOrders!(ns), { ...readRetry(d), shouldRetry: isTransient });
    return waitOn(d.clock, step.ordersBefore(d.settings.region, ns, list));
  };
}

const consoleOf = (d: Deploy) => ({ region: d.settings.region, consoleSite: d.settings.consoleSite });
