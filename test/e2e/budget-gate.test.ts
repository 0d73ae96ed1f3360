// The run's budget gate as a user sees it (src/pace/budget.ts, issue 23 point 3): a lone run throttled by a
// neighbour's burst is not held back once the budget has room, and the debug lines give the real wait before
// each call, the gate's included. In-process against the emulator on a virtual clock.
import { describe, expect, it } from 'vitest';
import { emulatorInputs, useEmulator } from '../helpers/action.js';

const APP = '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa';
const h = useEmulator({ plan: [{ status: 0, forMs: 200 }, { status: 1, forMs: 1000 }, { status: 2 }] });
const throttle = { api: 'UpdateJob', error: { status: 400, code: 'Throttling.User' } };

describe('the budget gate, as a lone run meets it', () => {
  it("a neighbour's burst throttles UpdateJob twice: the step ends within 10 s of its order's end", async () => {
    h.sae.script(throttle);
    h.sae.script(throttle);
    const run = await h.run({ inputs: emulatorInputs(h.sae.url, { 'app-id': APP, 'image-url': 'r.example.com/a:1' }) });
    expect(run.outputs.status).toBe('succeeded');
    const order = h.sae.changeOrders.get(run.outputs['change-order-id']!)!;
    const end = order.createdAt + 1200;
    const last = h.sae.requests.at(-1)!;
    expect(last.api).toBe('DescribeJob'); // the read-back
    expect(last.at - end).toBeLessThanOrEqual(10_000);
  });

  it('the debug lines give the whole wait before a held call: the backoff and the gate together', async () => {
    h.sae.script(throttle);
    const run = await h.run({
      inputs: emulatorInputs(h.sae.url, { 'app-id': APP, 'image-url': 'r.example.com/a:1' }),
      env: { RUNNER_DEBUG: '1' },
    });
    const sends = h.sae.calls('UpdateJob');
    expect(sends).toHaveLength(2);
    const waited = (sends[1]!.at - sends[0]!.at) / 1000;
    // Before the resend: the retry's own line ("next request in …") says only its backoff, the gate's line the rest.
    const held = run.stdout
      .split('\n')
      .find((l) => /^::debug::UpdateJob: held [\d.]+ s more by the run's API budget/.test(l));
    expect(held, run.stdout).toBeDefined();
    const sent = Number(/sent ([\d.]+) s after the last answer/.exec(held!)![1]);
    expect(Math.abs(sent - waited)).toBeLessThanOrEqual(0.1);
    expect(waited).toBeGreaterThan(10); // the gate's gap after a throttle (15 s, ±20 %), not the backoff (2-4 s)
  });
});
