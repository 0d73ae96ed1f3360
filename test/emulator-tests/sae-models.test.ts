// The emulator answers as the official SDK models SAE's answers (test/fixtures/sae-models.json, written from the
// SDK's model files): every answer of every API, successes and SAE errors, has no field the model lacks and
// each field of the model's JSON type; the gateway's throttling answer is as SAE's flow-control page documents
// it (docs/reference/sae-api.md §8.4). A scenario makes the emulator answer every field of every model at least once,
// so that renaming any field of the fixture makes the check fail (the last test proves it field by field).
import { APIS } from '../../scripts/sae-models.js';
import { isLosslessNumber, parse } from 'lossless-json';
import { beforeAll, describe, expect, it } from 'vitest';
import { type RecordedRequest } from '../emulator/index.js';
import { ROUTES } from '../emulator/routes/index.js';
import { conformance, fieldPaths, MODELS, withFieldRenamed, type Models } from '../helpers/sae-models.js';
import { emulatorFile, getApi, PATHS, rejection, updateJob } from './helpers.js';

const IMAGE = 'registry.cn-hangzhou.aliyuncs.com/ns/job:1';
/** A template holding every setting DescribeJob's model has (seeded as stored, not checked like UpdateJob). */
const EVERYTHING: Record<string, string> = {
  AcrAssumeRoleArn: 'acs:ram::123456789012:role/pull',
  AcrInstanceId: 'cri-xxxxxx',
  BackoffLimit: '3',
  BestEffortType: 'besteffort',
  Command: 'echo',
  CommandArgs: '["a","b"]',
  ConcurrencyPolicy: 'Forbid',
  ConfigMapMountDesc: '[{"configMapId":16,"key":"test","mountPath":"/etc/a"}]',
  CustomHostAlias: '[{"hostName":"h.internal","ip":"10.0.0.1"}]',
  EdasContainerVersion: '3.5.3',
  EnableImageAccl: 'true',
  Envs: '[{"name":"A","value":"1"}]',
  ImagePullSecrets: '10',
  ImageUrl: IMAGE,
  JarStartArgs: '--a',
  JarStartOptions: '-Xmx1G',
  Jdk: 'Open JDK 8',
  MountDesc: '[{"mountPath":"/mnt","nasPath":"/"}]',
  MountHost: 'x.nas.aliyuncs.com',
  NasConfigs: '[{"mountPath":"/nas","nasId":"n1","mountDomain":"d","nasPath":"/","readOnly":false}]',
  NasId: 'n1',
  OssAkId: 'LTAI5tOss',
  OssAkSecret: 'oss-secret',
  OssMountDescs: '[{"bucketName":"b","bucketPath":"d/","mountPath":"/data","readOnly":true}]',
  PackageUrl: 'https://b.oss-cn-hangzhou.aliyuncs.com/job.jar',
  PackageVersion: '1.0.0',
  Php: 'PHP-FPM 7.0',
  PhpConfig: 'memory_limit=1G',
  PhpConfigLocation: '/usr/local/etc/php/php.ini',
  PostStart: '{"exec":{"command":["sh"]}}',
  PreStop: '{"exec":{"command":["sh"]}}',
  ProgrammingLanguage: 'java',
  Python: 'PYTHON 3.9.15',
  PythonModules: 'Flask==2.0',
  RefAppId: 'ref',
  Replicas: '2',
  Slice: 'true',
  SliceEnvs: '[0,1]',
  SlsConfigs: '[{"logDir":"","logType":"stdout"}]',
  TerminationGracePeriodSeconds: '30',
  Timeout: '3600',
  Timezone: 'Asia/Shanghai',
  TomcatConfig: '{"port":8080}',
  TriggerConfig: '{"type":"time","config":"0 1 * * ?"}',
  WarStartOptions: 'catalina.sh run',
  WebContainer: 'apache-tomcat-8.5.42',
};

const { emu, c, advance } = emulatorFile(
  {
    apps: [
      { appId: 'everything', packageType: 'FatJar', settings: EVERYTHING },
      { appId: 'image', packageType: 'Image' },
    ],
  },
  { reset: false, manualClock: true },
);
/** Every answer the scenario got, with its API. */
let answers: RecordedRequest[];

/** Drives the emulator through every API, every model field, successes and SAE errors. */
async function scenario(): Promise<void> {
  await getApi(c, 'DescribeJob', { AppId: 'everything' });
  await getApi(c, 'DescribeJob', { AppId: 'image' });
  // A successful order in two batches, the second confirmed by hand (status 8).
  emu.setOrderPlan([{ status: 1, forMs: 100 }, { status: 8 }, { status: 1, forMs: 100 }, { status: 2 }]);
  const ok = (await updateJob(c, { AppId: 'image', ImageUrl: `${IMAGE}1`, Replicas: '2' })).Data!.ChangeOrderId!;
  advance(150);
  const waiting = (await getApi(c, 'DescribeChangeOrder', { ChangeOrderId: ok })).Data!;
  await getApi(c, 'ConfirmPipelineBatch', { PipelineId: String(waiting['CurrentPipelineId']), Confirm: 'true' });
  advance(150);
  await getApi(c, 'DescribeChangeOrder', { ChangeOrderId: ok });
  // A failed order: ErrorMessage, and a failed task in DescribePipeline.
  emu.setOrderPlan([
    { status: 1, forMs: 50 },
    { status: 3, errorMessage: 'image pull failed' },
  ]);
  const failed = (await updateJob(c, { AppId: 'image', ImageUrl: `${IMAGE}2` })).Data!.ChangeOrderId!;
  advance(100);
  const data = (await getApi(c, 'DescribeChangeOrder', { ChangeOrderId: failed })).Data!;
  await getApi(c, 'DescribePipeline', { PipelineId: String(data['CurrentPipelineId']) });
  // One aborted.
  emu.setOrderPlan([{ status: 1 }]);
  const stuck = (await updateJob(c, { AppId: 'image', ImageUrl: `${IMAGE}3` })).Data!.ChangeOrderId!;
  await c.put(PATHS.AbortChangeOrder, { ChangeOrderId: stuck }, '');
  await getApi(c, 'ListChangeOrders', { AppId: 'image', PageSize: '10' });
  // A job run, while it runs and once it ended.
  const jobId = String((await getApi(c, 'ExecJob', { AppId: 'image', EventId: 'e-1' })).Data!['Data']);
  await getApi(c, 'DescribeJobStatus', { AppId: 'image', JobId: jobId });
  advance(1000);
  await getApi(c, 'DescribeJobStatus', { AppId: 'image', JobId: jobId });
  // SAE's own errors, one for each API: the same envelope, Success false.
  await rejection(updateJob(c, { AppId: 'nope', ImageUrl: IMAGE }));
  await rejection(getApi(c, 'DescribeJob', { AppId: 'nope' }));
  await rejection(getApi(c, 'DescribeChangeOrder', { ChangeOrderId: 'nope' }));
  await rejection(getApi(c, 'ListChangeOrders', { AppId: 'nope' }));
  await rejection(c.put(PATHS.AbortChangeOrder, { ChangeOrderId: 'nope' }, ''));
  await rejection(getApi(c, 'ConfirmPipelineBatch', { PipelineId: 'nope', Confirm: 'true' }));
  await rejection(getApi(c, 'DescribePipeline', { PipelineId: 'nope' }));
  await rejection(getApi(c, 'ExecJob', { AppId: 'nope' }));
  await rejection(getApi(c, 'DescribeJobStatus', { AppId: 'nope', JobId: 'nope' }));
  // An API the scenario does not know yet (a route added later) is still called once, bare, for the check.
  for (const route of ROUTES.filter((r) => !DRIVEN.includes(r.api)))
    await c.request(route.method, route.path, {}, '').catch(() => undefined);
}

/**
 * The APIs the fixture holds (scripts/sae-models.ts) that the scenario does not drive yet, each called once, bare;
 * the readers' test (test/unit/sae/sae-readers.test.ts) reads every field of their models.
 */
const NOT_DRIVEN: readonly string[] = ['ListJobs', 'CreateJob', 'ListNamespaceChangeOrders'];
/** The APIs the scenario drives through every field of their models (so renaming any is caught). */
const DRIVEN: readonly string[] = APIS.filter((api) => !NOT_DRIVEN.includes(api));

beforeAll(async () => {
  await scenario();
  answers = emu.requests.filter((r) => r.response);
});

const body = (r: RecordedRequest): unknown => parse(r.response!.body);

/** What in the captured answers leaves the models: one line per problem. */
function problems(models: Models): string[] {
  return answers.flatMap((r) => {
    const model = models.apis[r.api];
    if (!model) return [`${r.api}: no model`];
    return conformance(model, body(r), `${r.api}${r.status === 200 ? '' : ` (HTTP ${r.status})`}`);
  });
}

/** The field paths that appear in some captured answer, as fieldPaths() writes them. */
function pathsSeen(): Set<string> {
  const seen = new Set<string>();
  const walk = (v: unknown, path: string): void => {
    if (Array.isArray(v)) return v.forEach((x) => walk(x, `${path}[]`));
    if (v === null || typeof v !== 'object' || isLosslessNumber(v)) return;
    for (const [k, x] of Object.entries(v)) {
      const p = path ? `${path}.${k}` : k;
      seen.add(p);
      walk(x, p);
    }
  };
  for (const r of answers) walk(body(r), r.api);
  return seen;
}

describe('emulator answers conform to the SDK models', () => {
  it(`every API the emulator serves has a model (${MODELS.source.package}, ${MODELS.source.commit.slice(0, 8)})`, () => {
    expect(ROUTES.map((r) => r.api).filter((api) => !MODELS.apis[api])).toEqual([]);
    expect(new Set(answers.map((r) => r.api))).toEqual(new Set(ROUTES.map((r) => r.api)));
  });

  it('no field the model lacks, every field of its JSON type', () => {
    expect(problems(MODELS)).toEqual([]);
  });

  it("DescribeJob: Php and EnableImageAccl absent, the mounts' model keys, the defaults", () => {
    const data = (body(answers.find((r) => r.api === 'DescribeJob')!) as { Data: Record<string, unknown> }).Data;
    expect(data).not.toHaveProperty('Php');
    expect(data).not.toHaveProperty('EnableImageAccl');
    expect(Object.keys((data['MountDesc'] as object[])[0]!)).toEqual(['MountPath', 'NasPath']);
    const bare = answers.filter((r) => r.api === 'DescribeJob')[1]!;
    const defaults = (body(bare) as { Data: Record<string, unknown> }).Data;
    expect(defaults['Timezone']).toBe('Asia/Shanghai');
    expect(String(defaults['TerminationGracePeriodSeconds'])).toBe('30');
  });

  it('every field of the models of the APIs the scenario drives is answered at least once (so a renamed one is caught)', () => {
    const seen = pathsSeen();
    const missing = DRIVEN.flatMap((api) =>
      fieldPaths(MODELS.apis[api]!)
        .map((p) => `${api}.${p}`)
        .filter((p) => !seen.has(p)),
    );
    expect(missing).toEqual([]);
  });

  it('renaming any one field of the fixture makes the conformance check fail', () => {
    let renamed = 0;
    for (const api of DRIVEN) {
      for (const path of fieldPaths(MODELS.apis[api]!)) {
        expect(problems(withFieldRenamed(MODELS, api, path)), `${api}.${path} renamed`).not.toEqual([]);
        renamed++;
      }
    }
    expect(renamed).toBeGreaterThan(150);
  });
});

describe('throttling, as SAE documents it (docs/reference/sae-api.md §8.4)', () => {
  it('HTTP 400 with RequestId, HostId, Code, Message, Recommend; no Success, no ErrorCode', async () => {
    emu.setFlowControl({ burst: 1, refillPerSecond: 0 });
    try {
      await getApi(c, 'DescribeJob', { AppId: 'image' });
      const refused = await rejection(getApi(c, 'DescribeJob', { AppId: 'image' }));
      expect(refused.statusCode).toBe(400);
      expect(refused.code).toBe('Throttling.User');
      expect(Object.keys(refused.result).sort()).toEqual(['Code', 'HostId', 'Message', 'Recommend', 'RequestId']);
      expect(refused.result['Message']).toBe('Request was denied due to user flow control.');
    } finally {
      emu.setFlowControl(undefined);
    }
  });
});
