import { withMessage } from '../errors.js';
import type { AppState } from '../types.js';
import type { Route } from './route.js';

/**
 * Whether SAE matches FieldValue exactly or in part is not documented (docs/reference/sae-api.md §5.4) [U]. The
 * emulator takes the looser view, a case-insensitive substring, so a client that trusts the answer to be the match is
 * caught.
 */
function matches(app: AppState, query: Record<string, string>): boolean {
  const type = query['FieldType'];
  const value = query['FieldValue'] ?? '';
  const name = query['AppName'];
  if (name && !app.appName.toLowerCase().includes(name.toLowerCase())) return false;
  if (value && type === 'appName' && !app.appName.toLowerCase().includes(value.toLowerCase())) return false;
  if (value && type === 'appIds' && !value.split(',').includes(app.appId)) return false;
  if (query['NamespaceId'] && app.namespaceId !== query['NamespaceId']) return false;
  return true;
}

function whole(name: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined || text === '') return fallback;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max)
    throw withMessage(name, `must be a whole number from ${min} to ${max}`);
  return Number(text);
}

export const listJobs: Route = {
  api: 'ListJobs',
  traceId: false,
  method: 'GET',
  path: '/pop/v1/sam/job/listJobs',
  query: [
    'AppName',
    'CurrentPage',
    'PageSize',
    'FieldType',
    'FieldValue',
    'NamespaceId',
    'OrderBy',
    'Reverse',
    'Tags',
    'Workload',
  ],
  body: [],
  required: [],
  handle({ query, world }) {
    const type = query['FieldType'];
    if (type !== undefined && type !== 'appName' && type !== 'appIds')
      throw withMessage('FieldType', 'must be appName or appIds');
    const page = whole('CurrentPage', query['CurrentPage'], 1, 1, 100_000);
    const size = whole('PageSize', query['PageSize'], 10, 0, 200);
    // Applications are listed by ListApplications; this lists job templates only (every template here is one).
    const all =
      query['Workload'] && query['Workload'] !== 'job' ? [] : [...world.apps.values()].filter((a) => matches(a, query));
    const shown = all.slice((page - 1) * size, page * size);
    return {
      CurrentPage: page,
      PageSize: size,
      TotalSize: all.length,
      Applications: shown.map((a) => ({
        AppId: a.appId,
        AppName: a.appName,
        NamespaceId: a.namespaceId,
        RegionId: a.regionId,
        AppDescription: '',
        Cpu: 500,
        Mem: 1024,
        ImageUrl: a.settings['ImageUrl'] ?? '',
        Active: 0,
        Succeeded: 0,
        Failed: 0,
        LastJobState: '0',
        LastChangeorderState: '1',
        Suspend: false,
        TriggerConfig: a.settings['TriggerConfig'] ?? '',
        Tags: [],
        Message: '',
      })),
    };
  },
};
