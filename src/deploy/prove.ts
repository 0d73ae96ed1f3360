// Stage 6: after the order succeeded, one DescribeJob. For an order this run is sure of, a value SAE did not
// take is a warning (SAE may normalise values). For an order it is not sure of, success needs the template to
// hold every value sent; if it does not, that order was another deploy's: false, send UpdateJob again.
import type { Submitted } from '../changeorder/submit.js';
import type { UpdateJobRequest } from '../request/build.js';
import * as end from '../report/outcome.js';
import * as say from '../report/read-back.js';
import type { SaeApi } from '../sae/client.js';
import { SaeError } from '../sae/errors.js';
import { readRetry, type Deploy } from './context.js';
import { listOrders } from './plan.js';

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
  const { checkHeld } = await import('../plan/plan.js');
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
  if (!held.notHeld.length) {
    io.info(`Verified: the template holds every value sent (DescribeJob after change order ${id}).`);
    return true;
  }
  const names = held.notHeld.map((e) => e.input).join(', ');
  if (submitted.uncertain) {
    // Another deploy's order is not reported as this run's, in the outputs or the summary.
    const url = report.changeOrderUrl;
    report.changeOrderId = undefined;
    report.changeOrderUrl = undefined;
    io.setOutput('change-order-id', '');
    io.setOutput('change-order-url', '');
    if (resent >= MAX_RESENDS || clock.now() + 1000 >= d.deadline) {
      const inputs = held.notHeld.map((e) => e.input);
      throw new end.Ended(end.notThisRunsOrder({ id, names, why, resentAlready: resent >= MAX_RESENDS, url, inputs }));
    }
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
