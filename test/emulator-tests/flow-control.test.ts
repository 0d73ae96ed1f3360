// Account-wide flow control: one token bucket for every SAE call of every app and client, answering
// Throttling.User in the gateway's shape; set from the options, the control API or at run time.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID, flowControlFromText, startEmulator, type Emulator } from '../emulator/index.js';
import { getApi, handClock, popClient, raw, rejection, signedRaw, PATHS } from './helpers.js';

// The emulator runs on a clock this file moves by hand (advance): a plan step or a refill takes exactly as
// long as the test says, however loaded the machine (signatures are still dated by the wall clock).
const { now, advance } = handClock();

let emu: Emulator | undefined;
afterEach(() => emu?.close());

const OTHER = '7171a6ca-d1cd-4928-8642-7d5cfe69bbbb';

describe('flow control', () => {
  it('one bucket for all apps and clients: the burst passes, then Throttling.User (gateway shape) until it refills', async () => {
    emu = await startEmulator({
      apps: [{ appId: OTHER }],
      flowControl: { burst: 3, refillPerSecond: 1, retryAfterMs: 250 },
      now,
    });
    const a = popClient(emu.url);
    const b = popClient(emu.url);
    await getApi(a, 'ListChangeOrders', { AppId: DEFAULT_APP_ID });
    await getApi(b, 'ListChangeOrders', { AppId: OTHER });
    await getApi(a, 'ListChangeOrders', { AppId: OTHER });
    const refused = await signedRaw(emu, 'GET', PATHS.ListChangeOrders, { AppId: DEFAULT_APP_ID });
    expect(refused.status).toBe(400);
    expect(refused.headers['x-acs-retry-after']).toBe('250');
    const body = JSON.parse(refused.text) as Record<string, unknown>;
    expect(body).toMatchObject({
      Code: 'Throttling.User',
      HostId: expect.any(String),
      Recommend: expect.stringContaining('Throttling.User'),
    });
    expect(body).not.toHaveProperty('Success');
    expect((await rejection(getApi(b, 'ListChangeOrders', { AppId: OTHER }))).result).toMatchObject({
      Code: 'Throttling.User',
    });
    advance(1100); // 1/s: a token back
    await expect(getApi(b, 'ListChangeOrders', { AppId: OTHER })).resolves.toMatchObject({ Success: true });
    expect(emu.flowControlStats()).toEqual({ allowed: 4, refused: 2 });
    expect(emu.calls('ListChangeOrders').filter((r) => r.code === 'Throttling.User')).toHaveLength(2);
  });

  it('off by default; the control API and setFlowControl turn it on and off; the CLI form parses', async () => {
    emu = await startEmulator();
    const c = popClient(emu.url);
    for (let i = 0; i < 5; i++) await getApi(c, 'ListChangeOrders', { AppId: DEFAULT_APP_ID });
    const on = await raw(
      emu.url,
      'POST',
      '/__emulator/flow-control',
      { 'content-type': 'application/json' },
      JSON.stringify({ burst: 1, refillPerSecond: 0 }),
    );
    expect(on.status).toBe(200);
    await getApi(c, 'ListChangeOrders', { AppId: DEFAULT_APP_ID });
    expect((await rejection(getApi(c, 'ListChangeOrders', { AppId: DEFAULT_APP_ID }))).result).toMatchObject({
      Code: 'Throttling.User',
    });
    emu.setFlowControl(undefined);
    await expect(getApi(c, 'ListChangeOrders', { AppId: DEFAULT_APP_ID })).resolves.toMatchObject({ Success: true });
    const bad = await raw(
      emu.url,
      'POST',
      '/__emulator/flow-control',
      { 'content-type': 'application/json' },
      JSON.stringify({ burst: 0 }),
    );
    expect(bad.status).toBe(400);
    expect(flowControlFromText('20/1')).toEqual({ burst: 20, refillPerSecond: 1, retryAfterMs: undefined });
    expect(flowControlFromText('20/1/1500')).toEqual({ burst: 20, refillPerSecond: 1, retryAfterMs: 1500 });
    expect(() => flowControlFromText('fast')).toThrow(/burst/);
  });
});
