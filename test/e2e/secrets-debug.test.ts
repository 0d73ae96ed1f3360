// Library debug output through the bundle (dist/index.js as a child process, against the emulator behind a real
// proxy), as a runner shows it: DEBUG=* (https-proxy-agent's `debug`) and NODE_DEBUG=http,net,tls,fetch (Node's own)
// print request options and headers on stderr for the whole run. They pass the same scrub as the action's lines:
// the proxy's password (raw, in `user:password`, in the Basic header), the OIDC request token (the Authorization
// header of the token request), the workflow's token, the temporary credentials. Each run checks that the debug
// output did print those places (so a leak would show).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  githubOidc,
  startEmulator,
  stsEmulator,
  type Emulator,
  type GitHubOidc,
  type StsEmulator,
} from '../emulator/index.js';
import { runAction, visibleLog, type ActionRun } from '../helpers/action.js';
import { startConnectProxy, startTlsFront, type TestProxy, type TlsFront } from '../helpers/proxy.js';

const APP = '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa';
const SAE_HOST = 'sae.cn-hangzhou.aliyuncs.com';
const STS_HOST = 'sts.cn-hangzhou.aliyuncs.com';
const TOKEN_HOST = 'token.actions.example';
const PROXY_USER = 'deploy';
const PROXY_PASSWORD = 'pr0xy-Pa55w0rd';
const GITHUB_TOKEN = 'ghs_debugOutputTestToken000000000000001';
const DEBUG = { DEBUG: '*', NODE_DEBUG: 'http,net,tls,fetch' };

let sae: Emulator;
let oidc: GitHubOidc;
let sts: StsEmulator;
let front: TlsFront;
let proxy: TestProxy;
beforeAll(async () => {
  sae = await startEmulator();
  sae.setOrderPlan([{ status: 0, forMs: 50 }, { status: 2 }]);
  oidc = githubOidc({ repository: 'acme/jobs', ref: 'refs/tags/v1.2.3' });
  sts = stsEmulator({
    issuer: oidc,
    register: (c) => sae.addCredential(c),
    subjects: ['repo:acme/jobs:ref:refs/tags/*'],
  });
  sae.handlers.push(oidc.handler, sts.handler);
  front = await startTlsFront([SAE_HOST, STS_HOST, TOKEN_HOST], sae.port);
  proxy = await startConnectProxy(
    Object.fromEntries([SAE_HOST, STS_HOST, TOKEN_HOST].map((h) => [`${h}:443`, front.port])),
  );
  proxy.requireAuth = `${PROXY_USER}:${PROXY_PASSWORD}`;
});
afterAll(async () => {
  await proxy.close();
  await front.close();
  await sae.close();
});

const keyless = {
  'app-id': APP,
  'image-url': 'registry.example/ns/job:2',
  region: 'cn-hangzhou',
  'wait-timeout': '60',
};
const basic = Buffer.from(`${PROXY_USER}:${PROXY_PASSWORD}`).toString('base64');

/** Every secret of the run, in each form a library prints it. */
function expectNone(run: ActionRun, secrets: string[]): void {
  const seen = `${visibleLog(run)}\n${run.summary}\n${JSON.stringify(run.outputs)}`;
  for (const s of secrets) expect(seen, s).not.toContain(s);
}

describe('library debug output passes the scrub, for the whole run', () => {
  it('behind a proxy with a password: https-proxy-agent (DEBUG=*) and Node (NODE_DEBUG) print no form of it', async () => {
    const url = new URL(proxy.url);
    url.username = PROXY_USER;
    url.password = PROXY_PASSWORD;
    const run = await runAction({
      inputs: { ...keyless, 'role-to-assume': sts.roleArn, 'oidc-provider-arn': sts.providerArn },
      env: {
        NODE_EXTRA_CA_CERTS: front.caFile,
        GITHUB_REPOSITORY: 'acme/jobs',
        HTTPS_PROXY: url.href,
        GITHUB_TOKEN,
        ...DEBUG,
        ...oidc.env(`https://${TOKEN_HOST}`),
      },
    });
    expect(run.outputs.status).toBe('succeeded');
    // The libraries did print where the credentials go …
    expect(run.stderr).toMatch(
      /https-proxy-agent Creating new HttpsProxyAgent instance: 'http:\/\/\*\*\*@127\.0\.0\.1/,
    );
    expect(run.stderr).toContain("proxyAuth: '***'");
    expect(run.stderr).toContain("'Proxy-Authorization': 'Basic ***'");
    // … and no form of them, nor of the run's other secrets.
    expectNone(run, [
      PROXY_PASSWORD,
      encodeURIComponent(PROXY_PASSWORD),
      `${PROXY_USER}:${PROXY_PASSWORD}`,
      basic,
      GITHUB_TOKEN,
      oidc.env('x').ACTIONS_ID_TOKEN_REQUEST_TOKEN!,
      ...sts.minted.flatMap((c) => [c.accessKeySecret, c.securityToken ?? '']).filter(Boolean),
    ]);
  });

  it("directly: Node prints the OIDC token request's headers, and the request token is not in them", async () => {
    const requestToken = oidc.env('x').ACTIONS_ID_TOKEN_REQUEST_TOKEN!;
    const run = await runAction({
      inputs: {
        ...keyless,
        endpoint: sae.url,
        'sts-endpoint': sae.url,
        'role-to-assume': sts.roleArn,
        'oidc-provider-arn': sts.providerArn,
      },
      env: { GITHUB_REPOSITORY: 'acme/jobs', GITHUB_TOKEN, ...DEBUG, ...oidc.env(sae.url) },
    });
    expect(run.outputs.status).toBe('succeeded');
    expect(run.stderr).toMatch(/authorization: 'Bearer \*\*\*'/i);
    expect(run.stderr).toContain("'x-acs-security-token': '***'");
    expectNone(run, [
      requestToken,
      GITHUB_TOKEN,
      ...sts.minted.flatMap((c) => [c.accessKeySecret, c.securityToken ?? '']).filter(Boolean),
    ]);
  });
});
