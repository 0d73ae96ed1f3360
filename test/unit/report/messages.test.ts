// The words a person reads in the log and the annotations: each sentence ends once, says SAE's words once,
// and points at nothing that is not there.
import { describe, expect, it } from 'vitest';
import { describeStatus } from '../../../src/changeorder/status.js';
import type { ChangeOrder } from '../../../src/sae/client.js';
import { changeOrderFailedMessage, saeSays } from '../../../src/report/failure-messages.js';
import { sentence } from '../../../src/report/format.js';
import { logSubmitEvent } from '../../../src/report/progress.js';
import { recordingIO } from '../../helpers/recording-io.js';

const URL = 'https://sae.console.aliyun.com/#/AppList/ChangeOrderDetail?changeOrderId=co-1&regionId=cn-hangzhou';

describe('a failed change order, in words', () => {
  it('what the emulator (and SAE) say: one sentence, said once, one full stop', () => {
    // SAE puts the order's message into the failing task's message too.
    const m = changeOrderFailedMessage({
      status: 3,
      cause: describeStatus(3).cause,
      errorMessage: 'Executing the change order failed.',
      firstDetail: 'Update job template / Update the job template: Task.Failed Executing the change order failed.',
      url: URL,
    });
    expect(m).toBe(
      `The change order failed. SAE says: Update job template / Update the job template: Task.Failed Executing the change order failed. Fix that cause (often the image or package, the start command, or a mount), then re-run. Change order: ${URL}`,
    );
    expect(m).not.toMatch(/\.\./);
    expect(m.split('Executing the change order failed')).toHaveLength(2);
    expect(m).not.toMatch(/above|below/);
  });

  it('without SAE words, the fix says where the cause is', () => {
    const m = changeOrderFailedMessage({ status: 3, url: URL });
    expect(m).toMatch(/^The change order failed\. The console page of the change order shows the failing step/);
    expect(m).not.toMatch(/\.\.|above/);
  });

  it('terminated and system errors keep their own advice', () => {
    expect(
      changeOrderFailedMessage({
        status: 6,
        cause: describeStatus(6).cause,
        errorMessage: 'Aborted by user',
        url: URL,
      }),
    ).toBe(
      `The change order was terminated (aborted) before it finished. SAE says: Aborted by user. Someone (or something) stopped it; check the change order in the console, then re-run the deploy. Change order: ${URL}`,
    );
    expect(changeOrderFailedMessage({ status: 10, cause: describeStatus(10).cause })).toMatch(
      /usually helps\. Re-run the deploy; if it fails again/,
    );
  });

  it('joins two different SAE sentences, and drops one that the other contains', () => {
    expect(saeSays('Deployment failed.', 'Batch 1 / Pull image: ImagePullBackOff')).toBe(
      'Deployment failed: Batch 1 / Pull image: ImagePullBackOff.',
    );
    expect(saeSays('Pull image failed: ImagePullBackOff for demo:1', 'ImagePullBackOff')).toBe(
      'Pull image failed: ImagePullBackOff for demo:1.',
    );
    expect(saeSays('', 'x。')).toBe('x.');
    expect(saeSays(undefined, undefined)).toBe('');
    expect(sentence('done...  ')).toBe('done.');
  });
});

describe('the if-busy log lines', () => {
  const order = (status: number): ChangeOrder => ({
    changeOrderId: 'co-0',
    status,
    subStatus: 0,
    errorMessage: '',
    currentPipelineId: '',
    pipelines: [],
    coTypeCode: '',
    createTime: '',
  });
  const lines = (statuses: number[]): string[] => {
    const out: string[] = [];
    const io = recordingIO(out);
    for (const s of statuses)
      logSubmitEvent(
        io,
        { type: 'busy-wait', event: { type: 'status', order: order(s), info: describeStatus(s), elapsedMs: 0 } },
        'cn-hangzhou',
        1000,
      );
    logSubmitEvent(
      io,
      {
        type: 'busy-ended',
        result: { outcome: 'succeeded', order: order(2), info: describeStatus(2), polls: 3, throttled: 0, history: [] },
      },
      'cn-hangzhou',
      2000,
    );
    return out;
  };

  it('end a line with the URL itself, no full stop in it', () => {
    const out: string[] = [];
    logSubmitEvent(recordingIO(out), { type: 'busy', runningOrderId: 'co-1' }, 'cn-hangzhou', 0);
    expect(out).toEqual([`[0.0 s] Another change order is running on this template: ${URL}`]);
  });

  it('say "is" while the other order runs, and its end once, with what happens next', () => {
    expect(lines([1, 8, 2])).toEqual([
      '[1.0 s] The other change order is executing.',
      '[1.0 s] The other change order is waiting for manual batch confirmation.',
      '[2.0 s] The other change order ended (succeeded); sending UpdateJob again.',
    ]);
    for (const s of [2, 3, 6, 10]) expect(lines([s]).join('\n')).not.toMatch(/ is (succeeded|failed|terminated)/);
  });
});
