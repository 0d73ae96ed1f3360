// Stage 5: the change order, followed to its end; how the wait ended becomes the run's outcome
// (outcome/endings.ts), after the reads that outcome needs (the failure details) or the abort it asks for.
import { defaultSchedule } from '../pace/schedule.js';
import type { Watch } from '../pace/watch.js';
import { debugClock } from '../report/debug.js';
import * as end from '../outcome/endings.js';
import { logWaitEvent } from '../report/progress.js';
import { formatDuration } from '../report/format.js';
import type { ChangeOrderListItem, SaeApi } from '../sae/client.js';
import { SaeError } from '../sae/errors.js';
import { elapsed, type Deploy } from './context.js';

/**
 * With several templates in one step, this template's namespace as one watch for all of them (pace/watch.ts);
 * undefined for a template deployed alone, or whose namespace is not known (the plan could not read it).
 */
async function namespaceWatch(d: Deploy, api: SaeApi): Promise<Watch<ChangeOrderListItem> | undefined> {
  const ns = d.report.namespaceId;
  if (!d.step || !ns || !api.listNamespaceChangeOrders) return undefined;
  const { ListWatch } = await import('../pace/watch.js');
  return d.step.watch(
    d.settings.region,
    ns,
    () =>
      new ListWatch(
        () => api.listNamespaceChangeOrders!(ns),
        (o) => o.changeOrderId,
        d.clock,
      ),
  );
}

export async function follow(d: Deploy, api: SaeApi): Promise<void> {
  const { io, clock, settings, report } = d;
  const id = report.changeOrderId!;
  const url = report.changeOrderUrl!;
  const { waitForChangeOrder, failureDetails } = await import('../changeorder/wait.js');
  io.startGroup(`Waiting for change order ${id} (at most ${formatDuration(Math.max(0, d.deadline - clock.now()))})`);
  let result;
  try {
    result = await waitForChangeOrder({
      api,
      changeOrderId: id,
      deadline: d.deadline,
      confirmBatches: settings.confirmBatches,
      clock: debugClock(io, clock, `change order ${id}`),
      schedule: d.schedule ?? defaultSchedule,
      signal: d.signal,
      onEvent: (e) => logWaitEvent(io, e, url, elapsed(d)),
      watch: await namespaceWatch(d, api),
    });
  } finally {
    io.endGroup();
  }
  report.history = result.history;
  const last = result.order;
  report.pipelines = last?.pipelines ?? [];
  switch (result.outcome) {
    case 'succeeded':
      report.status = end.STATUS.succeeded;
      return;
    case 'failed': {
      // Throttled or flaky reads of the details wait and retry like every other call (src/sae/retry.ts).
      const { withRetries, isTransient } = await import('../sae/retry.js');
      const read = <T>(call: () => Promise<T>) =>
        withRetries(call, {
          maxRetries: settings.maxRetries,
          deadline: d.deadline,
          shouldRetry: isTransient,
          now: clock.now,
          sleep: (ms) => clock.sleep(ms, d.signal),
          signal: d.signal,
        });
      // Failed, terminated or a system error: ended, so a rollback may follow. (Executing with SubStatus 1 is a
      // batch that failed and waits for a manual rollback in the console: the order still holds the template.)
      if (last && [3, 6, 10].includes(last.status)) d.undo.trigger = 'failed';
      report.failureDetails = last ? await failureDetails(api, last, read) : [];
      throw new end.Ended(
        end.changeOrderFailed({
          status: last?.status ?? 3,
          cause: result.info?.cause,
          errorMessage: last?.errorMessage,
          firstDetail: report.failureDetails[0],
          url,
        }),
      );
    }
    case 'cancelled':
      throw new end.Ended(end.cancelledWhileFollowing(id, result.info?.label, url));
    case 'timed-out': {
      // The order exists and its end was not seen: never `failed`. Either the deadline came, or SAE gave an
      // answer that asking again will not change (no permission, say): the order may still succeed.
      const seen: end.NotSeenToEnd = {
        id,
        url,
        state: result.info?.label,
        lastError: result.lastError,
        waitTimeoutMs: settings.waitTimeoutMs,
      };
      const lastError = result.lastError;
      if (lastError && !(await import('../sae/retry.js')).isTransient(lastError))
        throw new end.Ended(end.notFollowed({ ...seen, lastError }));
      if (settings.onTimeout === 'abort') {
        try {
          await api.abortChangeOrder(id);
        } catch (e) {
          if (!(e instanceof SaeError)) throw e;
          throw new end.Ended(end.timedOutAbortFailed(seen, e));
        }
        d.undo.trigger = 'aborted';
        throw new end.Ended(end.timedOutAborted(seen));
      }
      throw new end.Ended(end.timedOut(seen));
    }
  }
}
