// ACS3-HMAC-SHA256 exactly as the official SDK core (@alicloud/openapi-client) signs ROA calls.
import OpenApiDefault, * as $OpenApi from '@alicloud/openapi-client';
import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID, type Credential } from '../emulator/index.js';
import { AK, emulatorFile, PATHS, STS, tamperProxy } from './helpers.js';

// A CJS module: vitest hands over the class as the default export, plain Node ESM hands over module.exports.
// TypeScript (NodeNext) types the default import as module.exports, whose `default` is the class.
type ClientClass = typeof OpenApiDefault.default;
const loaded = OpenApiDefault as unknown as ClientClass | { default: ClientClass };
const OpenApi: ClientClass = typeof loaded === 'function' ? loaded : loaded.default;
type Client = InstanceType<ClientClass>;
type Runtime = Parameters<Client['callApi']>[2];

const { emu } = emulatorFile({ orderPlan: [{ status: 2 }] });

function sdkClient(endpoint: string, cred: Credential): Client {
  return new OpenApi(new $OpenApi.Config({ ...cred, endpoint, protocol: 'HTTP' }));
}

function params(action: keyof typeof PATHS, method: string): $OpenApi.Params {
  return new $OpenApi.Params({
    action,
    version: '2019-05-06',
    protocol: 'HTTP',
    pathname: PATHS[action],
    method,
    authType: 'AK',
    style: 'ROA',
    reqBodyType: 'formData',
    bodyType: 'json',
  });
}

const runtime = {} as Runtime;
const host = (): string => `127.0.0.1:${emu.port}`;

async function sdkError(p: Promise<unknown>): Promise<{ code: string; data: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; data: Record<string, unknown> };
  }
  throw new Error('expected the call to fail');
}

describe('ACS3-HMAC-SHA256 (official SDK core)', () => {
  it('accepts UpdateJob with query and form body, and a GET', async () => {
    const c = sdkClient(host(), AK);
    const request = new $OpenApi.OpenApiRequest({
      query: {
        AppId: DEFAULT_APP_ID,
        ImageUrl: 'registry.cn-hangzhou.aliyuncs.com/a/b:3',
        Envs: '[{"name":"A","value":"x y*(z)!"}]',
      },
      body: { EnableImageAccl: 'true', PhpConfig: 'k1=v1' },
    });
    const res = await c.callApi(params('UpdateJob', 'POST'), request, runtime);
    expect(res['statusCode']).toBe(200);
    expect(res['body']).toMatchObject({ Success: true, Data: { AppId: DEFAULT_APP_ID } });
    const rec = emu.calls('UpdateJob')[0]!;
    expect(String(rec.headers['authorization'])).toMatch(/^ACS3-HMAC-SHA256 Credential=/);
    expect(rec.body).toEqual({ EnableImageAccl: 'true', PhpConfig: 'k1=v1' });

    const id = (res['body'] as { Data: { ChangeOrderId: string } }).Data.ChangeOrderId;
    const get = await c.callApi(
      params('DescribeChangeOrder', 'GET'),
      new $OpenApi.OpenApiRequest({ query: { ChangeOrderId: id } }),
      runtime,
    );
    expect(get['body']).toMatchObject({ Data: { ChangeOrderId: id, Status: 2 } });
  });

  it('accepts STS credentials and a PUT', async () => {
    const c = sdkClient(host(), STS);
    const id = emu.startOrder(DEFAULT_APP_ID, [{ status: 1 }]);
    const res = await c.callApi(
      params('AbortChangeOrder', 'PUT'),
      new $OpenApi.OpenApiRequest({ query: { ChangeOrderId: id } }),
      runtime,
    );
    expect(res['body']).toMatchObject({ Success: true });
    expect(emu.calls('AbortChangeOrder')[0]!.headers['x-acs-security-token']).toBe(STS.securityToken);
  });

  it('rejects a wrong secret', async () => {
    const c = sdkClient(host(), { accessKeyId: AK.accessKeyId, accessKeySecret: 'nope' });
    const err = await sdkError(
      c.callApi(
        params('DescribeJob', 'GET'),
        new $OpenApi.OpenApiRequest({ query: { AppId: DEFAULT_APP_ID } }),
        runtime,
      ),
    );
    expect(err.code).toBe('SignatureDoesNotMatch');
    expect(err.data['statusCode']).toBe(400);
  });

  it('rejects a query or a body changed after signing', async () => {
    for (const mutate of [
      (r: { path: string }) => void (r.path = r.path.replace('AppId=', 'Command=echo&AppId=')),
      (r: { body: string }) => void (r.body = r.body.replace('true', 'false')),
    ]) {
      const proxy = await tamperProxy(emu.url, mutate);
      try {
        // The SDK signs the proxy's host:port, and the proxy forwards that host header unchanged.
        const c = sdkClient(proxy.url.replace('http://', ''), AK);
        const request = new $OpenApi.OpenApiRequest({
          query: { AppId: DEFAULT_APP_ID },
          body: { EnableImageAccl: 'true' },
        });
        const err = await sdkError(c.callApi(params('UpdateJob', 'POST'), request, runtime));
        expect(err.code).toBe('SignatureDoesNotMatch');
      } finally {
        await proxy.close();
      }
    }
    expect(emu.changeOrders.size).toBe(0);
  });
});
