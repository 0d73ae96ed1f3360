// Where the action's credentials come from, end to end against the SAE emulator, with the GitHub OIDC token
// endpoint and STS AssumeRoleWithOIDC stand-ins on the same loopback port. In-process (run(deps)) on a virtual clock
// the emulator shares; the keyless exchange and its masks also through the bundle (dist/index.js as a child process),
// where the runner's own masks apply.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CREDENTIALS, type Emulator, type RecordedRequest } from '../emulator/index.js';
import { githubOidc, type GitHubOidc } from '../emulator/github.js';
import { stsEmulator, type StsEmulator } from '../emulator/sts.js';
import { TEST_KEY, useEmulator, visibleLog, type ActionRun } from '../helpers/action.js';

const APP = '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa';
const FAST = [{ status: 0, forMs: 50 }, { status: 1, forMs: 100 }, { status: 2 }];
const STS_KEY = DEFAULT_CREDENTIALS[1]!;
const RUN_ENV = { GITHUB_REPOSITORY: 'acme/jobs', GITHUB_RUN_ID: '4242' };

// In-process (useEmulator) on a virtual clock that the OIDC and STS stand-ins share, with the runner's own
// token request (ACTIONS_ID_TOKEN_REQUEST_URL); two keyless runs go through the bundle as on a runner.
const h = useEmulator({ plan: FAST });
let sae: Emulator;
let github: GitHubOidc;
let sts: StsEmulator;
beforeAll(() => {
  sae = h.sae;
  github = githubOidc({ repository: 'acme/jobs', ref: 'refs/tags/v1.2.3', now: () => h.clock.now() });
  sts = stsEmulator({
    issuer: github,
    register: (c) => sae.addCredential(c),
    subjects: ['repo:acme/jobs:ref:refs/tags/*'],
    now: () => h.clock.now(),
  });
  sae.handlers.push(github.handler, sts.handler);
});
beforeEach(() => {
  sts.refuse(undefined);
  sts.calls.length = 0;
  sts.minted.length = 0;
  github.issued.length = 0;
});

/** A deploy with no credentials in it: each test adds its own. */
const deploy = (extra: Record<string, string> = {}) => ({
  endpoint: sae.url,
  region: 'cn-hangzhou',
  'app-id': APP,
  'image-url': 'registry.cn-hangzhou.aliyuncs.com/ns/job:2',
  wait: 'false',
  ...extra,
});
const keyless = (extra: Record<string, string> = {}) =>
  deploy({ 'role-to-assume': sts.roleArn, 'oidc-provider-arn': sts.providerArn, 'sts-endpoint': sae.url, ...extra });

const saeCalls = (): RecordedRequest[] => sae.requests.filter((r) => r.api !== 'external');
/** The AccessKey id in a pop-core `acs <AK>:<signature>` header. */
const signer = (r: RecordedRequest): string | undefined => /^acs ([^:]+):/.exec(String(r.headers.authorization))?.[1];
const errors = (run: ActionRun) => run.annotations.filter((a) => a.level === 'error');

function expectHidden(run: ActionRun, ...secrets: string[]): void {
  for (const s of secrets) {
    expect(s.length).toBeGreaterThan(8);
    expect(visibleLog(run)).not.toContain(s);
    expect(JSON.stringify(run.outputs)).not.toContain(s);
    expect(run.summary).not.toContain(s);
    expect(run.stdout.split('\n')).toContain(`::add-mask::${s}`);
  }
}

describe('credentials from inputs and the environment', () => {
  it('explicit inputs win over the environment', async () => {
    const run = await h.run({
      inputs: deploy({ 'access-key-id': TEST_KEY.id, 'access-key-secret': TEST_KEY.secret }),
      env: {
        ALIBABA_CLOUD_ACCESS_KEY_ID: STS_KEY.accessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: STS_KEY.accessKeySecret,
        ALIBABA_CLOUD_SECURITY_TOKEN: STS_KEY.securityToken!,
      },
    });
    expect(errors(run)).toEqual([]);
    expect(run.code).toBe(0);
    const [call] = sae.calls('UpdateJob');
    expect(signer(call!)).toBe(TEST_KEY.id);
    expect(call!.headers['x-acs-security-token']).toBeUndefined();
    expect(run.stdout).toContain('Signing with credentials from the access-key-id and access-key-secret inputs');
  });

  it.each([
    ['ALIBABA_CLOUD_*', { ALIBABA_CLOUD_ACCESS_KEY_ID: TEST_KEY.id, ALIBABA_CLOUD_ACCESS_KEY_SECRET: TEST_KEY.secret }],
    ['ALICLOUD_*', { ALICLOUD_ACCESS_KEY: TEST_KEY.id, ALICLOUD_SECRET_KEY: TEST_KEY.secret }],
    ['ALIBABACLOUD_*', { ALIBABACLOUD_ACCESS_KEY_ID: TEST_KEY.id, ALIBABACLOUD_ACCESS_KEY_SECRET: TEST_KEY.secret }],
  ])('the %s variables alone are enough', async (family, env) => {
    const run = await h.run({ inputs: deploy(), env });
    expect(errors(run)).toEqual([]);
    expect(run.code).toBe(0);
    expect(signer(sae.calls('UpdateJob')[0]!)).toBe(TEST_KEY.id);
    expect(run.stdout).toContain(`Signing with credentials from the ${family} environment variables`);
    expectHidden(run, TEST_KEY.secret);
  });

  it.each([
    [
      'ALIBABA_CLOUD',
      {
        ALIBABA_CLOUD_ACCESS_KEY_ID: STS_KEY.accessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: STS_KEY.accessKeySecret,
        ALIBABA_CLOUD_SECURITY_TOKEN: STS_KEY.securityToken!,
      },
    ],
    [
      'ALICLOUD',
      {
        ALICLOUD_ACCESS_KEY: STS_KEY.accessKeyId,
        ALICLOUD_SECRET_KEY: STS_KEY.accessKeySecret,
        ALICLOUD_SECURITY_TOKEN: STS_KEY.securityToken!,
      },
    ],
  ])(
    'an STS key with its security token from the %s_* variables (as configure-aliyun-credentials-action exports them)',
    async (_, env) => {
      const run = await h.run({ inputs: deploy({ wait: 'true' }), env });
      expect(errors(run)).toEqual([]);
      expect(run.outputs.status).toBe('succeeded');
      for (const call of saeCalls()) {
        expect(signer(call)).toBe(STS_KEY.accessKeyId);
        expect(call.headers['x-acs-security-token']).toBe(STS_KEY.securityToken);
      }
      expectHidden(run, STS_KEY.accessKeySecret, STS_KEY.securityToken!);
    },
  );
});

describe('keyless login (GitHub OIDC → STS AssumeRoleWithOIDC)', () => {
  it('exchanges the GitHub token and signs every SAE call with the minted STS key', async () => {
    const run = await h.bundle({ inputs: keyless({ wait: 'true' }), env: { ...github.env(sae.url), ...RUN_ENV } });
    expect(errors(run)).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.outputs.status).toBe('succeeded');

    expect(github.issued).toHaveLength(1);
    expect(sts.calls).toHaveLength(1);
    const call = sts.calls[0]!;
    expect(call).toMatchObject({
      Action: 'AssumeRoleWithOIDC',
      Version: '2015-04-01',
      Format: 'JSON',
      RoleArn: sts.roleArn,
      OIDCProviderArn: sts.providerArn,
      OIDCToken: github.issued[0],
      RoleSessionName: 'gha-acme-jobs-4242',
    });
    const claims = github.verify(github.issued[0]!)!;
    expect(claims).toMatchObject({
      iss: 'https://token.actions.githubusercontent.com',
      aud: 'sts.aliyuncs.com',
      sub: 'repo:acme/jobs:ref:refs/tags/v1.2.3',
    });
    // Anonymous: nothing of any key goes to STS.
    const stsRequest = sae.requests.find((r) => r.query.Action === 'AssumeRoleWithOIDC')!;
    expect(stsRequest.method).toBe('POST');
    expect(stsRequest.headers.authorization).toBeUndefined();

    const minted = sts.minted[0]!;
    expect(minted.accessKeyId).toMatch(/^STS\./);
    const calls = saeCalls();
    expect(calls.map((c) => c.api)).toContain('DescribeChangeOrder');
    for (const c of calls) {
      expect(signer(c), c.api).toBe(minted.accessKeyId);
      expect(c.headers['x-acs-accesskey-id']).toBe(minted.accessKeyId);
      expect(c.headers['x-acs-security-token']).toBe(minted.securityToken);
    }
    expect(run.stdout).toContain(`keyless login (role ${sts.roleArn})`);
  });

  it('never shows the temporary key id and secret, the security token or the GitHub token, and masks all four', async () => {
    const run = await h.bundle({ inputs: keyless(), env: { ...github.env(sae.url), ...RUN_ENV } });
    expect(run.code).toBe(0);
    const minted = sts.minted[0]!;
    expectHidden(run, minted.accessKeyId, minted.accessKeySecret, minted.securityToken, github.issued[0]!);
    // The runner's own request token is not ours to print either.
    expect(visibleLog(run)).not.toContain(github.env(sae.url).ACTIONS_ID_TOKEN_REQUEST_TOKEN);
  });

  it('uses oidc-audience and role-session-name', async () => {
    const custom = stsEmulator({ issuer: github, register: (c) => sae.addCredential(c), clientIds: ['sae-deploy'] });
    sae.handlers.unshift(custom.handler);
    try {
      const run = await h.run({
        inputs: keyless({
          'role-to-assume': custom.roleArn,
          'oidc-audience': 'sae-deploy',
          'role-session-name': 'release@v1.2.3',
        }),
        env: { ...github.env(sae.url), ...RUN_ENV },
      });
      expect(errors(run)).toEqual([]);
      expect(github.verify(github.issued[0]!)!.aud).toBe('sae-deploy');
      expect(custom.calls[0]!.RoleSessionName).toBe('release@v1.2.3');
      expect(signer(sae.calls('UpdateJob')[0]!)).toBe(custom.minted[0]!.accessKeyId);
    } finally {
      sae.handlers.splice(sae.handlers.indexOf(custom.handler), 1);
    }
  });

  it('renews the temporary credentials during a wait longer than they last', async () => {
    // Credentials that last 4 s, revoked on the SAE side when they expire (a wrong secret from then on),
    // and a change order that runs for 7 s: every call must be signed with a key that still works.
    const LIFETIME_S = 4;
    const revokedAt = new Map<string, number>();
    const shortLived = stsEmulator({
      issuer: github,
      lifetimeSeconds: LIFETIME_S,
      subjects: ['repo:acme/jobs:*'],
      now: () => h.clock.now(),
      register: (c) => {
        sae.addCredential(c);
        // On the test's clock: fires when the run sleeps past it, as a timer would in wall time.
        void h.clock.sleep(LIFETIME_S * 1000 - 200).then(() => {
          revokedAt.set(c.accessKeyId, h.clock.now());
          sae.addCredential({ ...c, accessKeySecret: `revoked-${c.accessKeySecret}` });
        });
      },
    });
    sae.handlers.unshift(shortLived.handler);
    sae.setOrderPlan([{ status: 0, forMs: 300 }, { status: 1, forMs: 7000 }, { status: 2 }]);
    try {
      const run = await h.run({
        inputs: keyless({ wait: 'true', 'role-to-assume': shortLived.roleArn }),
        env: { ...github.env(sae.url), ...RUN_ENV },
      });
      expect(errors(run)).toEqual([]);
      expect(run.outputs.status).toBe('succeeded');
      expect(shortLived.minted.length).toBeGreaterThanOrEqual(3);
      // Each renewal asks GitHub for a new token: the old one has expired long before an hour is up.
      expect(github.issued).toHaveLength(shortLived.minted.length);
      expect(new Set(shortLived.calls.map((c) => c.OIDCToken)).size).toBe(shortLived.minted.length);
      const calls = saeCalls();
      expect(calls.every((c) => c.status === 200)).toBe(true);
      const used = new Set(calls.map(signer));
      expect(used.size).toBeGreaterThanOrEqual(2);
      for (const c of calls) {
        const key = shortLived.minted.find((m) => m.accessKeyId === signer(c))!;
        expect(key, c.api).toBeDefined();
        expect(c.headers['x-acs-security-token']).toBe(key.securityToken);
        expect(c.at).toBeLessThan(revokedAt.get(key.accessKeyId) ?? Infinity);
      }
      expect(run.stdout).toContain('Renewed the temporary credentials from keyless login');
      expectHidden(run, ...shortLived.minted.flatMap((m) => [m.accessKeySecret, m.securityToken]), ...github.issued);
    } finally {
      sae.handlers.splice(sae.handlers.indexOf(shortLived.handler), 1);
    }
  });

  it('retries STS when it throttles, with the same GitHub token', async () => {
    sts.refuse({ code: 'Throttling.User', message: 'Request was denied due to user flow control.', times: 2 });
    const run = await h.run({ inputs: keyless(), env: { ...github.env(sae.url), ...RUN_ENV } });
    expect(errors(run)).toEqual([]);
    expect(run.code).toBe(0);
    expect(sts.calls).toHaveLength(3);
    expect(github.issued).toHaveLength(1);
    expect(signer(sae.calls('UpdateJob')[0]!)).toBe(sts.minted[0]!.accessKeyId);
  });

  it('refuses an AccessKey together with role-to-assume, before anything is sent', async () => {
    const run = await h.run({
      inputs: keyless({ 'access-key-id': TEST_KEY.id, 'access-key-secret': TEST_KEY.secret }),
      env: { ...github.env(sae.url), ...RUN_ENV },
    });
    expect(run.code).toBe(1);
    const [e, ...more] = errors(run);
    expect(more).toEqual([]);
    expect(e).toMatchObject({ title: 'Credentials.Conflict', message: expect.stringContaining('Keep one') });
    expect(run.outputs['error-code']).toBe('Credentials.Conflict');
    expect(github.issued).toEqual([]);
    expect(sae.requests).toEqual([]);
    expectHidden(run, TEST_KEY.secret);
  });

  it('reports a plain-http sts-endpoint with the other input problems, before any token is asked for', async () => {
    const run = await h.run({
      inputs: keyless({ 'sts-endpoint': 'http://sts.cn-hangzhou.aliyuncs.com', 'wait-timeout': 'soon' }),
      env: { ...github.env(sae.url), ...RUN_ENV },
    });
    expect(run.code).toBe(1);
    const titles = errors(run).map((a) => a.title);
    expect(titles).toEqual(['Input.Invalid', 'Input.Invalid']);
    expect(
      errors(run)
        .map((a) => a.message.split(' ')[0])
        .sort(),
    ).toEqual(['sts-endpoint', 'wait-timeout:']);
    expect(errors(run).find((a) => a.message.startsWith('sts-endpoint'))!.message).toContain('unencrypted');
    expect(github.issued).toEqual([]);
    expect(sae.requests).toEqual([]);
  });

  it('role-to-assume wins over credentials already in the environment', async () => {
    const run = await h.run({
      inputs: keyless(),
      env: {
        ...github.env(sae.url),
        ...RUN_ENV,
        ALIBABA_CLOUD_ACCESS_KEY_ID: TEST_KEY.id,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: TEST_KEY.secret,
      },
    });
    expect(run.code).toBe(0);
    expect(signer(sae.calls('UpdateJob')[0]!)).toBe(sts.minted[0]!.accessKeyId);
  });
});

describe('credential errors say what to do', () => {
  it('keyless login without `permissions: id-token: write`: no token, nothing sent', async () => {
    const run = await h.run({ inputs: keyless(), env: RUN_ENV });
    expect(run.code).toBe(1);
    expect(errors(run)).toHaveLength(1);
    expect(errors(run)[0]).toMatchObject({
      title: 'Credentials.OidcUnavailable',
      message: expect.stringContaining('id-token: write'),
    });
    expect(sae.requests).toEqual([]);
    expect(run.outputs['error-code']).toBe('Credentials.OidcUnavailable');
  });

  it("STS refusing the role (the trust policy does not match the token's sub) shows its code and what to check", async () => {
    // A role that trusts only main-branch runs; the token is for a tag.
    const strict = stsEmulator({
      issuer: github,
      register: (c) => sae.addCredential(c),
      subjects: ['repo:acme/jobs:ref:refs/heads/main'],
    });
    sae.handlers.unshift(strict.handler);
    try {
      const run = await h.run({ inputs: keyless(), env: { ...github.env(sae.url), ...RUN_ENV } });
      expect(run.code).toBe(1);
      const [e] = errors(run);
      expect(e!.title).toBe('AuthenticationFail.NoPermission');
      expect(e!.message).toContain('There is no permission');
      expect(e!.message).toMatch(/trust policy.*oidc:iss.*oidc:aud = "sts\.aliyuncs\.com".*oidc:sub/);
      expect(e!.message).toMatch(/request id: [0-9A-F-]{36}/);
      expect(strict.minted).toEqual([]);
      expect(saeCalls()).toEqual([]);
      expect(run.outputs['error-code']).toBe('AuthenticationFail.NoPermission');
      expect(run.summary).toContain('AuthenticationFail.NoPermission');
      expect(visibleLog(run)).not.toContain(github.issued[0]!);
    } finally {
      sae.handlers.splice(sae.handlers.indexOf(strict.handler), 1);
    }
  });

  it('an OIDC provider STS does not know points at oidc-provider-arn', async () => {
    const run = await h.run({
      inputs: keyless({ 'oidc-provider-arn': 'acs:ram::123456789012:oidc-provider/Other' }),
      env: { ...github.env(sae.url), ...RUN_ENV },
    });
    const [e] = errors(run);
    expect(e!.title).toBe('AuthenticationFail.NoPermission');
    expect(e!.message).toContain('No such OIDC Provider registered');
    expect(e!.message).toContain('Check oidc-provider-arn');
  });

  it('a runner that refuses the token request (bad ACTIONS_ID_TOKEN_REQUEST_TOKEN) says so in one line', async () => {
    const run = await h.run({
      inputs: keyless(),
      env: { ...github.env(sae.url), ...RUN_ENV, ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'expired' },
    });
    const [e] = errors(run);
    expect(e!.title).toBe('Credentials.OidcTokenFailed');
    expect(e!.message).toContain('401');
    expect(e!.message).not.toContain('\n');
    expect(sts.calls).toEqual([]);
  });

  it('STS refusing the token (scripted) names the OIDC provider settings', async () => {
    sts.refuse({
      code: 'AuthenticationFail.OIDCToken.Invalid',
      message: 'The Jwt content is invalid that cannot be recognized.',
    });
    const run = await h.run({ inputs: keyless(), env: { ...github.env(sae.url), ...RUN_ENV } });
    const [e] = errors(run);
    expect(e!.title).toBe('AuthenticationFail.OIDCToken.Invalid');
    expect(e!.message).toContain('The Jwt content is invalid');
    expect(e!.message).toContain('https://token.actions.githubusercontent.com');
    expect(saeCalls()).toEqual([]);
  });

  it('an audience the OIDC provider does not list points at oidc-audience', async () => {
    const run = await h.run({
      inputs: keyless({ 'oidc-audience': 'not-a-client-id' }),
      env: { ...github.env(sae.url), ...RUN_ENV },
    });
    const [e] = errors(run);
    expect(e!.title).toBe('AuthenticationFail.OIDCToken.AudienceNotMatch');
    expect(e!.message).toContain('oidc-audience');
    expect(e!.message).toContain('"not-a-client-id"');
    expect(sts.calls).toHaveLength(1); // a refusal is final: not retried
  });

  it('no credentials anywhere: nothing is sent and the annotation names the inputs', async () => {
    const run = await h.run({ inputs: deploy() });
    expect(run.code).toBe(1);
    expect(sae.requests).toEqual([]);
    const [e] = errors(run);
    expect(e!.title).toBe('Credentials.Missing');
    for (const input of [
      'access-key-id',
      'access-key-secret',
      'role-to-assume',
      'oidc-provider-arn',
      'id-token: write',
      'configure-aliyun-credentials-action',
    ]) {
      expect(e!.message).toContain(input);
    }
    expect(run.outputs.status).toBe('failed');
  });

  it('half a key in the environment says which half is missing', async () => {
    const run = await h.run({ inputs: deploy(), env: { ALICLOUD_ACCESS_KEY: TEST_KEY.id } });
    expect(sae.requests).toEqual([]);
    expect(errors(run)[0]!.message).toContain('ALICLOUD_ACCESS_KEY is set but ALICLOUD_SECRET_KEY is empty');
  });

  it.each([
    [{ 'access-key-id': TEST_KEY.id }, 'access-key-secret is empty while access-key-id is set'],
    [{ 'access-key-secret': TEST_KEY.secret }, 'access-key-id is empty while access-key-secret is set'],
    [
      { 'security-token': 'CAIStoken-without-key' },
      'access-key-id and access-key-secret are empty while security-token is set',
    ],
  ])('half-set key %j', async (inputs, said) => {
    const run = await h.run({
      inputs: deploy(inputs),
      env: { ALIBABA_CLOUD_ACCESS_KEY_ID: TEST_KEY.id, ALIBABA_CLOUD_ACCESS_KEY_SECRET: TEST_KEY.secret },
    });
    expect(run.code).toBe(1);
    expect(sae.requests).toEqual([]);
    const [e] = errors(run);
    expect(e!.title).toBe('Credentials.Incomplete');
    expect(e!.message).toContain(said);
    expect(visibleLog(run)).not.toContain(TEST_KEY.secret);
  });

  it('a wrong secret fails with SignatureDoesNotMatch, naming access-key-secret', async () => {
    const wrong = 'WrongSecret0000000000000000000001';
    const run = await h.run({ inputs: deploy({ 'access-key-id': TEST_KEY.id, 'access-key-secret': wrong }) });
    expect(run.code).toBe(1);
    const [e] = errors(run);
    expect(e!.title).toBe('SignatureDoesNotMatch');
    expect(e!.message).toContain('access-key-secret');
    // Not retried, and nothing after the first call: a bad signature stays bad (test/e2e/authoritative.test.ts).
    expect(sae.requests.map((r) => r.api)).toEqual(['DescribeJob']);
    expectHidden(run, wrong);
  });

  it('an unknown AccessKey id fails with InvalidAccessKeyId.NotFound, naming access-key-id', async () => {
    const run = await h.run({
      inputs: deploy({ 'access-key-id': 'LTAI5tNoSuchKey000000000', 'access-key-secret': TEST_KEY.secret }),
    });
    expect(run.code).toBe(1);
    const [e] = errors(run);
    expect(e!.title).toBe('InvalidAccessKeyId.NotFound');
    expect(e!.message).toContain('access-key-id');
    expect(run.outputs['error-code']).toBe('InvalidAccessKeyId.NotFound');
  });
});
