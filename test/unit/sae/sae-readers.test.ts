// The action's readers (src/sae/client.ts, and for DescribeJob the comparison) take answers generated from the
// official SDK's models (test/fixtures/sae-models.json): every field present, values of the model's types, the
// keys of every object in another order, served over loopback to the real client. Each reader must read every
// field it uses where the model puts it; a DescribeJob answer that holds what UpdateJob sent must compare as
// unchanged. Renaming a field the readers use in the fixture makes these checks fail (the last tests).
import { parse, stringify } from 'lossless-json';
import { APIS } from '../../../scripts/sae-models.js';
import { describe, expect, it } from 'vitest';
import { PARAMETERS } from '../../../src/contract/parameters.js';
import { planChanges } from '../../../src/plan/changes.js';
import { buildRequest } from '../../../src/request/build.js';
import { type SaeClient } from '../../../src/sae/client.js';
import { SaeError } from '../../../src/sae/errors.js';
import { cannedClient, readProblems, same, type Answer, type Problems } from '../../helpers/readers.js';
import {
  fieldPaths,
  generate,
  MODELS,
  seeded,
  withFieldRenamed,
  type Models,
  type Overrides,
} from '../../helpers/sae-models.js';

// From docs/reference/sae-api.md §5.1, not from src/: DescribeJob's JSON-text fields, the field SAE adds to mounts, the
// two UpdateJob parameters the model lacks.
const JSON_TEXT = [
  'Envs',
  'CommandArgs',
  'CustomHostAlias',
  'SlsConfigs',
  'NasConfigs',
  'PostStart',
  'PreStop',
  'TomcatConfig',
  'TriggerConfig',
  'SliceEnvs',
];
const SERVER_ADDS = ['ConfigMapName'];
const NOT_IN_MODEL = ['Php', 'EnableImageAccl'];

const SEED = Number(process.env.READERS_SEED ?? Date.now() % 100_000);

/** Values with a meaning, by API and field path. */
function overrides(api: string): Overrides {
  const int = (max: number) => (r: () => number) => Math.floor(r() * max);
  const common: Overrides = { Success: () => true };
  switch (api) {
    case 'DescribeChangeOrder':
      return { ...common, 'Data.Status': int(13), 'Data.SubStatus': (r) => 1 + int(5)(r) };
    case 'ExecJob':
      return { ...common, 'Data.Success': () => 'true' };
    case 'DescribeJobStatus':
      return {
        ...common,
        'Data.State': (r) => String(int(4)(r)),
        'Data.StartTime': (r) => 1_700_000_000 + int(1e6)(r),
        'Data.CompletionTime': (r) => 1_710_000_000 + int(1e6)(r),
      };
    case 'DescribeJob':
      return {
        ...common,
        ...Object.fromEntries(
          JSON_TEXT.map((f) => [
            `Data.${f}`,
            (r: () => number) =>
              stringify({ b: [1.5, `v${int(99)(r)}`], a: { n: parse('12345678901234567890'), t: r() < 0.5 } }),
          ]),
        ),
      };
    case 'ListChangeOrders':
      // One template's list: every entry is about the template asked of (the client holds the answer to that).
      return { ...common, 'Data.ChangeOrderList[].AppId': () => 'app-listed' };
    case 'ListNamespaceChangeOrders':
      // One namespace's list: likewise about the namespace asked of.
      return { ...common, 'Data.ChangeOrderList[].NamespaceId': () => 'cn-hangzhou:listed' };
    default:
      return common;
  }
}

const lowerFirst = (k: string) => k.charAt(0).toLowerCase() + k.slice(1);
/** The text UpdateJob would have sent for a value DescribeJob's model returns. */
function sentFor(wire: string, v: unknown): string {
  if (JSON_TEXT.includes(wire)) {
    // The same JSON, its keys in another order: compared by meaning.
    const reorder = (x: unknown): unknown =>
      Array.isArray(x)
        ? x.map(reorder)
        : x && typeof x === 'object' && !('isLosslessNumber' in x)
          ? Object.fromEntries(
              Object.entries(x)
                .reverse()
                .map(([k, y]) => [k, reorder(y)]),
            )
          : x;
    return stringify(reorder(parse(String(v))))!;
  }
  if (Array.isArray(v))
    return JSON.stringify(
      v.map((o: Record<string, unknown>) =>
        Object.fromEntries(
          Object.entries(o)
            .filter(([k]) => !SERVER_ADDS.includes(k))
            .map(([k, x]) => [lowerFirst(k), x]),
        ),
      ),
    );
  return String(v);
}

/** The DescribeJob reader and the comparison: what UpdateJob would have sent for each value reads back unchanged. */
async function describeJobProblems(c: SaeClient, a: Answer): Promise<Problems> {
  const template = await c.describeJob(String((a.Data ?? {}).AppId));
  const problems: Problems = [];
  const values = PARAMETERS.filter((p) => !p.required && !NOT_IN_MODEL.includes(p.wire)).flatMap((p) => {
    if (template[p.wire] === undefined) {
      problems.push(`${p.wire}: not in the answer`);
      return [];
    }
    const wire = sentFor(p.wire, template[p.wire]);
    return [{ param: p, value: wire, wire }];
  });
  const notModelled = PARAMETERS.filter((p) => NOT_IN_MODEL.includes(p.wire)).map((p) => ({
    param: p,
    value: 'x',
    wire: 'x',
  }));
  const plan = planChanges(buildRequest([...values, ...notModelled]), template);
  for (const e of plan.entries) {
    const expected = NOT_IN_MODEL.includes(e.wire) ? 'unknown' : 'unchanged';
    if (e.state !== expected) problems.push(`${e.wire}: ${e.state}, not ${expected} (${e.before} vs ${e.after})`);
  }
  return [...problems, ...same('changed', plan.changed, [])];
}

/** Every API the action calls: those the fixture is written for. */
const READ_APIS: readonly string[] = APIS;

const canned = cannedClient();

/** One reader against one answer generated from the models: what it read wrong, or how it failed. */
async function check(models: Models, api: string, seed: number): Promise<Problems> {
  const answer = generate(models.apis[api]!, seeded(seed), overrides(api)) as Answer;
  canned.server.answer({ status: 200, body: stringify(answer)! });
  try {
    return await (api === 'DescribeJob'
      ? describeJobProblems(canned.client, answer)
      : readProblems(canned.client, api, answer));
  } catch (e) {
    return [`${api}: ${e instanceof SaeError ? `${e.code} ${e.message}` : String(e)}`];
  }
}

/** The SAE error envelope of the model (Success false, no Data): the code, request id and message read. */
async function checkError(models: Models, api: string, seed: number): Promise<Problems> {
  const answer = generate(models.apis[api]!, seeded(seed), { Success: () => false, Data: () => null }) as Answer;
  canned.server.answer({ status: 400, body: stringify(answer)! });
  try {
    await (api === 'DescribeJob'
      ? describeJobProblems(canned.client, answer)
      : readProblems(canned.client, api, answer));
    return [`${api}: an error answer was read as a success`];
  } catch (e) {
    if (!(e instanceof SaeError)) return [`${api}: ${String(e)}`];
    return [
      ...same('ErrorCode', e.code, answer.ErrorCode),
      ...same('RequestId', e.requestId, answer.RequestId),
      ...same('Message', e.message, answer.Message),
    ];
  }
}

describe(`readers take answers generated from the SDK models (seed ${SEED})`, () => {
  it('every API the action calls has a model in the fixture', () => {
    expect(READ_APIS.filter((api) => !MODELS.apis[api])).toEqual([]);
  });

  it.each(READ_APIS)('%s: every field read where the model puts it, keys in any order', async (api) => {
    for (let i = 0; i < 5; i++) expect(await check(MODELS, api, SEED + i)).toEqual([]);
  });

  it.each(READ_APIS)(
    '%s: an error answer in the model envelope gives its code, request id and message',
    async (api) => {
      expect(await checkError(MODELS, api, SEED)).toEqual([]);
    },
  );
});

describe('renaming a field the readers use in the fixture makes them fail', () => {
  // The fields each reader depends on (a field no reader uses is held by the emulator's conformance test).
  const USED: Record<string, string[]> = {
    // Not Success: an error is told by the HTTP status as well.
    UpdateJob: ['RequestId', 'TraceId', 'ErrorCode', 'Message', 'Data', 'Data.AppId', 'Data.ChangeOrderId'],
    DescribeChangeOrder: [
      'Data.Status',
      'Data.SubStatus',
      'Data.ErrorMessage',
      'Data.CurrentPipelineId',
      'Data.CoTypeCode',
      'Data.Pipelines',
      'Data.Pipelines[].PipelineId',
      'Data.Pipelines[].Status',
      'Data.Pipelines[].StartTime',
    ],
    ListChangeOrders: [
      'Data.ChangeOrderList',
      'Data.ChangeOrderList[].ChangeOrderId',
      'Data.ChangeOrderList[].Status',
      'Data.ChangeOrderList[].CreateTime',
    ],
    DescribePipeline: ['Data.StageList[].TaskList[].ErrorCode', 'Data.StageList[].TaskList[].ErrorMessage'],
    ExecJob: ['Data.Data', 'Data.Success'],
    DescribeJobStatus: ['Data.State', 'Data.StartTime', 'Data.CompletionTime', 'Data.Message'],
    DescribeJob: [
      'Data.AppId',
      'Data.MountDesc[].MountPath',
      'Data.MountDesc[].NasPath',
      'Data.ConfigMapMountDesc[].ConfigMapId',
      'Data.ConfigMapMountDesc[].ConfigMapName',
      'Data.ConfigMapMountDesc[].Key',
      'Data.OssMountDescs[].readOnly',
      'Data.BestEffortType',
      'Data.Replicas',
      'Data.Envs',
    ],
  };

  it.each(Object.keys(USED))('%s', async (api) => {
    const caught: string[] = [];
    for (const path of fieldPaths(MODELS.apis[api]!)) {
      const renamed = withFieldRenamed(MODELS, api, path);
      const problems = [...(await check(renamed, api, SEED)), ...(await checkError(renamed, api, SEED))];
      if (problems.length) caught.push(path);
    }
    expect(USED[api]!.filter((p) => !caught.includes(p))).toEqual([]);
  });

  it('DescribeJob: renaming any UpdateJob parameter the model has makes the comparison fail', async () => {
    const missed: string[] = [];
    for (const p of PARAMETERS.filter((x) => !x.required && !NOT_IN_MODEL.includes(x.wire))) {
      const problems = await check(withFieldRenamed(MODELS, 'DescribeJob', `Data.${p.wire}`), 'DescribeJob', SEED);
      if (!problems.length) missed.push(p.wire);
    }
    expect(missed).toEqual([]);
  });
});
