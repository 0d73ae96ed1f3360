// The words of on-failure: rollback (deploy/rollback.ts picks which applies): what set it off, what it put back,
// and why it put nothing back or did not finish. Cause first; the fix is the catalogue's, one per code.
import type { ParameterInput } from '../contract/parameters.js';
import type { RestoreEntry } from '../plan/restore.js';
import { CATALOGUE } from './catalogue.js';
import { clip } from './format.js';
import type { ReportedError } from './model.js';

export type Trigger = 'failed' | 'aborted' | 'job-failed' | 'job-timed-out';

export function triggerWords(t: Trigger): string {
  switch (t) {
    case 'failed':
      return 'the change order failed';
    case 'aborted':
      return 'this step aborted the change order when wait-timeout ran out';
    case 'job-failed':
      return 'the job run after the deploy failed';
    case 'job-timed-out':
      return 'the job run after the deploy did not end within run-timeout';
  }
}

const error = (code: string, cause: string): ReportedError => ({
  code,
  message: `${cause} ${CATALOGUE.get(code)?.fix ?? ''}`.trim(),
});

const MAX_VALUE = 160;
const shown = (v: string | undefined): string => (v === undefined ? 'nothing' : v === '' ? '""' : clip(v, MAX_VALUE));

/** One parameter as the template holds it now, beside what was sent and what it held before (never a secret's value). */
function found(e: RestoreEntry): string {
  if (e.secret) return `${e.wire} holds another value (a secret: not shown)`;
  return `${e.wire} holds ${shown(e.now)} (this step sent ${shown(e.sent)}; before it held ${shown(e.before)})`;
}

export function skippedOthers(trigger: Trigger, others: readonly RestoreEntry[]): ReportedError {
  return error(
    'Rollback.Skipped',
    `After ${triggerWords(trigger)}, the template holds values that are neither this step's nor its earlier ones: ${others.map(found).join('; ')}. Someone else has deployed it (or changed it in the console) since, so nothing was put back.`,
  );
}

export function skippedUnread(trigger: Trigger): ReportedError {
  return error(
    'Rollback.Skipped',
    `After ${triggerWords(trigger)}, nothing was put back: the template was not read before this step's UpdateJob, so what it held before is not known.`,
  );
}

export function skippedStale(trigger: Trigger, orderId: string | undefined): ReportedError {
  return error(
    'Rollback.Skipped',
    `After ${triggerWords(trigger)}, nothing was put back: another change order${orderId ? ` (${orderId})` : ''} ran on the template between the action's read of it and this step's UpdateJob, so the values read may not be what the template held just before this step, and putting them back could undo that other change.`,
  );
}

export function skippedUnlisted(trigger: Trigger): ReportedError {
  return error(
    'Rollback.Skipped',
    `After ${triggerWords(trigger)}, nothing was put back: the template's change orders could not be listed (ListChangeOrders) around the action's read of it, so whether another change order ran in between is not known, and putting the values read back could undo that other change.`,
  );
}

export function skippedUnreadable(trigger: Trigger, entries: readonly RestoreEntry[]): ReportedError {
  return error(
    'Rollback.Skipped',
    `After ${triggerWords(trigger)}, nothing was put back: no parameter this step sent can be read back and compared (${entries.map((e) => e.input).join(', ')}), so whether the failure changed them is not known.`,
  );
}

export function skippedNoWayBack(trigger: Trigger, entries: readonly RestoreEntry[]): ReportedError {
  return error(
    'Rollback.Skipped',
    `After ${triggerWords(trigger)}, the template holds what this step sent for ${entries.map((e) => e.input).join(', ')}, and the value it held before cannot be sent back (${WHY['no-way-back']}); everything else holds what it held before, so nothing was sent.`,
  );
}

/** The rollback did not finish: `cause` in words, and what the template holds now when that is known. */
export function failed(trigger: Trigger, cause: string, holds?: readonly RestoreEntry[]): ReportedError {
  const now = holds?.length ? ` The template now holds: ${holds.map(nowLine).join('; ')}.` : '';
  return error('Rollback.Failed', `After ${triggerWords(trigger)}, the rollback did not finish: ${cause}.${now}`);
}

function nowLine(e: RestoreEntry): string {
  return e.secret ? `${e.wire} ***` : `${e.wire} ${shown(e.now)} (before this step: ${shown(e.before)})`;
}

/**
 * The run was cancelled during the rollback: while its change order ran (`orderId`), while UpdateJob was being sent
 * (`sending`: whether SAE made an order is not known), or before anything was sent.
 */
export function cancelled(
  trigger: Trigger,
  at: { orderId: string; url: string } | 'sending' | 'before',
): ReportedError {
  const after = `After ${triggerWords(trigger)}, the run was cancelled`;
  return error(
    'Rollback.Cancelled',
    typeof at === 'object'
      ? `${after} while the rollback's change order ${at.orderId} was running: it may still be running in SAE, putting the template back. ${at.url}`
      : at === 'sending'
        ? `${after} while the rollback's UpdateJob was being sent: whether SAE made a change order is not known, and the template may still hold what the failure left. Look at the template's change orders in the console.`
        : `${after} before the rollback sent anything: the template holds what the failure left.`,
  );
}

/** The values put back, for the notice and the summary: `ImageUrl registry/…:1.4.1, Replicas 1`. */
export function restoredList(restored: Readonly<Record<string, string>>): string {
  return Object.entries(restored)
    .map(([wire, v]) => `${wire} ${v === '' ? 'cleared' : clip(v, MAX_VALUE)}`)
    .join(', ');
}

export function restoredNotice(trigger: Trigger, restored: Readonly<Record<string, string>>, id: string, url: string) {
  return `After ${triggerWords(trigger)}, the action put the template back to what it held before this step: ${restoredList(restored)}. Change order ${id} did it, and DescribeJob shows the template holding those values again: ${url}`;
}

export function unchangedNotice(trigger: Trigger): string {
  return `After ${triggerWords(trigger)}, DescribeJob shows the template still holding what it held before this step for every parameter the step sent: the failure left it as it was, so nothing needed putting back.`;
}

const WHY: Partial<Record<RestoreEntry['state'], string>> = {
  unreadable: 'DescribeJob does not return it, so neither its earlier value nor the current one is known',
  'no-way-back':
    'its earlier value cannot be sent back (it was not set before and SAE documents no way to clear it, or UpdateJob does not take the form it was read in)',
  unknown: 'what the template holds cannot be compared with what was sent or what was before',
};

export function whyNotRestored(e: RestoreEntry): string {
  return WHY[e.state] ?? '';
}

export function notRestoredWarning(entries: readonly { input: ParameterInput; why: string }[]): string {
  return `These parameters this step sent were not put back: ${entries.map((e) => `${e.input} (${e.why})`).join('; ')}. Check them in the SAE console.`;
}

export function notAfterTimeout(url: string | undefined, abortTried: boolean): string {
  const fix = abortTried
    ? 'Check it in the console and, once it ended, the template'
    : 'Check it in the console; set on-timeout: abort to have the action abort it and put the template back when the wait runs out';
  return `No rollback: the change order was not seen to end and may still be running${abortTried ? ' (aborting it failed)' : ''}, so it may still succeed, and on-failure: rollback leaves it be. ${fix}${url ? `: ${url}` : '.'}`;
}
