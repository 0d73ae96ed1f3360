// An answer to the first call (DescribeJob, before anything is sent) that every later call would get too ends
// the run there: no ListChangeOrders, no UpdateJob, one error. Any other failure of that read leaves the deploy
// going (with a warning). In-process against the emulator, on a virtual clock.
import { lookup } from 'node:dns/promises';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/report/catalogue.js';
import { AUTHORITATIVE, DOCUMENTED_TRANSIENT } from '../../src/sae/codes.js';
import { DEFAULT_CREDENTIALS } from '../emulator/index.js';
import { emulatorInputs, TEST_KEY, useEmulator, visibleLog, type ActionRun } from '../helpers/action.js';
import { mulberry32 } from '../helpers/random.js';

const APP = '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa';
const IMAGE = 'r.example.com/ns/job:3';
const h = useEmulator({ plan: [{ status: 1, forMs: 100 }, { status: 2 }] });

const apis = () => h.sae.requests.map((r) => r.api);

/** Stopped at DescribeJob: one request, one error titled `code`, nothing planned or sent. */
function stoppedAt(run: ActionRun, code: string): void {
  expect(apis(), code).toEqual(['DescribeJob']);
  expect(run.code, code).toBe(1);
  expect(run.outputs.status, code).toBe('failed');
  expect(run.outputs['error-code'], code).toBe(code);
  const errors = run.annotations.filter((a) => a.level === 'error');
  expect(errors.map((e) => e.title)).toEqual([code]);
  expect(
    run.annotations.some((a) => a.title === 'Plan not read'),
    code,
  ).toBe(false);
}

describe('stops at an answer UpdateJob would get too', () => {
  const [, stsKey] = DEFAULT_CREDENTIALS;
  const CASES: Array<[string, string, Record<string, string>]> = [
    ['an unknown AccessKey id', 'InvalidAccessKeyId.NotFound', { 'access-key-id': 'LTAI5tNoSuchKey000000001' }],
    ['a wrong secret', 'SignatureDoesNotMatch', { 'access-key-secret': 'NotTheSecret0000000000000000001' }],
    [
      'a temporary key without its token',
      'MissingSecurityToken',
      { 'access-key-id': stsKey!.accessKeyId, 'access-key-secret': stsKey!.accessKeySecret },
    ],
    ['an unknown template', 'InvalidApplication.NotFound', { 'app-id': '00000000-0000-4000-8000-000000000000' }],
  ];
  for (const [what, code, inputs] of CASES) {
    it(`${what}: ${code} at DescribeJob, and nothing after it`, async () => {
      const run = await h.run({ inputs: emulatorInputs(h.sae.url, { 'app-id': APP, 'image-url': IMAGE, ...inputs }) });
      stoppedAt(run, code);
    });
  }

  it('every code on the list, whatever the settings (seeded variants)', async () => {
    const seed = Number(process.env.SEED ?? Date.now() % 100_000);
    const random = mulberry32(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    for (const code of AUTHORITATIVE) {
      h.sae.reset();
      const status = CATALOGUE.get(code)?.status ?? 400;
      h.sae.script({ api: 'DescribeJob', error: { status, code } });
      const inputs = {
        'app-id': APP,
        'image-url': IMAGE,
        'if-unchanged': pick(['deploy', 'skip']),
        'if-busy': pick(['wait', 'fail']),
        'max-retries': pick(['0', '1', '3']),
        'run-after-deploy': pick(['true', 'false']),
      };
      const run = await h.run({ inputs: emulatorInputs(h.sae.url, inputs) });
      stoppedAt(run, code);
      // Explained as the catalogue says (the cause, then the fix that names the inputs).
      expect(run.annotations.find((a) => a.level === 'error')!.message, `${code}, seed ${seed}`).toContain(
        CATALOGUE.get(code)!.fix,
      );
    }
  });

  it('any other failure of that read leaves the deploy going (a seeded sample of the catalogue)', async () => {
    const seed = Number(process.env.SEED ?? Date.now() % 100_000);
    const random = mulberry32(seed);
    const others = [...CATALOGUE.keys()].filter((c) => !AUTHORITATIVE.has(c));
    const sample = others.filter(() => random() < 0.25);
    for (const code of sample) {
      h.sae.reset();
      h.sae.script({ api: 'DescribeJob', error: { status: CATALOGUE.get(code)!.status ?? 400, code } });
      const run = await h.run({ inputs: emulatorInputs(h.sae.url, { 'app-id': APP, 'image-url': IMAGE }) });
      expect(apis(), `${code}, seed ${seed}`).toContain('UpdateJob');
      expect(run.outputs.status, `${code}, seed ${seed}`).toBe('succeeded');
      // A transient code is asked again and then read; any other is a warning, and the deploy goes on.
      const warned = run.annotations.some((a) => a.title === 'Plan not read');
      expect(warned, `${code}, seed ${seed}`).toBe(
        !DOCUMENTED_TRANSIENT.has(code) || code === 'Application.ChangerOrderRunning',
      );
    }
  });
});

describe('an AccessKey id that does not look like one', () => {
  it('is masked and warned about before any request (here the secret itself, pasted into access-key-id)', async () => {
    const pasted = 'Xq7pLmN2vR8sT4wY6zA1bC3dE5fG9h';
    const lines: string[] = [];
    const run = await h.run({
      inputs: emulatorInputs(h.sae.url, { 'app-id': APP, 'image-url': IMAGE, 'access-key-id': pasted }),
      onLog: (l) => lines.push(l),
    });
    const warning = lines.findIndex((l) => l.startsWith('::warning title=Input access-key-id::'));
    expect(warning).toBeGreaterThan(-1);
    expect(lines[warning]).toContain('access-key-id does not look like an AccessKey id');
    expect(lines.slice(0, warning).filter((l) => l.startsWith('::add-mask::'))).toContain(`::add-mask::${pasted}`);
    stoppedAt(run, 'InvalidAccessKeyId.NotFound');
    for (const shown of [visibleLog(run), run.summary, JSON.stringify(run.outputs)])
      expect(shown).not.toContain(pasted);
  });

  it('from the environment too, naming the variable; an id of the usual shapes is not warned about', async () => {
    const env = (id: string) => ({ ALIBABA_CLOUD_ACCESS_KEY_ID: id, ALIBABA_CLOUD_ACCESS_KEY_SECRET: TEST_KEY.secret });
    const inputs = { endpoint: h.sae.url, region: 'cn-hangzhou', 'app-id': APP, 'image-url': IMAGE };
    const odd = await h.run({ inputs, env: env('my key id') });
    expect(odd.annotations.find((a) => a.title === 'Input access-key-id')?.message).toMatch(
      /^ALIBABA_CLOUD_ACCESS_KEY_ID does not look like an AccessKey id .* ALIBABA_CLOUD_ACCESS_KEY_SECRET its secret\.$/,
    );
    for (const id of [TEST_KEY.id, 'STS.NUgYrLnoC37mZZCNnAbez2jC6', 'ABCDEFGH12345678']) {
      const run = await h.run({ inputs, env: env(id) });
      expect(
        run.annotations.filter((a) => a.title === 'Input access-key-id'),
        id,
      ).toEqual([]);
    }
  });
});

describe('a host that does not resolve', () => {
  // The resolver's answer for a name that does not exist; a machine without one answers EAI_AGAIN (retried).
  const host = 'sae.cn-hangzou.aliyuncs.com';
  const nxdomain = lookup(host).then(
    () => false,
    (e: NodeJS.ErrnoException) => e.code === 'ENOTFOUND',
  );

  it('is asked once, and the error repeats the region suggestion', async (ctx) => {
    if (!(await nxdomain)) ctx.skip(`${host} does not answer ENOTFOUND on this machine`);
    const run = await h.run({
      inputs: {
        region: 'cn-hangzou',
        'app-id': APP,
        'image-url': IMAGE,
        'access-key-id': TEST_KEY.id,
        'access-key-secret': TEST_KEY.secret,
      },
      env: { RUNNER_DEBUG: '1' },
    });
    const calls = run.stdout.split('\n').filter((l) => /^::debug::SAE \w+: /.test(l));
    expect(calls).toEqual([expect.stringMatching(/^::debug::SAE DescribeJob: failed: ENOTFOUND/)]);
    const errors = run.annotations.filter((a) => a.level === 'error');
    expect(errors.map((e) => e.title)).toEqual(['ENOTFOUND']);
    expect(errors[0]!.message).toContain('did you mean cn-hangzhou?');
    expect(run.outputs.status).toBe('failed');
  });
});

it('a name given as app-id is refused before any request, and the error says to use app-name', async () => {
  const run = await h.run({ inputs: emulatorInputs(h.sae.url, { 'app-id': 'report-job', 'image-url': IMAGE }) });
  const errors = run.annotations.filter((a) => a.level === 'error');
  expect(errors.map((e) => e.title)).toEqual(['InvalidParameter.WithMessage']);
  expect(errors[0]!.message).toMatch(/app-id "report-job" is not the id of a job template.*use app-name/);
  expect(h.sae.requests).toEqual([]);
});
