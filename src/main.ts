// The action, end to end. This file only wires the stages (src/deploy/); how a run ends and every sentence
// about it are in src/report/outcome.ts.
//
// Layers, bottom to top; a folder imports only from folders below it, never back up the flow, and the
// folder graph has no cycle (test/unit/import-graph.test.ts holds src/ to this order):
//   base         neutral policy with no I/O: where secrets may go (urls.ts), the retry policy (retry.ts)
//   runner       the I/O seam: the runner's I/O (io.ts), the Clock, the network and its proxies, secrets
//   inputs       reading and checking every input; the settings, read once and passed down typed
//   request      the UpdateJob request built from the parameters
//   credentials  who signs: keys, the environment, keyless login (OIDC → STS) and its renewal
//   sae          the SAE client, its errors, its codes and its retry predicates
//   plan         what the request changes in the template (DescribeJob), and the read-back
//   changeorder  UpdateJob sent safely, the change order followed
//   jobrun       the job run after the deploy (ExecJob, DescribeJobStatus)
//   report       what people read: outcome, catalogue, summary, annotations, progress lines, PR comment
//   deploy       the stages of a run, each one step of the flow
//   (root)       main.ts, runtime.ts (the runner's real dependencies) and index.ts: the composition root
import { begin } from './deploy/begin.js';
import { connect } from './deploy/connect.js';
import type { Deploy, Deps } from './deploy/context.js';
import { dryRun } from './deploy/dry-run.js';
import { ending, finish } from './deploy/finish.js';
import { createTemplate } from './deploy/create.js';
import { identify } from './deploy/identify.js';
import { checkInputs } from './deploy/inputs.js';
import { jobRunAfter } from './deploy/job-run.js';
import { rollbackAfter } from './deploy/on-failure.js';
import { nothingToDeploy } from './deploy/plan.js';
import { update } from './deploy/update.js';
import type { RunReport } from './report/model.js';
import { reportFatal } from './runner/fatal.js';

export type { Deps };

/**
 * After a cancel, the stages get this long (wall time) to end by themselves; every request in flight is cut
 * off at once, so they end within milliseconds. Past it the run ends anyway with what it knows, well within
 * the runner's grace (SIGKILL 2.5 s after SIGTERM).
 */
export const CANCEL_GRACE_MS = 1500;

/** Runs the action. Without deps (the runner, @github/local-action) it builds the real ones. */
export async function run(deps?: Deps): Promise<RunReport> {
  if (!deps) return (await import(/* webpackMode: "eager" */ './runtime.js')).runOnRunner(run);
  const r = begin(deps);
  const { io, report } = r;
  /** run-after-deploy, once there is a client: runs the job if the deploy ended well. */
  let runAfter: (() => Promise<void>) | undefined;
  /** on-failure: rollback, once there is a request to send: puts the template back after a failure that calls for it. */
  let rollBack: (() => Promise<void>) | undefined;
  const stages = async (): Promise<void> => {
    // 1-2. Inputs, every one checked before anything is sent, and the request they make.
    const { settings, request, identity, create } = await checkInputs(r);
    const d: Deploy = { ...r, settings, deadline: r.started + settings.waitTimeoutMs, undo: { orders: [] } };
    if (settings.dryRun) return dryRun(d, request, identity, create);
    // 3. Credentials and the client.
    const api = await connect(d);
    // 3a. The template, when the step names it by app-name; with if-missing: create, created when missing.
    let named = await identify(d, api, request, identity);
    if (settings.runAfterDeploy) runAfter = jobRunAfter(d, api);
    if (!named && identity.by === 'name') named = await createTemplate(d, api, request, create!, identity);
    if (!named) return;
    // 3b. The plan; with if-unchanged: skip, maybe nothing to do.
    const toSend = await nothingToDeploy(d, api, named, create);
    if (!toSend) return;
    // A template this step created has nothing to go back to; one it updates does (the request as sent).
    if (settings.onFailure === 'rollback') rollBack = rollbackAfter(d, api, toSend);
    // 4-6. UpdateJob, its change order, the proof.
    await update(d, api, toSend);
  };
  try {
    await withinCancelGrace(stages(), deps.signal);
    return report;
  } catch (e) {
    await ending(r, e);
    return report;
  } finally {
    try {
      await runAfter?.();
      await rollBack?.();
      report.durationMs = r.clock.now() - r.started;
      finish(io, report);
    } catch (e) {
      // The report itself failed: said once, and run() still returns (nothing reaches the runner as a crash).
      reportFatal(io, e);
    }
  }
}

/** The work, or, once the run is cancelled, at most CANCEL_GRACE_MS more of it (then it is left behind). */
async function withinCancelGrace(work: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return work;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort = () => {};
  const late = new Promise<never>((_, reject) => {
    onAbort = () => {
      timer = setTimeout(() => reject(new Error('the run did not stop within the cancel grace')), CANCEL_GRACE_MS);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
}
