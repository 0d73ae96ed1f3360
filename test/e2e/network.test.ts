// Real networks, end to end through the bundle: a self-hosted runner whose only way out is an HTTP proxy
// (HTTPS_PROXY / https_proxy, NO_PROXY), and servers that answer with redirects. The proxy is real
// (test/helpers/proxy.ts): it tunnels CONNECT to made-up public names (sae.cn-hangzhou.aliyuncs.com …), which
// reach the emulator only through it; a connection that went around the proxy would not resolve.
import http from 'node:http';
import type net from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  githubApi,
  githubOidc,
  startEmulator,
  stsEmulator,
  type Emulator,
  type GitHubApi,
  type GitHubOidc,
  type StsEmulator,
} from '../emulator/index.js';
import { runAction, TEST_KEY, visibleLog, type ActionRun } from '../helpers/action.js';
import { startConnectProxy, startTlsFront, type TestProxy, type TlsFront } from '../helpers/proxy.js';

const APP = '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa';
const SAE_HOST = 'sae.cn-hangzhou.aliyuncs.com';
const STS_HOST = 'sts.cn-hangzhou.aliyuncs.com';
const TOKEN_HOST = 'token.actions.example';
const API_HOST = 'api.github.example';
const GH_TOKEN = 'ghs_networkTestToken000000000000000001';

let sae: Emulator;
let oidc: GitHubOidc;
let sts: StsEmulator;
let api: GitHubApi;
let front: TlsFront;
let proxy: TestProxy;
let dir: string;
let prEvent: string;
beforeAll(async () => {
  sae = await startEmulator();
  oidc = githubOidc({ repository: 'acme/jobs', ref: 'refs/tags/v1.2.3' });
  sts = stsEmulator({
    issuer: oidc,
    register: (c) => sae.addCredential(c),
    subjects: ['repo:acme/jobs:ref:refs/tags/*'],
  });
  api = githubApi({ token: GH_TOKEN });
  sae.handlers.push(oidc.handler, sts.handler, api.handler);
  front = await startTlsFront([SAE_HOST, STS_HOST, TOKEN_HOST, API_HOST], sae.port);
  proxy = await startConnectProxy(
    Object.fromEntries([SAE_HOST, STS_HOST, TOKEN_HOST, API_HOST].map((h) => [`${h}:443`, front.port])),
  );
  dir = mkdtempSync(join(tmpdir(), 'sae-network-'));
  prEvent = join(dir, 'pull_request.json');
  writeFileSync(prEvent, JSON.stringify({ number: 7, pull_request: { number: 7 } }));
});
afterAll(async () => {
  await proxy.close();
  await front.close();
  await sae.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  sae.reset();
  sae.setOrderPlan([{ status: 0, forMs: 50 }, { status: 1, forMs: 100 }, { status: 2 }]);
  proxy.connects.length = 0;
  proxy.plain.length = 0;
  sts.calls.length = 0;
  oidc.issued.length = 0;
  api.reset();
});

const errors = (run: ActionRun) => run.annotations.filter((a) => a.level === 'error');
const saeCalls = () => sae.requests.filter((r) => r.api !== 'external');
/** The runner's environment behind the proxy: the test certificate trusted, as a corporate CA would be. */
const behindProxy = (vars: Record<string, string>) => ({
  NODE_EXTRA_CA_CERTS: front.caFile,
  GITHUB_REPOSITORY: 'acme/jobs',
  GITHUB_RUN_ID: '77',
  ...vars,
});
const image = { 'app-id': APP, 'image-url': 'registry.cn-hangzhou.aliyuncs.com/ns/job:2', region: 'cn-hangzhou' };

describe('behind an HTTP proxy', () => {
  it.each(['HTTPS_PROXY', 'https_proxy'])(
    'keyless deploy: OIDC token, STS and SAE all go through the proxy (%s)',
    async (variable) => {
      const run = await runAction({
        inputs: { ...image, 'role-to-assume': sts.roleArn, 'oidc-provider-arn': sts.providerArn, 'wait-timeout': '60' },
        env: behindProxy({ [variable]: proxy.url, ...oidc.env(`https://${TOKEN_HOST}`) }),
      });
      expect(errors(run)).toEqual([]);
      expect(run.outputs.status).toBe('succeeded');
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      // Each service reached by its public name, through the tunnel, and nothing else asked for.
      expect(new Set(proxy.connects)).toEqual(new Set([`${TOKEN_HOST}:443`, `${STS_HOST}:443`, `${SAE_HOST}:443`]));
      expect(proxy.plain).toEqual([]);
      expect(oidc.issued).toHaveLength(1);
      expect(sts.calls).toHaveLength(1);
      expect(sae.calls('UpdateJob')).toHaveLength(1);
      expect(saeCalls().every((r) => r.headers.host === SAE_HOST)).toBe(true);
    },
  );

  it('a proxy that needs a password: the one in HTTPS_PROXY is sent to it by every client, and never printed', async () => {
    proxy.requireAuth = 'deploy:pr0xy-Pa55w0rd';
    try {
      const url = new URL(proxy.url);
      url.username = 'deploy';
      url.password = 'pr0xy-Pa55w0rd';
      const run = await runAction({
        inputs: { ...image, 'role-to-assume': sts.roleArn, 'oidc-provider-arn': sts.providerArn, 'wait-timeout': '60' },
        env: behindProxy({ HTTPS_PROXY: url.href, RUNNER_DEBUG: '1', ...oidc.env(`https://${TOKEN_HOST}`) }),
      });
      expect(errors(run)).toEqual([]);
      expect(run.outputs.status).toBe('succeeded');
      expect(new Set(proxy.connects)).toEqual(new Set([`${TOKEN_HOST}:443`, `${STS_HOST}:443`, `${SAE_HOST}:443`]));
      expect(run.stdout).toContain(
        `::debug::SAE at ${SAE_HOST}: through the proxy ${url.host} (HTTPS_PROXY / HTTP_PROXY)`,
      );
      expect(run.stdout).toMatch(new RegExp(`::debug::STS at ${STS_HOST}: HTTP 200, \\d+ ms`));
      expect(run.stdout).toMatch(/::debug::GitHub OIDC token for audience sts\.aliyuncs\.com: issued, \d+ ms/);
      expect(visibleLog(run) + run.summary).not.toContain('pr0xy-Pa55w0rd');
    } finally {
      proxy.requireAuth = undefined;
    }
  });

  it('NO_PROXY sends a host direct (and here, with no route out, the deploy cannot reach SAE)', async () => {
    const run = await runAction({
      inputs: {
        ...image,
        'access-key-id': TEST_KEY.id,
        'access-key-secret': TEST_KEY.secret,
        'max-retries': '0',
        'request-timeout': '5',
      },
      env: behindProxy({ HTTPS_PROXY: proxy.url, no_proxy: 'example.org, .aliyuncs.com' }),
    });
    expect(run.code).toBe(1);
    expect(proxy.connects).toEqual([]);
    expect(saeCalls()).toEqual([]);
  });

  it('loopback is never proxied: a local endpoint is reached directly even with every proxy variable set', async () => {
    const run = await runAction({
      inputs: { ...image, endpoint: sae.url, 'access-key-id': TEST_KEY.id, 'access-key-secret': TEST_KEY.secret },
      env: behindProxy({ HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, http_proxy: proxy.url }),
    });
    expect(errors(run)).toEqual([]);
    expect(run.outputs.status).toBe('succeeded');
    expect(proxy.connects).toEqual([]);
    expect(proxy.plain).toEqual([]);
  });

  it('the pull request comment goes to GITHUB_API_URL through the proxy', async () => {
    const run = await runAction({
      inputs: { ...image, 'dry-run': 'true', 'comment-on-pr': 'true', 'github-token': GH_TOKEN },
      env: behindProxy({
        HTTPS_PROXY: proxy.url,
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: prEvent,
        GITHUB_API_URL: `https://${API_HOST}`,
      }),
    });
    expect(run.annotations).toEqual([]);
    expect(run.outputs.status).toBe('dry-run');
    expect(api.commentsOn('acme/jobs', 7)).toHaveLength(1);
    expect(run.stderr).toBe('');
    expect(new Set(proxy.connects)).toEqual(new Set([`${API_HOST}:443`]));
  });
});

/** A loopback server that answers every request with a redirect to `location`, and counts them. */
async function redirector(
  location: string,
  status = 302,
): Promise<{ url: string; hits: number; close(): Promise<void> }> {
  const state = { hits: 0 };
  const server = http.createServer((req, res) => {
    state.hits++;
    req.resume();
    res.writeHead(status, { location }).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    get hits() {
      return state.hits;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('redirects are not followed where a token travels', () => {
  it('OIDC token: a redirect is an answer, not a new address for the request token', async () => {
    const target = oidc.env(sae.url);
    const r = await redirector(target.ACTIONS_ID_TOKEN_REQUEST_URL!);
    try {
      const run = await runAction({
        inputs: {
          ...image,
          endpoint: sae.url,
          'role-to-assume': sts.roleArn,
          'oidc-provider-arn': sts.providerArn,
          'sts-endpoint': sae.url,
        },
        env: {
          ...target,
          ACTIONS_ID_TOKEN_REQUEST_URL: `${r.url}/token?api-version=2.0`,
          GITHUB_REPOSITORY: 'acme/jobs',
        },
      });
      expect(run.code).toBe(1);
      expect(run.outputs['error-code']).toBe('Credentials.OidcTokenFailed');
      expect(errors(run)[0]!.message).toContain('HTTP 302, a redirect');
      expect(r.hits).toBe(1);
      expect(oidc.issued).toEqual([]);
    } finally {
      await r.close();
    }
  });

  it('OIDC token: a plain-http ACTIONS_ID_TOKEN_REQUEST_URL off this machine is refused before any request', async () => {
    const run = await runAction({
      inputs: {
        ...image,
        endpoint: sae.url,
        'role-to-assume': sts.roleArn,
        'oidc-provider-arn': sts.providerArn,
        'sts-endpoint': sae.url,
      },
      env: {
        ACTIONS_ID_TOKEN_REQUEST_URL: 'http://token.actions.example/token',
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'x',
        HTTP_PROXY: proxy.url,
      },
    });
    expect(run.code).toBe(1);
    expect(errors(run)[0]!.message).toContain('ACTIONS_ID_TOKEN_REQUEST_URL is not https://');
    expect(proxy.connects).toEqual([]);
    expect(proxy.plain).toEqual([]);
  });

  it('STS: the form holding the OIDC token is not re-posted where a redirect points', async () => {
    const r = await redirector(`${sae.url}/`, 307);
    try {
      const run = await runAction({
        inputs: {
          ...image,
          endpoint: sae.url,
          'role-to-assume': sts.roleArn,
          'oidc-provider-arn': sts.providerArn,
          'sts-endpoint': r.url,
        },
        env: { ...oidc.env(sae.url), GITHUB_REPOSITORY: 'acme/jobs' },
      });
      expect(run.code).toBe(1);
      expect(run.outputs['error-code']).toBe('STS.HTTP307');
      expect(errors(run)[0]!.title).toBe('STS.HTTP307');
      expect(errors(run)[0]!.message).toContain('a redirect, which the action does not follow');
      expect(r.hits).toBe(1);
      expect(sts.calls).toEqual([]);
      expect(run.stderr).toBe('');
    } finally {
      await r.close();
    }
  });

  it('GitHub API: a redirect to another origin is not followed with github-token', async () => {
    const r = await redirector('http://127.0.0.2:9/repos/acme/jobs/issues/7/comments', 301);
    try {
      const run = await runAction({
        inputs: { ...image, 'dry-run': 'true', 'comment-on-pr': 'true', 'github-token': GH_TOKEN },
        env: {
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_EVENT_PATH: prEvent,
          GITHUB_REPOSITORY: 'acme/jobs',
          GITHUB_API_URL: r.url,
        },
      });
      expect(run.outputs.status).toBe('dry-run');
      const [w] = run.annotations.filter((a) => a.level === 'warning');
      expect(w!.message).toContain('a redirect to http://127.0.0.2:9, which the action does not follow');
      expect(r.hits).toBe(1);
    } finally {
      await r.close();
    }
  });
});
