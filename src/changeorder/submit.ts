// Sends UpdateJob so that one run creates at most one change order:
// - it resends only when SAE cannot have acted (throttled, upgrading, connection refused);
// - after a timeout or a broken connection it looks for the order the call may have created; when several new
//   orders appeared, any of them may be its own, and it says so (Submitted.alsoNew) so nothing sends again;
// - when another change order is running it waits for that one (if-busy: wait) and tries once more.
import type { OptionOf } from '../contract/action-inputs.js';
import type { Schedule } from '../pace/schedule.js';
import type { UpdateJobRequest } from '../request/build.js';
import type { ChangeOrderListItem, SaeApi, UpdateJobResult } from '../sae/client.js';
import { BUSY } from '../sae/codes.js';
import { AmbiguousSubmitError, BusyError, SaeError } from '../sae/errors.js';
import { isSafeToResend, isTransient, mayHaveActed, withRetries } from '../sae/retry.js';
import { RUNNING_STATUSES } from './status.js';
import { waitForChangeOrder, type Clock, type WaitEvent, type WaitResult } from './wait.js';

const MISSING_ORDER = 'InvalidResponse.MissingChangeOrderId';
/** After a reset or a 5xx the request was over on SAE's side: an order it made is listed at once. */
const ANSWERED_GRACE_MS = 2000;

export type SubmitEvent =
  | { type: 'retry'; error: SaeError; attempt: number; delayMs: number }
  | { type: 'busy'; runningOrderId?: string }
  | { type: 'busy-wait'; event: WaitEvent }
  | { type: 'busy-ended'; result: WaitResult }
  | { type: 'recovered'; changeOrderId: string; alsoNew: ChangeOrderListItem[] }
  /** UpdateJob went out and its answer was lost (or cut off by a cancel): SAE may have created an order. */
  | { type: 'unanswered'; error: SaeError }
  | { type: 'snapshot-failed'; error: SaeError };

export interface SubmitOptions {
  api: SaeApi;
  request: UpdateJobRequest;
  appId: string;
  ifBusy: OptionOf<'if-busy'>;
  maxRetries: number;
  deadline: number;
  clock: Clock;
  schedule: Schedule;
  onEvent: (event: SubmitEvent) => void;
  signal?: AbortSignal;
  random?: () => number;
  /**
   * How long to keep looking for the order of a call that timed out, before sending again. SAE may
   * register the order after the client gave up; a resend in that window would deploy twice.
   */
  lostAnswerGraceMs: number;
  /**
   * The change orders that existed before this call, when they were listed once for several templates (a step's
   * templates of one namespace: ListNamespaceChangeOrders before the first UpdateJob of the step, instead of one
   * ListChangeOrders each). Orders of other templates in it do no harm: only this template's are ever looked for
   * in it. Should it miss one of this template's (more than a page of orders in the namespace, or a list that does
   * not show job orders [U]), a lost answer finds more than one "new" order, and the step then sends nothing more
   * and names none as its own (the rule for several new orders): a safe failure, never a second order. Undefined,
   * or a rejection: the template's own list, as without it.
   */
  ordersBefore?: () => Promise<ChangeOrderListItem[]>;
}

export interface Submitted extends UpdateJobResult {
  /** The template's change orders before this one (newest first), when they could be read. */
  previousOrders: ChangeOrderListItem[];
  /**
   * Set when the order may not be this run's: it was found after UpdateJob's answer was lost, or
   * UpdateJob went again after waiting for another order. Its success then needs proof (the template
   * holds what was sent) before it counts as this run's.
   */
  uncertain?: 'answer-lost' | 'waited';
  /**
   * After a lost answer: the other change orders that appeared on the template since the call, besides the one
   * followed (newest first). Nothing in what SAE lists names who made an order (the CoTypeCode of a job update and
   * what Description holds are unknown, CreateTime is in seconds in an unnamed zone, and other deploys sign as the
   * same user), so any of them may be this run's: UpdateJob must not go again, and the one followed is not
   * reported as this run's unless the template proves it.
   */
  alsoNew?: ChangeOrderListItem[];
}

type State = Pick<Submitted, 'uncertain' | 'alsoNew'>;

/** The order found after a lost answer, and the other new orders (any of them may be the lost call's). */
interface Found {
  order: ChangeOrderListItem;
  alsoNew: ChangeOrderListItem[];
}

export async function submitUpdateJob(o: SubmitOptions): Promise<Submitted> {
  const previousOrders: ChangeOrderListItem[] = [];
  const state: State = {};
  const result = await submit(o, previousOrders, state);
  return { ...result, previousOrders, ...state };
}

async function submit(o: SubmitOptions, previousOrders: ChangeOrderListItem[], state: State): Promise<UpdateJobResult> {
  const retrying = {
    maxRetries: o.maxRetries,
    deadline: o.deadline,
    sleep: (ms: number) => o.clock.sleep(ms, o.signal),
    now: o.clock.now,
    random: o.random,
    signal: o.signal,
    onRetry: (error: SaeError, attempt: number, delayMs: number) =>
      o.onEvent({ type: 'retry', error, attempt, delayMs }),
  };
  // Reads change nothing: any transient failure is worth another try.
  const reads = <T>(call: () => Promise<T>) => withRetries(call, { ...retrying, shouldRetry: isTransient });

  // The orders that exist before the call, so an order created by a call whose answer was lost can be
  // told apart from older ones. Without this list such a call cannot be resolved, but the deploy goes on.
  let known: Set<string> | undefined;
  try {
    const shared = await o.ordersBefore?.().catch(() => undefined);
    previousOrders.push(...(shared ?? (await reads(() => o.api.listChangeOrders(o.appId, 10)))));
    known = new Set(previousOrders.map((c) => c.changeOrderId));
  } catch (e) {
    if (!(e instanceof SaeError)) throw e;
    o.onEvent({ type: 'snapshot-failed', error: e });
  }

  let waitedForBusy = false;
  let lostAnswer = false;
  const recovered = (found: Found): void => {
    state.uncertain = 'answer-lost';
    state.alsoNew = found.alsoNew;
    o.onEvent({ type: 'recovered', changeOrderId: found.order.changeOrderId, alsoNew: found.alsoNew });
  };
  for (;;) {
    try {
      return await withRetries(
        async () => {
          try {
            const result = await o.api.updateJob(o.request);
            if (result.changeOrderId) return result;
            // Accepted, but no order id to follow: find the order the call created, or say so.
            const found = await findNewOrder(o.api, o.appId, known, reads);
            if (found && found !== 'unknown') {
              recovered(found);
              return { ...result, changeOrderId: found.order.changeOrderId };
            }
            throw new SaeError({
              api: 'UpdateJob',
              kind: 'format',
              code: MISSING_ORDER,
              message:
                "SAE accepted UpdateJob but its answer names no change order, and none could be found among the template's change orders",
              httpStatus: 200,
              requestId: result.requestId,
            });
          } catch (e) {
            if (e instanceof SaeError && e.code === MISSING_ORDER) throw new AmbiguousSubmitError(e);
            if (!(e instanceof SaeError) || isSafeToResend(e) || !mayHaveActed(e)) throw e;
            // The answer was lost after the request was sent: SAE may have created the order.
            o.onEvent({ type: 'unanswered', error: e });
            // A cancelled run looks for nothing more: the report says an order may exist.
            if (o.signal?.aborted) throw e;
            lostAnswer = true;
            const found = await lookForNewOrder(
              o,
              known,
              reads,
              e.kind === 'timeout' ? o.lostAnswerGraceMs : ANSWERED_GRACE_MS,
            );
            if (found === 'unknown') throw new AmbiguousSubmitError(e);
            if (found) {
              recovered(found);
              const id = found.order.changeOrderId;
              return { appId: o.appId, changeOrderId: id, requestId: e.requestId ?? '', traceId: '' };
            }
            throw e; // no new order: SAE did not act, so sending again is safe
          }
        },
        {
          ...retrying,
          // Sent again only when SAE cannot have acted, or when it may have but no new order appeared.
          shouldRetry: (e) => isSafeToResend(e) || (mayHaveActed(e) && !(e instanceof AmbiguousSubmitError)),
        },
      );
    } catch (e) {
      if (!(e instanceof SaeError) || e.code !== BUSY || e instanceof BusyError) throw e;
      const orders = await listOrders(o.api, o.appId, reads);
      const running = orders?.find((c) => RUNNING_STATUSES.includes(c.status));
      if (running && lostAnswer && known && !known.has(running.changeOrderId)) {
        // Most likely the order SAE registered late for the call whose answer was lost; the proof after
        // it ends tells (another deploy may have started in between). One that ended since may be the lost call's.
        recovered({ order: running, alsoNew: orders!.filter((c) => !known.has(c.changeOrderId) && c !== running) });
        return { appId: o.appId, changeOrderId: running.changeOrderId, requestId: e.requestId ?? '', traceId: '' };
      }
      o.onEvent({ type: 'busy', runningOrderId: running?.changeOrderId });
      if (o.ifBusy === 'fail' || waitedForBusy || !running) throw new BusyError(e, running?.changeOrderId, false);
      waitedForBusy = true;
      const result = await waitForChangeOrder({
        api: o.api,
        changeOrderId: running.changeOrderId,
        deadline: o.deadline,
        confirmBatches: false,
        clock: o.clock,
        schedule: o.schedule,
        signal: o.signal,
        onEvent: (event) => o.onEvent({ type: 'busy-wait', event }),
      });
      o.onEvent({ type: 'busy-ended', result });
      if (result.outcome === 'timed-out' || result.outcome === 'cancelled')
        throw new BusyError(e, running.changeOrderId, true);
      // The other order ended (whatever its result): try once more.
      state.uncertain ??= 'waited';
    }
  }
}

/** Looks for the order of a lost call until it shows up or the grace period ends (one list a second). */
async function lookForNewOrder(
  o: SubmitOptions,
  known: Set<string> | undefined,
  reads: <T>(c: () => Promise<T>) => Promise<T>,
  graceMs: number,
): Promise<Found | undefined | 'unknown'> {
  const until = Math.min(o.clock.now() + graceMs, o.deadline);
  for (;;) {
    const found = await findNewOrder(o.api, o.appId, known, reads);
    if (found !== undefined || o.clock.now() + 1000 > until || o.signal?.aborted) return found;
    await o.clock.sleep(1000, o.signal);
  }
}

/**
 * The order a lost call may have created and the other new ones, undefined when there is none, 'unknown' when
 * that cannot be told.
 */
async function findNewOrder(
  api: SaeApi,
  appId: string,
  known: Set<string> | undefined,
  reads: <T>(c: () => Promise<T>) => Promise<T>,
): Promise<Found | undefined | 'unknown'> {
  if (!known) return 'unknown';
  const orders = await listOrders(api, appId, reads);
  if (!orders) return 'unknown';
  const fresh = orders.filter((c) => !known.has(c.changeOrderId));
  if (!fresh.length) return undefined;
  // Another deploy may have made an order too, and SAE runs one order at a time on a template: the one to follow
  // is one still running (it may yet be this run's), else one that succeeded (the proof tells whether the template
  // holds what was sent), else the oldest (the list is newest first); with one new order, that one. The others are
  // kept: nothing tells them apart (Submitted.alsoNew).
  const order =
    fresh.find((c) => RUNNING_STATUSES.includes(c.status)) ??
    fresh.find((c) => c.status === 2) ??
    fresh[fresh.length - 1]!;
  return { order, alsoNew: fresh.filter((c) => c !== order) };
}

/** The template's latest change orders, or undefined when they cannot be listed. */
async function listOrders(
  api: SaeApi,
  appId: string,
  reads: <T>(c: () => Promise<T>) => Promise<T>,
): Promise<ChangeOrderListItem[] | undefined> {
  try {
    return await reads(() => api.listChangeOrders(appId, 10));
  } catch {
    return undefined;
  }
}
