// on-failure: rollback, wired once there is a client: after the deploy (and the run after it) ended, a failure
// that leaves a template in a state worse than before sets off the rollback (rollback.ts, loaded lazily).
// Not after an order left running (timed out with on-timeout: fail: it may still succeed), nor when this step sent
// nothing; a cancel is no trigger (and one that comes after the failure stops the rollback before it sends).
import type { UpdateJobRequest } from '../request/build.js';
import { STATUS } from '../outcome/endings.js';
import type { Trigger } from '../report/rollback-messages.js';
import type { SaeApi } from '../sae/client.js';
import type { Deploy } from './context.js';

export function rollbackAfter(d: Deploy, api: SaeApi, request: UpdateJobRequest): () => Promise<void> {
  return async () => {
    const { report, io } = d;
    const run = report.jobRun?.outcome;
    const trigger: Trigger | undefined =
      d.undo.trigger ?? (run === 'failed' ? 'job-failed' : run === 'timed-out' ? 'job-timed-out' : undefined);
    if (!trigger) {
      if (report.status === STATUS.timedOut && d.undo.orders.length) {
        const { notAfterTimeout } = await import('../report/rollback-messages.js');
        io.notice(notAfterTimeout(report.changeOrderUrl, d.settings.onTimeout === 'abort'), {
          title: 'No rollback',
          ...(await d.where(['on-timeout'])),
        });
      }
      return;
    }
    // Nothing of this step's to undo: it sent nothing (if-unchanged: skip), and the run failed on what was there.
    if (!d.undo.orders.length) return;
    const { rollBack } = await import('./rollback.js');
    await rollBack(d, api, request, trigger);
  };
}
