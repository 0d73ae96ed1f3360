// The action's outputs, every one rendered from the run's report: one function keyed by OutputName, so an output
// added to the contract (contract/outputs.ts) fails to compile here until the report says what it holds. The
// stages write them through deploy/write-outputs.ts; with several templates, report/step-summary.ts says what the step's are.
import type { OutputName } from '../contract/outputs.js';
import type { PlanEntry } from '../plan/changes.js';
import { succeeded, type RunReport } from './model.js';

/** Each output's value; undefined when the run has nothing to say (an output never set reads as empty). */
export type Outputs = Readonly<Record<OutputName, string | undefined>>;

/** The wire names whose value differs from the template's (the `changed` output). */
export const changedOf = (plan: readonly PlanEntry[]): string[] =>
  plan.filter((e) => e.state === 'changed').map((e) => e.wire);

export function outputsOf(r: RunReport): Outputs {
  const jobRun = r.jobRun;
  return {
    // One object per template of a step that deploys several (report/step-summary.ts); a lone template's step has none.
    results: undefined,
    'app-id': r.appId,
    'change-order-id': r.changeOrderId,
    'change-order-url': r.changeOrderUrl,
    status: r.status,
    'request-id': r.requestId,
    'trace-id': r.traceId,
    // A run after the deploy that failed fails the step, though the deploy's status stays what it was.
    'error-code': succeeded(r.status) ? (jobRun?.error?.code ?? '') : (r.error?.code ?? ''),
    request: Object.keys(r.parameters).length ? JSON.stringify(r.parameters) : '',
    // No plan: the template could not be read, so what changes is not known (empty, not []).
    changed: r.plan ? JSON.stringify(changedOf(r.plan)) : undefined,
    created: r.created ? 'true' : 'false',
    'job-id': jobRun?.jobId,
    'job-status': jobRun?.outcome && jobRun.outcome !== 'cancelled' ? jobRun.outcome : undefined,
    'rolled-back': String(r.rollback?.rolledBack === true),
  };
}
