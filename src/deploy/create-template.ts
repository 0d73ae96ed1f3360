// Stage 3a': a template that app-name finds nowhere, created (if-missing: create) from the spec, its change order
// followed and proven like an update's. CreateJob is not idempotent: it is sent again only after an answer that
// says SAE did nothing (throttling, a refused connection). After a lost answer, or a refusal (another step may
// have created the same name a moment before), the name is looked up again: a template found is updated like any
// other (the run goes on with UpdateJob); none found after a lost answer ends the run without a second CreateJob.
import type { CreateBlock } from '../inputs/create-block.js';
import { redacted, redactedParameters, withAppId, type UpdateJobRequest } from '../request/build.js';
import { changeOrderUrl } from '../report/links.js';
import { Ended, STATUS } from '../outcome/endings.js';
import { createUnconfirmed, templateAmbiguous } from '../outcome/template-endings.js';
import type { SaeApi, UpdateJobResult } from '../sae/client.js';
import { SaeError } from '../sae/errors.js';
import { readRetry, type Deploy } from './context.js';
import { follow } from './follow.js';
import { writeOutputs } from './write-outputs.js';
import { proven } from './prove.js';

/** Look-ups of the name after a lost answer, and the pause before each: SAE may list a new template late [U]. */
const LOOKUPS_AFTER_LOSS = 3;
const LOOKUP_PAUSE_MS = 2000;

/**
 * Creates the template; undefined when it was created and its deploy followed to the end, else the request for the
 * template that turned out to exist (the run goes on with the plan and UpdateJob).
 */
export async function createTemplate(
  d: Deploy,
  api: SaeApi,
  update: UpdateJobRequest,
  create: CreateBlock,
  name: { appName: string; namespaceId: string },
): Promise<UpdateJobRequest | undefined> {
  const { io, settings, report } = d;
  const { buildCreateRequest } = await import('../request/create-request.js');
  const request = buildCreateRequest(update, create, name);
  const searched = { name: name.appName, region: settings.region, namespaceId: name.namespaceId };
  io.startGroup(`CreateJob: no template is named ${name.appName}, so it is created (if-missing: create)`);
  let created: UpdateJobResult;
  try {
    io.info(JSON.stringify(redacted(request), null, 2));
    const { withRetries, isSafeToResend } = await import('../sae/retry.js');
    created = await withRetries(() => api.createJob!(request), { ...readRetry(d), shouldRetry: isSafeToResend });
  } catch (e) {
    if (!(e instanceof SaeError)) throw e;
    const { mayHaveActed } = await import('../sae/retry.js');
    const lost = mayHaveActed(e);
    io.info(
      `CreateJob ${lost ? 'ended without a usable answer' : 'was refused'} (${e.code}); looking the name up again before anything else.`,
    );
    const found = await lookUp(d, api, name, lost ? LOOKUPS_AFTER_LOSS : 1);
    if (found.length > 1) throw new Ended(templateAmbiguous(searched, found));
    if (found.length === 1) {
      const id = found[0]!.appId;
      io.info(
        lost
          ? `A template named ${name.appName} exists now (${id}), most likely created by this step; it is deployed like any existing template, so it ends holding this step's values.`
          : `A template named ${name.appName} exists now (${id}): another deploy created it a moment ago. This step updates it.`,
      );
      report.appId = id;
      report.namespaceId = found[0]!.namespaceId || name.namespaceId || undefined;
      writeOutputs(d, ['app-id']);
      const named = withAppId(update, id);
      report.parameters = redactedParameters(named);
      return named;
    }
    if (lost) throw new Ended(createUnconfirmed(searched, e.code, e.message));
    throw e;
  } finally {
    io.endGroup();
  }

  report.created = true;
  report.appId = created.appId;
  report.requestId = created.requestId;
  report.traceId = created.traceId;
  const named = withAppId(update, created.appId);
  report.parameters = redactedParameters(request);
  // The plan of a new template: every value is new.
  const { planChanges } = await import('../plan/changes.js');
  const plan = planChanges(named, {});
  report.plan = plan.entries;
  // The template exists now: a run killed while its first deploy is followed still names it.
  writeOutputs(d, ['app-id', 'request-id', 'trace-id', 'changed']);
  io.info(`Created job template ${name.appName}: ${created.appId}.`);
  if (!created.changeOrderId) {
    io.warning(
      'CreateJob answered without a change order to follow; the template exists, its deploy is not followed.',
      {
        title: 'No change order',
      },
    );
    report.status = STATUS.submitted;
    return undefined;
  }
  report.changeOrderId = created.changeOrderId;
  report.changeOrderUrl = changeOrderUrl(created.changeOrderId, settings.region, settings.consoleSite);
  writeOutputs(d, ['change-order-id', 'change-order-url']); // before the wait for it
  io.info(`Change order ${created.changeOrderId} deploys it: ${report.changeOrderUrl}`);
  if (!settings.wait) {
    report.status = STATUS.submitted;
    return undefined;
  }
  await follow(d, api);
  await proven(d, api, named, { ...created, previousOrders: [] }, 0);
  return undefined;
}

/** The templates of that name (in that namespace), looked up `times` times at most until one shows up. */
async function lookUp(d: Deploy, api: SaeApi, name: { appName: string; namespaceId: string }, times: number) {
  const { findByName } = await import('../plan/find.js');
  for (let i = 0; ; i++) {
    const found = await findByName(api, name.appName, name.namespaceId, readRetry(d));
    if (found.matches.length || i + 1 >= times) return found.matches;
    await d.clock.sleep(LOOKUP_PAUSE_MS, d.signal);
  }
}
