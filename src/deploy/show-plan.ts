// Stage 3b: the plan (what the request changes in the template; with envs-strategy: merge, the Envs built from
// the template's) and, with if-unchanged: skip, whether there is anything to deploy at all.
import { RUNNING_STATUSES } from '../changeorder/status.js';
import { PARAMETER_BY_INPUT } from '../contract/parameters.js';
import type { CreateBlock } from '../inputs/create-block.js';
import type { EnvChange } from '../plan/envs.js';
import type { Plan, Template } from '../plan/changes.js';
import { redactedParameters, withValue, type UpdateJobRequest } from '../request/build.js';
import { logSubmitEvent } from '../report/progress.js';
import { debugClock } from '../report/debug.js';
import { Ended, STATUS } from '../outcome/endings.js';
import { mergeWithoutTemplate, rollbackWithoutTemplate } from '../outcome/template-endings.js';
import { planNotRead } from '../report/read-back.js';
import type { ChangeOrderListItem, SaeApi } from '../sae/client.js';
import { SaeError } from '../sae/errors.js';
import { defaultSchedule } from '../pace/schedule.js';
import { elapsed, readRetry, type Deploy } from './context.js';
import { writeOutputs } from './write-outputs.js';

const ENVS = PARAMETER_BY_INPUT.get('envs')!;

/** A plan and the request it is the plan of: with envs-strategy: merge, the Envs are the template's merged with the step's. */
export interface Planned {
  plan?: Plan;
  request: UpdateJobRequest;
}

/**
 * Reads the template, logs the plan, sets `changed` and puts the plan in the report; no plan when it could not be
 * read. With envs-strategy: merge the Envs sent are built here from the template's, and a template that cannot be
 * read ends a deploy (a dry run only warns).
 */
export async function showPlan(
  d: Deploy,
  api: SaeApi,
  request: UpdateJobRequest,
  create?: CreateBlock,
): Promise<Planned> {
  const { io, settings, report } = d;
  const { readTemplate, planChanges, planLines } = await import('../plan/changes.js');
  const { isAuthoritative, isTransient } = await import('../sae/retry.js');
  // A dry run's plan is a courtesy: one retry, not a deploy's patience.
  const retry = {
    ...readRetry(d),
    maxRetries: settings.dryRun ? Math.min(1, settings.maxRetries) : settings.maxRetries,
  };
  const merging = settings.envsStrategy === 'merge' && request.query[ENVS.wire] !== undefined;
  const cannotMerge = (why: string): Planned => {
    if (!settings.dryRun) throw new Ended(mergeWithoutTemplate(why));
    io.warning(
      `envs-strategy: merge: ${why}, so the Envs shown are only the names given, not merged with the template's.`,
      {
        title: 'Envs not merged',
      },
    );
    return { request };
  };
  // For a rollback: the orders before the read (one that ends after it makes the read out of date), the read itself.
  const rollback = settings.onFailure === 'rollback' && !settings.dryRun;
  d.undo.ordersAtRead = rollback ? await listOrders(d, api) : undefined;
  d.undo.before = undefined;
  let template: Template;
  try {
    // The run's first call to SAE (unless ListJobs found the template): an answer every call would get (a host
    // that does not exist) is not asked again.
    const firstCall = (e: SaeError) => isTransient(e) && !isAuthoritative(e);
    template = await readTemplate(api, report.appId, (v) => io.setSecret(v), retry, firstCall);
  } catch (e) {
    if (!(e instanceof SaeError)) throw e;
    // An answer UpdateJob would get too (unknown key or template, refused, no such host) ends a deploy here, as
    // one error; a dry run sends nothing anyway, and shows its request with the warning.
    if (!settings.dryRun && isAuthoritative(e)) throw e;
    const notRead = `the template could not be read (DescribeJob: ${e.code}${e.message ? ` ${e.message}` : ''})`;
    if (merging) return cannotMerge(notRead);
    // Without the values from before, a failed deploy could not be put back: the user asked for that safety net.
    if (rollback && !settings.dryRun) throw new Ended(rollbackWithoutTemplate(notRead));
    io.warning(planNotRead(e, { skipWanted: settings.ifUnchanged === 'skip' && !settings.dryRun }), {
      title: 'Plan not read',
    });
    return { request };
  }
  d.undo.before = template;
  // Where the template is: with several templates in one step, the change orders of a namespace are followed together.
  if (!report.namespaceId && typeof template.NamespaceId === 'string' && template.NamespaceId)
    report.namespaceId = template.NamespaceId;
  let envChanges: EnvChange[] | undefined;
  if (merging) {
    const { mergeEnvs } = await import('../plan/envs.js');
    const merged = mergeEnvs(template[ENVS.wire], request.query[ENVS.wire]!);
    if (!merged.ok) return cannotMerge(`the template's Envs could not be read (${merged.reason})`);
    request = withValue(request, ENVS, merged.wire);
    report.parameters = redactedParameters(request);
    envChanges = merged.changes;
  }
  if (create) await warnCreateDiffers(d, create, template);
  const plan = planChanges(request, template);
  const envs = plan.entries.find((e) => e.wire === ENVS.wire);
  if (envs && envChanges) envs.envChanges = envChanges;
  report.plan = plan.entries;
  writeOutputs(d, ['changed']); // before UpdateJob and the waits after it
  const unknown = plan.unknown.length ? `, ${plan.unknown.length} cannot be compared` : '';
  io.startGroup(
    `Plan for ${report.appId}: ${plan.changed.length} of ${plan.entries.length} parameters change${unknown}`,
  );
  for (const line of planLines(plan)) io.info(line);
  io.endGroup();
  return { plan, request };
}

/**
 * The plan, and the request to send; undefined with if-unchanged: skip when nothing needs sending: the template
 * holds every value and no change order is running (the run then ends 'unchanged').
 */
export async function nothingToDeploy(
  d: Deploy,
  api: SaeApi,
  given: UpdateJobRequest,
  create?: CreateBlock,
): Promise<UpdateJobRequest | undefined> {
  const { io, settings, report } = d;
  let { plan, request } = await showPlan(d, api, given, create);
  if (settings.ifUnchanged !== 'skip' || !plan) return request;
  const { holdsAll } = await import('../plan/changes.js');
  let running = await orderRunning(d, api);
  if (running && running !== 'unknown' && settings.ifBusy === 'wait') {
    // Often the order of an earlier attempt of this very deploy (a re-run after a timeout): the template
    // takes its values when it succeeds, and then nothing needs sending.
    await waitForOther(d, api, running);
    ({ plan, request } = await showPlan(d, api, given, create));
    running = plan && holdsAll(plan) ? await orderRunning(d, api) : running;
  }
  if (plan && holdsAll(plan) && !running) {
    report.status = STATUS.unchanged;
    io.notice(
      'The template already holds every parameter this step sends and no change order is running, so nothing was sent (if-unchanged: skip). Set if-unchanged: deploy to deploy anyway.',
      { title: 'Nothing to deploy' },
    );
    return undefined;
  }
  if (plan && !plan.changed.length && plan.unknown.length) {
    const names = plan.entries.filter((e) => e.state === 'unknown').map((e) => e.input);
    io.info(
      `Nothing changes that DescribeJob shows, but ${names.join(', ')} cannot be read back, so the action deploys (if-unchanged: skip sends nothing only when every value is known to be held).`,
    );
  } else if (plan && !plan.changed.length) {
    io.info(
      'Nothing changes, but a change order is running on the template (or that could not be checked), so the action deploys anyway: that order may change it.',
    );
  }
  return request;
}

/** The create block's settings UpdateJob cannot change: CreateJob's wire name (DescribeJob's too) → the spec's key. */
const FIXED_AT_CREATION: Record<string, string> = {
  PackageType: 'package-type',
  Cpu: 'cpu',
  Memory: 'memory',
  VpcId: 'vpc-id',
  VSwitchId: 'v-switch-id',
  SecurityGroupId: 'security-group-id',
};

/**
 * An existing template whose package type, size or network differ from the spec's create block: UpdateJob cannot
 * change them, so the plan says so and how, and the step goes on with what it can change.
 */
async function warnCreateDiffers(d: Deploy, create: CreateBlock, template: Template): Promise<void> {
  const { sameValue } = await import('../plan/compare.js');
  const differ = Object.keys(FIXED_AT_CREATION).filter((wire) => {
    const want = create.wire[wire];
    const held = template[wire];
    if (want === undefined || held === undefined || held === null || held === '') return false;
    return typeof held === 'number' ? !sameValue(held, Number(want)) : String(held) !== want;
  });
  if (!differ.length) return;
  const list = differ.map(
    (w) => `create.${FIXED_AT_CREATION[w]} ${create.wire[w]} (the template has ${String(template[w])})`,
  );
  d.io.warning(
    `The template ${d.report.appId} exists, and its ${list.join(', ')} differ from the spec's create block. UpdateJob cannot change a template's package type, CPU, memory or network, so these are left as they are and the deploy goes on. Change them in the SAE console (or create a new template), or make the create block match the template.`,
    { title: 'Create settings differ', ...(await d.where(['create'])) },
  );
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
