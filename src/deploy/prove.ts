// Stage 6: after the order succeeded, one DescribeJob. For an order this run is sure of, a value SAE did not
// take is a warning (SAE may normalise values). For an order it is not sure of, success needs the template to
// hold every value sent; if it does not, that order was another deploy's: false, send UpdateJob again, unless
// another order that appeared after a lost answer may be this run's (then two orders could come of one run).
import type { Submitted } from '../changeorder/submit.js';
import type { Subject } from '../contract/spec-keys.js';
import type { UpdateJobRequest } from '../request/build.js';
import * as end from '../outcome/endings.js';
import * as say from '../report/read-back.js';
import type { ChangeOrderListItem, SaeApi } from '../sae/client.js';
import { SaeError } from '../sae/errors.js';
import { readRetry, type Deploy } from './context.js';
import { writeOutputs } from './write-outputs.js';
import { listOrders } from './show-plan.js';

/** Resends after an order proved to be another's. */
const MAX_RESENDS = 1;

export async function proven(
  d: Deploy,
  api: SaeApi,
  request: UpdateJobRequest,
  submitted: Submitted,
  resent: number,
): Promise<boolean> {
  const { io, clock, report } = d;
  const { checkHeld } = await import('../plan/changes.js');
  const id = report.changeOrderId!;
  // An order this run is not sure of may be resent over what this read shows: with on-failure: rollback, the
  // orders before the read are listed too, as for the plan (the read becomes what a rollback puts back).
  const orders = submitted.uncertain && d.settings.onFailure === 'rollback' ? await listOrders(d, api) : undefined;
  api.hurry?.(); // the call the run ends with: its wait is the deploy's delay
  const held = await checkHeld(api, request, report.appId, (v) => io.setSecret(v), readRetry(d));
  const why = end.uncertainBecause(submitted.uncertain);
  if (held instanceof SaeError) {
    if (submitted.uncertain) throw new end.Ended(end.unproven(id, why, held, report.changeOrderUrl));
    io.warning(say.notVerified(id, held), { title: 'Not verified' });
    return true;
  }
  // After a lost answer, another order that appeared since the call may be the lost call's own: listed after the
  // read, so that one SAE registered late is seen too. Then the order followed is not named as this run's, even
  // when the template holds what was sent (another deploy may have set the same values, or this run's failed
  // order left them), and UpdateJob is not sent again (that would make two orders of one run).
  const others = submitted.uncertain === 'answer-lost' ? await newSince(d, api, submitted, id) : [];
  const url = report.changeOrderUrl;
  const unknown = (names?: string, inputs: readonly Subject[] = []) =>
    new end.Ended(end.ownOrderUnknown({ id, names, why, url, inputs, others, ...where(d) }));
  if (!held.notHeld.length) {
    if (!('unlisted' in others) && others.length) {
      disown(d);
      throw unknown();
    }
    io.info(`Verified: the template holds every value sent (DescribeJob after change order ${id}).`);
    return true;
  }
  const names = held.notHeld.map((e) => e.input).join(', ');
  const inputs = held.notHeld.map((e) => e.input);
  if (submitted.uncertain) {
    // Another deploy's order is not reported as this run's, in the outputs or the summary.
    disown(d);
    if (!('unlisted' in others) && others.length) throw unknown(names, inputs);
    if (resent >= MAX_RESENDS || clock.now() + 1000 >= d.deadline)
      throw new end.Ended(end.notThisRunsOrder({ id, names, why, resentAlready: resent >= MAX_RESENDS, url, inputs }));
    if ('unlisted' in others) throw unknown(names, inputs);
    io.warning(say.anotherDeploysOrder(id, names, why), { title: "Another deploy's order" });
    // The template as that order left it is what this step's resend changes, and what a rollback puts back.
    d.undo.before = held.template;
    d.undo.ordersAtRead = orders;
    report.history = [];
    report.pipelines = [];
    return false;
  }
  for (const e of held.notHeld) {
    io.warning(say.notTaken(id, e), { title: `Not taken: ${e.input}`, ...(await d.where([e.input])) });
  }
  return true;
}

/**
 * The template's orders made since the snapshot before UpdateJob, besides the one followed (those seen when it was
 * found included); or, when they cannot be listed and none was seen, why.
 */
async function newSince(
  d: Deploy,
  api: SaeApi,
  submitted: Submitted,
  followed: string,
): Promise<ChangeOrderListItem[] | { unlisted: SaeError }> {
  const { withRetries, isTransient } = await import('../sae/retry.js');
  const seen = submitted.alsoNew ?? [];
  const known = new Set([followed, ...submitted.previousOrders.map((c) => c.changeOrderId)]);
  try {
    const orders = await withRetries(() => api.listChangeOrders(d.report.appId, 10), {
      ...readRetry(d),
      shouldRetry: isTransient,
    });
    const listed = orders.filter((c) => !known.has(c.changeOrderId));
    const ids = new Set(listed.map((c) => c.changeOrderId));
    return [...listed, ...seen.filter((c) => !ids.has(c.changeOrderId))];
  } catch (e) {
    if (!(e instanceof SaeError)) throw e;
    return seen.length ? seen : { unlisted: e };
  }
}

const where = (d: Deploy) => ({ region: d.settings.region, consoleSite: d.settings.consoleSite });

/** The order followed is not named as this run's, in the outputs or the summary. */
export function disown(d: Deploy): void {
  d.report.changeOrderId = undefined;
  d.report.changeOrderUrl = undefined;
  writeOutputs(d, ['change-order-id', 'change-order-url']); // taken back at once, as they were written
}
