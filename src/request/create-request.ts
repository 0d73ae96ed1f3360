// The CreateJob request (docs/reference/sae-api.md §5.4): the parameters as UpdateJob would send them, split as the
// official SDK splits CreateJob's (its form body has no Php, and Php is not a CreateJob parameter at all), plus the
// template's name, namespace and the create block. A clear means nothing to a template that does not exist yet: left
// out.
import type { CreateBlock } from '../inputs/create-block.js';
import type { UpdateJobRequest } from './build.js';

/**
 * UpdateJob parameters CreateJob does not take. The rest are split as UpdateJob's are (the SDK's createJobWithOptions
 * puts in its form body the same parameters as updateJobWithOptions, less Php): by the parameter table's position.
 */
export const NOT_AT_CREATION = ['AppId', 'Php'];

export function buildCreateRequest(
  update: UpdateJobRequest,
  create: CreateBlock,
  name: { appName: string; namespaceId: string },
): UpdateJobRequest {
  const query: Record<string, string> = {
    AppName: name.appName,
    ...(name.namespaceId ? { NamespaceId: name.namespaceId } : {}),
    Workload: 'job',
    ...create.wire,
  };
  const body: Record<string, string> = {};
  for (const [part, into] of [
    [update.query, query],
    [update.body, body],
  ] as const) {
    for (const [wire, value] of Object.entries(part)) {
      if (!NOT_AT_CREATION.includes(wire) && value !== '') into[wire] = value;
    }
  }
  return { query, body, secrets: update.secrets };
}
