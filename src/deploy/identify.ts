// Stage 3a: which template, when the step names it by app-name: ListJobs (every page), exactly one template of
// that name (in namespace-id when given), and its id goes into the request, the outputs and the summary. No
// template, or several, ends the run before anything is sent.
import type { Identity } from '../inputs/identity.js';
import { redactedParameters, withAppId, type UpdateJobRequest } from '../request/build.js';
import { Ended } from '../outcome/endings.js';
import { templateAmbiguous, templateNotFound } from '../outcome/template-endings.js';
import type { SaeApi } from '../sae/client.js';
import { readRetry, type Deploy } from './context.js';
import { writeOutputs } from './write-outputs.js';

/** The request for the template found; undefined when there is none and if-missing: create says to create it. */
export async function identify(
  d: Deploy,
  api: SaeApi,
  request: UpdateJobRequest,
  identity: Identity,
): Promise<UpdateJobRequest | undefined> {
  if (identity.by === 'id') return request;
  const { io, report, settings } = d;
  const { appName: name, namespaceId } = identity;
  const { findByName } = await import('../plan/find.js');
  const found = await findByName(api, name, namespaceId, readRetry(d));
  const searched = { name, region: settings.region, namespaceId };
  if (found.matches.length === 0 && settings.ifMissing === 'create') return undefined;
  if (found.matches.length === 0) {
    // In the wrong namespace? One more search, in every namespace, to say where that name is (only on the way out).
    const anywhere = namespaceId ? await findByName(api, name, '', readRetry(d)).catch(() => undefined) : undefined;
    throw new Ended(templateNotFound(searched, { ...found, elsewhere: anywhere?.matches ?? found.elsewhere }));
  }
  if (found.matches.length > 1) throw new Ended(templateAmbiguous(searched, found.matches));
  const job = found.matches[0]!;
  report.appId = job.appId;
  report.namespaceId = job.namespaceId || namespaceId || undefined;
  writeOutputs(d, ['app-id']); // the template found, before anything that can take long
  io.info(
    `Found job template ${name}: ${job.appId} (namespace ${job.namespaceId || '(none)'}, region ${settings.region}; ListJobs, ${found.pages} page${found.pages === 1 ? '' : 's'}).`,
  );
  const named = withAppId(request, job.appId);
  report.parameters = redactedParameters(named);
  return named;
}
