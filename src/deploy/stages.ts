// One template's deploy, stage after stage: its inputs (over its spec file), credentials and client, the
// template found or created, the plan, UpdateJob, its change order, the proof, the run after it, a rollback, and
// its report. A step deploys one template with this, or several side by side (step/deploy-templates.ts).
import type { Problem } from '../inputs/problems.js';
import { Ended } from '../outcome/endings.js';
import type { RunReport } from '../report/model.js';
import { notStartedAfterFailure, sameTemplateTwice } from '../outcome/step-status.js';
import { reportFatal } from '../runner/fatal.js';
import { connect } from './connect.js';
import type { Deploy, Begun } from './context.js';
import { createTemplate } from './create-template.js';
import { dryRun } from './dry-run.js';
import { ending, finish } from './finish.js';
import { identify } from './identify.js';
import { checkInputs } from './check-inputs.js';
import { nothingToDeploy } from './show-plan.js';
import { update } from './update.js';

/**
 * After a cancel, the stages get this long (wall time) to end by themselves; every request in flight is cut
 * off at once, so they end within milliseconds. Past it the run ends anyway with what it knows, well within
 * the runner's grace (SIGKILL 2.5 s after SIGTERM).
 */
export const CANCEL_GRACE_MS = 1500;

/** A template's spec file (when it has one), and what finding the files found wrong (said with its inputs). */
export interface TemplateSource {
  file?: string;
  problems?: Problem[];
  /** Looking for the spec files failed outright: the run ends with it. */
  fault?: unknown;
}

export async function deployTemplate(r: Begun, source: TemplateSource): Promise<RunReport> {
  const { io, report } = r;
  /** run-after-deploy, once there is a client: runs the job if the deploy ended well. */
  let runAfter: (() => Promise<void>) | undefined;
  /** on-failure: rollback, once there is a request to send: puts the template back after a failure that calls for it. */
  let rollBack: (() => Promise<void>) | undefined;
  /** With fail-fast, after another template of the step failed: this one sends nothing that changes anything. */
  const stillStarting = () => {
    const failed = r.step?.stoppedBy();
    if (failed) throw new Ended(notStartedAfterFailure(failed));
  };
  const stages = async (): Promise<void> => {
    if (source.fault) throw source.fault;
    // 1-2. Inputs, every one checked before anything is sent, and the request they make.
    const { settings, request, identity, create } = await checkInputs(r, source);
    const d: Deploy = { ...r, settings, deadline: r.started + settings.waitTimeoutMs, undo: { orders: [] } };
    if (settings.dryRun) return dryRun(d, request, identity, create);
    stillStarting();
    // 3. Credentials and the client.
    const api = await connect(d);
    // 3a. The template, when the step names it by app-name; with if-missing: create, created when missing.
    let named = await identify(d, api, request, identity);
    // Loaded only when asked for; run-after-deploy.ts decides whether the job runs.
    if (settings.runAfterDeploy) runAfter = async () => (await import('./run-after-deploy.js')).runAfterDeploy(d, api);
    if (!named && identity.by === 'name') {
      stillStarting();
      named = await createTemplate(d, api, request, create!, identity);
    }
    if (!named) return;
    // Several spec files of one step for one template: only the first deploys it.
    const other = r.step?.claim(report.appId, r.label ?? '');
    if (other !== undefined) throw new Ended(sameTemplateTwice(other, report.appId));
    // 3b. The plan; with if-unchanged: skip, maybe nothing to do.
    const toSend = await nothingToDeploy(d, api, named, create);
    if (!toSend) return;
    // A template this step created has nothing to go back to; one it updates does (the request as sent).
    // Loaded only when asked for; rollback.ts decides whether a failure calls for it.
    if (settings.onFailure === 'rollback')
      rollBack = async () => (await import('./rollback.js')).rollBackOnFailure(d, api, toSend);
    // 4-6. UpdateJob, its change order, the proof.
    stillStarting();
    await update(d, api, toSend);
  };
  try {
    await withinCancelGrace(stages(), r.signal);
    return report;
  } catch (e) {
    await ending(r, e);
    return report;
  } finally {
    try {
      await runAfter?.();
      await rollBack?.();
      report.durationMs = r.clock.now() - r.started;
      finish(r);
    } catch (e) {
      // The report itself failed: said once, and the deploy still returns (nothing reaches the runner as a crash).
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
