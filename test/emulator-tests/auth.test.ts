// Gateway checks: missing/malformed signatures, unknown keys, STS tokens, replay, clock, version, routes.
import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID, startEmulator } from '../emulator/index.js';
import { AK, emulatorFile, getApi, PATHS, popClient, raw, rejection, STS } from './helpers.js';

const { emu } = emulatorFile();

const describeJob = (c = popClient(emu.url), headers: Record<string, string> = {}) =>
  c.get(PATHS.DescribeJob, { AppId: DEFAULT_APP_ID }, headers);

describe('authentication', () => {
  it('rejects a request without Authorization, or a malformed one, with IncompleteSignature', async () => {
    const path = `${PATHS.DescribeJob}?AppId=${DEFAULT_APP_ID}`;
    const none = await raw(emu.url, 'GET', path, { 'x-acs-version': '2019-05-06' });
    expect(none.status).toBe(400);
    expect(none.headers['content-type']).toBe('application/json;charset=utf-8');
    expect(JSON.parse(none.text)).toMatchObject({
      Code: 'IncompleteSignature',
      HostId: expect.any(String),
      Recommend: expect.stringContaining('PopGw'),
    });

    const bad = await raw(emu.url, 'GET', path, { 'x-acs-version': '2019-05-06', authorization: 'acs missing-colon' });
    expect(JSON.parse(bad.text).Code).toBe('IncompleteSignature');
    expect(emu.requests.map((r) => [r.api, r.status, r.code])).toEqual([
      ['DescribeJob', 400, 'IncompleteSignature'],
      ['DescribeJob', 400, 'IncompleteSignature'],
    ]);
  });

  it('rejects an unknown AccessKeyId with 404 InvalidAccessKeyId.NotFound', async () => {
    const err = await rejection(describeJob(popClient(emu.url, { accessKeyId: 'LTAIunknown', accessKeySecret: 'x' })));
    expect([err.statusCode, err.code]).toEqual([404, 'InvalidAccessKeyId.NotFound']);
  });

  it('checks STS tokens: registered, sent, and bound to the AccessKeyId', async () => {
    await expect(describeJob(popClient(emu.url, STS))).resolves.toMatchObject({ Success: true });

    const noToken = await rejection(describeJob(popClient(emu.url, { ...STS, securityToken: undefined })));
    expect(noToken.code).toBe('MissingSecurityToken');

    const wrongToken = await rejection(describeJob(popClient(emu.url, { ...STS, securityToken: 'forged' })));
    expect(wrongToken.code).toBe('InvalidSecurityToken.Malformed');

    const otherAk = await rejection(describeJob(popClient(emu.url, STS), { 'x-acs-accesskey-id': AK.accessKeyId }));
    expect(otherAk.code).toBe('InvalidSecurityToken.MismatchWithAccessKey');

    const minted = { accessKeyId: 'STS.minted', accessKeySecret: 'mintedSecret', securityToken: 'mintedToken' };
    expect((await rejection(describeJob(popClient(emu.url, minted)))).code).toBe('InvalidAccessKeyId.NotFound');
    emu.addCredential(minted);
    await expect(describeJob(popClient(emu.url, minted))).resolves.toMatchObject({ Success: true });
  });

  it('rejects a reused nonce', async () => {
    const c = popClient(emu.url);
    await describeJob(c, { 'x-acs-signature-nonce': 'fixed-nonce' });
    const err = await rejection(describeJob(c, { 'x-acs-signature-nonce': 'fixed-nonce' }));
    expect(err.code).toBe('SignatureNonceUsed');
  });

  it('rejects a date more than 15 minutes off', async () => {
    const old = new Date(Date.now() - 16 * 60_000).toUTCString();
    const err = await rejection(describeJob(popClient(emu.url), { date: old }));
    expect(err.code).toBe('InvalidTimeStamp.Expired');
    const soon = new Date(Date.now() + 14 * 60_000).toUTCString();
    await expect(describeJob(popClient(emu.url), { date: soon })).resolves.toMatchObject({ Success: true });
  });

  it('can switch the clock and nonce checks off', async () => {
    const lax = await startEmulator({ checkClock: false, checkNonce: false });
    try {
      const c = popClient(lax.url);
      const headers = { date: 'Thu, 01 Jan 2015 00:00:00 GMT', 'x-acs-signature-nonce': 'same' };
      await c.get(PATHS.DescribeJob, { AppId: DEFAULT_APP_ID }, headers);
      await expect(c.get(PATHS.DescribeJob, { AppId: DEFAULT_APP_ID }, headers)).resolves.toMatchObject({
        Success: true,
      });
    } finally {
      await lax.close();
    }
  });

  it('requires x-acs-version 2019-05-06', async () => {
    const err = await rejection(getApi(popClient(emu.url, AK, '2017-01-01'), 'DescribeJob', { AppId: DEFAULT_APP_ID }));
    expect(err.code).toBe('InvalidVersion');
  });

  it('answers 404 InvalidApi.NotFound for an unknown path, a path in the wrong case, or the wrong method', async () => {
    const c = popClient(emu.url);
    for (const call of [
      c.get('/pop/v1/sam/job/nope', {}),
      c.post('/pop/v1/sam/job/UpdateJob', { AppId: DEFAULT_APP_ID }, ''),
      c.get(PATHS.UpdateJob, { AppId: DEFAULT_APP_ID }),
      c.post(PATHS.AbortChangeOrder, { ChangeOrderId: 'x' }, ''),
    ]) {
      const err = await rejection(call);
      expect([err.statusCode, err.code]).toEqual([404, 'InvalidApi.NotFound']);
    }
    expect(emu.requests.map((r) => r.api)).toEqual(['unknown', 'unknown', 'UpdateJob', 'AbortChangeOrder']);
  });
});
