// pop-core's ROA HMAC-SHA1 signatures are accepted as sent, and any change after signing is caught.
import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID } from '../emulator/index.js';
import {
  AK,
  emulatorFile,
  FORM,
  getApi,
  PATHS,
  popClient,
  raw,
  rejection,
  signV1Headers,
  tamperProxy,
  updateJob,
} from './helpers.js';

const { emu } = emulatorFile({ orderPlan: [{ status: 2 }] });

describe('ROA v1 (pop-core) signatures', () => {
  it('accepts a signed GET and a signed UpdateJob with a form body', async () => {
    const c = popClient(emu.url);
    const job = await getApi(c, 'DescribeJob', { AppId: DEFAULT_APP_ID });
    expect(job).toMatchObject({
      Code: '200',
      Success: true,
      Message: 'success',
      Data: { AppId: DEFAULT_APP_ID, PackageType: 'Image' },
    });

    const res = await updateJob(
      c,
      { AppId: DEFAULT_APP_ID, ImageUrl: 'registry.cn-hangzhou.aliyuncs.com/a/b:2' },
      { EnableImageAccl: 'true' },
    );
    expect(res.Success).toBe(true);
    expect(res.Data?.ChangeOrderId).toMatch(/^[0-9a-f-]{36}$/);
    const app = emu.apps.get(DEFAULT_APP_ID)!;
    expect(app.settings['ImageUrl']).toBe('registry.cn-hangzhou.aliyuncs.com/a/b:2');
    expect(app.settings['EnableImageAccl']).toBe('true');
    expect(emu.calls('UpdateJob')[0]).toMatchObject({
      status: 200,
      body: { EnableImageAccl: 'true' },
      query: { AppId: DEFAULT_APP_ID },
    });
  });

  it('signs awkward values: JSON with spaces, +, *, quotes, unicode and an empty string', async () => {
    const envs = JSON.stringify([{ name: 'A B', value: "x+y*z (1) 'q' ~!中文" }]);
    const res = await updateJob(popClient(emu.url), { AppId: DEFAULT_APP_ID, Envs: envs, Command: '' });
    expect(res.Success).toBe(true);
    expect(emu.apps.get(DEFAULT_APP_ID)!.settings['Envs']).toBe(envs);
  });

  it('rejects a wrong secret with SignatureDoesNotMatch (gateway shape)', async () => {
    const c = popClient(emu.url, { accessKeyId: AK.accessKeyId, accessKeySecret: 'wrong' });
    const err = await rejection(getApi(c, 'DescribeJob', { AppId: DEFAULT_APP_ID }));
    expect(err.code).toBe('SignatureDoesNotMatch');
    expect(err.statusCode).toBe(400);
    expect(Object.keys(err.result).sort()).toEqual(['Code', 'HostId', 'Message', 'Recommend', 'RequestId']);
  });

  it('rejects a lower-case method, which pop-core signs as passed', async () => {
    const err = await rejection(popClient(emu.url).request('get', PATHS.DescribeJob, { AppId: DEFAULT_APP_ID }));
    expect(err.code).toBe('SignatureDoesNotMatch');
  });

  it('rejects a query changed after signing', async () => {
    const proxy = await tamperProxy(emu.url, (r) => {
      r.path = r.path.replace('b%3A2', 'b%3A3');
    });
    try {
      const err = await rejection(updateJob(popClient(proxy.url), { AppId: DEFAULT_APP_ID, ImageUrl: 'r.io/a/b:2' }));
      expect(err.code).toBe('SignatureDoesNotMatch');
      expect(emu.calls('UpdateJob')[0]!.query['ImageUrl']).toBe('r.io/a/b:3');
      expect(emu.changeOrders.size).toBe(0);
    } finally {
      await proxy.close();
    }
  });

  it('rejects a body changed after signing (Content-MD5 mismatch)', async () => {
    const proxy = await tamperProxy(emu.url, (r) => {
      r.body = r.body.replace('true', 'false');
    });
    try {
      const err = await rejection(
        updateJob(popClient(proxy.url), { AppId: DEFAULT_APP_ID }, { EnableImageAccl: 'true' }),
      );
      expect(err.code).toBe('ContentMD5NotMatched');
      expect(emu.apps.get(DEFAULT_APP_ID)!.settings['EnableImageAccl']).toBeUndefined();
    } finally {
      await proxy.close();
    }
  });

  it('rejects a signed header changed in flight', async () => {
    const proxy = await tamperProxy(emu.url, (r) => {
      r.headers['content-type'] = 'application/x-www-form-urlencoded; charset=utf-8';
    });
    try {
      const err = await rejection(
        updateJob(popClient(proxy.url), { AppId: DEFAULT_APP_ID }, { EnableImageAccl: 'true' }),
      );
      expect(err.code).toBe('SignatureDoesNotMatch');
    } finally {
      await proxy.close();
    }
  });

  it('accepts a request from an independent signer, and routes a trailing-slash endpoint nowhere', async () => {
    const body = 'EnableImageAccl=false';
    const headers = signV1Headers('POST', PATHS.UpdateJob, { AppId: DEFAULT_APP_ID }, body, AK, FORM);
    const ok = await raw(emu.url, 'POST', `${PATHS.UpdateJob}?AppId=${DEFAULT_APP_ID}`, headers, body);
    expect(ok.status).toBe(200);

    // pop-core does not strip a trailing slash: the wire path becomes //pop/...
    const err = await rejection(getApi(popClient(`${emu.url}/`), 'DescribeJob', { AppId: DEFAULT_APP_ID }));
    expect([err.statusCode, err.code]).toEqual([404, 'InvalidApi.NotFound']);
    expect(emu.requests.at(-1)!.path).toBe(`/${PATHS.DescribeJob}`);
  });
});
