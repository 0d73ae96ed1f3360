// The JSON `Data` of DescribeChangeOrder, ListChangeOrders entries and DescribePipeline (SDK models,
// docs/reference/sae-api.md §4.2–4.4).
import { orderState, pipelineStatus, STATUS_TEXT, type OrderState } from './change-orders.js';
import type { AppState, ChangeOrder, FailedTask } from './types.js';
import { formatCreateTime } from './util.js';

// [U] which CoTypeCode SAE uses for a job update.
const CO_TYPE = 'Deploy';
const CO_TYPE_CODE = 'CoDeploy';

const manual = (o: ChangeOrder): boolean => o.pipelineIds.length > 1;

export function describeChangeOrderData(
  o: ChangeOrder,
  app: AppState | undefined,
  now = Date.now(),
): Record<string, unknown> {
  const state = orderState(o, now);
  return {
    AppId: o.appId,
    AppName: app?.appName ?? '',
    ChangeOrderId: o.changeOrderId,
    Status: state.status,
    SubStatus: state.subStatus,
    ErrorMessage: state.errorMessage || undefined, // absent unless something failed: clients must tolerate that
    CoType: CO_TYPE,
    CoTypeCode: CO_TYPE_CODE,
    CreateTime: formatCreateTime(o.createdAt),
    Description: o.description,
    CurrentPipelineId: o.pipelineIds[state.batch],
    Pipelines: o.pipelineIds.map((id, b) => ({
      PipelineId: id,
      PipelineName: `Batch ${b + 1} change`,
      Status: pipelineStatus(state, b),
      BatchType: manual(o) ? 1 : 0,
      ParallelCount: 0,
      StartTime: o.createdAt,
      UpdateTime: state.finishedAt ?? now,
    })),
    BatchCount: o.pipelineIds.length,
    BatchType: manual(o) ? 'manual' : 'auto',
    BatchWaitTime: 0,
    Auto: !manual(o),
    SupportRollback: false,
    ApprovalId: '',
    ApplicationUpdateStrategy: '',
    ApplicationEnableGreyTagRoute: false,
  };
}

export function listEntry(o: ChangeOrder, now = Date.now()): Record<string, unknown> {
  const state = orderState(o, now);
  return {
    AppId: o.appId,
    BatchCount: o.pipelineIds.length,
    BatchType: manual(o) ? 'manual' : 'auto',
    ChangeOrderId: o.changeOrderId,
    CoType: CO_TYPE,
    CoTypeCode: CO_TYPE_CODE,
    CreateTime: formatCreateTime(o.createdAt),
    CreateUserId: 'emulator',
    Description: o.description,
    FinishTime: state.finishedAt === undefined ? '' : formatCreateTime(state.finishedAt),
    GroupId: '',
    Source: o.source === 'UpdateJob' ? 'pop' : 'console',
    Status: state.status,
    UserId: 'emulator',
  };
}

/** An order as ListNamespaceChangeOrders lists it: no AppId, its namespace instead (its model, §5.4). */
export function namespaceListEntry(o: ChangeOrder, namespaceId: string, now = Date.now()): Record<string, unknown> {
  const { AppId: _app, ...entry } = listEntry(o, now);
  return { ...entry, NamespaceId: namespaceId, Pipelines: '' };
}

interface Task {
  name: string;
  failure?: FailedTask;
}
interface Stage {
  name: string;
  tasks: Task[];
}

const DEFAULT_STAGES = (): Stage[] => [
  { name: 'Prepare', tasks: [{ name: 'Check the job template' }] },
  { name: 'Update job template', tasks: [{ name: 'Update the job template' }, { name: 'Update the trigger' }] },
];

/** Where the failing (or current) task is in the flattened task list; adds the scripted failing task if it is new. */
function placeFailure(stages: Stage[], failure: FailedTask): number {
  let stage = stages.find((s) => s.name === failure.stage);
  if (!stage) stages.push((stage = { name: failure.stage, tasks: [] }));
  let task = stage.tasks.find((t) => t.name === failure.task);
  if (!task) stage.tasks.push((task = { name: failure.task }));
  task.failure = failure;
  return stages.flatMap((s) => s.tasks).indexOf(task);
}

function taskStatus(pipeline: number, position: number, cut: number, hasFailure: boolean): number {
  if (pipeline === 2) return 2;
  if ([0, 8, 9, 11, 12].includes(pipeline)) return 0;
  if (position < cut) return 2;
  if (position > cut) return 0;
  if (hasFailure || pipeline === 3 || pipeline === 10) return 3;
  return pipeline === 6 ? 6 : 1;
}

function stageStatus(statuses: number[]): number {
  for (const s of [3, 6]) if (statuses.includes(s)) return s;
  if (statuses.every((s) => s === 2)) return 2;
  if (statuses.every((s) => s === 0)) return 0;
  return 1;
}

export function describePipelineData(o: ChangeOrder, batch: number, now = Date.now()): Record<string, unknown> {
  const state: OrderState = orderState(o, now);
  const status = pipelineStatus(state, batch);
  const pipelineId = o.pipelineIds[batch]!;
  const stages = DEFAULT_STAGES();
  const failing = batch === state.batch && status !== 2 ? failureOf(state, status) : undefined;
  const cut = failing ? placeFailure(stages, failing) : 1;

  let position = 0;
  let currentStageId = '';
  const stageList = stages.map((stage, i) => {
    const stageId = `${pipelineId}-stage-${i + 1}`;
    const tasks = stage.tasks.map((task, j) => {
      const s = taskStatus(status, position++, cut, task.failure !== undefined);
      return {
        TaskId: `${stageId}-task-${j + 1}`,
        TaskName: task.name,
        StageId: stageId,
        Status: s,
        ErrorCode: s === 3 ? (task.failure?.code ?? '') : '',
        ErrorMessage: s === 3 ? (task.failure?.message ?? '') : '',
        Message: s === 3 ? (task.failure?.message ?? '') : '',
        ErrorIgnore: 0,
        ShowManualIgnore: false,
      };
    });
    const s = stageStatus(tasks.map((t) => t.Status));
    if (!currentStageId && s !== 2) currentStageId = stageId;
    return { StageId: stageId, StageName: stage.name, Status: s, ExecutorType: 0, TaskList: tasks };
  });

  return {
    PipelineId: pipelineId,
    PipelineName: `Batch ${batch + 1} change`,
    PipelineStatus: status,
    CoStatus: STATUS_TEXT[status] ?? 'Unknown',
    CurrentStageId: currentStageId,
    NextPipelineId: o.pipelineIds[batch + 1] ?? '',
    ShowBatch: status === 8,
    StageList: stageList,
  };
}

/** The failed task to show: the step's scripted one, or a default one for statuses 3 and 10. */
function failureOf(state: OrderState, status: number): FailedTask | undefined {
  if (state.step.failedTask) return state.step.failedTask;
  if (status === 3 || status === 10) {
    return {
      stage: 'Update job template',
      task: 'Update the job template',
      code: status === 10 ? 'System.Exception' : 'Task.Failed',
      message: state.errorMessage || 'Executing the change order failed.',
    };
  }
  return undefined;
}
