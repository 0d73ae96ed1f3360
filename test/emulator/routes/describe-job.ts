import { saeError } from '../errors.js';
import { BOOLEAN_PARAMS, INTEGER_PARAMS } from '../params.js';
import type { Route } from './route.js';

// DescribeJob returns these as object arrays, although UpdateJob takes JSON text (reference §5).
const AS_OBJECTS = ['MountDesc', 'OssMountDescs', 'ConfigMapMountDesc'];

function typed(name: string, value: string): unknown {
  if (INTEGER_PARAMS.includes(name)) return Number(value);
  if (BOOLEAN_PARAMS.includes(name)) return value === 'true';
  if (AS_OBJECTS.includes(name)) {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return value;
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
        .filter(([k]) => k !== 'OssAkSecret') // a secret is not echoed back
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
