import { isLosslessNumber, parse, stringify } from 'lossless-json';
import { saeError } from '../errors.js';
import { BOOLEAN_PARAMS, INTEGER_PARAMS, JSON_PARAMS } from '../params.js';
import { isRecord } from '../util.js';
import type { Route } from './route.js';

// DescribeJob answers as the SDK models it (DescribeJobResponseBodyData, SDK 2.12.4; docs/reference/sae-api.md §5.1),
// not as the text UpdateJob took: numbers, booleans, JSON text, and three object arrays whose objects have the model's
// own keys. Written from the reference, not from src/ nor from the fixture: test/emulator-tests/sae-models.test.ts holds
// it to the SDK's model files.

/** UpdateJob's key → the model's key, for the parameters DescribeJob returns as object arrays. */
const OBJECT_KEYS: Record<string, Record<string, string>> = {
  MountDesc: { mountPath: 'MountPath', nasPath: 'NasPath' },
  ConfigMapMountDesc: { configMapId: 'ConfigMapId', key: 'Key', mountPath: 'MountPath' },
  OssMountDescs: { bucketName: 'bucketName', bucketPath: 'bucketPath', mountPath: 'mountPath', readOnly: 'readOnly' },
};
/** Model fields that are numbers and booleans inside those objects (UpdateJob may carry them as text). */
const OBJECT_NUMBERS = ['ConfigMapId'];
const OBJECT_BOOLEANS = ['readOnly'];

/** Not in the model: a client cannot read them back, so the emulator never returns them. */
const NOT_IN_MODEL = ['Php', 'EnableImageAccl'];

/** What SAE fills in when a template never set them (docs/reference/sae-api.md §2.4, §5.1). */
const DEFAULTS: Record<string, string> = { Timezone: 'Asia/Shanghai', TerminationGracePeriodSeconds: '30' };

/** A ConfigMap's name, which SAE adds to each mount it returns (the emulator's maps are named after their id). */
export const configMapName = (id: string): string => `configmap-${id}`;

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

/** One mount object in the model's keys and types; keys the model lacks are not returned. */
function modelObject(name: string, o: unknown): Record<string, unknown> {
  const keys = OBJECT_KEYS[name]!;
  const source = isRecord(o) ? (JSON.parse(stringify(o) ?? '{}') as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [from, to] of Object.entries(keys)) {
    const v = source[from];
    if (v === undefined) continue;
    out[to] = OBJECT_NUMBERS.includes(to) ? Number(v) : OBJECT_BOOLEANS.includes(to) ? v === true || v === 'true' : v;
  }
  if (name === 'ConfigMapMountDesc' && out['ConfigMapId'] !== undefined)
    out['ConfigMapName'] = configMapName(String(out['ConfigMapId']));
  return out;
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
  if (name in OBJECT_KEYS) return Array.isArray(parsed) ? parsed.map((o) => modelObject(name, o)) : [];
  // The rest come back as JSON text, re-serialised with sorted keys so that a client comparing text instead of
  // meaning sees a difference where there is none.
  return stringify(sortKeys(parsed));
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
      Object.entries({ ...DEFAULTS, ...app.settings })
        .filter(([k]) => !NOT_IN_MODEL.includes(k)) // OssAkSecret is in the model and comes back (a secret)
        .map(([k, v]) => [k, typed(k, v)]),
    );
    return {
      AppId: app.appId,
      AppName: app.appName,
      AppDescription: '',
      NamespaceId: app.namespaceId,
      RegionId: app.regionId,
      PackageType: app.packageType,
      Cpu: 500,
      Memory: 1024,
      VpcId: 'vpc-emulator',
      VSwitchId: 'vsw-emulator',
      SecurityGroupId: 'sg-emulator',
      Suspend: false,
      RefedAppIds: [],
      PublicWebHookUrls: [],
      VpcWebHookUrls: [],
      Tags: [{ Key: 'created-by', Value: 'sae-emulator' }],
      ...settings,
    };
  },
};
