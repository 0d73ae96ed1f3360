// What a run produced, gathered in one value from which the outputs, the final log line and the job
// summary are all rendered.
import type { ParameterInput } from '../contract/parameters.js';
import type { StatusChange } from '../changeorder/wait.js';
import type { Subject } from '../contract/spec-keys.js';
import type { JobRunReport } from '../jobrun/start-and-follow.js';
import type { PlanEntry } from '../plan/changes.js';
import type { PipelineSummary } from '../sae/client.js';
import type { RunContext } from './links.js';
import type { ConsoleSite } from './links.js';

export type RunStatus =
  'succeeded' | 'unchanged' | 'failed' | 'aborted' | 'timed-out' | 'submitted' | 'dry-run' | 'cancelled';

export interface ReportedError {
  code: string;
  /** Cause first, then what to do. */
  message: string;
  requestId?: string;
}

export interface RunReport {
  status: RunStatus;
  appId: string;
  /** The template's name, when the step names it by app-name (the id is then looked up). */
  appName?: string;
  /** The namespace it was looked up in (namespace-id), or found in. */
  namespaceId?: string;
  /** The spec file the template's values come from, relative to the workspace. */
  spec?: string;
  /** This step created the template (if-missing: create). */
  created?: boolean;
  /** With a spec: where each parameter sent (wire name) comes from, the spec or the step. */
  origins?: Record<string, 'spec' | 'step'>;
  region: string;
  /** Which Alibaba Cloud console the links open (console-site). */
  consoleSite?: ConsoleSite;
  changeOrderId?: string;
  changeOrderUrl?: string;
  /** UpdateJob was sent and its answer not seen (lost, or the run cancelled in flight): an order may exist. */
  updateUnanswered?: boolean;
  requestId?: string;
  traceId?: string;
  durationMs: number;
  /** The parameters sent (or that would be sent), wire names, secrets as ***. */
  parameters: Record<string, string>;
  history: StatusChange[];
  /** The change order's pipelines (one per batch) as last seen. */
  pipelines: PipelineSummary[];
  /** Failing stages and tasks of a failed change order. */
  failureDetails: string[];
  /** Problems found in the inputs (bad input runs). */
  inputProblems: Array<{ input: Subject; code: string; message: string }>;
  /** What the request changes in the template as read before UpdateJob (absent when it could not be read). */
  plan?: PlanEntry[];
  error?: ReportedError;
  context: RunContext;
  /** run-after-deploy: the job run after the deploy (planned, in a dry run). */
  jobRun?: JobRunReport;
  /** on-failure: rollback, when a failure set it off. */
  rollback?: RollbackReport;
}

/** What on-failure: rollback did after a failure (deploy/rollback.ts). */
export interface RollbackReport {
  /** What set it off, in words: "the change order failed", "the job run after the deploy failed". */
  trigger: string;
  /**
   * restored: a change order put the values back; unchanged: the failure had left the template as it was;
   * skipped: nothing was put back on purpose; failed; cancelled: the run was cancelled during the rollback.
   */
  outcome: 'restored' | 'unchanged' | 'skipped' | 'failed' | 'cancelled';
  /** True only once a read-back (DescribeJob) showed the template holding what it held before the step. */
  rolledBack: boolean;
  changeOrderId?: string;
  changeOrderUrl?: string;
  /** The values put back, by wire name, as one line ('***' for a secret, '' for a clear). */
  restored: Record<string, string>;
  /** Parameters this step sent that could not be put back, and why. */
  notRestored: Array<{ wire: string; input: ParameterInput; why: string }>;
  /** Rollback.Skipped, Rollback.Failed or Rollback.Cancelled. */
  error?: ReportedError;
}

export function succeeded(status: RunStatus): boolean {
  return status === 'succeeded' || status === 'unchanged' || status === 'submitted' || status === 'dry-run';
}
