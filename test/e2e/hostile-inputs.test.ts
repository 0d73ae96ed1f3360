// Inputs refuse what cannot be right, before any request (issue 20, point 6), in-process against the emulator:
// every input of the action, each given a character it may not hold (a control, bidirectional, line-break or
// invisible character, drawn from each class, at its start, middle or end), fails with one error that names
// the input and the character, and nothing at all is sent; what each input may hold (its table) still passes.
// The ids of a fixed shape (app-id, the ARNs) and image-url refuse the values the issue names.
//
// The seed is printed; HOSTILE_INPUTS_SEED=<seed> replays a failure.
import { describe, expect, it } from 'vitest';
import { SECRET_INPUTS } from '../../src/deploy/begin.js';
import { SETTING_INPUTS } from '../../src/contract/action-inputs.js';
import { allowanceOf } from '../../src/inputs/characters.js';
import { PARAMETERS, PARAMETER_BY_INPUT } from '../../src/contract/parameters.js';
import { githubOidc } from '../emulator/github.js';
import { stsEmulator } from '../emulator/sts.js';
import { emulatorInputs, useEmulator, type ActionRun } from '../helpers/action.js';
import { mulberry32 } from '../helpers/random.js';

const SEED = Number(process.env.HOSTILE_INPUTS_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.log(`hostile-inputs: seed ${SEED} (replay: HOSTILE_INPUTS_SEED=${SEED})`);

const APP = '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa';
const IMAGE = 'registry.cn-hangzhou.aliyuncs.com/ns/job:22';

/** Refused in every input. */
const NEVER = [
  '\u0000',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009b',
  '\u2028',
  '\u2029',
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  'a\rb',
];
/** Refused unless the input is free text ('prose'). */
const INVISIBLE = [
  '\u200b',
  '\u200c',
  '\u200d',
  '\u200e',
  '\u200f',
  '\u2060',
  '\u00ad',
  '\u180e',
  '\u3164',
  '\u061c',
  '\u{e0041}',
];
/** Refused in one-line inputs. */
const LINE = ['\n', '\t', '\r\n'];

const h = useEmulator();
const oidc = githubOidc();
const sts = stsEmulator({ issuer: oidc, register: () => undefined, subjects: ['repo:*'] });

/** A run that would deploy, but for the one input under test. */
const run = (inputs: Record<string, string>): Promise<ActionRun> => {
  if (!h.sae.handlers.length) h.sae.handlers.push(oidc.handler, sts.handler);
  return h.run({
    inputs: emulatorInputs(h.sae.url, { 'app-id': APP, 'image-url': IMAGE, ...inputs }),
    env: oidc.env(h.sae.url),
  });
};

function expectRefusedBeforeTheNetwork(r: ActionRun, input: string, says: RegExp): void {
  expect(r.code).toBe(1);
  expect(r.stderr).toBe('');
  // Nothing sent anywhere: not to SAE, not to STS, not for a token.
  expect(h.sae.requests).toEqual([]);
  // One error says it (rules between inputs, e.g. a pair half set, may add their own).
  const errors = r.annotations.filter((a) => a.level === 'error' && a.message.startsWith(`${input} `));
  expect(
    errors.filter((a) => says.test(a.message)),
    JSON.stringify(r.annotations),
  ).toHaveLength(1);
  expect(r.stdout).not.toContain('Action.InternalError');
}

const NAMES = [...PARAMETERS.map((p) => p.input), ...SETTING_INPUTS.map((s) => s.name)];
const hex = (c: string) => `U+${c.replace('a\rb', '\r').codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

interface Case {
  input: string;
  value: string;
  char: string;
}

function cases(seed: number): Case[] {
  const random = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  return NAMES.map((input) => {
    const allow = allowanceOf(input, PARAMETER_BY_INPUT.get(input), SECRET_INPUTS.includes(input));
    const classes = [NEVER, ...(allow === 'prose' ? [] : [INVISIBLE]), ...(allow === 'line' ? [LINE] : [])];
    const char = pick(pick(classes));
    // Somewhere in a value; at the ends only what trimming keeps (an input is trimmed, as @actions/core does).
    const at = /^\s$/.test(char) || char === '\r\n' ? 'middle' : pick(['start', 'middle', 'end']);
    const value = at === 'start' ? `${char}value` : at === 'end' ? `value${char}` : `val${char}ue`;
    return { input, value, char };
  });
}

describe(`every input × a character it may not hold: refused, nothing sent (seed ${SEED})`, () => {
  it.each(cases(SEED).map((c) => [c.input, hex(c.char), c] as const))('%s with %s', async (_input, code, c) => {
    const r = await run({ [c.input]: c.value });
    expectRefusedBeforeTheNetwork(r, c.input, new RegExp(`^${c.input} holds ${code.replace('+', '\\+')}`));
  });
});

describe('what the table allows passes', () => {
  it('line breaks in structured inputs and clear; the marks of written text in free-text ones', async () => {
    const r = await run({
      'dry-run': 'true',
      envs: 'GREETING: "שלום\u200f, world \u{1f468}\u200d\u{1f469}"\nLINES: "a\\tb"',
      'command-args': '- "دستور\u200cالعمل"\n- b',
      'python-modules': 'Flask==2.0\nrequests==2.31',
      'php-config': 'memory_limit = 128M\n\tdisplay_errors = Off',
      clear: 'nas-id\nmount-host',
    });
    expect(r.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(r.code).toBe(0);
  });
});

describe('the values the issue names', () => {
  it.each([
    ['app-id', '../../etc/passwd', /not the id of a job template/],
    ['app-id', `${APP.slice(0, 8)}\u202e${APP.slice(8)}`, /holds U\+202E \(a right-to-left override\)/],
    ['app-id', `${APP}\u200b`, /holds U\+200B \(a zero-width space\) at its end/],
    ['image-url', '../../etc/passwd', /not an image reference/],
    ['image-url', `${IMAGE}\u202e`, /holds U\+202E/],
    ['image-url', `${IMAGE}\u200b`, /holds U\+200B \(a zero-width space\) at its end/],
    ['ref-app-id', 'job-a', /not the id of a job template/],
    ['acr-assume-role-arn', 'arn:aws:iam::1:role/x', /not a RAM role ARN/],
  ])('%s: %j', async (input, value, says) => {
    expectRefusedBeforeTheNetwork(await run({ [input]: value }), input, says);
  });

  it.each([
    ['role-to-assume', 'not-an-arn', /not a RAM role ARN, acs:ram::<account id>:role\/<role name>/],
    ['role-to-assume', 'acs:ram::123456789012:oidc-provider/GitHub', /not a RAM role ARN/],
    ['oidc-provider-arn', 'acs:ram::123456789012:role/github-deploy', /not a RAM OIDC provider ARN/],
    ['oidc-provider-arn', 'acs:ram::12345678901x:oidc-provider/GitHub', /not a RAM OIDC provider ARN/],
  ])('keyless login, %s: %j: no token fetched, no STS call', async (input, value, says) => {
    const keyless = { 'role-to-assume': sts.roleArn, 'oidc-provider-arn': sts.providerArn, 'sts-endpoint': h.sae.url };
    const r = await run({ 'access-key-id': '', 'access-key-secret': '', ...keyless, [input]: value });
    expectRefusedBeforeTheNetwork(r, input, says);
    expect(oidc.issued).toEqual([]);
  });
});
