// What a run produced, gathered in one value from which the outputs, the final log line and the job
// summary are all rendered.
import type { StatusChange } from '../changeorder/wait.js';
import type { JobRunReport } from '../jobrun/run.js';
import type { PlanEntry } from '../plan/plan.js';
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
  inputProblems: Array<{ input: string; code: string; message: string }>;
  /** What the request changes in the template as read before UpdateJob (absent when it could not be read). */
  plan?: PlanEntry[];
  error?: ReportedError;
  context: RunContext;
  /** run-after-deploy: the job run after the deploy (planned, in a dry run). */
  jobRun?: JobRunReport;
}

export function succeeded(status: RunStatus): boolean {
  return status === 'succeeded' || status === 'unchanged' || status === 'submitted' || status === 'dry-run';
}
