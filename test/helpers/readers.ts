// The action's SAE readers (src/sae/client.ts) put in front of one answer: what each reads wrong, field by
// field, against where the SDK's model puts it. Used with answers generated from the models
// (test/unit/sae/sae-readers.test.ts) and with recorded ones (test/e2e/recordings.test.ts). The questions are
// made from the answer (its ids), so a client that checks an answer against its question takes it.
import { afterAll, beforeAll } from 'vitest';
import { SaeClient } from '../../src/sae/client.js';
import { cannedServer, type CannedServer } from './canned-server.js';

export type Answer = Record<string, unknown> & { Data: Record<string, unknown> };
export type Problems = string[];

/**
 * The real client in front of a canned server, for the test file that calls this: started before its first test,
 * closed after its last. Read `server` and `client` inside tests.
 */
export function cannedClient(): { readonly server: CannedServer; readonly client: SaeClient } {
  const made: { server?: CannedServer; client?: SaeClient } = {};
  beforeAll(async () => {
    made.server = await cannedServer();
    made.client = await SaeClient.create({
      endpoint: made.server.url,
      credentials: { accessKeyId: 'a', accessKeySecret: 'b' },
      requestTimeoutMs: 5000,
    });
  });
  afterAll(() => made.server?.close());
  return {
    get server() {
      return made.server!;
    },
    get client() {
      return made.client!;
    },
  };
}

/** A field the reader uses that the answer lacks (every generated answer has every field of its model). */
export const lacks = (v: unknown): boolean =>
  v === undefined || (typeof v === 'object' && v !== null && Object.values(v).some(lacks));

export const same = (label: string, actual: unknown, expected: unknown): Problems =>
  lacks(expected)
    ? [`${label}: not (all) in the answer`]
    : JSON.stringify(actual) === JSON.stringify(expected)
      ? []
      : [`${label}: read ${JSON.stringify(actual)}, the answer holds ${JSON.stringify(expected)}`];

/** A list of change orders as the readers give it back (ListChangeOrders, ListNamespaceChangeOrders). */
const listed = (d: Record<string, unknown>) =>
  (d.ChangeOrderList as Record<string, unknown>[]).map((o) => ({
    changeOrderId: o.ChangeOrderId,
    status: o.Status,
    createTime: o.CreateTime,
    finishTime: o.FinishTime,
    coTypeCode: o.CoTypeCode,
    description: o.Description,
  }));

/** Calls the reader of one API against the served answer and says what it read wrong. */
/** The id to ask with: the one the answer is about. */
const ask = (v: unknown): string => (v === undefined || v === null ? 'unknown' : String(v));
const first = (v: unknown): Record<string, unknown> =>
  Array.isArray(v) && v[0] ? (v[0] as Record<string, unknown>) : {};

/**
 * `complete`: the answer has every field of its model (generated); a recorded one may leave fields out (an
 * ErrorMessage when nothing failed), and a field left out is then not checked.
 */
export async function readProblems(c: SaeClient, api: string, a: Answer, complete = true): Promise<Problems> {
  const eq = (label: string, actual: unknown, expected: unknown): Problems =>
    !complete && expected === undefined ? [] : same(label, actual, expected);
  const d = a.Data ?? {}; // null in an error answer
  const ms = (s: unknown) => (s === undefined ? undefined : Number(s) * 1000);
  switch (api) {
    case 'UpdateJob': {
      const r = await c.updateJob({ query: { AppId: ask(d.AppId) }, body: {}, secrets: [] });
      return [
        ...eq('AppId', r.appId, d.AppId),
        ...eq('ChangeOrderId', r.changeOrderId, d.ChangeOrderId),
        ...eq('RequestId', r.requestId, a.RequestId),
        ...eq('TraceId', r.traceId, a.TraceId),
      ];
    }
    case 'DescribeChangeOrder': {
      const r = await c.describeChangeOrder(ask(d.ChangeOrderId));
      const p = d.Pipelines as Record<string, unknown>[];
      return [
        ...eq('ChangeOrderId', r.changeOrderId, d.ChangeOrderId),
        ...eq('Status', r.status, d.Status),
        ...eq('SubStatus', r.subStatus, d.SubStatus),
        ...eq('ErrorMessage', r.errorMessage, d.ErrorMessage),
        ...eq('CurrentPipelineId', r.currentPipelineId, d.CurrentPipelineId),
        ...eq('CoTypeCode', r.coTypeCode, d.CoTypeCode),
        ...eq('CreateTime', r.createTime, d.CreateTime),
        ...eq(
          'Pipelines',
          r.pipelines,
          p.map((x) => ({
            pipelineId: x.PipelineId,
            name: x.PipelineName,
            status: x.Status,
            startTime: x.StartTime,
            updateTime: x.UpdateTime,
          })),
        ),
      ];
    }
    case 'ListChangeOrders':
      return eq('ChangeOrderList', await c.listChangeOrders(ask(first(d.ChangeOrderList).AppId)), listed(d));
    case 'ListNamespaceChangeOrders':
      return eq(
        'ChangeOrderList',
        await c.listNamespaceChangeOrders(ask(first(d.ChangeOrderList).NamespaceId)),
        listed(d),
      );
    case 'AbortChangeOrder':
      return eq('aborted', await c.abortChangeOrder(ask(d.ChangeOrderId)), true);
    case 'ConfirmPipelineBatch':
      await c.confirmPipelineBatch(ask(d.PipelineId));
      return [];
    case 'DescribePipeline': {
      const r = await c.describePipeline(ask(d.PipelineId));
      return [
        ...eq('PipelineId', r.pipelineId, d.PipelineId),
        ...eq('PipelineName', r.name, d.PipelineName),
        ...eq('PipelineStatus', r.status, d.PipelineStatus),
        ...eq(
          'StageList',
          r.stages,
          (d.StageList as Record<string, unknown>[]).map((s) => ({
            name: s.StageName,
            status: s.Status,
            tasks: (s.TaskList as Record<string, unknown>[]).map((t) => ({
              name: t.TaskName,
              status: t.Status,
              errorCode: t.ErrorCode,
              errorMessage: t.ErrorMessage,
              message: t.Message,
            })),
          })),
        ),
      ];
    }
    case 'ExecJob': {
      const r = await c.execJob('app', 'event');
      return [...eq('Data.Data', r.jobId, d.Data), ...eq('RequestId', r.requestId, a.RequestId)];
    }
    case 'DescribeJobStatus': {
      const r = await c.describeJobStatus('app', ask(d.JobId));
      return [
        ...eq('JobId', r.jobId, d.JobId),
        ...eq('State', r.state, d.State),
        ...eq('Active', r.active, d.Active),
        ...eq('Succeeded', r.succeeded, d.Succeeded),
        ...eq('Failed', r.failed, d.Failed),
        ...eq('StartTime', r.startTime, ms(d.StartTime)),
        ...eq('CompletionTime', r.completionTime, ms(d.CompletionTime)),
        ...eq('Message', r.message, d.Message),
      ];
    }
    case 'CreateJob': {
      const r = await c.createJob({ query: { AppName: 'app' }, body: {}, secrets: [] });
      return [
        ...eq('AppId', r.appId, d.AppId),
        ...eq('ChangeOrderId', r.changeOrderId, d.ChangeOrderId),
        ...eq('RequestId', r.requestId, a.RequestId),
        ...eq('TraceId', r.traceId, a.TraceId),
      ];
    }
    case 'ListJobs': {
      const apps = (d.Applications ?? []) as Record<string, unknown>[];
      const r = await c.listJobs({ appName: ask(first(apps).AppName), page: 1, pageSize: 100 });
      return [
        ...eq(
          'Applications',
          r.jobs,
          apps.map((x) => ({ appId: x.AppId, appName: x.AppName, namespaceId: x.NamespaceId, regionId: x.RegionId })),
        ),
        ...eq('TotalSize', r.totalSize, d.TotalSize),
        ...eq('RequestId', r.requestId, a.RequestId),
      ];
    }
    default:
      return [`${api}: no reader`];
  }
}
