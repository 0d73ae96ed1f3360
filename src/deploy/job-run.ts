// run-after-deploy, wired once there is a client: the job runs only after the deploy ended well (the order
// succeeded, or there was nothing to deploy), never after a cancel. The run itself loads lazily (run-after.ts).
import { STATUS } from '../outcome/endings.js';
import type { SaeApi } from '../sae/client.js';
import type { Deploy } from './context.js';
import { writeOutputs } from './write-outputs.js';

export function jobRunAfter(d: Deploy, api: SaeApi): () => Promise<void> {
  const { report, settings } = d;
  return async () => {
    const endedWell = report.status === STATUS.succeeded || report.status === STATUS.unchanged;
    if (d.signal?.aborted || !endedWell) return;
    const { runAfterDeploy } = await import('./run-after.js');
    // In the report from the start, so that its outputs are written from it (deploy/write-outputs.ts).
    report.jobRun = { timeoutMs: settings.runTimeoutMs, polls: 0 };
    await runAfterDeploy({
      report: report.jobRun,
      write: (names) => writeOutputs(d, names),
      io: d.io,
      api,
      appId: report.appId,
      region: settings.region,
      timeoutMs: settings.runTimeoutMs,
      maxRetries: settings.maxRetries,
      clock: d.clock,
      signal: d.signal,
      pacing: d.runPacing,
      started: d.started,
      locate: d.where,
    });
  };
}
