// What every stage of a run works with: the dependencies run() was given, the report being filled in, and,
// once the inputs are read, the settings and the deadline (wait-timeout from the start).
import type { PollSchedule } from '../changeorder/schedule.js';
import type { CallBounds } from '../credentials/types.js';
import type { Settings } from '../inputs/settings.js';
import type { Pacing } from '../jobrun/pacing.js';
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
  schedule?: PollSchedule;
  /** When to poll the run after the deploy (run-after-deploy); default jobrun/pacing.ts. */
  runPacing?: Pacing;
}

export interface Run extends Deps {
  report: RunReport;
  /** Epoch ms when the step started. */
  started: number;
  /** Where in the workflow an annotation about these inputs belongs (the first one found), if known. */
  where: (inputs: readonly string[]) => Promise<AnnotationProps>;
  /** Set once the inputs are read. */
  settings?: Settings;
}

/** A run past its inputs: the settings are known, and every stage shares one deadline. */
export interface Deploy extends Run {
  settings: Settings;
  /** Epoch ms: the start plus wait-timeout. */
  deadline: number;
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
export const elapsed = (r: Run): number => r.clock.now() - r.started;
