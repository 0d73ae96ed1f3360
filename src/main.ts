// The action, end to end: inputs → UpdateJob request → SAE client → change order → report.
// Each step lives in its own module; this file only wires them and decides the result.
import type { Clock } from './changeorder/wait.js';
import { defaultSchedule, scheduleFor, type PollSchedule } from './changeorder/schedule.js';
import { CredentialsError } from './credentials/errors.js';
import { errorsOf, type Problem } from './inputs/problems.js';
import { readParameters } from './inputs/read.js';
import { checkRules } from './inputs/rules.js';
import { readSettings, type Settings } from './inputs/settings.js';
import { buildRequest, redacted, redactedParameters } from './request/build.js';
import { changeOrderUrl, runContext } from './report/links.js';
import { workflowLocator, type InputLocator } from './report/locate.js';
import { capAnnotations } from './report/limit.js';
import { succeeded, type ReportedError, type RunReport, type RunStatus } from './report/model.js';
import { changeOrderFailedMessage } from './report/failure-messages.js';
import { formatDuration, renderSummary } from './report/summary.js';
import { logSubmitEvent, logWaitEvent } from './report/progress.js';
import { debugClock, debugFetch, debugIdToken, logCall, logRoute } from './report/debug.js';
import type { ActionIO, AnnotationProps } from './runner/io.js';
import { urlCredentials } from './runner/secrets.js';
import type { SaeApi } from './sae/client.js';
import type { Pacing } from './jobrun/pacing.js';
import { SaeError } from './sae/errors.js';
import type { Plan } from './plan/plan.js';
import type { UpdateJobRequest } from './request/build.js';
import type { Submitted } from './changeorder/submit.js';
import { RUNNING_STATUSES } from './changeorder/status.js';

export interface Deps {
  io: ActionIO;
  clock: Clock;
  fetch: typeof fetch;
  /** GitHub OIDC token for an audience (credentials/github-oidc.ts on the runner). */
  getIdToken: (audience: string) => Promise<string>;
  /** Aborted when the runner cancels the job. */
  signal?: AbortSignal;
  schedule?: PollSchedule;
  /** When to poll the run after the deploy (run-after-deploy); default jobrun/pacing.ts. */
  runPacing?: Pacing;
}

/** A failure that ends the run: what to report and which input it concerns. */
class Stop extends Error {
  constructor(readonly status: RunStatus, readonly error: ReportedError, readonly inputs: readonly string[] = []) {
    super(error.message);
  }
}

/** Runs the action. Without deps (the runner, @github/local-action) it builds the real ones. */
export async function run(deps?: Deps): Promise<RunReport> {
  if (!deps) return (await import(/* webpackMode: "eager" */ './runner/runtime.js')).runOnRunner(run);
  const { io, clock } = deps;
  const started = clock.now();
  const env = io.env;
  const getInput = (name: string) => io.getInput(name);
  const context = runContext(env);
  const report: RunReport = {
    status: 'failed', appId: getInput('app-id'), region: '', durationMs: 0, parameters: {}, history: [], pipelines: [],
    failureDetails: [], inputProblems: [], context,
  };
  // Secrets given as inputs are masked before anything else is written.
  for (const p of ['access-key-secret', 'security-token', 'oss-ak-secret', 'github-token']) io.setSecret(getInput(p));
  // A password in a URL's userinfo and the signature of a pre-signed package URL are secrets too: the URL is sent as given, shown without them.
  for (const p of ['endpoint', 'sts-endpoint', 'package-url', 'image-url']) for (const c of urlCredentials(getInput(p))) io.setSecret(c);

  const target: Target = { endpoint: '', endpointGiven: getInput('endpoint') !== '' };
  /** run-after-deploy, once there is a client: called after the deploy, whichever way it ended well. */
  let runAfter: (() => Promise<void>) | undefined;
  let locator: InputLocator | undefined;
  const where = async (inputs: readonly string[]): Promise<AnnotationProps> => {
    locator ??= await workflowLocator(env, getInput('app-id'));
    for (const input of inputs) {
      const at = locator.locate(input);
      if (at) return { file: at.file, startLine: at.line };
    }
    return {};
  };

  try {
    // 1. Inputs: everything is checked before anything is sent.
    const { settings, problems: settingProblems } = readSettings(getInput, env);
    report.region = settings.region;
    report.consoleSite = settings.consoleSite;
    target.endpoint = settings.endpoint;
    const read = await readParameters(getInput);
    const rules = checkRules(read.values, context);
    const problems: Problem[] = [...settingProblems, ...read.problems, ...rules.problems];
    const warned = capAnnotations(problems.filter((x) => x.severity === 'warning'), 'warning');
    for (const p of warned.shown) io.warning(p.message, { title: `Input ${p.input}`, ...(await where([p.input])) });
    if (warned.more) io.warning(warned.more.message, { title: 'Input warnings', ...(await where(warned.more.inputs)) });
    const errors = errorsOf(problems);
    if (errors.length) {
      const capped = capAnnotations(errors, 'error');
      for (const p of capped.shown) io.error(p.message, { title: p.code, ...(await where([p.input])) });
      if (capped.more) io.error(capped.more.message, { title: 'Input.Invalid', ...(await where(capped.more.inputs)) });
      report.inputProblems = errors.map(({ input, code, message }) => ({ input, code, message }));
      // When only the action's own settings are wrong, the request is known: the outputs and summary show it.
      if (!errorsOf([...read.problems, ...rules.problems]).length) {
        report.parameters = redactedParameters(buildRequest([...read.values.values(), ...rules.defaults], read.cleared));
      }
      const first = errors[0]!;
      throw new Stop('failed', {
        code: first.code,
        message: errors.length === 1 ? first.message : `${errors.length} inputs are wrong (see the annotations); the first: ${first.message}`,
      });
    }
    for (const d of rules.defaults) {
      read.values.set(d.param.input, d);
      io.notice(`package-version is empty, so the action sends ${d.wire} (${context.ref.startsWith('refs/tags/') ? `the tag ${context.ref.slice(10)}` : 'the short commit SHA'}); SAE needs a version with every package URL. Set package-version to choose another.`, { title: 'package-version' });
    }

    // 2. The request.
    const request = buildRequest(read.values.values(), read.cleared);
    report.parameters = redactedParameters(request);
    io.startGroup(`UpdateJob request for ${report.appId} (${Object.keys(report.parameters).length} parameters)`);
    for (const [k, v] of Object.entries(report.parameters)) io.info(`${k} = ${v === '' ? '"" (clear)' : v}`);
    io.endGroup();
    if (context.sha) io.info(`Deploying ${context.ref || 'commit'} @ ${context.sha.slice(0, 7)}${context.runUrl ? ` (run ${context.runUrl})` : ''}`);

    if (settings.dryRun) {
      const { checkCredentialsDry } = await import('./credentials/dry-run.js');
      await checkCredentialsDry({ getInput, env, region: settings.region, mask: (v) => io.setSecret(v) });
      report.status = 'dry-run';
      // With credentials the plan shows what the request would change; without, the request alone.
      const planApi = await connectForPlan(deps, settings, started + settings.waitTimeoutMs);
      if (planApi) await showPlan(deps, planApi, request, settings, report, started + settings.waitTimeoutMs);
      io.info('Dry run: nothing was sent to SAE.');
      if (settings.runAfterDeploy) {
        report.jobRun = { planned: true, timeoutMs: settings.runTimeoutMs, polls: 0 };
        io.info(`run-after-deploy: after a real deploy the job would run once (ExecJob) and be followed for at most ${formatDuration(settings.runTimeoutMs)}.`);
      }
      io.info(JSON.stringify(redacted(request), null, 2));
      if (settings.commentOnPr) {
        report.durationMs = clock.now() - started;
        await commentOnPr(deps, report);
      }
      return report;
    }

    // 3. Credentials and the client.
    const deadline = started + settings.waitTimeoutMs;
    const api = await connect(deps, settings, deadline);
    if (settings.runAfterDeploy) {
      runAfter = async () => {
        const { runAfterDeploy } = await import('./jobrun/after-deploy.js');
        report.jobRun = await runAfterDeploy({
          io, api, appId: report.appId, region: settings.region, timeoutMs: settings.runTimeoutMs, maxRetries: settings.maxRetries,
          clock, signal: deps.signal, pacing: deps.runPacing, started, format: formatDuration, locate: where,
        });
      };
    }

    // 3b. The plan: what the request changes in the template; with if-unchanged: skip, maybe nothing to do.
    let plan = await showPlan(deps, api, request, settings, report, deadline);
    if (settings.ifUnchanged === 'skip' && plan) {
      let running = await orderRunning(deps, api, settings, report.appId, deadline);
      if (running && running !== 'unknown' && settings.ifBusy === 'wait') {
        // Often the order of an earlier attempt of this very deploy (a re-run after a timeout): the template
        // takes its values when it succeeds, and then nothing needs sending.
        await waitForOther(deps, api, running, settings, deadline, started);
        plan = await showPlan(deps, api, request, settings, report, deadline);
        running = plan && !plan.changed.length ? await orderRunning(deps, api, settings, report.appId, deadline) : running;
      }
      if (plan && !plan.changed.length && !running) {
        report.status = 'unchanged';
        io.notice('The template already holds every parameter this step sends and no change order is running, so nothing was sent (if-unchanged: skip). Set if-unchanged: deploy to deploy anyway.', { title: 'Nothing to deploy' });
        return report;
      }
      if (plan && !plan.changed.length) io.info('Nothing changes, but a change order is running on the template (or that could not be checked), so the action deploys anyway: that order may change it.');
    }

    // 4-5. UpdateJob and its change order, sent once more if the order followed proves to be another's.
    for (let resent = 0; ; resent++) {
      // 4. UpdateJob, unless the run was cancelled while getting here.
      if (deps.signal?.aborted) throw cancelledBeforeOrder();
      io.startGroup('UpdateJob');
      let submitted: Submitted;
      let throttledBefore = false;
      try {
        const { submitUpdateJob } = await import('./changeorder/submit.js');
        submitted = await submitUpdateJob({
          api, request, appId: report.appId, ifBusy: settings.ifBusy, maxRetries: settings.maxRetries, deadline, clock: debugClock(io, clock, 'UpdateJob'),
          schedule: deps.schedule ?? defaultSchedule, signal: deps.signal, lostAnswerGraceMs: 2 * settings.requestTimeoutMs,
          onEvent: (e) => {
            // A throttled UpdateJob says the account's budget is short right now: the wait starts slowed down.
            if (e.type === 'retry' && /^Throttling/.test(e.error.code)) throttledBefore = true;
            logSubmitEvent(io, e, settings.region, clock.now() - started, settings.consoleSite);
          },
        });
      } finally {
        io.endGroup();
      }
      report.changeOrderId = submitted.changeOrderId;
      report.requestId = submitted.requestId;
      report.traceId = submitted.traceId;
      io.setOutput('request-id', submitted.requestId);
      io.setOutput('trace-id', submitted.traceId);
      report.changeOrderUrl = changeOrderUrl(submitted.changeOrderId, settings.region, settings.consoleSite);
      io.setOutput('change-order-id', submitted.changeOrderId);
      io.setOutput('change-order-url', report.changeOrderUrl);
      io.info(`Change order ${submitted.changeOrderId} created (request id ${submitted.requestId || 'unknown'}): ${report.changeOrderUrl}`);
      if (!settings.wait) {
        report.status = 'submitted';
        return report;
      }

      // 5. The change order, polled on a schedule fitted to how long this template's deploys take.
      try {
        await follow({ ...deps, schedule: deps.schedule ?? scheduleFor(submitted.previousOrders) }, api, settings, report, deadline, started, throttledBefore);
      } catch (e) {
        if (e instanceof Stop && e.status === 'failed' && submitted.uncertain === 'answer-lost') {
          e.error.message = `UpdateJob's answer was lost, so this order may have been another deploy's; it failed either way. ${e.error.message}`;
        }
        throw e;
      }
      // 6. Proof: success only when the template holds what was sent.
      if (await proven(deps, api, request, settings, report, submitted, resent, deadline, where)) return report;
    }
  } catch (e) {
    // Cancelled before a change order of this run existed: whatever failed last, nothing was deployed.
    const stop = deps.signal?.aborted && !report.changeOrderId ? cancelledBeforeOrder() : await toStop(e, report, target);
    report.status = stop.status;
    report.error = stop.error;
    if (stop.error.code && !report.inputProblems.length) {
      io.error(stop.error.message, { title: stop.error.code, ...(await where(stop.inputs)) });
    }
    return report;
  } finally {
    // Only after the deploy ended well: the order succeeded, or there was nothing to deploy ('unchanged').
    if (runAfter && !deps.signal?.aborted && (report.status === 'succeeded' || report.status === 'unchanged')) await runAfter();
    report.durationMs = clock.now() - started;
    finish(io, report);
  }
}

/** Retries of reads (DescribeJob, ListChangeOrders) under the run's settings. */
function readRetry(deps: Deps, settings: Settings, deadline: number) {
  return { maxRetries: settings.maxRetries, deadline, sleep: (ms: number) => deps.clock.sleep(ms, deps.signal), now: deps.clock.now, signal: deps.signal };
}

/** The client for a dry run's plan, or undefined when there are no credentials (then the request alone is shown). */
async function connectForPlan(deps: Deps, settings: Settings, deadline: number): Promise<SaeApi | undefined> {
  if (!settings.endpoint) return undefined;
  try {
    return await connect(deps, settings, deadline);
  } catch (e) {
    if (!(e instanceof CredentialsError)) throw e;
    if (e.code === 'Credentials.Missing') deps.io.info('Dry run without credentials: the template is not read, so only the request is shown.');
    else deps.io.warning(`The template could not be read for the plan: ${e.message}`, { title: e.code });
    return undefined;
  }
}

/** Reads the template, logs the plan, sets `changed` and puts the plan in the report; undefined when it could not be read. */
async function showPlan(deps: Deps, api: SaeApi, request: UpdateJobRequest, settings: Settings, report: RunReport, deadline: number): Promise<Plan | undefined> {
  const { readPlan, planLines } = await import('./plan/plan.js');
  // A dry run's plan is a courtesy: one retry, not a deploy's patience.
  const retry = { ...readRetry(deps, settings, deadline), maxRetries: settings.dryRun ? Math.min(1, settings.maxRetries) : settings.maxRetries };
  const plan = await readPlan(api, request, report.appId, (v) => deps.io.setSecret(v), retry);
  if (plan instanceof SaeError) {
    const fix = /Forbidden|NoPermission|Unauthorized/i.test(plan.code) ? 'Grant sae:DescribeJob to the deploying identity (see the README\'s RAM policy).' : 'Check endpoint, region and the credentials if it persists.';
    deps.io.warning(`DescribeJob failed (${plan.code}${plan.message ? `: ${plan.message}` : ''}), so the action cannot tell what this step changes${settings.ifUnchanged === 'skip' && !settings.dryRun ? ' and deploys (if-unchanged: skip needs the template)' : ''}. ${fix}`, { title: 'Plan not read' });
    return undefined;
  }
  report.plan = plan.entries;
  deps.io.setOutput('changed', JSON.stringify(plan.changed));
  deps.io.startGroup(`Plan for ${report.appId}: ${plan.changed.length} of ${plan.entries.length} parameters change`);
  for (const line of planLines(plan)) deps.io.info(line);
  deps.io.endGroup();
  return plan;
}

/** The id of a change order running on the template, 'unknown' when that could not be told, else undefined. */
async function orderRunning(deps: Deps, api: SaeApi, settings: Settings, appId: string, deadline: number): Promise<string | undefined> {
  const { withRetries, isTransient } = await import('./sae/retry.js');
  try {
    const orders = await withRetries(() => api.listChangeOrders(appId, 10), { ...readRetry(deps, settings, deadline), shouldRetry: isTransient });
    return orders.find((o) => RUNNING_STATUSES.includes(o.status))?.changeOrderId;
  } catch (e) {
    if (!(e instanceof SaeError)) throw e;
    return 'unknown';
  }
}

/** Follows another change order to its end (if-busy: wait), logging it as a busy wait. */
async function waitForOther(deps: Deps, api: SaeApi, id: string, settings: Settings, deadline: number, started: number): Promise<void> {
  const { io, clock } = deps;
  const { waitForChangeOrder } = await import('./changeorder/wait.js');
  const log = (e: Parameters<typeof logSubmitEvent>[1]) => logSubmitEvent(io, e, settings.region, clock.now() - started, settings.consoleSite);
  log({ type: 'busy', runningOrderId: id });
  try {
    const result = await waitForChangeOrder({
      api, changeOrderId: id, deadline, confirmBatches: false, clock: debugClock(io, clock, `change order ${id}`), schedule: deps.schedule ?? defaultSchedule, signal: deps.signal,
      onEvent: (event) => log({ type: 'busy-wait', event }),
    });
    io.info(`The other change order ended (${result.info?.label ?? result.outcome}); reading the template again.`);
  } catch (e) {
    // The deploy path that follows handles a template that is still busy (if-busy), so this is not fatal.
    if (!(e instanceof SaeError)) throw e;
    io.info(`The other change order could not be followed (${e.code}); deploying.`);
  }
}

/** Resends after an order proved to be another's. */
const MAX_RESENDS = 1;

/**
 * After the order succeeded: one DescribeJob. For an order this run is sure of, a value SAE did not take
 * is a warning (SAE may normalise values). For an order it is not sure of, success needs the template to
 * hold every value sent; if it does not, that order was another deploy's: false, send UpdateJob again.
 */
async function proven(deps: Deps, api: SaeApi, request: UpdateJobRequest, settings: Settings, report: RunReport, submitted: Submitted,
  resent: number, deadline: number, where: (inputs: readonly string[]) => Promise<AnnotationProps>): Promise<boolean> {
  const { io, clock } = deps;
  const { checkHeld } = await import('./plan/plan.js');
  const id = report.changeOrderId!;
  api.hurry?.(); // the call the run ends with: its wait is the deploy's delay
  const held = await checkHeld(api, request, report.appId, (v) => io.setSecret(v), readRetry(deps, settings, deadline));
  const why = submitted.uncertain === 'waited' ? 'it waited for another change order first' : 'UpdateJob\'s answer was lost and the order was found afterwards';
  if (held instanceof SaeError) {
    if (submitted.uncertain) {
      throw new Stop('failed', {
        code: 'Deploy.Unproven',
        message: `Change order ${id} succeeded, but this run cannot be sure it was its own (${why}), and the template could not be read to prove it (DescribeJob: ${held.code}${held.message ? ` ${held.message}` : ''}). Check the template in the console (or grant sae:DescribeJob), then re-run. ${report.changeOrderUrl}`,
      });
    }
    io.warning(`Change order ${id} succeeded, but the template could not be read back to verify it (DescribeJob: ${held.code}${held.message ? ` ${held.message}` : ''}). Grant sae:DescribeJob to have every deploy verified.`, { title: 'Not verified' });
    return true;
  }
  if (!held.notHeld.length) {
    io.info(`Verified: the template holds every value sent (DescribeJob after change order ${id}).`);
    return true;
  }
  const names = held.notHeld.map((e) => e.input).join(', ');
  if (submitted.uncertain) {
    // Another deploy's order is not reported as this run's, in the outputs or the summary.
    const url = report.changeOrderUrl;
    report.changeOrderId = undefined;
    report.changeOrderUrl = undefined;
    io.setOutput('change-order-id', '');
    io.setOutput('change-order-url', '');
    if (resent >= MAX_RESENDS || clock.now() + 1000 >= deadline) {
      throw new Stop('failed', {
        code: 'Deploy.NotThisRunsOrder',
        message: `Change order ${id} succeeded, but the template does not hold this run's values for ${names}, so it was not this run's order (${why}; another deploy changed the template), and ${resent >= MAX_RESENDS ? 'UpdateJob was already sent again once' : 'wait-timeout has run out'}. Nothing of this run is known to be deployed: look at the template's change orders in the console, then re-run. ${url}`,
      }, held.notHeld.map((e) => e.input));
    }
    io.warning(`Change order ${id} succeeded, but the template does not hold this run's values for ${names}: it was another deploy's order (${why}). Nothing is running now, so UpdateJob is sent again.`, { title: 'Another deploy\'s order' });
    report.history = [];
    report.pipelines = [];
    return false;
  }
  for (const e of held.notHeld) {
    const value = e.secret ? '' : ` (sent ${e.after || '""'}; it holds ${e.before === undefined ? 'nothing' : e.before || '""'})`;
    io.warning(`SAE did not take ${e.input}: after change order ${id} succeeded, the template holds another value${value}. SAE may normalise some values; if this one matters, check ${e.input} and the template in the console.`, { title: `Not taken: ${e.input}`, ...(await where([e.input])) });
  }
  return true;
}

async function connect(deps: Deps, settings: Settings, deadline: number): Promise<SaeApi> {
  const { io } = deps;
  const { resolveCredentials } = await import('./credentials/resolve.js');
  const resolved = await resolveCredentials({
    getInput: (n) => io.getInput(n), env: io.env, region: settings.region, mask: (v) => io.setSecret(v), info: (m) => io.info(m),
    fetch: debugFetch(io, 'STS', deps.fetch), getIdToken: debugIdToken(io, deps.getIdToken), now: deps.clock.now, sleep: (ms) => deps.clock.sleep(ms, deps.signal),
  });
  io.info(`Signing with credentials from ${resolved.source}; endpoint ${settings.endpoint}.`);
  logRoute(io, 'SAE', settings.endpoint);
  const { SaeClient } = await import('./sae/client.js');
  const { budgeted, CallBudget } = await import('./sae/budget.js');
  const client = await SaeClient.create({ endpoint: settings.endpoint, credentials: resolved.credentials, requestTimeoutMs: settings.requestTimeoutMs, deadline, now: deps.clock.now, onCall: (c) => logCall(io, c) });
  // Every SAE call of the run through one gate: the run's share of the account's budget (sae/budget.ts).
  const budget = new CallBudget(deps.clock);
  budget.setDeadline(deadline);
  return budgeted(client, budget, deps.signal);
}

async function follow(deps: Deps, api: SaeApi, settings: Settings, report: RunReport, deadline: number, started: number, startThrottled = false): Promise<void> {
  const { io, clock } = deps;
  const id = report.changeOrderId!;
  const { waitForChangeOrder, failureDetails } = await import('./changeorder/wait.js');
  io.startGroup(`Waiting for change order ${id} (at most ${formatDuration(Math.max(0, deadline - clock.now()))})`);
  let result;
  try {
    result = await waitForChangeOrder({
      api, changeOrderId: id, deadline, confirmBatches: settings.confirmBatches, clock: debugClock(io, clock, `change order ${id}`), schedule: deps.schedule ?? defaultSchedule,
      signal: deps.signal, onEvent: (e) => logWaitEvent(io, e, report.changeOrderUrl!, clock.now() - started), startThrottled,
    });
  } finally {
    io.endGroup();
  }
  report.history = result.history;
  const last = result.order;
  report.pipelines = last?.pipelines ?? [];
  switch (result.outcome) {
    case 'succeeded':
      report.status = 'succeeded';
      return;
    case 'failed': {
      // Throttled or flaky reads of the details wait and retry like every other call (src/sae/retry.ts).
      const { withRetries, isTransient } = await import('./sae/retry.js');
      const read = <T>(call: () => Promise<T>) => withRetries(call, {
        maxRetries: settings.maxRetries, deadline, shouldRetry: isTransient, now: clock.now, sleep: (ms) => clock.sleep(ms, deps.signal), signal: deps.signal,
      });
      report.failureDetails = last ? await failureDetails(api, last, read) : [];
      const status = last?.status ?? 3;
      const code = status === 6 ? 'ChangeOrder.Terminated' : status === 10 ? 'ChangeOrder.SystemError' : 'ChangeOrder.Failed';
      throw new Stop('failed', {
        code,
        message: changeOrderFailedMessage({ status, cause: result.info?.cause, errorMessage: last?.errorMessage, firstDetail: report.failureDetails[0], url: report.changeOrderUrl }),
      });
    }
    case 'cancelled':
      throw new Stop('cancelled', {
        code: 'Run.Cancelled',
        message: `The run was cancelled while change order ${id} was ${result.info?.label ?? 'starting'}. It keeps running in SAE; follow it at ${report.changeOrderUrl}`,
      });
    case 'timed-out': {
      const state = result.info?.label ?? 'not seen yet';
      // The order exists and its end was not seen: never `failed`. Either the deadline came, or SAE gave an
      // answer that asking again will not change (no permission, say): the order may still succeed.
      const unanswered = result.lastError ? ` SAE could not be asked about it (last answer: ${result.lastError.code}${result.lastError.message ? `: ${result.lastError.message}` : ''}).` : '';
      if (result.lastError && !(await import('./sae/retry.js')).isTransient(result.lastError)) {
        throw new Stop('timed-out', {
          code: result.lastError.code,
          message: `The action could not follow change order ${id} to its end:${unanswered} Its last state seen was ${state}, and it may still succeed: check it in the console, and fix what the code above says (often the RAM policy lacks sae:DescribeChangeOrder) before the next deploy. Change order: ${report.changeOrderUrl}`,
        });
      }
      if (settings.onTimeout === 'abort') {
        try {
          await api.abortChangeOrder(id);
          throw new Stop('aborted', {
            code: 'ChangeOrder.TimedOut',
            message: `The change order did not end within wait-timeout (${formatDuration(settings.waitTimeoutMs)}; last state: ${state}), so the action aborted it (on-timeout: abort) and SAE accepted the abort. Raise wait-timeout if deploys of this template take longer. Change order: ${report.changeOrderUrl}`,
          });
        } catch (e) {
          if (!(e instanceof SaeError)) throw e;
          throw new Stop('timed-out', {
            code: 'ChangeOrder.TimedOut',
            message: `The change order did not end within wait-timeout (${formatDuration(settings.waitTimeoutMs)}; last state: ${state}), and aborting it failed (${e.code}: ${e.message}): it may still be running. Check it in the console: ${report.changeOrderUrl}`,
          });
        }
      }
      throw new Stop('timed-out', {
        code: 'ChangeOrder.TimedOut',
        message: `The change order was not seen to end within wait-timeout (${formatDuration(settings.waitTimeoutMs)}); its last state seen was ${state}, and it is left running (on-timeout: fail), so it may still succeed.${unanswered} Check it in the console; raise wait-timeout if deploys of this template take longer (or many deploys share the account's API budget), or set on-timeout: abort. Change order: ${report.changeOrderUrl}`,
      });
    }
  }
}

function cancelledBeforeOrder(): Stop {
  return new Stop('cancelled', { code: 'Run.Cancelled', message: 'The run was cancelled before it created a change order: nothing was deployed by this run.' });
}

/** Where the action connects, for the words of a connection failure. */
interface Target {
  endpoint: string;
  endpointGiven: boolean;
}

/** Turns whatever ended the run into what to report. */
async function toStop(e: unknown, report: RunReport, target: Target): Promise<Stop> {
  if (e instanceof Stop) return e;
  if (e instanceof CredentialsError) {
    return new Stop('failed', { code: e.code, message: e.message + (e.requestId ? ` (request id: ${e.requestId})` : ''), requestId: e.requestId }, [e.input]);
  }
  if (e instanceof SaeError) return fromSaeError(e, report, target);
  const message = e instanceof Error ? e.message : String(e);
  return new Stop('failed', { code: 'Action.InternalError', message: `The action hit an unexpected error: ${message}. Please report it with this log.` });
}

async function fromSaeError(e: SaeError, report: RunReport, target: Target): Promise<Stop> {
  // Loaded only on failure: the catalogue is large and a successful run never needs it.
  const { explain } = await import('./report/catalogue.js');
  const explained = explain(e.code, e.message, e.requestId);
  const busy = e as SaeError & { runningOrderId?: string; waited?: unknown; ambiguous?: boolean };
  let message = explained.message;
  if (e.code === 'Application.ChangerOrderRunning') {
    const link = busy.runningOrderId ? changeOrderUrl(busy.runningOrderId, report.region, report.consoleSite) : '';
    message = busy.waited
      ? `Another change order (${busy.runningOrderId}) was still running on the template when wait-timeout ran out, so UpdateJob was not sent again. Raise wait-timeout, or let that order finish first. ${link}`
      : `Another change order${busy.runningOrderId ? ` (${busy.runningOrderId})` : ''} is running on the template, so SAE refused the update (if-busy: fail, or it was still busy after waiting once). Wait for it to end (if-busy: wait does that), or use a concurrency group so deploys of one template run one at a time. ${link}`.trim();
  } else if (busy.ambiguous) {
    message = `UpdateJob ended without a usable answer (${e.code}: ${e.message}), and whether SAE created a change order could not be confirmed, so UpdateJob was not sent again: a second send could deploy twice. Look at the template's change orders in the SAE console before re-running.`;
  } else if ((e.kind === 'connection' || e.kind === 'timeout') && e.code !== 'Endpoint.Insecure') {
    // SAE did not answer: say so, and name the inputs that choose where the action connects.
    const { describeUnreachable } = await import('./sae/unreachable.js');
    const u = describeUnreachable(e, target.endpoint, report.region, target.endpointGiven);
    return new Stop('failed', { code: e.code, message: u.message }, u.inputs);
  } else if (e.kind === 'format') {
    message = `SAE's ${e.api} answer could not be read: ${e.message}. Something between the runner and SAE (a proxy, or a wrong endpoint) may have answered. Check endpoint and region, then re-run.`;
  }
  return new Stop('failed', { code: e.code, message: message + (e.requestId && !message.includes(e.requestId) ? ` (request id: ${e.requestId})` : ''), requestId: e.requestId }, explained.inputs);
}

async function commentOnPr(deps: Deps, report: RunReport): Promise<void> {
  const { io } = deps;
  if (report.context.eventName !== 'pull_request' && report.context.eventName !== 'pull_request_target') {
    io.info(`comment-on-pr: this is a ${report.context.eventName || 'non-pull-request'} event, so no comment is posted.`);
    return;
  }
  const { postPlanComment } = await import('./report/pr-comment.js');
  try {
    const url = await postPlanComment(io, report);
    io.info(`Posted the planned request on the pull request: ${url}`);
  } catch (e) {
    io.warning(`The planned request could not be posted on the pull request: ${(e as Error).message}. Give the job permissions: pull-requests: write, or set comment-on-pr: false.`, { title: 'comment-on-pr' });
  }
}

/** Outputs, the final log line and the job summary: the same report, three renderings. */
function finish(io: ActionIO, r: RunReport): void {
  // Every run sets these, bad input too: a later `if: always()` step reads them.
  io.setOutput('app-id', r.appId);
  io.setOutput('request', Object.keys(r.parameters).length ? JSON.stringify(r.parameters) : '');
  io.setOutput('status', r.status);
  // A run after the deploy that failed fails the step, though the deploy's status stays what it was.
  const runError = r.jobRun?.error;
  io.setOutput('error-code', succeeded(r.status) ? runError?.code ?? '' : r.error?.code ?? '');
  const where = r.changeOrderUrl ? ` — change order ${r.changeOrderId}: ${r.changeOrderUrl}` : '';
  const job = r.jobRun?.jobId ? `; job run ${r.jobRun.jobId}: ${r.jobRun.outcome ?? runError?.code ?? 'unknown'}` : runError ? `; job run not started: ${runError.code}` : '';
  io.info(`Result: ${r.status} in ${formatDuration(r.durationMs)}${where}${job}`);
  io.appendSummary(renderSummary(r, io.redact));
  if (!succeeded(r.status) || runError) io.markFailed();
}
