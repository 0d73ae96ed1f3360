// What each change-order status means for the action (docs/reference/sae-api.md §4.3). One table, so the poller, the
// log and the summary agree.

export type Outcome = 'succeeded' | 'failed';

export interface StatusInfo {
  /** Words for the log and the summary. */
  label: string;
  /** Set when the order has ended. */
  outcome?: Outcome;
  /** Why it ended badly, for the report. */
  cause?: string;
}

const STATUSES: Record<number, StatusInfo> = {
  0: { label: 'preparing' },
  1: { label: 'executing' },
  2: { label: 'succeeded', outcome: 'succeeded' },
  3: { label: 'failed', outcome: 'failed', cause: 'The change order failed.' },
  6: { label: 'terminated', outcome: 'failed', cause: 'The change order was terminated (aborted) before it finished.' },
  8: { label: 'waiting for manual batch confirmation' },
  9: { label: 'waiting for the next batch (automatic release)' },
  10: {
    label: 'failed with a system exception',
    outcome: 'failed',
    cause: 'The change order failed with an SAE system exception; re-running the deploy usually helps.',
  },
  11: { label: 'awaiting approval' },
  12: { label: 'approved, pending execution' },
};

/** Statuses SAE documents as not final: another order in one of these keeps the template busy. */
export const RUNNING_STATUSES: readonly number[] = [0, 1, 8, 9, 11, 12];

export function isKnownStatus(status: number): boolean {
  return status in STATUSES;
}

export function describeStatus(status: number, subStatus = 0): StatusInfo {
  if (status === 1 && subStatus === 1) {
    // SAE keeps such an order "executing" forever: a batch failed and waits for a manual rollback.
    return {
      label: 'executing with a failed batch (SubStatus 1)',
      outcome: 'failed',
      cause:
        'A batch of the change order failed; SAE keeps the order open until it is rolled back by hand in the console.',
    };
  }
  // Undocumented codes (4, 5, 7, …) are treated as still running: the wait is bounded by wait-timeout anyway.
  return STATUSES[status] ?? { label: `status ${status} (undocumented)` };
}

export function isFinal(status: number, subStatus = 0): boolean {
  return describeStatus(status, subStatus).outcome !== undefined;
}
