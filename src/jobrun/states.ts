// What DescribeJobStatus's State means (docs/reference/sae-api.md §5.2: strings "0"-"3"), in words for the log and
// summary.
import type { JobStatus } from '../sae/client.js';

export const JOB_STATES: Record<string, string> = {
  '0': 'not started yet',
  '1': 'succeeded',
  '2': 'failed',
  '3': 'running',
};

export function stateLabel(state: string): string {
  return JOB_STATES[state] ?? `state ${state}`;
}

export function counts(s: JobStatus): string {
  return `active ${s.active}, succeeded ${s.succeeded}, failed ${s.failed}`;
}
