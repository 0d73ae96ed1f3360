import { isLosslessNumber, parse, stringify } from 'lossless-json';
import { saeError } from '../errors.js';
import { BOOLEAN_PARAMS, INTEGER_PARAMS, JSON_PARAMS } from '../params.js';
import { isRecord } from '../util.js';
import type { Route } from './route.js';

// DescribeJob answers in the SDK model's types (DescribeJobResponseBodyData, reference §5.1), not as the
// text UpdateJob took: numbers, booleans, object arrays, and JSON text.
const AS_OBJECTS = ['MountDesc', 'OssMountDescs', 'ConfigMapMountDesc'];
/** Not in the model: whether SAE returns them is [U]; the emulator does not, so a client cannot rely on them. */
const NOT_IN_MODEL = ['EnableImageAccl', 'BestEffortType'];

/** Keys sorted at every level, numbers kept exactly: re-serialised, as SAE may store JSON [U]. */
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (isRecord(v) && !isLosslessNumber(v))
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys(v[k])]),
    );
  return v;
}

function typed(name: string, value: string): unknown {
  if (INTEGER_PARAMS.includes(name)) return Number(value);
  if (BOOLEAN_PARAMS.includes(name)) return value === 'true';
  if (!JSON_PARAMS.includes(name)) return value;
  let parsed: unknown;
  try {
    parsed = parse(value);
  } catch {
    return value;
  }
  // Object arrays come back as JSON values; the rest as JSON text, re-serialised with sorted keys so that
  // a client comparing text instead of meaning sees a difference where there is none.
  return AS_OBJECTS.includes(name) ? JSON.parse(stringify(parsed) ?? 'null') : stringify(sortKeys(parsed));
}

export const describeJob: Route = {
  api: 'DescribeJob',
  method: 'GET',
  path: '/pop/v1/sam/job/describeJob',
  query: ['AppId', 'JobId'],
  body: [],
  required: ['AppId'],
  handle({ query, world }) {
    const app = world.apps.get(query['AppId']!);
    if (!app) throw saeError('InvalidApplication.NotFound');
    const settings = Object.fromEntries(
      Object.entries(app.settings)
        .filter(([k]) => !NOT_IN_MODEL.includes(k)) // OssAkSecret is in the model and comes back (a secret)
        .map(([k, v]) => [k, typed(k, v)]),
    );
    return {
      AppId: app.appId,
      AppName: app.appName,
      NamespaceId: app.namespaceId,
      RegionId: app.regionId,
      PackageType: app.packageType,
      Cpu: 500,
      Memory: 1024,
      Suspend: false,
      RefedAppIds: [],
      Tags: [],
      ...settings,
    };
  },
};
