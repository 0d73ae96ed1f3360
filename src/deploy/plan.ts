// Stage 3b: the plan (what the request changes in the template) and, with if-unchanged: skip, whether there
// is anything to deploy at all.
import { RUNNING_STATUSES } from '../changeorder/status.js';
import type { Plan } from '../plan/plan.js';
import type { UpdateJobRequest } from '../request/build.js';
import { logSubmitEvent } from '../report/progress.js';
import { debugClock } from '../report/debug.js';
import { STATUS } from '../report/outcome.js';
import { planNotRead, rollbackUnavailable } from '../report/read-back.js';
import type { ChangeOrderListItem, SaeApi } from '../sae/client.js';
import { SaeError } from '../sae/errors.js';
import { defaultSchedule } from '../changeorder/schedule.js';
import { elapsed, readRetry, type Deploy } from './context.js';

/**
 * Reads the template, logs the plan, sets `changed` and puts the plan in the report; undefined when it could not be
 * read.
 */
export async function showPlan(d: Deploy, api: SaeApi, request: UpdateJobRequest): Promise<Plan | undefined> {
  const { io, settings, report } = d;
  const { readPlan, planLines } = await import('../plan/plan.js');
  // A dry run's plan is a courtesy: one retry, not a deploy's patience.
  const retry = {
    ...readRetry(d),
    maxRetries: settings.dryRun ? Math.min(1, settings.maxRetries) : settings.maxRetries,
  };
  // For a rollback: the orders before the read (one that ends after it makes the read out of date), the read itself.
  const rollback = settings.onFailure === 'rollback' && !settings.dryRun;
  const orders = rollback ? await listOrders(d, api) : undefined;
  const plan = await readPlan(api, request, report.appId, (v) => io.setSecret(v), retry);
  d.undo.before = plan instanceof SaeError ? undefined : plan.template;
  d.undo.ordersAtRead = orders;
  if (plan instanceof SaeError) {
    io.warning(planNotRead(plan, { skipWanted: settings.ifUnchanged === 'skip' && !settings.dryRun }), {
      title: 'Plan not read',
    });
    if (settings.onFailure === 'rollback' && !settings.dryRun)
      io.warning(rollbackUnavailable(plan), { title: 'Rollback unavailable', ...(await d.where(['on-failure'])) });
    return undefined;
  }
  report.plan = plan.entries;
  io.setOutput('changed', JSON.stringify(plan.changed));
  io.startGroup(`Plan for ${report.appId}: ${plan.changed.length} of ${plan.entries.length} parameters change`);
  for (const line of planLines(plan)) io.info(line);
  io.endGroup();
  return plan;
}

/**
 * The plan, and with if-unchanged: skip, true when nothing needs sending: the template holds every value and
 * no change order is running (the run then ends 'unchanged').
 */
export async function nothingToDeploy(d: Deploy, api: SaeApi, request: UpdateJobRequest): Promise<boolean> {
  const { io, settings, report } = d;
  let plan = await showPlan(d, api, request);
  if (settings.ifUnchanged !== 'skip' || !plan) return false;
  let running = await orderRunning(d, api);
  if (running && running !== 'unknown' && settings.ifBusy === 'wait') {
    // Often the order of an earlier attempt of this very deploy (a re-run after a timeout): the template
    // takes its values when it succeeds, and then nothing needs sending.
    await waitForOther(d, api, running);
    plan = await showPlan(d, api, request);
    running = plan && !plan.changed.length ? await orderRunning(d, api) : running;
  }
  if (plan && !plan.changed.length && !running) {
    report.status = STATUS.unchanged;
    io.notice(
      'The template already holds every parameter this step sends and no change order is running, so nothing was sent (if-unchanged: skip). Set if-unchanged: deploy to deploy anyway.',
      { title: 'Nothing to deploy' },
    );
    return true;
  }
  if (plan && !plan.changed.length) {
    io.info(
      'Nothing changes, but a change order is running on the template (or that could not be checked), so the action deploys anyway: that order may change it.',
    );
  }
  return false;
}

/** The id of a change order running on the template, 'unknown' when that could not be told, else undefined. */
async function orderRunning(d: Deploy, api: SaeApi): Promise<string | undefined> {
  const orders = await listOrders(d, api);
  return orders ? orders.find((o) => RUNNING_STATUSES.includes(o.status))?.changeOrderId : 'unknown';
}

/** The template's latest change orders (ListChangeOrders, retried like every read), or undefined when not listed. */
export async function listOrders(d: Deploy, api: SaeApi): Promise<ChangeOrderListItem[] | undefined> {
  const { withRetries, isTransient } = await import('../sae/retry.js');
  try {
    return await withRetries(() => api.listChangeOrders(d.report.appId, 10), {
      ...readRetry(d),
      shouldRetry: isTransient,
    });
  } catch (e) {
    if (!(e instanceof SaeError)) throw e;
    return undefined;
  }
}

/** Follows another change order to its end (if-busy: wait), logging it as a busy wait. */
async function waitForOther(d: Deploy, api: SaeApi, id: string): Promise<void> {
  const { io, clock, settings } = d;
  const { waitForChangeOrder } = await import('../changeorder/wait.js');
  const log = (e: Parameters<typeof logSubmitEvent>[1]) =>
    logSubmitEvent(io, e, settings.region, elapsed(d), settings.consoleSite);
  log({ type: 'busy', runningOrderId: id });
  try {
    const result = await waitForChangeOrder({
      api,
      changeOrderId: id,
      deadline: d.deadline,
      confirmBatches: false,
      clock: debugClock(io, clock, `change order ${id}`),
      schedule: d.schedule ?? defaultSchedule,
      signal: d.signal,
      onEvent: (event) => log({ type: 'busy-wait', event }),
    });
    io.info(`The other change order ended (${result.info?.label ?? result.outcome}); reading the template again.`);
  } catch (e) {
    // The deploy path that follows handles a template that is still busy (if-busy), so this is not fatal.
    if (!(e instanceof SaeError)) throw e;
    io.info(`The other change order could not be followed (${e.code}); deploying.`);
  }
}
