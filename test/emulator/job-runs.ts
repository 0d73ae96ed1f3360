// Job runs started by ExecJob go through a plan of steps, computed from the time since ExecJob (no timers),
// like change orders: a test sets the timeline (running → succeeded, failed with a message, or stuck).
import type { JobRun, JobRunStep } from './types.js';
import { isRecord } from './util.js';

export const DEFAULT_JOB_PLAN: JobRunStep[] = [
  { state: '3', active: 1, forMs: 500 },
  { state: '1', succeeded: 1 },
];

export function parseJobPlan(v: unknown): JobRunStep[] {
  const states = ['0', '1', '2', '3'];
  if (!Array.isArray(v) || v.length === 0 || !v.every((s) => isRecord(s) && states.includes(s['state'] as string))) {
    throw new Error(
      'a job plan is a non-empty array of {state: "0"|"1"|"2"|"3", forMs?, active?, succeeded?, failed?, message?}',
    );
  }
  return v as JobRunStep[];
}

export interface JobRunState {
  step: JobRunStep;
  state: string;
  /** Epoch ms when a final step (1 or 2) began. */
  completedAt?: number;
}

export function jobRunState(j: JobRun, now = Date.now()): JobRunState {
  let startedAt = j.createdAt;
  let i = 0;
  for (; i < j.plan.length - 1; i++) {
    const step = j.plan[i]!;
    if (step.forMs === undefined || now < startedAt + step.forMs) break;
    startedAt += step.forMs;
  }
  const step = j.plan[i]!;
  return { step, state: step.state, completedAt: step.state === '1' || step.state === '2' ? startedAt : undefined };
}
