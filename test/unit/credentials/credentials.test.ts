// Credentials without a network: keyless login's renewal (fake clock), the retries of the STS exchange and
// of the GitHub token request, the refusal of keys mixed with keyless login, and sts-endpoint validation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialsError } from '../../../src/credentials/credentials-error.js';
import { getGitHubIdToken } from '../../../src/credentials/github-oidc.js';
import { renewingCredentials, RENEW_BEFORE_MS, RETRY_RENEW_AFTER_MS } from '../../../src/credentials/renew.js';
import { resolveCredentials, type ResolveDeps } from '../../../src/credentials/resolve.js';
import { assumeRoleWithOidc, type TemporaryCredentials } from '../../../src/credentials/sts.js';
import { checkStsEndpoint, readSettings } from '../../../src/inputs/settings.js';
import type { Credentials, CredentialsProvider } from '../../../src/credentials/types.js';
import { SaeClient } from '../../../src/sae/client.js';
import { DEFAULT_APP_ID, DEFAULT_CREDENTIALS, startEmulator, type Emulator } from '../../emulator/index.js';

const MIN = 60_000;
const T0 = Date.parse('2030-01-01T00:00:00Z');
const ROLE = 'acs:ram::123456789012:role/github-deploy';
const PROVIDER = 'acs:ram::123456789012:oidc-provider/GitHub';
const OIDC_ENV = {
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://runner.example/idtoken?api-version=2.0',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'runner-token',
  GITHUB_REPOSITORY: 'acme/jobs',
  GITHUB_RUN_ID: '9',
};

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/** A fake STS: answers each call with the next scripted reply (a function of the clock), recording the form. */
function fakeSts(clock: { now: number }, replies: Array<'ok' | (() => Response | Promise<Response>)>) {
  const calls: URLSearchParams[] = [];
  let n = 0;
  const fetcher = (async (_url: string | URL | Request, init?: RequestInit) => {
    calls.push(new URLSearchParams(String(init?.body)));
    const r = replies[Math.min(n++, replies.length - 1)]!;
    if (r !== 'ok') return r();
    return json(200, {
      RequestId: `R${n}`,
      Credentials: {
        AccessKeyId: `STS.key${n}`,
        AccessKeySecret: `secret-${n}-xxxxxxxx`,
        SecurityToken: `CAIStoken-${n}-xxxxxxxx`,
        Expiration: iso(clock.now + 3600_000),
      },
    });
  }) as typeof fetch;
  return { fetcher, calls };
}

function deps(clock: { now: number }, fetcher: typeof fetch, inputs: Record<string, string> = {}) {
  const masked: string[] = [];
  const logged: string[] = [];
  const slept: number[] = [];
  let tokens = 0;
  // The inputs as the action reads them (readSettings), handed to the resolver as typed values.
  const given: Record<string, string> = {
    region: 'cn-hangzhou',
    'role-to-assume': ROLE,
    'oidc-provider-arn': PROVIDER,
    'sts-endpoint': 'sts.cn-hangzhou.aliyuncs.com',
    ...inputs,
  };
  const d: ResolveDeps = {
    inputs: readSettings((n) => given[n] ?? '', {}).settings.credentials,
    env: OIDC_ENV,
    fetch: fetcher,
    getIdToken: async () => `eyJ.token-${++tokens}.sig`,
    mask: (v) => masked.push(v),
    info: (m) => logged.push(m),
    now: () => clock.now,
    sleep: async (ms) => void slept.push(ms),
  };
  return { d, masked, logged, slept, tokens: () => tokens };
}

const isProvider = (c: Credentials | CredentialsProvider): c is CredentialsProvider => 'getCredentials' in c;

describe('keyless login renews its temporary credentials', () => {
  it('re-assumes the role (new OIDC token, new AssumeRoleWithOIDC) within 5 minutes of Expiration, and masks the new values', async () => {
    const clock = { now: T0 };
    const sts = fakeSts(clock, ['ok']);
    const { d, masked, logged, tokens } = deps(clock, sts.fetcher);
    const { credentials, source } = await resolveCredentials(d);
    expect(source).toBe(`keyless login (role ${ROLE})`);
    if (!isProvider(credentials)) throw new Error('keyless login must give a provider');
    expect(await credentials.getCredentials()).toEqual({
      accessKeyId: 'STS.key1',
      accessKeySecret: 'secret-1-xxxxxxxx',
      securityToken: 'CAIStoken-1-xxxxxxxx',
    });

    clock.now = T0 + 55 * MIN - 1; // 5 min + 1 ms before Expiration: still fine
    expect((await credentials.getCredentials()).accessKeyId).toBe('STS.key1');
    expect(sts.calls).toHaveLength(1);

    clock.now = T0 + 55 * MIN;
    expect(await credentials.getCredentials()).toEqual({
      accessKeyId: 'STS.key2',
      accessKeySecret: 'secret-2-xxxxxxxx',
      securityToken: 'CAIStoken-2-xxxxxxxx',
    });
    expect(sts.calls).toHaveLength(2);
    expect(tokens()).toBe(2);
    expect(sts.calls[1]!.get('OIDCToken')).toBe('eyJ.token-2.sig');
    for (const s of ['eyJ.token-2.sig', 'secret-2-xxxxxxxx', 'CAIStoken-2-xxxxxxxx']) expect(masked).toContain(s);
    expect(logged.at(-1)).toMatch(/^Renewed the temporary credentials .* valid until 2030-01-01T01:55:00Z\.$/);

    // The new ones last their own hour.
    clock.now = T0 + 110 * MIN - 1;
    expect((await credentials.getCredentials()).accessKeyId).toBe('STS.key2');
    clock.now = T0 + 110 * MIN;
    expect((await credentials.getCredentials()).accessKeyId).toBe('STS.key3');
  });

  it('trusts the local clock plus DurationSeconds over a later Expiration (a runner clock that runs behind)', async () => {
    const clock = { now: T0 };
    const sts = fakeSts(clock, [
      () =>
        json(200, {
          Credentials: {
            AccessKeyId: 'STS.a',
            AccessKeySecret: 's',
            SecurityToken: 't',
            Expiration: iso(T0 + 3 * 3600_000),
          },
        }),
    ]);
    const c = await assumeRoleWithOidc(deps(clock, sts.fetcher).d, {
      endpoint: 'https://sts.example',
      roleArn: ROLE,
      providerArn: PROVIDER,
      audience: 'sts.aliyuncs.com',
      sessionName: 'abc',
    });
    expect(c.expiresAt).toBe(T0 + 3600_000);
    expect(c.obtainedAt).toBe(T0);
  });

  it('asks STS once when several requests need new credentials at the same time', async () => {
    const clock = { now: T0 };
    let renewals = 0;
    const make = (n: number): TemporaryCredentials => ({
      accessKeyId: `k${n}`,
      accessKeySecret: 's',
      securityToken: 't',
      obtainedAt: clock.now,
      expiresAt: clock.now + 3600_000,
    });
    const p = renewingCredentials({ first: make(0), now: () => clock.now, renew: async () => make(++renewals) });
    clock.now += 56 * MIN;
    const got = await Promise.all([p.getCredentials(), p.getCredentials(), p.getCredentials()]);
    expect(got.map((c) => c.accessKeyId)).toEqual(['k1', 'k1', 'k1']);
    expect(renewals).toBe(1);
  });

  it('keeps the current credentials while they work when a renewal fails, and tries again 30 s later', async () => {
    const clock = { now: T0 };
    const first: TemporaryCredentials = {
      accessKeyId: 'k0',
      accessKeySecret: 's',
      securityToken: 't',
      obtainedAt: T0,
      expiresAt: T0 + 3600_000,
    };
    let fail = true;
    let attempts = 0;
    const failures: string[] = [];
    const p = renewingCredentials({
      first,
      now: () => clock.now,
      renew: async () => {
        attempts++;
        if (fail) throw new CredentialsError('Credentials.StsUnreachable', 'STS could not be reached', 'sts-endpoint');
        return { ...first, accessKeyId: 'k1', obtainedAt: clock.now, expiresAt: clock.now + 3600_000 };
      },
      onRenewFailed: (e) => failures.push(e.message),
    });
    clock.now = T0 + 3600_000 - RENEW_BEFORE_MS;
    expect((await p.getCredentials()).accessKeyId).toBe('k0');
    expect(attempts).toBe(1);
    expect(failures).toEqual(['STS could not be reached']);
    clock.now += RETRY_RENEW_AFTER_MS - 1;
    await p.getCredentials();
    expect(attempts).toBe(1);
    clock.now += 1;
    fail = false;
    expect((await p.getCredentials()).accessKeyId).toBe('k1');
    expect(attempts).toBe(2);
  });

  it('fails with the cause once the credentials have expired and cannot be renewed', async () => {
    const clock = { now: T0 };
    const first: TemporaryCredentials = {
      accessKeyId: 'k0',
      accessKeySecret: 's',
      obtainedAt: T0,
      expiresAt: T0 + 3600_000,
    };
    const p = renewingCredentials({
      first,
      now: () => clock.now,
      renew: async () => {
        throw new CredentialsError(
          'AuthenticationFail.NoPermission',
          'STS refused AssumeRoleWithOIDC for role X (AuthenticationFail.NoPermission: There is no permission).',
          'role-to-assume',
          'REQ-1',
        );
      },
    });
    clock.now = T0 + 3600_000;
    const e = await p.getCredentials().then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(CredentialsError);
    expect(e).toMatchObject({ code: 'AuthenticationFail.NoPermission', input: 'role-to-assume', requestId: 'REQ-1' });
    expect((e as Error).message).toMatch(
      /^The temporary credentials from keyless login expired at 2030-01-01T01:00:00Z and could not be renewed: STS refused .*There is no permission\)\. A change order already submitted keeps running/,
    );
  });

  it('renews after half their life when they last less than 10 minutes', async () => {
    const clock = { now: T0 };
    let renewals = 0;
    const p = renewingCredentials({
      first: { accessKeyId: 'k0', accessKeySecret: 's', obtainedAt: T0, expiresAt: T0 + 4000 },
      now: () => clock.now,
      renew: async () => ({
        accessKeyId: `k${++renewals}`,
        accessKeySecret: 's',
        obtainedAt: clock.now,
        expiresAt: clock.now + 4000,
      }),
    });
    clock.now = T0 + 1999;
    expect((await p.getCredentials()).accessKeyId).toBe('k0');
    clock.now = T0 + 2000;
    expect((await p.getCredentials()).accessKeyId).toBe('k1');
  });

  it('static keys stay static', async () => {
    const clock = { now: T0 };
    const sts = fakeSts(clock, ['ok']);
    const { d } = deps(clock, sts.fetcher, {
      'role-to-assume': '',
      'oidc-provider-arn': '',
      'access-key-id': 'LTAIkey',
      'access-key-secret': 'secret-value',
    });
    expect((await resolveCredentials(d)).credentials).toEqual({
      accessKeyId: 'LTAIkey',
      accessKeySecret: 'secret-value',
      securityToken: undefined,
    });
    const fromEnv = await resolveCredentials({
      ...deps(clock, sts.fetcher, { 'role-to-assume': '', 'oidc-provider-arn': '' }).d,
      env: { ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIenv', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'env-secret' },
    });
    expect(fromEnv.credentials).toEqual({
      accessKeyId: 'LTAIenv',
      accessKeySecret: 'env-secret',
      securityToken: undefined,
    });
    expect(sts.calls).toEqual([]);
  });
});

describe('retries of the STS exchange', () => {
  const params = {
    endpoint: 'https://sts.example',
    roleArn: ROLE,
    providerArn: PROVIDER,
    audience: 'sts.aliyuncs.com',
    sessionName: 'gha-acme',
  };
  const refusal =
    (status: number, code: string, headers: Record<string, string> = {}) =>
    () =>
      json(status, { RequestId: 'REQ', Code: code, Message: `${code} message.` }, headers);
  const network = () => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } }));

  it.each([
    ['HTTP 503', refusal(503, 'ServiceUnavailable')],
    ['HTTP 500 without a body', () => new Response('oops', { status: 500 })],
    ['HTTP 429', refusal(429, 'Throttling')],
    ['Throttling.User (HTTP 400)', refusal(400, 'Throttling.User')],
    ['a connection reset', network],
  ])('retries %s, then succeeds', async (_what, reply) => {
    const clock = { now: T0 };
    const sts = fakeSts(clock, [reply, reply, 'ok']);
    const { d, slept, tokens } = deps(clock, sts.fetcher);
    const c = await assumeRoleWithOidc(d, params);
    expect(c.accessKeyId).toBe('STS.key3');
    expect(sts.calls).toHaveLength(3);
    expect(slept).toHaveLength(2);
    expect(slept[1]!).toBeGreaterThan(slept[0]!);
    expect(tokens()).toBe(1); // one GitHub token serves every attempt
  });

  it('honours a short Retry-After', async () => {
    const clock = { now: T0 };
    const sts = fakeSts(clock, [refusal(429, 'Throttling', { 'retry-after': '3' }), 'ok']);
    const { d, slept } = deps(clock, sts.fetcher);
    await assumeRoleWithOidc(d, params);
    expect(slept).toEqual([3000]);
  });

  it.each([
    ['AuthenticationFail.NoPermission', 401],
    ['AuthenticationFail.OIDCToken.AudienceNotMatch', 401],
    ['EntityNotExist.Role', 404],
    ['InvalidParameter.RoleSessionName', 400],
  ])('fails at once on %s', async (code, status) => {
    const clock = { now: T0 };
    const sts = fakeSts(clock, [refusal(status, code), 'ok']);
    const { d, slept } = deps(clock, sts.fetcher);
    await expect(assumeRoleWithOidc(d, params)).rejects.toMatchObject({ code, requestId: 'REQ' });
    expect(sts.calls).toHaveLength(1);
    expect(slept).toEqual([]);
  });

  it('gives up after four attempts and says so', async () => {
    const clock = { now: T0 };
    const throttled = fakeSts(clock, [refusal(400, 'Throttling.User')]);
    const t = deps(clock, throttled.fetcher);
    const e = await assumeRoleWithOidc(t.d, params).then(
      () => undefined,
      (x: unknown) => x as CredentialsError,
    );
    if (!e) throw new Error('expected a failure');
    expect(throttled.calls).toHaveLength(4);
    expect(e).toMatchObject({ code: 'Throttling.User', input: 'sts-endpoint' });
    expect(e.message).toMatch(
      /after 4 attempts \(Throttling\.User: Throttling\.User message\)\. STS kept failing with a temporary error/,
    );

    const down = fakeSts(clock, [network]);
    const e2 = await assumeRoleWithOidc(deps(clock, down.fetcher).d, params).then(
      () => undefined,
      (x: unknown) => x as CredentialsError,
    );
    if (!e2) throw new Error('expected a failure');
    expect(down.calls).toHaveLength(4);
    expect(e2).toMatchObject({ code: 'Credentials.StsUnreachable' });
    expect(e2.message).toContain('could not be reached after 4 attempts (fetch failed: ECONNRESET)');
  });
});

describe('retries of the GitHub OIDC token request', () => {
  const env = {
    ACTIONS_ID_TOKEN_REQUEST_URL: 'https://runner.example/idtoken?api-version=2.0',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'runner-token',
  };
  function fake(replies: Array<() => Response | Promise<Response>>) {
    const urls: string[] = [];
    let n = 0;
    const fetcher = (async (url: string | URL | Request, init?: RequestInit) => {
      urls.push(String(url));
      expect(new Headers(init?.headers).get('authorization')).toBe('Bearer runner-token');
      return replies[Math.min(n++, replies.length - 1)]!();
    }) as typeof fetch;
    return { fetcher, urls };
  }
  const token = () => json(200, { count: 1, value: 'eyJ.jwt.sig' });

  it('asks with the audience and retries 5xx, 429 and connection errors', async () => {
    const slept: number[] = [];
    const f = fake([
      () => json(503, {}),
      () => json(429, {}, { 'retry-after': '2' }),
      () => Promise.reject(new TypeError('fetch failed')),
      token,
    ]);
    expect(await getGitHubIdToken(env, 'sts.aliyuncs.com', f.fetcher, async (ms) => void slept.push(ms))).toBe(
      'eyJ.jwt.sig',
    );
    expect(f.urls).toHaveLength(4);
    expect(new URL(f.urls[0]!).searchParams.get('audience')).toBe('sts.aliyuncs.com');
    expect(new URL(f.urls[0]!).searchParams.get('api-version')).toBe('2.0');
    expect(slept[1]).toBe(2000);
  });

  it('fails at once on a refusal, and after four attempts on a service that stays down', async () => {
    const refused = fake([() => json(401, { message: 'Bad credentials' }), token]);
    await expect(getGitHubIdToken(env, 'a', refused.fetcher, async () => undefined)).rejects.toThrow(
      'the token service answered HTTP 401: Bad credentials',
    );
    expect(refused.urls).toHaveLength(1);
    const down = fake([() => json(502, {})]);
    await expect(getGitHubIdToken(env, 'a', down.fetcher, async () => undefined)).rejects.toThrow(
      'the token service answered HTTP 502, after 4 attempts',
    );
    expect(down.urls).toHaveLength(4);
  });
});

describe('AccessKey and keyless login together', () => {
  it.each([
    [
      { 'access-key-id': 'LTAIkey', 'access-key-secret': 'secret-value' },
      'access-key-id, access-key-secret',
      'role-to-assume and oidc-provider-arn',
    ],
    [
      { 'access-key-id': 'LTAIkey', 'access-key-secret': 'secret-value', 'oidc-provider-arn': '' },
      'access-key-id, access-key-secret',
      'role-to-assume',
    ],
    [{ 'security-token': 'CAIStoken' }, 'security-token', 'role-to-assume and oidc-provider-arn'],
  ])('%j is refused before anything is fetched', async (inputs, keys, keyless) => {
    const clock = { now: T0 };
    const sts = fakeSts(clock, ['ok']);
    const { d, tokens, masked } = deps(clock, sts.fetcher, inputs);
    const e = await resolveCredentials(d).then(
      () => undefined,
      (x: unknown) => x as CredentialsError,
    );
    if (!e) throw new Error('expected a failure');
    expect(e).toBeInstanceOf(CredentialsError);
    expect(e).toMatchObject({ code: 'Credentials.Conflict', input: 'role-to-assume' });
    expect(e.message).toContain(`Both an AccessKey (${keys}) and keyless login (${keyless}) are set`);
    expect(e.message).not.toContain('secret-value');
    expect(sts.calls).toEqual([]);
    expect(tokens()).toBe(0);
    if ('access-key-secret' in inputs) expect(masked).toContain('secret-value');
  });
});

describe('sts-endpoint', () => {
  const read = (values: Record<string, string>) => readSettings((n) => values[n] ?? '', {});

  it('defaults to the region, takes a host name as https:// and strips a trailing slash', () => {
    expect(read({ region: 'cn-beijing' }).settings.stsEndpoint).toBe('https://sts.cn-beijing.aliyuncs.com');
    expect(read({ 'dry-run': 'true' }).settings.stsEndpoint).toBe('https://sts.aliyuncs.com');
    for (const [text, url] of [
      ['sts-vpc.cn-hangzhou.aliyuncs.com', 'https://sts-vpc.cn-hangzhou.aliyuncs.com'],
      ['https://sts.aliyuncs.com/', 'https://sts.aliyuncs.com'],
      ['http://127.0.0.1:8787', 'http://127.0.0.1:8787'],
      ['localhost:8787', 'https://localhost:8787'],
    ]) {
      const r = read({ region: 'cn-hangzhou', 'sts-endpoint': text! });
      expect(r.problems, text).toEqual([]);
      expect(r.settings.stsEndpoint).toBe(url);
      expect(checkStsEndpoint(text!, 'cn-hangzhou')).toEqual({ ok: true, url });
    }
  });

  it('reports a bad sts-endpoint with the other input problems', () => {
    for (const bad of [
      'http://sts.cn-hangzhou.aliyuncs.com',
      'http://10.0.0.1',
      'ftp://sts.aliyuncs.com',
      'sts.aliyuncs.com/path',
      'https://',
      'cn-hangzhou',
    ]) {
      const { problems } = read({ region: 'cn-hangzhou', 'sts-endpoint': bad, 'wait-timeout': 'soon' });
      expect(problems.map((p) => p.input).sort(), bad).toEqual(['sts-endpoint', 'wait-timeout']);
      const p = problems.find((x) => x.input === 'sts-endpoint')!;
      expect(p.code).toBe('Input.Invalid');
      expect(p.message).toMatch(/^sts-endpoint .*Use a host name such as sts\.cn-hangzhou\.aliyuncs\.com/);
      expect(checkStsEndpoint(bad, 'cn-hangzhou').ok).toBe(false);
    }
    expect(read({ region: 'cn-hangzhou', 'sts-endpoint': 'cn-hangzhou' }).problems[0]!.message).toContain(
      'sts.cn-hangzhou.aliyuncs.com',
    );
    expect(
      read({ region: 'cn-hangzhou', 'sts-endpoint': 'http://sts.cn-hangzhou.aliyuncs.com' }).problems[0]!.message,
    ).toContain('unencrypted');
  });
});

describe('SaeClient with a credentials provider', () => {
  let sae: Emulator;
  beforeAll(async () => {
    sae = await startEmulator();
  });
  afterAll(() => sae.close());

  it('asks the provider before every request and signs with what it gives', async () => {
    const [key, sts] = DEFAULT_CREDENTIALS;
    const given = [key!, sts!];
    let asked = 0;
    const client = await SaeClient.create({
      endpoint: sae.url,
      requestTimeoutMs: 5000,
      credentials: { getCredentials: async () => given[asked++ % 2]! },
    });
    await client.listChangeOrders(DEFAULT_APP_ID);
    await client.listChangeOrders(DEFAULT_APP_ID);
    expect(asked).toBe(2);
    const [a, b] = sae.calls('ListChangeOrders');
    expect(a!.headers.authorization).toMatch(new RegExp(`^acs ${key!.accessKeyId}:`));
    expect(a!.headers['x-acs-security-token']).toBeUndefined();
    expect(b!.headers.authorization).toMatch(new RegExp(`^acs ${sts!.accessKeyId.replace(/\./g, '\\.')}:`));
    expect(b!.headers['x-acs-security-token']).toBe(sts!.securityToken);
  });

  it('passes a credentials failure through unchanged, sending nothing', async () => {
    sae.reset();
    const failure = new CredentialsError('Credentials.StsUnreachable', 'STS could not be reached.', 'sts-endpoint');
    const client = await SaeClient.create({
      endpoint: sae.url,
      requestTimeoutMs: 5000,
      credentials: { getCredentials: () => Promise.reject(failure) },
    });
    await expect(client.listChangeOrders(DEFAULT_APP_ID)).rejects.toBe(failure);
    expect(sae.requests).toEqual([]);
  });
});
