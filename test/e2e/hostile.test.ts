// Hostile and careless input (issue 13), against the emulator (which must see no request): each refused case runs
// in-process (run(deps), on the wall clock), and those whose value the runner processes (injected commands, a
// heap cap) also through the bundle as the runner runs it (dist/index.js as a child process). Each refused case
// asserts: exit 1, zero requests, an error annotation naming the input (as the runner would process
// the log, so an injected `::stop-commands::` cannot hide it), no internal error, no forged workflow
// command, no secret in any form anywhere, and bounded time and memory (a heap cap on the child).
// Printed cases carry command injections inside values the action echoes (dry run, a failed deploy,
// NODE_DEBUG, the PR comment), through the bundle, and assert the same about commands and secrets.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { githubApi, startEmulator, type Emulator, type GitHubApi } from '../emulator/index.js';
import { githubOidc, type GitHubOidc } from '../emulator/github.js';
import { stsEmulator, type StsEmulator } from '../emulator/sts.js';
import {
  parseAnnotations,
  runAction,
  TEST_KEY,
  visibleLog,
  type ActionRun,
  type Annotation,
} from '../helpers/action.js';
import { inspect } from 'node:util';
import { runInProcess } from '../helpers/in-process.js';
import { wallClock } from '../helpers/virtual-clock.js';

const APP = '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa';
/** Every character that JSON, URL, form, inspect and workflow-command encodings treat specially. */
const SECRET = `Sx"y\\z/Q9\n\tW+ &=%:,'é~*!#`;
const TOKEN_SECRET = 'STS.tokenValue"with\\quote-0001';
/** Every injected command carries this mark: a processed command with it in its name or properties is forged. */
const MARK = 'PWN';
const BIG = 120 * 1024;
/** A 478-byte billion-laughs document (the case): 9^6 strings once expanded. */
const BOMB =
  'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n';

let sae: Emulator;
let github: GitHubApi;
let oidc: GitHubOidc;
let sts: StsEmulator;
let dir: string;
beforeAll(async () => {
  sae = await startEmulator();
  github = githubApi({ token: 'ghs_hostileSuiteToken000000000000001' });
  oidc = githubOidc({ repository: 'acme/jobs', ref: 'refs/tags/v1.2.3' });
  sts = stsEmulator({
    issuer: oidc,
    register: (c) => sae.addCredential(c),
    subjects: ['repo:acme/jobs:ref:refs/tags/*'],
  });
  sae.handlers.push(github.handler, oidc.handler, sts.handler);
  dir = mkdtempSync(join(tmpdir(), 'sae-hostile-'));
});
afterAll(async () => {
  await sae.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  sae.reset();
  github.reset();
  sts.minted.length = 0;
  oidc.issued.length = 0;
});

/** The lines the runner would process as commands: `::` after leading white space, `##[` anywhere, none while stopped. */
export function processedCommands(text: string): string[] {
  const out: string[] = [];
  let stopToken: string | undefined;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (stopToken !== undefined) {
      if (line === `::${stopToken}::`) stopToken = undefined;
      continue;
    }
    if (line.startsWith('::')) {
      out.push(line);
      const stop = /^::stop-commands::(.*)$/.exec(line);
      if (stop) stopToken = stop[1];
    } else if (raw.includes('##[')) {
      out.push(raw);
    }
  }
  return out;
}

function forged(commands: readonly string[]): string[] {
  return commands.filter((c) => {
    if (c.includes('##[')) return true;
    const m = /^::([^\s:]+)([^:]*)::(.*)$/.exec(c);
    if (!m) return false;
    const [, name, props, message] = m;
    if (['set-output', 'set-env', 'add-path', 'save-state', 'echo'].includes(name!)) return true;
    if (props!.includes(MARK) || name!.includes(MARK)) return true;
    return (name === 'add-mask' || name === 'stop-commands') && message!.includes(MARK);
  });
}

/** Annotations as the runner shows them: only from lines it processes. */
function shownAnnotations(run: ActionRun): Annotation[] {
  return parseAnnotations(processedCommands(run.stdout + '\n' + run.stderr).join('\n'));
}

/** The ways a secret can be written (written out here, apart from the action's own list). */
function encodings(secret: string): string[] {
  const json = (s: string) => JSON.stringify(s).slice(1, -1);
  const out: string[] = [];
  for (const b of [secret, json(secret), json(json(secret))]) {
    const escaped = b.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
    out.push(
      b,
      encodeURIComponent(b),
      new URLSearchParams({ k: b }).toString().slice(2),
      inspect(b).slice(1, -1),
      inspect({ b }).slice(6, -3),
      escaped,
      escaped.replace(/:/g, '%3A').replace(/,/g, '%2C'),
    );
  }
  return out;
}
const formsOf = (secrets: readonly string[]) => [...new Set(secrets.flatMap(encodings))].filter((f) => f.length >= 4);

/** Every string inside a text that is JSON, and inside JSON strings within it (the request output nests two levels). */
function decodedStrings(text: string): string[] {
  const out: string[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (typeof v === 'string') {
      out.push(v);
      if (depth < 3 && /^[[{]/.test(v)) {
        try {
          walk(JSON.parse(v), depth + 1);
        } catch {
          // not JSON
        }
      }
    } else if (v && typeof v === 'object') {
      for (const x of Object.values(v)) walk(x, depth);
    }
  };
  walk(text, 0);
  return out;
}

function expectNoSecret(run: ActionRun, secrets: readonly string[], extra: string[] = []): void {
  const places = {
    log: visibleLog(run),
    outputs: JSON.stringify(run.outputs) + Object.values(run.outputs).join('\n'),
    summary: run.summary,
    extra: extra.join('\n'),
  };
  for (const form of formsOf(secrets)) {
    for (const [where, text] of Object.entries(places)) {
      if (text.includes(form)) throw new Error(`a form of a secret (${JSON.stringify(form)}) is in the ${where}`);
    }
  }
  for (const [name, value] of Object.entries(run.outputs)) {
    for (const decoded of decodedStrings(value)) {
      for (const secret of secrets)
        if (decoded.includes(secret)) throw new Error(`output ${name} holds a secret once decoded`);
    }
  }
}

/** The child's heap is capped: an input that needs hundreds of MB crashes it, and the exit code shows it. */
const HEAP = { NODE_OPTIONS: '--max-old-space-size=96' };

const base = (extra: Record<string, string>) => ({
  endpoint: sae.url,
  region: 'cn-hangzhou',
  'app-id': APP,
  'access-key-id': TEST_KEY.id,
  'access-key-secret': SECRET,
  'security-token': TOKEN_SECRET,
  'oss-ak-id': 'LTAIoss0000',
  'oss-ak-secret': SECRET,
  ...extra,
});

interface RefusedCase {
  name: string;
  inputs: Record<string, string>;
  /** The input the error must name (in the message). */
  input: string;
  /** More text the error annotations must hold. */
  says?: RegExp;
  env?: Record<string, string>;
  check?: (run: ActionRun) => void;
  /**
   * Also through the bundle, with its heap capped: a case about memory or size, or one whose injected
   * command the runner itself must not obey. Every case also runs in-process on the wall clock.
   */
  bundle?: true;
}

const nested = (n: number) => '['.repeat(n) + ']'.repeat(n);
const big = (n = BIG) => 'x'.repeat(n);

const REFUSED: RefusedCase[] = [
  {
    name: 'a 478-byte alias bomb',
    bundle: true,
    inputs: { 'tomcat-config': BOMB },
    input: 'tomcat-config',
    says: /more than 100 aliases/,
  },
  {
    name: 'a 340-byte alias bomb in envs',
    bundle: true,
    inputs: { envs: BOMB.split('\n').slice(0, 5).join('\n') + '\nE: [*d,*d,*d,*d,*d,*d,*d,*d,*d]' },
    input: 'envs',
    says: /aliases/,
  },
  {
    name: 'flow nesting 5000 deep',
    bundle: true,
    inputs: { 'slice-envs': nested(5000), slice: 'true' },
    input: 'slice-envs',
    says: /nests more than 32 levels/,
  },
  {
    name: 'block nesting 5000 deep',
    bundle: true,
    inputs: { 'command-args': '- '.repeat(5000) + 'x' },
    input: 'command-args',
    says: /nests more than/,
  },
  {
    name: 'nesting where the shape does not look (http trigger config)',
    inputs: { 'trigger-config': `{"type":"http","config":${'{"a":'.repeat(40)}1${'}'.repeat(40)}}` },
    input: 'trigger-config',
    says: /nests more than/,
  },
  {
    name: 'a 120 KB structured input',
    bundle: true,
    inputs: { envs: `[{"name":"A","value":"${big()}"}]` },
    input: 'envs',
    says: /KiB/,
  },
  { name: 'a 120 KB text input', bundle: true, inputs: { command: big() }, input: 'command', says: /KiB/ },
  {
    name: 'a query longer than SAE can be relied on to take',
    inputs: { command: big(9000), 'jar-start-args': big(9000), 'python-modules': big(4000) },
    input: 'command',
    says: /largest: (command|jar-start-args) .*(jar-start-args|command) /,
  },
  { name: 'a duplicate key in JSON', inputs: { envs: '{"A":"1","A":"2"}' }, input: 'envs', says: /key "A" twice/ },
  {
    name: 'a duplicate key in YAML',
    inputs: { 'tomcat-config': 'port: 8080\nport: 8081' },
    input: 'tomcat-config',
    says: /key "port" twice/,
  },
  {
    name: 'a mapping where a list belongs (not "is missing")',
    inputs: { 'command-args': '{"a":1}' },
    input: 'command-args',
    says: /must be a list, not a mapping/,
  },
  { name: 'app-id with spaces', inputs: { 'app-id': 'my app' }, input: 'app-id', says: /not the id of a job template/ },
  {
    name: 'app-id of 10 KB',
    bundle: true,
    inputs: { 'app-id': big(10_000) },
    input: 'app-id',
    says: /10000 characters/,
  },
  {
    name: 'app-id with an injected set-output',
    bundle: true,
    inputs: { 'app-id': `x\n::set-output name=change-order-url::https://evil.example/${MARK}` },
    input: 'app-id',
  },
  {
    name: 'cron fields out of range',
    inputs: { 'trigger-config': '{"type":"time","config":"60 25 32 13 8"}' },
    input: 'trigger-config',
    says: /outside 0–59/,
  },
  {
    name: 'an IPv6 zone id in a host alias',
    inputs: { 'custom-host-alias': '[{"hostName":"db","ip":"fe80::1%eth0"}]' },
    input: 'custom-host-alias',
    says: /zone id/,
  },
  {
    name: 'a package URL without a file name',
    inputs: { 'package-url': 'https://x.com/', 'package-version': '1' },
    input: 'package-url',
    says: /names no file/,
  },
  {
    name: 'wait-timeout past Node timers',
    inputs: { 'wait-timeout': '2147484' },
    input: 'wait-timeout',
    says: /6 hours/,
  },
  {
    name: 'request-timeout past the job limit',
    inputs: { 'request-timeout': '7h' },
    input: 'request-timeout',
    says: /6 hours/,
  },
  {
    name: 'run-timeout past the job limit',
    inputs: { 'run-after-deploy': 'true', 'run-timeout': '2147484' },
    input: 'run-timeout',
    says: /6 hours/,
  },
  {
    name: 'a password in endpoint',
    inputs: { endpoint: 'https://deployer:EndpointPassw0rd@sae.cn-hangzhou.aliyuncs.com' },
    input: 'endpoint',
    says: /user name or password/,
    check: (run) => expectNoSecret(run, ['EndpointPassw0rd']),
  },
  {
    name: 'an alias bomb in a dry run',
    bundle: true,
    inputs: { 'dry-run': 'true', 'tomcat-config': BOMB },
    input: 'tomcat-config',
    says: /aliases/,
    check: (run) => expect(Buffer.byteLength(run.stdout) + Buffer.byteLength(run.summary)).toBeLessThan(100 * 1024),
  },
  {
    name: 'keys and keyless login together in a dry run',
    inputs: {
      'dry-run': 'true',
      'role-to-assume': 'acs:ram::1:role/r',
      'oidc-provider-arn': 'acs:ram::1:oidc-provider/GitHub',
    },
    input: 'role-to-assume',
    says: /Both an AccessKey/,
  },
  {
    name: 'a stop-commands injection beside a bad input',
    bundle: true,
    inputs: { 'php-config': `k=v\n::stop-commands::${MARK}`, replicas: 'many' },
    input: 'replicas',
  },
  {
    name: 'an injected annotation in a value beside a bad input',
    bundle: true,
    inputs: { 'python-modules': `Flask==2.0\n::error title=${MARK}::deploy approved`, 'backoff-limit': '-1' },
    input: 'backoff-limit',
  },
  {
    name: 'a region with an injected command',
    bundle: true,
    inputs: { region: `cn-hangzhou\n::add-mask::${MARK}`, endpoint: '' },
    input: 'region',
  },
];

const ways = [
  ...REFUSED.map((c) => ({ ...c, how: 'in-process' })),
  ...REFUSED.filter((c) => c.bundle).map((c) => ({ ...c, how: 'through the bundle' })),
];

describe('hostile and careless input is refused before the network', () => {
  it.each(ways)('$name ($how)', async (c) => {
    const run =
      c.how === 'in-process'
        ? await runInProcess({ inputs: base(c.inputs), env: c.env, clock: wallClock })
        : await runAction({ inputs: base(c.inputs), env: { ...HEAP, ...c.env }, killAfterMs: 20_000 });
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    expect(sae.requests).toEqual([]);
    const errors = shownAnnotations(run).filter((a) => a.level === 'error');
    expect(errors.some((a) => a.message.includes(c.input))).toBe(true);
    if (c.says) expect(errors.map((a) => a.message).join('\n')).toMatch(c.says);
    expect(run.stdout + run.stderr).not.toContain('Action.InternalError');
    expect(run.outputs['error-code']).not.toBe('Action.InternalError');
    expect(forged(processedCommands(run.stdout + '\n' + run.stderr))).toEqual([]);
    expectNoSecret(run, [SECRET, TOKEN_SECRET]);
    // Well under a second of work; the bound leaves room for a loaded machine.
    expect(run.durationMs).toBeLessThan(8000);
    c.check?.(run);
  });

  it('eight bad 120 KB inputs: a summary under 1 MiB, every problem listed', async () => {
    const inputs = Object.fromEntries(
      [
        'command',
        'jar-start-args',
        'jar-start-options',
        'python-modules',
        'php-config',
        'war-start-options',
        'pre-stop',
        'envs',
      ].map((i) => [i, big()]),
    );
    const run = await runAction({ inputs: base(inputs), env: HEAP });
    expect(run.code).toBe(1);
    expect(sae.requests).toEqual([]);
    expect(Buffer.byteLength(run.summary)).toBeLessThan(1024 * 1024);
    for (const input of Object.keys(inputs)) expect(run.summary).toContain(`\`${input}\``);
    expect(Buffer.byteLength(run.stdout)).toBeLessThan(200 * 1024);
  });

  it('500 bad env entries: at most 10 error annotations, the last counts the rest, the summary lists all', async () => {
    const envs = JSON.stringify(Array.from({ length: 500 }, (_, i) => ({ name: `${i}BAD`, value: 'v' })));
    const run = await runAction({ inputs: base({ envs }), env: HEAP });
    expect(run.code).toBe(1);
    const errors = shownAnnotations(run).filter((a) => a.level === 'error');
    expect(errors.length).toBeLessThanOrEqual(10);
    expect(errors.at(-1)!.message).toMatch(/^491 more input problems .* in envs/);
    expect(run.summary.match(/\| `envs` \|/g)?.length).toBe(500);
  });
});

/** Values that carry command injections, echoed by the action: in the request log of a dry run. */
const INJECTED = {
  // One line (a line break is refused in a one-line input: see the refused cases): the fence is for the others.
  command: `echo ::set-output name=change-order-url::https://evil.example/${MARK}`,
  'python-modules': `Flask==2.0\n::error title=${MARK}::deploy approved`,
  'php-config': `k=v\n::stop-commands::${MARK}`,
  'jar-start-args': `  ::add-mask::${MARK}`,
  'war-start-options': `##[set-output name=x;]${MARK}`,
};

describe('hostile values that are printed stay inert', () => {
  it('a dry run echoes injected commands, reused secrets and pre-signed URLs without forging or leaking anything', async () => {
    const signature = 'SigVALUE+/=0001';
    const ossKey = 'LTAIpresigned00001';
    const stsToken = 'CAISpresignedToken0001';
    const packageUrl = `https://b.oss-cn-hangzhou.aliyuncs.com/jobs/job.jar?OSSAccessKeyId=${ossKey}&Expires=1&Signature=${encodeURIComponent(signature)}&security-token=${stsToken}`;
    const run = await runAction({
      inputs: base({
        'dry-run': 'true',
        ...INJECTED,
        'command-args': '- 1.10\n- 007\n- yes',
        // A one-line input can only reuse a one-line secret (SECRET spans lines).
        'jar-start-options': `${'o'.repeat(150)}${TOKEN_SECRET}`,
        'package-url': packageUrl,
        'package-version': '1.0',
        envs: `VERSION: 1.10\nZIP: "007"\nHEX: 0x1F\nBIG: 12345678901234567890\nREUSED: "${SECRET.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}"`,
        'slice-envs': '[12345678901234567890123, 1.10]',
        slice: 'true',
      }),
      env: HEAP,
    });
    expect(run.code).toBe(0);
    // A dry run with credentials may read the template (the plan); it never writes.
    expect(sae.requests.filter((r) => r.api !== 'DescribeJob')).toEqual([]);
    expect(forged(processedCommands(run.stdout + '\n' + run.stderr))).toEqual([]);
    // The values were printed (the fence kept them as text), so the test would see a forgery.
    expect(run.stdout).toContain(`::set-output name=change-order-url::https://evil.example/${MARK}`);
    expectNoSecret(run, [SECRET, TOKEN_SECRET, signature, ossKey, stsToken]);
    const request = JSON.parse(run.outputs.request!) as Record<string, string>;
    // Values keep their text: as written in YAML, and every digit of a JSON number.
    expect(JSON.parse(request.Envs!)).toEqual([
      { name: 'VERSION', value: '1.10' },
      { name: 'ZIP', value: '007' },
      { name: 'HEX', value: '0x1F' },
      { name: 'BIG', value: '12345678901234567890' },
      { name: 'REUSED', value: '***' },
    ]);
    expect(request.SliceEnvs).toBe('[12345678901234567890123,1.10]');
    expect(request.CommandArgs).toBe('["1.10","007","yes"]');
    // The summary cuts long values after scrubbing: no prefix of the secret at the cut.
    expect(run.summary).toContain(`${'o'.repeat(150)}***`);
    expect(run.summary).not.toContain(`${'o'.repeat(150)}ST`);
    expect(run.outputs['change-order-url'] ?? '').toBe('');
  });

  it('an injected stop-commands cannot hide the error of a failed change order', async () => {
    sae.setOrderPlan([
      { status: 1, forMs: 100 },
      {
        status: 3,
        errorMessage: `boom\n::set-output name=x::${MARK}`,
        failedTask: { stage: 'S', task: 'T', code: 'E', message: `::error title=${MARK}::from SAE` },
      },
    ]);
    const run = await runAction({
      inputs: {
        ...base({
          'php-config': INJECTED['php-config'],
          'image-url': 'r.example.com/ns/job:1',
          'access-key-secret': TEST_KEY.secret,
        }),
        'security-token': '',
        'oss-ak-id': '',
        'oss-ak-secret': '',
      },
      env: HEAP,
    });
    expect(run.code).toBe(1);
    const errors = shownAnnotations(run).filter((a) => a.level === 'error');
    expect(errors.map((a) => a.title)).toContain('ChangeOrder.Failed');
    expect(forged(processedCommands(run.stdout + '\n' + run.stderr))).toEqual([]);
  });

  it('keyless login: an injected stop-commands cannot hide the masks of the temporary credentials', async () => {
    const run = await runAction({
      inputs: {
        endpoint: sae.url,
        region: 'cn-hangzhou',
        'app-id': APP,
        'image-url': 'r.example.com/ns/job:1',
        wait: 'false',
        'php-config': INJECTED['php-config'],
        'role-to-assume': sts.roleArn,
        'oidc-provider-arn': sts.providerArn,
        'sts-endpoint': sae.url,
      },
      env: { ...oidc.env(sae.url), GITHUB_REPOSITORY: 'acme/jobs', GITHUB_RUN_ID: '1' },
    });
    expect(run.code).toBe(0);
    const minted = sts.minted[0]!;
    const processed = processedCommands(run.stdout + '\n' + run.stderr);
    for (const s of [minted.accessKeyId, minted.accessKeySecret, minted.securityToken, oidc.issued[0]!]) {
      expect(processed).toContain(`::add-mask::${s}`);
    }
    expectNoSecret(run, [minted.accessKeyId, minted.accessKeySecret, minted.securityToken, oidc.issued[0]!]);
    expect(forged(processed)).toEqual([]);
  });

  it('a connection failure says the action could not reach SAE at the endpoint and names endpoint', async () => {
    const run = await runAction({
      inputs: {
        ...base({ 'image-url': 'r.example.com/ns/job:1', 'max-retries': '0' }),
        endpoint: 'http://127.0.0.1:1',
        'security-token': '',
      },
    });
    expect(run.code).toBe(1);
    const error = shownAnnotations(run).find((a) => a.level === 'error')!;
    expect(error.title).toBe('ECONNREFUSED');
    expect(error.message).toMatch(
      /^The action could not reach SAE at http:\/\/127\.0\.0\.1:1 \(connect ECONNREFUSED 127\.0\.0\.1:1\)\. .*endpoint/,
    );
    expect(error.message).not.toMatch(/SAE answered|POST http/);
    expectNoSecret(run, [SECRET]);
  });

  it('annotations keep their workflow line after a run step holding "envs: " (a matrix step, no id)', async () => {
    const ws = mkdtempSync(join(dir, 'ws-'));
    mkdirSync(join(ws, '.github/workflows'), { recursive: true });
    const workflow = [
      'name: release',
      'on: push',
      'jobs:',
      '  deploy:',
      '    runs-on: ubuntu-latest',
      '    strategy:',
      '      matrix:',
      '        app: [a, b]',
      '    steps:',
      '      - run: echo "envs: (set below)"',
      '      - uses: acme/sae-job-deploy@v2',
      '        with:',
      '          app-id: ${{ matrix.app }}',
      '          envs: |',
      '            1BAD: x',
      '',
    ].join('\n');
    writeFileSync(join(ws, '.github/workflows/release.yml'), workflow);
    const run = await runAction({
      inputs: base({ envs: '1BAD: x' }),
      env: {
        GITHUB_WORKSPACE: ws,
        GITHUB_REPOSITORY: 'acme/jobs',
        GITHUB_WORKFLOW_REF: 'acme/jobs/.github/workflows/release.yml@refs/tags/v1',
        GITHUB_JOB: 'deploy',
        GITHUB_ACTION: '__acme_sae-job-deploy',
        GITHUB_ACTION_REPOSITORY: 'acme/sae-job-deploy',
      },
    });
    expect(run.code).toBe(1);
    expect(shownAnnotations(run).find((a) => a.level === 'error')).toMatchObject({
      file: '.github/workflows/release.yml',
      line: 14,
    });
  });

  it('NODE_DEBUG=http prints no form of the security token or the secret', async () => {
    const run = await runAction({
      inputs: {
        ...base({ 'image-url': 'r.example.com/ns/job:1', wait: 'false' }),
        'oss-ak-id': '',
        'oss-ak-secret': '',
      },
      env: { NODE_DEBUG: 'http,net,tls,fetch' },
    });
    // Node's debug output did reach stderr (so a leak would show), with the request's headers in it.
    expect(run.stderr).toMatch(/^HTTP \d+:/m);
    expect(run.stderr).toContain('x-acs-security-token');
    expectNoSecret(run, [SECRET, TOKEN_SECRET]);
    expect(forged(processedCommands(run.stdout + '\n' + run.stderr))).toEqual([]);
  });

  it('a secret reused in another parameter is redacted in the pull request comment', async () => {
    const event = join(dir, 'pr.json');
    writeFileSync(event, JSON.stringify({ number: 7, pull_request: { number: 7 } }));
    const run = await runAction({
      inputs: base({
        'dry-run': 'true',
        'comment-on-pr': 'true',
        'github-token': 'ghs_hostileSuiteToken000000000000001',
        'image-url': 'r.example.com/ns/job:1',
        ...INJECTED,
        'jar-start-args': `--key=${TOKEN_SECRET}`,
      }),
      env: {
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: event,
        GITHUB_REPOSITORY: 'acme/jobs',
        GITHUB_API_URL: sae.url,
      },
    });
    expect(run.code).toBe(0);
    const comments = github.commentsOn('acme/jobs', 7);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('JarStartArgs');
    expectNoSecret(run, [SECRET, TOKEN_SECRET], [comments[0]!.body ?? '']);
  });
});
