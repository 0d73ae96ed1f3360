// on-failure: rollback. After the deploy (and the run after it) ended, a failure that leaves a template in a state
// worse than before sets it off: not an order left running (timed out with on-timeout: fail: it may still
// succeed), nor when this step sent nothing; a cancel is no trigger (and one that comes after the failure stops
// the rollback before it sends). The stage is one file, loaded lazily (deploy/stages.ts) so that a run without
// on-failure: rollback never loads it.
//
// Once set off, the template is read again, what this step changed is put back with the same safe UpdateJob as the deploy's (changeorder/submit.ts: lost answers, busy
// templates), that change order is followed to its end and the template read back. Only parameters that still
// hold what this step sent are put back, and nothing at all once someone else has changed the template
// (plan/restore.ts decides). The rollback has its own bound: what is left of wait-timeout, at least 5 minutes.
import { defaultSchedule } from '../pace/schedule.js';
import { RUNNING_STATUSES } from '../changeorder/status.js';
import { submitUpdateJob, type Submitted } from '../changeorder/submit.js';
import { waitForChangeOrder } from '../changeorder/wait.js';
import { readTemplate } from '../plan/changes.js';
import { planRestore, type RestoreEntry } from '../plan/restore.js';
import { redactedParameters, type UpdateJobRequest } from '../request/build.js';
import { debugClock } from '../report/debug.js';
import { changeOrderUrl } from '../report/links.js';
import type { RollbackReport } from '../report/model.js';
import { logSubmitEvent, logWaitEvent } from '../report/progress.js';
import * as say from '../report/rollback-messages.js';
import { formatDuration } from '../report/format.js';
import type { ChangeOrderListItem, SaeApi } from '../sae/client.js';
import { BusyError, SaeError } from '../sae/errors.js';
import { isTransient, withRetries } from '../sae/retry.js';
import { STATUS } from '../outcome/endings.js';
import { elapsed, readRetry, type Deploy, type Undo } from './context.js';

/** The least time a rollback gets, however much of wait-timeout the deploy used. */
export const ROLLBACK_MIN_MS = 5 * 60_000;
/**
 * Rounds of "wait for the order running on the template, read it, decide": when UpdateJob finds the template busy
 * again, the decision is made again on a fresh read (never sent after waiting blind, as if-busy: wait would).
 */
const ROUNDS = 2;
const NOT_PUT_BACK: readonly RestoreEntry['state'][] = ['unreadable', 'no-way-back', 'unknown'];

/** After the deploy and the run after it: rolls back when a failure calls for it, or says why not after a timeout. */
export async function rollBackOnFailure(d: Deploy, api: SaeApi, request: UpdateJobRequest): Promise<void> {
  const { report, io } = d;
  const jobRun = report.jobRun?.outcome;
  const trigger: say.Trigger | undefined =
    d.undo.trigger ?? (jobRun === 'failed' ? 'job-failed' : jobRun === 'timed-out' ? 'job-timed-out' : undefined);
  if (!trigger) {
    if (report.status === STATUS.timedOut && d.undo.orders.length) {
      io.notice(say.notAfterTimeout(report.changeOrderUrl, d.settings.onTimeout === 'abort'), {
        title: 'No rollback',
        ...(await d.where(['on-timeout'])),
      });
    }
    return;
  }
  // Nothing of this step's to undo: it sent nothing (if-unchanged: skip), and the run failed on what was there.
  if (!d.undo.orders.length) return;
  await rollBack(d, api, request, trigger);
}

async function rollBack(d: Deploy, api: SaeApi, sent: UpdateJobRequest, trigger: say.Trigger): Promise<void> {
  const { io, clock, report } = d;
  const rb: RollbackReport = {
    trigger: say.triggerWords(trigger),
    outcome: 'failed',
    rolledBack: false,
    restored: {},
    notRestored: [],
  };
  report.rollback = rb;
  const boundMs = Math.max(d.deadline - clock.now(), ROLLBACK_MIN_MS);
  const deadline = clock.now() + boundMs;
  api.setDeadline?.(deadline);
  io.startGroup(`Rollback: ${rb.trigger} (on-failure: rollback; at most ${formatDuration(boundMs)})`);
  try {
    await steps({ ...d, deadline }, api, sent, trigger, rb, formatDuration(boundMs));
  } catch (e) {
    rb.outcome = 'failed';
    rb.rolledBack = false;
    rb.error =
      e instanceof Stop
        ? say.failed(trigger, e.reason, e.holds)
        : say.failed(
            trigger,
            e instanceof SaeError
              ? `SAE answered ${e.code}${e.message ? `: ${e.message}` : ''}${e.requestId ? ` (request id: ${e.requestId})` : ''}`
              : `the action hit an unexpected error (${e instanceof Error ? e.message : String(e)}); please report it with this log`,
          );
  } finally {
    io.endGroup();
  }
  const where = await d.where(['on-failure']);
  if (rb.notRestored.length && rb.outcome !== 'skipped')
    io.warning(say.notRestoredWarning(rb.notRestored), {
      title: `Not rolled back: ${rb.notRestored.map((n) => n.input).join(', ')}`,
      ...(await d.where(rb.notRestored.map((n) => n.input))),
    });
  if (rb.rolledBack && rb.outcome === 'restored')
    io.notice(say.restoredNotice(trigger, rb.restored, rb.changeOrderId!, rb.changeOrderUrl!), {
      title: 'Rolled back',
      ...where,
    });
  else if (rb.rolledBack) io.notice(say.unchangedNotice(trigger), { title: 'Nothing to roll back', ...where });
  if (rb.error) {
    const annotate = rb.outcome === 'skipped' ? io.warning : io.error;
    annotate(rb.error.message, { title: rb.error.code, ...where });
  }
}

async function steps(
  d: Deploy,
  api: SaeApi,
  sent: UpdateJobRequest,
  trigger: say.Trigger,
  rb: RollbackReport,
  bound: string,
): Promise<void> {
  const { io, clock, settings, report } = d;
  const before = d.undo.before;
  const skip = (error: RollbackReport['error']) => {
    rb.outcome = 'skipped';
    rb.error = error;
  };
  const cancelled = (at: Parameters<typeof say.cancelled>[1]) => {
    rb.outcome = 'cancelled';
    rb.error = say.cancelled(trigger, at);
  };
  // Cancelled after the failure was seen (while its details were read): the runner is about to stop the step.
  if (d.signal?.aborted) return cancelled('before');
  if (!before) return skip(say.skippedUnread(trigger));
  const mask = (v: string) => io.setSecret(v);
  const reads = <T>(call: () => Promise<T>) => withRetries(call, { ...readRetry(d), shouldRetry: isTransient });
  const logSubmit = (e: Parameters<typeof logSubmitEvent>[1]) =>
    logSubmitEvent(io, e, settings.region, elapsed(d), settings.consoleSite);

  for (let round = 1; ; round++) {
    // What ran on the template since it was read: an order in between makes the values read out of date.
    const orders = await reads(() => api.listChangeOrders(report.appId, 10));
    const between = d.undo.busyBetween ? 'busy' : orderBetween(orders, d.undo);
    if (between === 'unknown') return skip(say.skippedUnlisted(trigger));
    if (between) return skip(say.skippedStale(trigger, between === 'busy' ? undefined : between.changeOrderId));
    // Someone else's order still running is waited for, as if-busy: wait does; what it did shows in the read.
    const running = orders.find((o) => RUNNING_STATUSES.includes(o.status));
    if (running) {
      logSubmit({ type: 'busy', runningOrderId: running.changeOrderId });
      const w = await waitForChangeOrder({
        api,
        changeOrderId: running.changeOrderId,
        deadline: d.deadline,
        confirmBatches: false,
        clock: debugClock(io, clock, `change order ${running.changeOrderId}`),
        schedule: d.schedule ?? defaultSchedule,
        signal: d.signal,
        onEvent: (event) => logSubmit({ type: 'busy-wait', event }),
      });
      if (w.outcome === 'cancelled') return cancelled('before');
      if (w.outcome === 'timed-out')
        throw new Stop(
          `another change order (${running.changeOrderId}) was still running on the template when the rollback's time ran out, so nothing was sent`,
        );
    }

    const now = await readTemplate(api, report.appId, mask, readRetry(d));
    const plan = planRestore(sent, before, now);
    if (plan.others.length) return skip(say.skippedOthers(trigger, plan.others));
    rb.notRestored = plan.entries
      .filter((e) => NOT_PUT_BACK.includes(e.state))
      .map((e) => ({ wire: e.wire, input: e.input, why: say.whyNotRestored(e) }));
    if (!plan.request) {
      const stuck = plan.entries.filter((e) => e.state === 'no-way-back');
      if (stuck.length) return skip(say.skippedNoWayBack(trigger, stuck));
      if (!plan.entries.some((e) => e.state === 'kept')) return skip(say.skippedUnreadable(trigger, plan.entries));
      rb.outcome = 'unchanged';
      rb.rolledBack = true;
      return;
    }
    const restored = Object.fromEntries(
      Object.entries(redactedParameters(plan.request)).filter(([wire]) => wire !== 'AppId'),
    );
    rb.restored = restored;
    io.info(`Putting back what the template held before this step: ${say.restoredList(restored)}.`);

    // UpdateJob as safely as the deploy's; a template busy again is waited for and read again (next round).
    let submitted: Submitted;
    try {
      submitted = await submitUpdateJob({
        api,
        request: plan.request,
        appId: report.appId,
        ifBusy: 'fail',
        maxRetries: settings.maxRetries,
        deadline: d.deadline,
        clock: debugClock(io, clock, 'UpdateJob (rollback)'),
        schedule: d.schedule ?? defaultSchedule,
        signal: d.signal,
        lostAnswerGraceMs: 2 * settings.requestTimeoutMs,
        onEvent: logSubmit,
      });
    } catch (e) {
      if (d.signal?.aborted) return cancelled('sending');
      if (e instanceof BusyError && round < ROUNDS) continue;
      throw e;
    }
    const id = submitted.changeOrderId;
    const url = changeOrderUrl(id, settings.region, settings.consoleSite);
    rb.changeOrderId = id;
    rb.changeOrderUrl = url;
    io.info(`Rollback change order ${id} created: ${url}`);

    const result = await waitForChangeOrder({
      api,
      changeOrderId: id,
      deadline: d.deadline,
      confirmBatches: settings.confirmBatches,
      clock: debugClock(io, clock, `change order ${id}`),
      schedule: d.schedule ?? defaultSchedule,
      signal: d.signal,
      onEvent: (e) => logWaitEvent(io, e, url, elapsed(d)),
    });
    if (result.outcome === 'cancelled') return cancelled({ orderId: id, url });
    const changed = (e: RestoreEntry) => plan.entries.find((p) => p.wire === e.wire)?.state === 'restore';
    if (result.outcome === 'timed-out')
      throw new Stop(
        `the rollback's change order ${id} was not seen to end within the rollback's time (${bound}${result.lastError ? `; last answer: ${result.lastError.code}` : ''}), and it may still be running and put the template back: ${url}`,
      );
    if (result.outcome === 'failed') {
      const label = result.info?.label ?? 'failed';
      const why = result.order?.errorMessage ? `: ${result.order.errorMessage}` : '';
      throw new Stop(
        `the rollback's change order ${id} ended ${label}${why} (${url})`,
        await holding(d, api, sent, changed),
      );
    }

    // The proof: every value put back is held again, and nothing that held its earlier value moved.
    api.hurry?.();
    let after;
    try {
      after = planRestore(sent, before, await readTemplate(api, report.appId, mask, readRetry(d)));
    } catch (e) {
      if (!(e instanceof SaeError)) throw e;
      throw new Stop(
        `the rollback's change order ${id} succeeded, but the template could not be read back to prove it (DescribeJob: ${e.code}${e.message ? ` ${e.message}` : ''}): ${url}`,
      );
    }
    const moved = after.entries.filter(
      (e) => !NOT_PUT_BACK.includes(e.state) && e.state !== 'kept' && !rb.notRestored.some((n) => n.wire === e.wire),
    );
    if (moved.length)
      throw new Stop(
        `after the rollback's change order ${id} succeeded, the template does not hold what it held before (${url})`,
        moved,
      );
    rb.outcome = 'restored';
    rb.rolledBack = true;
    return;
  }
}

/** Ends the rollback as failed, with what the template holds now when it is known. */
class Stop extends Error {
  constructor(
    readonly reason: string,
    readonly holds?: RestoreEntry[],
  ) {
    super(reason);
  }
}

/** What the template holds now of the parameters the rollback was putting back (undefined when it cannot be read). */
async function holding(
  d: Deploy,
  api: SaeApi,
  sent: UpdateJobRequest,
  wanted: (e: RestoreEntry) => boolean,
): Promise<RestoreEntry[] | undefined> {
  try {
    const now = await readTemplate(api, d.report.appId, (v) => d.io.setSecret(v), readRetry(d));
    return planRestore(sent, d.undo.before!, now).entries.filter(wanted);
  } catch (e) {
    if (e instanceof SaeError) return undefined;
    throw e;
  }
}

/**
 * A change order not this step's that may have changed the template after it was read and before this step's
 * (last) order: running when the read was made (it may have ended since), or made after it and before this
 * step's order. 'unknown' when the orders were not listed then; undefined when there is none.
 */
function orderBetween(orders: readonly ChangeOrderListItem[], undo: Undo): ChangeOrderListItem | 'unknown' | undefined {
  if (!undo.ordersAtRead) return 'unknown';
  const own = new Set(undo.orders);
  const runningThen = undo.ordersAtRead.find((o) => !own.has(o.changeOrderId) && RUNNING_STATUSES.includes(o.status));
  if (runningThen) return runningThen;
  const known = new Set(undo.ordersAtRead.map((o) => o.changeOrderId));
  const newestOwn = orders.findIndex((o) => own.has(o.changeOrderId)); // the list is newest first
  // Not among the latest ten: so many orders since that the values read say nothing.
  if (newestOwn < 0) return 'unknown';
  return orders.slice(newestOwn + 1).find((o) => !own.has(o.changeOrderId) && !known.has(o.changeOrderId));
}
