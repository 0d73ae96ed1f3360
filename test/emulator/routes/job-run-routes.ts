// ExecJob and DescribeJobStatus (docs/reference/sae-api.md §5.2): run the job once, and how that run is going.
import { randomUUID } from 'node:crypto';
import { obviously, saeError, withMessage } from '../errors.js';
import { jobRunState } from '../job-runs.js';
import type { World } from '../state.js';
import type { Route } from './route.js';

function app(world: World, appId: string): void {
  if (!world.apps.has(appId)) throw saeError('InvalidApplication.NotFound');
}

const seconds = (ms: number): number => Math.floor(ms / 1000);

export const execJob: Route = {
  api: 'ExecJob',
  method: 'GET',
  path: '/pop/v1/sam/job/execJob',
  query: [
    'AppId',
    'Command',
    'CommandArgs',
    'Envs',
    'EventId',
    'JarStartArgs',
    'JarStartOptions',
    'Replicas',
    'Time',
    'WarStartOptions',
  ],
  body: [],
  required: ['AppId'],
  handle({ query, world }) {
    const appId = query['AppId']!;
    app(world, appId);
    const eventId = query['EventId'];
    // The allowed form of EventId is [U]; the emulator holds clients to the safe one (letters, digits, '-', ≤ 64).
    if (eventId !== undefined && !/^[A-Za-z0-9-]{1,64}$/.test(eventId)) throw obviously('EventId');
    if (query['Replicas'] !== undefined && !/^\d+$/.test(query['Replicas'])) throw obviously('Replicas');
    // The idempotency key: the same EventId never starts a second run; it names the first one again.
    const same = eventId
      ? [...world.jobRuns.values()].find((j) => j.appId === appId && j.eventId === eventId)
      : undefined;
    const run = same ?? {
      jobId: `manual-${randomUUID()}`,
      appId,
      eventId,
      plan: world.jobPlan.map((s) => ({ ...s })),
      createdAt: world.now(),
      query: { ...query },
    };
    world.jobRuns.set(run.jobId, run);
    return { Code: '200', Data: run.jobId, Msg: 'success', Success: 'true' };
  },
};

export const describeJobStatus: Route = {
  api: 'DescribeJobStatus',
  method: 'GET',
  path: '/pop/v1/sam/job/describeJobStatus',
  query: ['AppId', 'JobId'],
  body: [],
  required: ['AppId'],
  handle({ query, world }) {
    const appId = query['AppId']!;
    app(world, appId);
    const jobId = query['JobId'];
    const runs = [...world.jobRuns.values()].filter((j) => j.appId === appId);
    // Without JobId: the latest run of the template [U].
    const run = jobId ? runs.find((j) => j.jobId === jobId) : runs[runs.length - 1];
    // [U] SAE's code for an unknown job; InvalidParameter.WithMessage is the closest documented one.
    if (!run) throw withMessage('JobId', 'the job does not exist');
    const { step, state, completedAt } = jobRunState(run, world.now());
    // DescribeJobStatusResponseBodyData: no AppId.
    return {
      JobId: run.jobId,
      State: state,
      Active: step.active ?? 0,
      Succeeded: step.succeeded ?? 0,
      Failed: step.failed ?? 0,
      StartTime: seconds(run.createdAt),
      ...(completedAt !== undefined ? { CompletionTime: seconds(completedAt) } : {}),
      Message: step.message ?? '',
    };
  },
};
