// Finding a job template by its name (app-name): ListJobs, every page, then an exact match on the name (and the
// namespace when given). Whether SAE's name search is exact or fuzzy is not documented (docs/reference/sae-api.md
// §5.4), so the answer is never trusted to be the match: only a template whose AppName is the name, byte for byte,
// counts.
import type { JobSummary, SaeApi } from '../sae/client.js';
import { SaeError } from '../sae/errors.js';
import { isAuthoritative, isTransient, withRetries } from '../sae/retry.js';
import type { ReadRetry } from './changes.js';

/** Templates per ListJobs page (SAE takes up to 200). */
export const PAGE_SIZE = 100;
/** Pages read at most: past this many templates of a similar name the search is too broad to be sure of. */
export const MAX_PAGES = 20;

export interface Found {
  /** Templates whose name (and namespace, when given) is exactly the one asked for. */
  matches: JobSummary[];
  /** Templates of that exact name in other namespaces than the one asked for. */
  elsewhere: JobSummary[];
  /** Other names the search returned (a fuzzy match), at most a few, to help with a typo. */
  others: string[];
  /** ListJobs calls made. */
  pages: number;
}

export async function findByName(api: SaeApi, name: string, namespaceId: string, retry: ReadRetry): Promise<Found> {
  if (!api.listJobs) throw new Error('this client cannot list job templates');
  const list = api.listJobs.bind(api);
  const seen = new Map<string, JobSummary>();
  let pages = 0;
  for (let page = 1; ; page++) {
    if (page > MAX_PAGES)
      throw new SaeError({
        api: 'ListJobs',
        kind: 'api',
        code: 'Template.SearchTooBroad',
        message: `ListJobs returned more than ${MAX_PAGES * PAGE_SIZE} templates for the name ${name}, so the action cannot be sure it saw every one; name the template by app-id, or narrow the search with namespace-id`,
      });
    const got = await withRetries(
      () => list({ appName: name, namespaceId: namespaceId || undefined, page, pageSize: PAGE_SIZE }),
      // The run's first call to SAE: an answer every call would get (a host that does not exist) is not asked again.
      { ...retry, shouldRetry: (e) => isTransient(e) && !isAuthoritative(e) },
    );
    pages++;
    const before = seen.size;
    for (const j of got.jobs) if (j.appId) seen.set(j.appId, j);
    // The last page: short, empty, no new template (a server that ignores CurrentPage), or all TotalSize seen.
    const total = Number.isFinite(got.totalSize) ? got.totalSize : Infinity;
    if (got.jobs.length < PAGE_SIZE || seen.size === before || seen.size >= total) break;
  }
  const all = [...seen.values()];
  const matches = all.filter((j) => j.appName === name && (!namespaceId || j.namespaceId === namespaceId));
  const elsewhere = all.filter((j) => j.appName === name && !matches.includes(j));
  const others = [...new Set(all.filter((j) => j.appName !== name).map((j) => j.appName))].slice(0, 5);
  return { matches, elsewhere, others, pages };
}
