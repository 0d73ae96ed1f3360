// How a step of several templates ends (step/deploy-templates.ts): its status from its templates', and the endings of a
// template that the step itself decides (fail-fast, two spec files for one template).
import type { RunStatus } from '../report/model.js';
import type { TemplateResult } from '../report/step-summary.js';
import { outcome, STATUS, type Outcome } from './endings.js';

/**
 * The step's status: succeeded when every template ended succeeded or unchanged (and no run after a deploy
 * failed); dry-run or submitted when every one was that (or unchanged); cancelled when the runner cancelled it;
 * else failed.
 */
export function stepStatus(results: readonly TemplateResult[], cancelled: boolean): RunStatus {
  if (results.some((t) => t.failed)) return cancelled ? STATUS.cancelled : STATUS.failed;
  const all = (...s: RunStatus[]) => results.every((t) => s.includes(t.report.status));
  if (all(STATUS.succeeded, STATUS.unchanged)) return STATUS.succeeded;
  if (all(STATUS.dryRun)) return STATUS.dryRun;
  if (all(STATUS.submitted, STATUS.unchanged)) return STATUS.submitted;
  return STATUS.failed;
}

/** fail-fast: a template not deployed because another failed first. */
export function notStartedAfterFailure(first: string): Outcome {
  return outcome(
    STATUS.cancelled,
    'FailFast.NotStarted',
    `Not deployed: ${first} failed first and fail-fast is true, so this template's deploy was not started (nothing was sent that changes it). Fix ${first} and run the step again, or set fail-fast: false to deploy every template whatever the others do.`,
    ['fail-fast'],
  );
}

/** Two spec files of one step name the same template: their deploys would change it twice at once. */
export function sameTemplateTwice(other: string, appId: string): Outcome {
  return outcome(
    STATUS.failed,
    'Spec.SameTemplate',
    `${other} deploys the same job template (${appId}) in this step, so this file was not deployed: two deploys of one template at once would fight over it. Keep one spec file per template, or deploy them in separate steps.`,
    ['spec'],
  );
}
