// Secrets in-process against the emulator, with the runner's own scrub (test/helpers/in-process.ts uses
// src/runner/secrets.ts): masks only for values that can be secrets, the runner's environment's secrets masked,
// and SAE echoing secrets back in every form (cut, split over lines, base64, hex) printed nowhere.
import { describe, expect, it } from 'vitest';
import { PIECE } from '../../src/runner/secrets.js';
import { emulatorInputs, useEmulator, visibleLog, type ActionRun } from '../helpers/action.js';
import { mulberry32 } from '../helpers/random.js';

const APP = '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa';
const random = mulberry32(Number(process.env.SEED ?? 20_004));
const pick = (n: number, chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') =>
  Array.from({ length: n }, () => chars[Math.floor(random() * chars.length)]).join('');

const h = useEmulator({
  apps: [{ appId: APP, packageType: 'Image', settings: { OssAkId: 'LTAI5tOss', OssAkSecret: 'failed' } }],
  plan: [{ status: 0, forMs: 100 }, { status: 2 }],
});

/** All a reader gets: the log without its mask lines, the outputs, the summary, the annotations. */
const everything = (run: ActionRun) =>
  [visibleLog(run), JSON.stringify(run.outputs), run.summary, JSON.stringify(run.annotations)].join('\n');
/** The runs of PIECE characters of a secret that are in the text, read with its line breaks taken out. */
const leaked = (text: string, secret: string) => {
  const joined = text.replace(/\\[rn]|[\r\n]/g, '');
  return Array.from({ length: secret.length - PIECE + 1 }, (_, i) => secret.slice(i, i + PIECE)).filter((p) =>
    joined.includes(p),
  );
};

describe('masks only for secrets', () => {
  it('a template whose OssAkSecret reads `failed` does not mask the word: the run still says it failed', async () => {
    h.sae.setOrderPlan([
      { status: 0, forMs: 100 },
      { status: 3, errorMessage: 'Deployment failed' },
    ]);
    const run = await h.run({
      inputs: emulatorInputs(h.sae.url, {
        'app-id': APP,
        'image-url': 'registry.example/ns/job:2',
        'oss-ak-id': 'LTAI5tOss',
        'oss-ak-secret': 'MyOssSecret0000000000000001',
      }),
    });
    expect(run.code).toBe(1);
    expect(run.outputs.status).toBe('failed');
    expect(run.summary.split('\n')[0]).toBe('## ❌ SAE job template deploy failed');
    expect(visibleLog(run)).toMatch(/^Result: failed in /m);
    expect(run.annotations.find((a) => a.level === 'error')!.message).toContain('failed');
    expect(run.stdout).not.toContain('::add-mask::failed');
    // The template's value is not shown either: a secret parameter reads *** wherever it is shown.
    expect(run.summary).toContain('| OssAkSecret | *** | *** (changed) |');
  });
});

describe('SAE echoing secrets back: printed nowhere, in any form', () => {
  const key = pick(30);
  const token = `CAIS${pick(620)}`;
  const env = {
    GITHUB_TOKEN: `ghs_${pick(36, 'abcdefghijklmnopqrstuvwxyz0123456789')}`,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: `eyJ${pick(200)}`,
    ACTIONS_RUNTIME_TOKEN: `eyJ${pick(180)}`,
    HTTPS_PROXY: 'http://deploy:pr0xy-Pa55w0rd@proxy.example:3128',
  };
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const hex = Buffer.from(key).toString('hex');
  const inJson = b64(`{"t":"${token.slice(0, 150)}"}`);
  // Each echo, with what must not show of it (SAE's message is cut at a length in the error: one echo a run).
  const ECHOES: Array<[string, string, string]> = [
    ['65 characters of the security token', `token ${token.slice(200, 265)}…`, token],
    ['the security token wrapped over two lines', `wrapped ${token.slice(0, 150)}\r\n${token.slice(150, 290)}`, token],
    ['GITHUB_TOKEN from the environment', `auth ${env.GITHUB_TOKEN}`, env.GITHUB_TOKEN],
    ['the OIDC request token', `bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}`, env.ACTIONS_ID_TOKEN_REQUEST_TOKEN],
    ["the runner's own token", `runtime ${env.ACTIONS_RUNTIME_TOKEN}`, env.ACTIONS_RUNTIME_TOKEN],
    ['the proxy password', 'proxy deploy:pr0xy-Pa55w0rd', 'pr0xy-Pa55w0rd'],
    ['the proxy credentials in base64', `Basic ${b64('deploy:pr0xy-Pa55w0rd')}`, b64('deploy:pr0xy-Pa55w0rd')],
    ['the AccessKey secret in hex', `dump ${hex}`, hex],
    ['the security token in base64 inside JSON', `body ${inJson}`, inJson.slice(8, -8)],
  ];

  for (const [name, message, secret] of ECHOES) {
    it(name, async () => {
      h.sae.addCredential({ accessKeyId: 'STS.echoTest', accessKeySecret: key, securityToken: token });
      h.sae.script({ api: 'UpdateJob', error: { status: 400, code: 'Gateway.Echo', message } });
      const run = await h.run({
        inputs: emulatorInputs(h.sae.url, {
          'app-id': APP,
          'image-url': 'registry.example/ns/job:2',
          'access-key-id': 'STS.echoTest',
          'access-key-secret': key,
          'security-token': token,
        }),
        env,
      });
      expect(run.outputs['error-code']).toBe('Gateway.Echo');
      const seen = everything(run);
      // The echo did reach what people read, scrubbed (so a leak would show) …
      expect(seen).toMatch(new RegExp(`${message.split(' ')[0]} \\S*\\*\\*\\*`));
      // … and no part of the secret did.
      expect(leaked(seen, secret)).toEqual([]);
    });
  }
});
