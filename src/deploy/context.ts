// What every stage of a run works with: the dependencies run() was given, the report being filled in, and,
// once the inputs are read, the settings and the deadline (wait-timeout from the start).
import type { OutputName } from '../contract/outputs.js';
import type { Subject } from '../contract/spec-keys.js';
import type { ResolvedCredentials } from '../credentials/resolve.js';
import type { CallBounds } from '../credentials/types.js';
import type { Settings } from '../inputs/settings.js';
import type { AccountPace } from '../pace/budget.js';
import type { Pacer } from '../pace/pacer.js';
import type { Schedule } from '../pace/schedule.js';
import type { Watch } from '../pace/watch.js';
import type { Template } from '../plan/changes.js';
import type { ChangeOrderListItem } from '../sae/client.js';
import type { RunReport } from '../report/model.js';
import type { Clock } from '../runner/clock.js';
import type { ActionIO, AnnotationProps } from '../runner/io.js';

/** What run() is given (main.ts exports it): the runner's I/O, time and network, or a test's. */
export interface Deps {
  io: ActionIO;
  clock: Clock;
  fetch: typeof fetch;
  /** GitHub OIDC token for an audience (credentials/github-oidc.ts on the runner), under the run's bounds. */
  getIdToken: (audience: string, bounds?: CallBounds) => Promise<string>;
  /** Aborted when the runner cancels the job. */
  signal?: AbortSignal;
  schedule?: Schedule;
  /** When to poll the job run after the deploy (run-after-deploy); default pace/pacer.ts jobRunPacing. */
  jobRunPacer?: Pacer;
}

/**
 * A deploy begun (deploy/begin.ts), before its inputs are read: one template's, or the step's own when it deploys
 * several. Named for the moment, not "Run": run() is the action's entry and a job run is SAE running the job.
 */
export interface Begun extends Deps {
  report: RunReport;
  /** Epoch ms when the step started. */
  started: number;
  /** Where in the workflow an annotation about these inputs belongs (the first one found), if known. */
  where: (inputs: readonly Subject[]) => Promise<AnnotationProps>;
  /** The outputs this template's run has written so far (deploy/write-outputs.ts). */
  written: Set<OutputName>;
  /** Set once the inputs are read. */
  settings?: Settings;
  /** With a spec file: where in it an input's value is written, when it comes from the spec (where() asks first). */
  specAt?: (input: Subject) => AnnotationProps | undefined;
  /** With several templates in one step (step/deploy-templates.ts): what their deploys share, and how this one is named. */
  step?: StepShared;
  label?: string;
}

/** What the templates of one step share: one budget, one login, the namespaces' change orders followed together. */
export interface StepShared {
  /** Every template's calls together at most at the account's documented rate (pace/budget.ts). */
  pace: AccountPace;
  /** Resolved once, by the first template to connect; the others wait for it. */
  credentials?: Promise<ResolvedCredentials>;
  /** One watch per namespace (region and namespace id), made by the first template to follow an order there. */
  watch(region: string, namespaceId: string, make: () => Watch<ChangeOrderListItem>): Watch<ChangeOrderListItem>;
  /**
   * The change orders of a namespace before the step's first UpdateJob there, listed once (ListNamespaceChangeOrders)
   * by the first template to ask, with `list`; the others wait for that answer.
   */
  ordersBefore(
    region: string,
    namespaceId: string,
    list: () => Promise<ChangeOrderListItem[]>,
  ): Promise<ChangeOrderListItem[]>;
  /** The label of another template of the step that deploys this app id already; claims it otherwise. */
  claim(appId: string, label: string): string | undefined;
  /** fail-fast: the label of the template whose failure stops new deploys, once one failed; else undefined. */
  stoppedBy(): string | undefined;
}

/** A deploy past its inputs: the settings are known, and every stage shares one deadline. */
export interface Deploy extends Begun {
  settings: Settings;
  /** Epoch ms: the start plus wait-timeout. */
  deadline: number;
  /** What a rollback needs, gathered as this template's deploy goes (one object, shared by the stages' copies). */
  undo: Undo;
}

/** What on-failure: rollback needs to put this template back (deploy/rollback.ts). */
export interface Undo {
  /**
   * The template as read (DescribeJob) just before this step's UpdateJob, raw, its secrets already masked:
   * what a rollback puts back. Undefined when it could not be read.
   */
  before?: Template;
  /**
   * The template's change orders as listed just before `before` was read; undefined when they could not be
   * listed. An order running then, or made after it and before this step's, may have changed the template since.
   */
  ordersAtRead?: ChangeOrderListItem[];
  /** Another change order ran between that read and UpdateJob (if-busy: wait): `before` may be out of date. */
  busyBetween?: boolean;
  /** Every change order this step created, its resends included. */
  orders: string[];
  /** Set by the stage that saw the failure a rollback answers. */
  trigger?: 'failed' | 'aborted';
}

/** Retries of reads (DescribeJob, ListChangeOrders) under the run's settings. */
export function readRetry(d: Deploy) {
  return {
    maxRetries: d.settings.maxRetries,
    deadline: d.deadline,
    sleep: (ms: number) => d.clock.sleep(ms, d.signal),
    now: d.clock.now,
    signal: d.signal,
  };
}

/** Milliseconds since the step started, for the [elapsed] of progress lines. */
export const elapsed = (r: Begun): number => r.clock.now() - r.started;
