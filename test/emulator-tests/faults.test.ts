// Every scripted fault does what it says, is recorded, and is used up in order; the control API scripts them too.
import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID } from '../emulator/index.js';
import { emulatorFile, getApi, PATHS, raw, rejection, signedRaw, updateJob } from './helpers.js';

const { emu, c } = emulatorFile({ orderPlan: [{ status: 1 }] });

const APP = { AppId: DEFAULT_APP_ID };
const submit = () => updateJob(c, { ...APP, ImageUrl: 'r.io/a:1' });

async function thrown(p: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await p;
  } catch (e) {
    return e as Record<string, unknown>;
  }
  throw new Error('expected a failure');
}

describe('faults', () => {
  it('error: status, code, catalogue message and x-acs-retry-after', async () => {
    emu.script({ api: 'UpdateJob', error: { status: 503, code: 'ServiceUnavailable', retryAfterMs: 1500 } });
    emu.script({ api: 'UpdateJob', error: { status: 400, code: 'System.Upgrading' } });
    const first = await signedRaw(emu, 'POST', PATHS.UpdateJob, { ...APP, ImageUrl: 'r.io/a:1' });
    expect(first.status).toBe(503);
    expect(first.headers['x-acs-retry-after']).toBe('1500');
    expect(JSON.parse(first.text)).toMatchObject({ Code: 'ServiceUnavailable', HostId: expect.any(String) });

    const second = await rejection(submit());
    expect(second.result).toMatchObject({
      Code: 'System.Upgrading',
      ErrorCode: 'System.Upgrading',
      Message: 'The system is being upgraded. Please try again later.',
    });
    await expect(submit()).resolves.toMatchObject({ Success: true });
    expect(emu.calls('UpdateJob').map((r) => [r.status, r.code])).toEqual([
      [503, 'ServiceUnavailable'],
      [400, 'System.Upgrading'],
      [200, undefined],
    ]);
    expect(emu.changeOrders.size).toBe(1);
  });

  it('html and text: pop-core resolves with the raw string', async () => {
    emu.script({ api: 'DescribeJob', html: 502 });
    emu.script({ api: 'DescribeJob', text: { status: 500, body: 'upstream exploded' } });
    const page = await signedRaw(emu, 'GET', PATHS.DescribeJob, APP);
    expect([page.status, page.headers['content-type']]).toEqual([502, 'text/html']);
    expect(page.text).toContain('502 Bad Gateway');
    await expect(c.get(PATHS.DescribeJob, APP)).resolves.toBe('upstream exploded');
  });

  it('badJson: pop-core throws a FormatError object', async () => {
    emu.script({ api: 'DescribeJob', badJson: true });
    expect(await thrown(c.get(PATHS.DescribeJob, APP))).toMatchObject({ name: 'FormatError' });
  });

  it('successFalse: HTTP 200 with Success false and nothing done', async () => {
    emu.script({ api: 'UpdateJob', successFalse: { code: 'Application.InvalidStatus', message: 'odd' } });
    await expect(submit()).resolves.toMatchObject({
      Success: false,
      Code: 'Application.InvalidStatus',
      Message: 'odd',
    });
    expect(emu.changeOrders.size).toBe(0);
  });

  it('missingData: the update happens but Data (or one field) is absent', async () => {
    emu.script({ api: 'UpdateJob', missingData: true });
    const res = await submit();
    expect(res.Success).toBe(true);
    expect(res).not.toHaveProperty('Data');
    expect(emu.changeOrders.size).toBe(1);

    emu.reset();
    emu.script({ api: 'UpdateJob', missingData: 'ChangeOrderId' });
    expect((await submit()).Data).toEqual({ AppId: DEFAULT_APP_ID });
  });

  it('bigIds: numeric literals too long for a double (BigNumber in pop-core)', async () => {
    const id = emu.startOrder(DEFAULT_APP_ID, [{ status: 2 }]);
    emu.script({ api: 'DescribeChangeOrder', bigIds: true, times: 2 });
    const text = (await signedRaw(emu, 'GET', PATHS.DescribeChangeOrder, { ChangeOrderId: id })).text;
    expect(text).toContain('"UserId":1234567890123456789');
    const data = (await getApi(c, 'DescribeChangeOrder', { ChangeOrderId: id })).Data!;
    expect(typeof data['UserId']).toBe('object');
    expect(String(data['UserId'])).toBe('1234567890123456789');
    expect(data['ChangeOrderId']).toBe(id);
  });

  it('status: DescribeChangeOrder answers with a scripted status', async () => {
    const id = emu.startOrder(DEFAULT_APP_ID, [{ status: 1 }]);
    emu.script({ api: 'DescribeChangeOrder', status: 42, subStatus: 1 });
    expect((await getApi(c, 'DescribeChangeOrder', { ChangeOrderId: id })).Data).toMatchObject({
      Status: 42,
      SubStatus: 1,
    });
    expect((await getApi(c, 'DescribeChangeOrder', { ChangeOrderId: id })).Data).toMatchObject({
      Status: 1,
      SubStatus: 0,
    });
  });

  it('delayMs: a slow answer (client timeout), then the normal one', async () => {
    emu.script({ api: 'DescribeJob', delayMs: 300 });
    expect(await thrown(c.get(PATHS.DescribeJob, APP, {}, { timeout: 100 }))).toMatchObject({
      name: 'RequestTimeoutError',
    });
    emu.script({ api: 'DescribeJob', delayMs: 30 });
    const t0 = Date.now();
    await expect(c.get(PATHS.DescribeJob, APP)).resolves.toMatchObject({ Success: true });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(25);
  });

  it('reset: the socket is destroyed and nothing is done', async () => {
    emu.script({ api: 'UpdateJob', reset: true });
    expect(await thrown(submit())).toMatchObject({ code: expect.stringMatching(/ECONNRESET|EPIPE/) });
    expect(emu.changeOrders.size).toBe(0);
    expect(emu.calls('UpdateJob')[0]!.status).toBe(0);
  });

  it('acceptThenReset: the order exists although the client saw a reset', async () => {
    emu.script({ api: 'UpdateJob', acceptThenReset: true });
    await thrown(submit());
    expect(emu.changeOrders.size).toBe(1);
    // The template takes the new image when the order succeeds; the order carries it.
    expect([...emu.changeOrders.values()][0]!.patch?.['ImageUrl']).toBe('r.io/a:1');
    expect((await rejection(submit())).code).toBe('Application.ChangerOrderRunning');
    const list = await getApi(c, 'ListChangeOrders', { ...APP, PageSize: '5' });
    expect(list.Data!['TotalSize']).toBe(1);
  });

  it("'*' matches any API; times repeats; faults are consumed in order", async () => {
    emu.script({ api: '*', error: { status: 400, code: 'Throttling.User' }, times: 2 });
    emu.script({ api: 'DescribeJob', html: 504 });
    expect((await rejection(c.get(PATHS.DescribeJob, APP))).code).toBe('Throttling.User');
    expect((await rejection(submit())).code).toBe('Throttling.User');
    await expect(c.get(PATHS.DescribeJob, APP)).resolves.toContain('504');
    await expect(c.get(PATHS.DescribeJob, APP)).resolves.toMatchObject({ Success: true });
  });

  it('control API: script, order plan, requests, reset', async () => {
    const post = (path: string, value: unknown) =>
      raw(emu.url, 'POST', path, { 'content-type': 'application/json' }, JSON.stringify(value));
    expect(
      (await post('/__emulator/script', { api: 'UpdateJob', error: { status: 400, code: 'user.indebt' } })).status,
    ).toBe(200);
    expect((await post('/__emulator/script', { api: 'UpdateJob' })).status).toBe(400);
    expect((await post('/__emulator/order-plan', [{ status: 2 }])).status).toBe(200);
    expect((await rejection(submit())).code).toBe('user.indebt');
    const id = (await submit()).Data!.ChangeOrderId!;
    expect((await getApi(c, 'DescribeChangeOrder', { ChangeOrderId: id })).Data!['Status']).toBe(2);

    const requests = JSON.parse((await raw(emu.url, 'GET', '/__emulator/requests')).text) as {
      api: string;
      code?: string;
    }[];
    expect(requests.map((r) => [r.api, r.code])).toEqual([
      ['UpdateJob', 'user.indebt'],
      ['UpdateJob', undefined],
      ['DescribeChangeOrder', undefined],
    ]);
    await post('/__emulator/reset', {});
    expect(emu.requests).toHaveLength(0);
    expect(emu.changeOrders.size).toBe(0);
  });

  it('extra handlers run first and are recorded as external', async () => {
    emu.handlers.push((req, res) => {
      if (!req.url?.startsWith('/sts')) return false;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
      return true;
    });
    try {
      expect((await raw(emu.url, 'POST', '/sts?Action=AssumeRoleWithOIDC')).text).toBe('{"ok":true}');
      await expect(c.get(PATHS.DescribeJob, APP)).resolves.toMatchObject({ Success: true });
      expect(emu.requests.map((r) => [r.api, r.status])).toEqual([
        ['external', 200],
        ['DescribeJob', 200],
      ]);
    } finally {
      emu.handlers.length = 0;
    }
  });
});
