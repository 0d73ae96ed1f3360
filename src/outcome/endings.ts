// How a run ends, as pure functions from what happened (a wait result, an error, a cancel) to the outcome a
// person reads: {status, code, message, inputs}. The status each ending gives the run is decided here, worded
// with report/'s sentences (the catalogue explains SAE's own codes); the stages under deploy/ only pick which one
// applies. A stage ends the run by throwing Ended; deploy/finish.ts turns anything else into one.
import type { Subject } from '../contract/spec-keys.js';
import type { CredentialsError } from '../credentials/credentials-error.js';
import type { Problem } from '../inputs/problems.js';
import type { ChangeOrderListItem } from '../sae/client.js';
import { BUSY } from '../sae/codes.js';
import { AmbiguousSubmitError, BusyError, type SaeError } from '../sae/errors.js';
import type { Explained } from '../report/catalogue.js';
import { changeOrderFailedMessage, type FailedOrder } from '../report/failure-messages.js';
import { formatDuration } from '../report/format.js';
import { changeOrderUrl, orderList, type Console, type ConsoleSite } from '../report/links.js';
import type { ReportedError, RunStatus } from '../report/model.js';
import type { Unreachable } from '../report/unreachable.js';

/** The statuses a run can end with (the `status` output). */
export const STATUS = {
  succeeded: 'succeeded',
  unchanged: 'unchanged',
  submitted: 'submitted',
  dryRun: 'dry-run',
  failed: 'failed',
  aborted: 'aborted',
  timedOut: 'timed-out',
  cancelled: 'cancelled',
} as const satisfies Record<string, RunStatus>;

/** How the run ended: the status, the error's code and message, and the inputs the annotation points at. */
export interface Outcome {
  status: RunStatus;
  code: string;
  message: string;
  requestId?: string;
  inputs: readonly Subject[];
}

/** Thrown by a stage to end the run with this outcome. */
export class Ended extends Error {
  constructor(readonly outcome: Outcome) {
    super(outcome.message);
  }
}

export const outcome = (
  status: RunStatus,
  code: string,
  message: string,
  inputs: readonly Subject[] = [],
  requestId?: string,
): Outcome => ({
  status,
  code,
  message,
  inputs,
  ...(requestId === undefined ? {} : { requestId }),
});

/** The error as the report and the summary show it. */
export function reportedError(o: Outcome): ReportedError {
  return { code: o.code, message: o.message, ...(o.requestId === undefined ? {} : { requestId: o.requestId }) };
}

/** Bad input: the first error names the run's code; the annotations list every one. */
export function inputsWrong(errors: readonly Problem[]): Outcome {
  const first = errors[0]!;
  const message =
    errors.length === 1
      ? first.message
      : `${errors.length} inputs are wrong (see the annotations); the first: ${first.message}`;
  return outcome(STATUS.failed, first.code, message);
}

export function cancelledBeforeOrder(): Outcome {
  return outcome(
    STATUS.cancelled,
    'Run.Cancelled',
    'The run was cancelled before it created a change order: nothing was deployed by this run.',
  );
}

/** Cancelled after UpdateJob went out and before its answer (or the order it made) was seen. */
export function cancelledAfterSending(appId: string): Outcome {
  return outcome(
    STATUS.cancelled,
    'Run.Cancelled',
    `The run was cancelled after UpdateJob was sent and before its answer was seen, so SAE may have created a change order for job template ${appId}, which then runs on. Look at the template's change orders in the SAE console before re-running.`,
  );
}

/** A dry run cancelled while it posted its plan on the pull request: nothing was deployed either way. */
export function cancelledWhilePosting(): Outcome {
  return outcome(
    STATUS.cancelled,
    'Run.Cancelled',
    'The run was cancelled while it posted the planned request on the pull request: it is a dry run, so nothing was deployed, but the comment may be missing or show an earlier plan.',
  );
}

/** The order's end as SAE reported it: failed (3), terminated (6) or a system error (10). */
export function changeOrderFailed(o: FailedOrder): Outcome {
  const code =
    o.status === 6 ? 'ChangeOrder.Terminated' : o.status === 10 ? 'ChangeOrder.SystemError' : 'ChangeOrder.Failed';
  return outcome(STATUS.failed, code, changeOrderFailedMessage(o));
}

/** A failed order found after UpdateJob's answer was lost may have been another deploy's. */
export function afterLostAnswer(o: Outcome): Outcome {
  if (o.status !== STATUS.failed) return o;
  return {
    ...o,
    message: `UpdateJob's answer was lost, so this order may have been another deploy's; it failed either way. ${o.message}`,
  };
}

/**
 * The order followed after a lost answer ended badly (or was not seen to end), and other orders had appeared since
 * the call: any of them may be this run's, so none is named as its own, and none was sent again or aborted.
 */
export function amongNewOrders(
  o: Outcome,
  p: { followed: string; alsoNew: readonly ChangeOrderListItem[]; notAborted: boolean } & Console,
): Outcome {
  const n = p.alsoNew.length + 1;
  return {
    ...o,
    message: `UpdateJob's answer was lost, and ${n} change orders appeared on the template after it was sent; any of them may be this run's, or none: this run names none as its own and does not send UpdateJob again. Besides the one followed: ${orderList(p.alsoNew, p)}. The one followed, ${p.followed}${p.notAborted ? " (not aborted: on-timeout: abort is for this run's own order, and this one may be another deploy's)" : ''}: ${o.message}`,
  };
}

export function cancelledWhileFollowing(id: string, state: string | undefined, url: string): Outcome {
  return outcome(
    STATUS.cancelled,
    'Run.Cancelled',
    `The run was cancelled while change order ${id} was ${state ?? 'starting'}. It keeps running in SAE; follow it at ${url}`,
  );
}

/** What the wait knew when it stopped without seeing the order end. */
export interface NotSeenToEnd {
  id: string;
  url: string;
  /** The last state seen (its label), if any. */
  state?: string;
  /** SAE's last answer when polls failed. */
  lastError?: SaeError;
  waitTimeoutMs: number;
}

function unanswered(w: NotSeenToEnd): string {
  const e = w.lastError;
  return e ? ` SAE could not be asked about it (last answer: ${e.code}${e.message ? `: ${e.message}` : ''}).` : '';
}

/**
 * SAE answered the polls with something asking again will not change (no permission, say): the order may still succeed.
 */
export function notFollowed(w: NotSeenToEnd & { lastError: SaeError }): Outcome {
  return outcome(
    STATUS.timedOut,
    w.lastError.code,
    `The action could not follow change order ${w.id} to its end:${unanswered(w)} Its last state seen was ${w.state ?? 'not seen yet'}, and it may still succeed: check it in the console, and fix what the code above says (often the RAM policy lacks sae:DescribeChangeOrder) before the next deploy. Change order: ${w.url}`,
  );
}

/** on-timeout: abort, and SAE accepted the abort. */
export function timedOutAborted(w: NotSeenToEnd): Outcome {
  return outcome(
    STATUS.aborted,
    'ChangeOrder.TimedOut',
    `The change order did not end within wait-timeout (${formatDuration(w.waitTimeoutMs)}; last state: ${w.state ?? 'not seen yet'}), so the action aborted it (on-timeout: abort) and SAE accepted the abort. Raise wait-timeout if deploys of this template take longer. Change order: ${w.url}`,
  );
}

/** on-timeout: abort, and AbortChangeOrder failed. */
export function timedOutAbortFailed(w: NotSeenToEnd, abortError: SaeError): Outcome {
  return outcome(
    STATUS.timedOut,
    'ChangeOrder.TimedOut',
    `The change order did not end within wait-timeout (${formatDuration(w.waitTimeoutMs)}; last state: ${w.state ?? 'not seen yet'}), and aborting it failed (${abortError.code}: ${abortError.message}): it may still be running. Check it in the console: ${w.url}`,
  );
}

/** on-timeout: fail: the order is left running. */
export function timedOut(w: NotSeenToEnd): Outcome {
  return outcome(
    STATUS.timedOut,
    'ChangeOrder.TimedOut',
    `The change order was not seen to end within wait-timeout (${formatDuration(w.waitTimeoutMs)}); its last state seen was ${w.state ?? 'not seen yet'}, and it is left running (on-timeout: fail), so it may still succeed.${unanswered(w)} Check it in the console; raise wait-timeout if deploys of this template take longer (or many deploys share the account's API budget), or set on-timeout: abort. Change order: ${w.url}`,
  );
}

/** Why the run cannot be sure the order it followed was its own. */
export function uncertainBecause(uncertain: 'answer-lost' | 'waited' | undefined): string {
  return uncertain === 'waited'
    ? 'it waited for another change order first'
    : "UpdateJob's answer was lost and the order was found afterwards";
}

/** The order succeeded, it may not be this run's, and DescribeJob could not tell. */
export function unproven(id: string, why: string, held: SaeError, url: string | undefined): Outcome {
  return outcome(
    STATUS.failed,
    'Deploy.Unproven',
    `Change order ${id} succeeded, but this run cannot be sure it was its own (${why}), and the template could not be read to prove it (DescribeJob: ${held.code}${held.message ? ` ${held.message}` : ''}). Check the template in the console (or grant sae:DescribeJob), then re-run. ${url}`,
  );
}

/** The order succeeded, the template does not hold this run's values, and it may not send again. */
export function notThisRunsOrder(p: {
  id: string;
  names: string;
  why: string;
  resentAlready: boolean;
  url?: string;
  inputs: readonly Subject[];
}): Outcome {
  return outcome(
    STATUS.failed,
    'Deploy.NotThisRunsOrder',
    `Change order ${p.id} succeeded, but the template does not hold this run's values for ${p.names}, so it was not this run's order (${p.why}; another deploy changed the template), and ${p.resentAlready ? 'UpdateJob was already sent again once' : 'wait-timeout has run out'}. Nothing of this run is known to be deployed: look at the template's change orders in the console, then re-run. ${p.url}`,
    p.inputs,
  );
}

/**
 * After a lost answer, other orders appeared besides the one followed (any of them may be this run's), or could not
 * be listed to make sure none did: the order followed is not named as this run's and UpdateJob is not sent again.
 * `names` (the inputs whose values the template does not hold) is unset when it holds every value sent.
 */
export function ownOrderUnknown(
  p: {
    id: string;
    names?: string;
    why: string;
    url?: string;
    inputs: readonly Subject[];
    /** The other orders that appeared since the call, or why they could not be listed. */
    others: readonly ChangeOrderListItem[] | { unlisted: SaeError };
  } & Console,
): Outcome {
  const others =
    'unlisted' in p.others
      ? `The template's change orders could not be listed to make sure no other order that appeared since is this run's (ListChangeOrders: ${p.others.unlisted.code}).`
      : `Other change orders appeared on the template after UpdateJob was sent, and any of them may be this run's: ${orderList(p.others, p)}.`;
  const what = p.names
    ? `Change order ${p.id} succeeded, but the template does not hold this run's values for ${p.names}, so it was not this run's order (${p.why}; another deploy changed the template). ${others} So UpdateJob is not sent again (that could deploy twice), and no order is named as this run's`
    : `Change order ${p.id} succeeded and the template holds every value sent, but this run cannot tell whether that order was its own (${p.why}). ${others} So no order is named as this run's, and the step fails rather than take another deploy's success for its own (a re-run with if-unchanged: skip sends nothing while the template holds these values)`;
  return outcome(
    STATUS.failed,
    'Deploy.OwnOrderUnknown',
    `${what}: look at the template and its change orders in the console, then re-run. ${p.url ?? ''}`.trimEnd(),
    p.inputs,
  );
}

export function credentialsFailed(e: CredentialsError): Outcome {
  return outcome(
    STATUS.failed,
    e.code,
    e.message + (e.requestId ? ` (request id: ${e.requestId})` : ''),
    [e.input],
    e.requestId,
  );
}

export function internalError(e: unknown): Outcome {
  const message = e instanceof Error ? e.message : String(e);
  return outcome(
    STATUS.failed,
    'Action.InternalError',
    `The action hit an unexpected error: ${message}. Please report it with this log.`,
  );
}

/** Where the run connects and what the catalogue says of the code: what fromSaeError words the failure with. */
export interface SaeFailureContext {
  region: string;
  consoleSite?: ConsoleSite;
  /** The catalogue's explanation of the code (report/catalogue.ts explain). */
  explained: Explained;
  /** The words for SAE not answering at all (report/unreachable.ts describeUnreachable). */
  unreachable: (e: SaeError) => Unreachable;
}

/** An SAE failure that ended the run: the catalogue's words, or the action's own for the cases it knows more of. */
export function fromSaeError(e: SaeError, c: SaeFailureContext): Outcome {
  let message = c.explained.message;
  if (e.code === BUSY) {
    const running = e instanceof BusyError ? e.runningOrderId : undefined;
    const link = running ? changeOrderUrl(running, c.region, c.consoleSite) : '';
    message =
      e instanceof BusyError && e.waited
        ? `Another change order (${running}) was still running on the template when wait-timeout ran out, so UpdateJob was not sent again. Raise wait-timeout, or let that order finish first. ${link}`
        : `Another change order${running ? ` (${running})` : ''} is running on the template, so SAE refused the update (if-busy: fail, or it was still busy after waiting once). Wait for it to end (if-busy: wait does that), or use a concurrency group so deploys of one template run one at a time. ${link}`.trim();
  } else if (e instanceof AmbiguousSubmitError) {
    message = `UpdateJob ended without a usable answer (${e.code}: ${e.message}), and whether SAE created a change order could not be confirmed, so UpdateJob was not sent again: a second send could deploy twice. Look at the template's change orders in the SAE console before re-running.`;
  } else if ((e.kind === 'connection' || e.kind === 'timeout') && e.code !== 'Endpoint.Insecure') {
    // SAE did not answer: say so, and name the inputs that choose where the action connects.
    const u = c.unreachable(e);
    return outcome(STATUS.failed, e.code, u.message, u.inputs);
  } else if (e.kind === 'format') {
    message = `SAE's ${e.api} answer could not be read: ${e.message}. Something between the runner and SAE (a proxy, or a wrong endpoint) may have answered. Check endpoint and region, then re-run.`;
  }
  const withId = message + (e.requestId && !message.includes(e.requestId) ? ` (request id: ${e.requestId})` : '');
  return outcome(STATUS.failed, e.code, withId, c.explained.inputs, e.requestId);
}
