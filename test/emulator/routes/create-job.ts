import { notEmpty, saeError, withMessage } from '../errors.js';
import { UPDATE_JOB_BODY, UPDATE_JOB_QUERY } from '../params.js';
import type { PackageType } from '../types.js';
import { newId } from '../util.js';
import { validateUpdateJob } from '../validation.js';
import type { Route } from './route.js';

/** CreateJob's own fields (SDK CreateJobRequest): everything else is an UpdateJob parameter. */
const CREATION = [
  'AppName',
  'AppDescription',
  'NamespaceId',
  'VpcId',
  'VSwitchId',
  'SecurityGroupId',
  'PackageType',
  'Cpu',
  'Memory',
  'AutoConfig',
  'Workload',
];
/** The SDK's form body for CreateJob: UpdateJob's less Php (CreateJob has no Php at all). */
const BODY = UPDATE_JOB_BODY.filter((n) => n !== 'Php');
const QUERY = [...UPDATE_JOB_QUERY.filter((n) => n !== 'AppId'), ...CREATION];
/** Memory (MB) → CPU sizes (millicores), as CreateJobRequest documents them. */
const SIZES: Record<string, number[]> = {
  '1024': [500, 1000],
  '2048': [500, 1000, 2000],
  '4096': [1000, 2000, 4000],
  '8192': [2000, 4000, 8000],
  '12288': [12000],
  '16384': [4000, 8000, 16000],
  '24576': [12000],
  '32768': [16000],
  '65536': [8000, 16000, 32000],
  '131072': [32000],
};
const TYPES: PackageType[] = ['Image', 'FatJar', 'War', 'PythonZip'];
/**
 * The code SAE answers when the name is taken is not documented [U]: the emulator uses this one, and a client
 * must not depend on it (the action looks the name up again after any refusal).
 */
export const NAME_TAKEN = 'Application.AppNameExists';

export const createJob: Route = {
  api: 'CreateJob',
  method: 'POST',
  path: '/pop/v1/sam/job/createJob',
  query: QUERY,
  body: BODY,
  required: ['AppName', 'PackageType', 'Replicas', 'Workload'],
  handle({ query, body, world }) {
    const name = query['AppName']!;
    if (!/^[A-Za-z][A-Za-z0-9-]{0,35}$/.test(name))
      throw withMessage('AppName', 'letters, digits and -, starting with a letter, at most 36 characters');
    if (query['Workload'] !== 'job') throw withMessage('Workload', 'must be job');
    const type = query['PackageType'] as PackageType;
    if (!TYPES.includes(type)) throw saeError('InvalidPackageType.NotFound');
    const auto = query['AutoConfig'] === 'true';
    const namespaceId = query['NamespaceId'] || (auto ? 'cn-hangzhou' : '');
    if (!namespaceId) throw notEmpty('NamespaceId');
    if (!/^cn-hangzhou(:[a-z][a-z0-9-]*)?$/.test(namespaceId)) throw saeError('InvalidNamespaceId.NotFound');
    const cpu = query['Cpu'];
    const memory = query['Memory'];
    if ((cpu || memory) && !(cpu && memory && SIZES[memory]?.includes(Number(cpu))))
      throw saeError('InvalidInstanceSpecification.Unsupported', cpu ?? '?', memory ?? '?');
    if ([...world.apps.values()].some((a) => a.appName === name && a.namespaceId === namespaceId))
      throw saeError(NAME_TAKEN);
    const params = Object.fromEntries(Object.entries({ ...query, ...body }).filter(([k]) => !CREATION.includes(k)));
    // Checked like an update of an empty template of that package type: the result must be whole.
    const appId = newId();
    const settings = validateUpdateJob(
      { appId, appName: name, packageType: type, namespaceId, regionId: 'cn-hangzhou', settings: {} },
      params,
      world.env,
    );
    world.addApp({ appId, appName: name, namespaceId, packageType: type, settings });
    // The template exists at once (ListJobs and DescribeJob find it); the order deploys it.
    const order = world.addOrder(appId, world.orderPlan, 'CreateJob');
    return { AppId: appId, ChangeOrderId: order.changeOrderId };
  },
};
