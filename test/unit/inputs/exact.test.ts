// Structured inputs read with bounds and exact values (src/inputs/exact.ts), and through readParameters.
import type { ParameterInput } from '../../../src/contract/parameters.js';
import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, parseExact, plain, stringifyExact } from '../../../src/inputs/exact.js';
import { readParameters } from '../../../src/inputs/read.js';

const APP = '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa';
const read = (inputs: Record<string, string>) =>
  readParameters((n) => (({ 'app-id': APP, ...inputs }) as Record<string, string>)[n] ?? '');
const wire = async (inputs: Record<string, string>, input: ParameterInput) => {
  const r = await read(inputs);
  expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return r.values.get(input)!.wire;
};

describe('exact values', () => {
  it('envs and command-args keep the source text of YAML scalars', async () => {
    expect(
      JSON.parse(
        await wire(
          { envs: 'VERSION: 1.10\nZIP: 01234\nHEX: 0x1F\nBIG: 1234567890123456789\nYES: yes\nON: true\nF: 1e3' },
          'envs',
        ),
      ),
    ).toEqual([
      { name: 'VERSION', value: '1.10' },
      { name: 'ZIP', value: '01234' },
      { name: 'HEX', value: '0x1F' },
      { name: 'BIG', value: '1234567890123456789' },
      { name: 'YES', value: 'yes' },
      { name: 'ON', value: 'true' },
      { name: 'F', value: '1e3' },
    ]);
    expect(await wire({ envs: '[{"name":"V","value":1.10}]' }, 'envs')).toBe('[{"name":"V","value":"1.10"}]');
    expect(await wire({ 'command-args': '- 1.10\n- 007\n- 0x1F\n- "x"' }, 'command-args')).toBe(
      '["1.10","007","0x1F","x"]',
    );
  });

  it('JSON numbers reach the wire with every digit', async () => {
    expect(await wire({ 'slice-envs': '[12345678901234567890123, 1.10, -0, 2E+5]', slice: 'true' }, 'slice-envs')).toBe(
      '[12345678901234567890123,1.10,-0,2E+5]',
    );
    expect(
      await wire(
        {
          'trigger-config': '{"type":"http","config":{"n":123456789012345678901234567890,"f":0.10000000000000000001}}',
        },
        'trigger-config',
      ),
    ).toBe('{"type":"http","config":{"n":123456789012345678901234567890,"f":0.10000000000000000001}}');
    // A YAML number that is not JSON is sent as its value.
    expect(stringifyExact(((await parseExact('{a: 0x1F, b: +5}')) as { value: unknown }).value)).toBe('{"a":31,"b":5}');
  });

  it('refuses a duplicate key, naming it, in JSON and YAML', async () => {
    for (const text of ['{"A":"1","A":"2"}', 'A: 1\nA: 2', '[{"name":"x","name":"y"}]']) {
      const r = await parseExact(text);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.reason).toMatch(/key "(A|name)" twice/);
    }
  });

  it('keeps __proto__ as data', async () => {
    const r = await parseExact('{"__proto__": {"polluted": true}}');
    expect(r.ok && Object.keys(plain(r.value) as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('bounded parsing', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['flow nesting', '['.repeat(20000) + ']'.repeat(20000), /nests more than/],
    ['block nesting', '- '.repeat(30000) + 'x', /nests more than/],
    ['nesting just past the limit', '['.repeat(MAX_DEPTH + 2) + ']'.repeat(MAX_DEPTH + 2), /nests more than/],
    [
      'an alias bomb',
      'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      /aliases/,
    ],
    ['a large input', `["${'x'.repeat(70 * 1024)}"]`, /KiB/],
  ];
  it.each(cases)('%s: a reason in well under a second', async (_, text, reason) => {
    const started = performance.now();
    const r = await parseExact(text);
    expect(performance.now() - started).toBeLessThan(500);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(reason);
  });

  it('accepts what real inputs look like: some nesting, a few aliases', async () => {
    expect((await parseExact('['.repeat(MAX_DEPTH - 1) + '1' + ']'.repeat(MAX_DEPTH - 1))).ok).toBe(true);
    expect((await parseExact('base: &b {x: 1}\nuse: [*b, *b]')).ok).toBe(true);
  });

  it('names the input and what was given when the type is wrong', async () => {
    const r = await read({ 'command-args': '{"a":1}' });
    expect(r.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^command-args must be a list, not a mapping\./),
    ]);
    const e = await read({ envs: '[{"name":"A","value":{"x":1}}]' });
    expect(e.problems[0]!.message).toMatch(/envs\[0\]\.value must be a string, not a mapping/);
    const m = await read({ 'mount-desc': '[{"nasPath":"/"}]' });
    expect(m.problems[0]!.message).toMatch(/mount-desc\[0\]\.mountPath is missing/);
    const words = async (inputs: Record<string, string>) =>
      (await read(inputs)).problems.map((p) => p.message.replace(/ For example.*/, ''));
    expect(await words({ 'config-map-mount-desc': '[{"configMapId":1.5,"key":"k","mountPath":"/m"}]' })).toEqual([
      'config-map-mount-desc[0].configMapId must be a whole number or a string, not number 1.5.',
    ]);
    expect(await words({ 'config-map-mount-desc': '[{"configMapId":-3,"key":"k","mountPath":"/m"}]' })).toEqual([
      'config-map-mount-desc[0].configMapId must be more than 0, not number -3.',
    ]);
    expect(await words({ 'tomcat-config': '{"port":1.5}' })).toEqual([
      'tomcat-config.port must be a whole number, not number 1.5.',
    ]);
    expect((await words({ 'command-args': '"x"' }))[0]).toMatch(
      /^command-args could not be read: it is a single value \("x"\), not a list or mapping\./,
    );
    for (const m of [
      ...(await words({ 'slice-envs': '[[1]]', slice: 'true' })),
      ...(await words({ envs: '[{"name":"A","configMapId":{},"valueFrom":"configMapRef"}]' })),
    ]) {
      expect(m).not.toMatch(/Invalid input|is missing|any accepted form/);
    }
  });
});
