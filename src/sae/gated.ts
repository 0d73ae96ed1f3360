// The SAE client, every call through the run's budget gate (pace/budget.ts): the gate waits before each call, and is
// told how each went. Whether a failure is a throttle is SAE's to say (sae/retry.ts isThrottled), so the gate knows
// nothing of SAE and this wrapper sits with the client.
import type { CallBudget } from '../pace/budget.js';
import type { UpdateJobRequest } from '../request/build.js';
import type { SaeApi } from './client.js';
import { SaeError } from './errors.js';
import { isThrottled } from './retry.js';

/** The same client, every call through the run's budget gate. */
export function budgeted(api: SaeApi, budget: CallBudget, signal?: AbortSignal): SaeApi {
  // A failure that is not the budget's (a 5xx, a reset, a permanent error) says nothing about the budget:
  // it neither widens nor narrows the gap. Pacing after such failures is the poll loop's (pace/pacer.ts).
  const gated =
    <A extends unknown[], R>(name: string, call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await budget.take(signal, name);
      try {
        const result = await call(...args);
        budget.record('ok');
        return result;
      } catch (e) {
        if (e instanceof SaeError && isThrottled(e)) budget.record('throttled', e.retryAfterMs);
        throw e;
      } finally {
        budget.answered();
      }
    };
  return {
    updateJob: gated('UpdateJob', (r) => api.updateJob(r)),
    describeChangeOrder: gated('DescribeChangeOrder', (id) => api.describeChangeOrder(id)),
    listChangeOrders: gated('ListChangeOrders', (app, size) => api.listChangeOrders(app, size)),
    ...(api.listNamespaceChangeOrders && {
      listNamespaceChangeOrders: gated('ListNamespaceChangeOrders', (ns: string, size?: number) =>
        api.listNamespaceChangeOrders!(ns, size),
      ),
    }),
    abortChangeOrder: gated('AbortChangeOrder', (id) => api.abortChangeOrder(id)),
    confirmPipelineBatch: gated('ConfirmPipelineBatch', (id) => api.confirmPipelineBatch(id)),
    describePipeline: gated('DescribePipeline', (id) => api.describePipeline(id)),
    describeJob: gated('DescribeJob', (app) => api.describeJob(app)),
    execJob: gated('ExecJob', (app, id) => api.execJob(app, id)),
    describeJobStatus: gated('DescribeJobStatus', (app, id) => api.describeJobStatus(app, id)),
    ...(api.createJob && { createJob: gated('CreateJob', (r: UpdateJobRequest) => api.createJob!(r)) }),
    ...(api.listJobs && {
      listJobs: gated('ListJobs', (q: Parameters<NonNullable<SaeApi['listJobs']>>[0]) => api.listJobs!(q)),
    }),
    setDeadline: (deadline) => {
      budget.setDeadline(deadline);
      api.setDeadline?.(deadline);
    },
    hurry: () => budget.hurry(),
    paced: true,
  };
}
