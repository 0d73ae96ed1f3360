// The progress lines of the log: one line per event, with the time since the step started.
import type { SubmitEvent } from '../changeorder/submit.js';
import type { WaitEvent } from '../changeorder/wait.js';
import type { ActionIO } from '../runner/io.js';
import { changeOrderUrl, orderList, type ConsoleSite } from './links.js';
import { formatDuration } from './format.js';

export function logSubmitEvent(
  io: ActionIO,
  e: SubmitEvent,
  region: string,
  elapsedMs: number,
  site?: ConsoleSite,
): void {
  const at = `[${formatDuration(elapsedMs)}]`;
  switch (e.type) {
    case 'retry':
      io.info(
        `${at} ${e.error.api} failed (${e.error.code}${e.error.message ? `: ${e.error.message}` : ''}); retry ${e.attempt} in ${formatDuration(e.delayMs)}.`,
      );
      break;
    case 'busy':
      // No full stop after a URL: a log viewer that links it would take the stop into the link.
      io.info(
        `${at} Another change order is running on this template${e.runningOrderId ? `: ${changeOrderUrl(e.runningOrderId, region, site)}` : '.'}`,
      );
      break;
    case 'busy-wait':
      // Only while it runs ("is executing"): its end is the busy-ended line, which also says what comes next.
      if (e.event.type === 'status' && !e.event.info.outcome)
        io.info(`${at} The other change order is ${e.event.info.label}.`);
      break;
    case 'busy-ended':
      io.info(
        `${at} The other change order ended (${e.result.info?.label ?? e.result.outcome}); sending UpdateJob again.`,
      );
      break;
    case 'recovered':
      if (!e.alsoNew.length) {
        io.info(`${at} UpdateJob's answer was lost, but SAE created change order ${e.changeOrderId}: following it.`);
        break;
      }
      io.info(
        `${at} UpdateJob's answer was lost, and ${e.alsoNew.length + 1} change orders appeared since; any of them may be this run's. Following ${e.changeOrderId}; the others: ${orderList(e.alsoNew, { region, consoleSite: site })}`,
      );
      break;
    case 'snapshot-failed':
      io.debug(`ListChangeOrders failed before UpdateJob (${e.error.code}); a lost answer could not be recovered.`);
      break;
  }
}

export function logWaitEvent(io: ActionIO, e: WaitEvent, url: string, elapsedMs: number): void {
  const at = `[${formatDuration(elapsedMs)}]`;
  switch (e.type) {
    case 'status': {
      const pipeline = e.order.pipelines.find((p) => p.pipelineId === e.order.currentPipelineId)?.name;
      io.info(`${at} ${e.info.label}${pipeline ? ` (${pipeline})` : ''}`);
      break;
    }
    case 'needs-confirmation':
      io.warning(
        `The change order waits for a manual batch confirmation (status 8). Confirm the next batch in the console, or set confirm-batches: true to let the action do it. The wait goes on until wait-timeout: ${url}`,
        { title: 'Batch confirmation needed' },
      );
      break;
    case 'confirmed':
      io.info(`${at} Confirmed the next batch (confirm-batches: true).`);
      break;
    case 'confirm-failed':
      io.warning(
        `ConfirmPipelineBatch failed (${e.error.code}: ${e.error.message}); the action keeps waiting and tries again.`,
        { title: e.error.code },
      );
      break;
    case 'awaiting-approval':
      io.notice(`The change order awaits approval (status 11); the action keeps waiting until wait-timeout: ${url}`, {
        title: 'Awaiting approval',
      });
      break;
    case 'unknown-status':
      io.warning(
        `SAE reported change-order status ${e.status}, which it does not document; the action treats it as still running.`,
        { title: 'Unknown status' },
      );
      break;
    case 'throttled':
      io.info(
        `${at} SAE throttled a poll (${e.error.code}): the account's API budget is shared by every deploy, so this run polls more slowly from now on. That costs time, not the deploy; it ends at wait-timeout at the latest.`,
      );
      break;
    case 'poll-error':
      io.debug(`DescribeChangeOrder failed (${e.error.code}: ${e.error.message}); polling goes on.`);
      break;
  }
}
