// The headers of test/e2e/ and test/dist/ say truly how their files run the action, read against the code: a
// header that says "bundle" runs dist/index.js as a child process (runAction or useEmulator's bundle(),
// test/helpers/action.ts); one that says "in-process" runs run(deps) (runInProcess, test/helpers/in-process.ts,
// useEmulator's run(), or run() itself); a file that runs both says both, and one that runs against the emulator,
// a hostile server or a canned server names it. A file that runs the action neither way (it reads dist/, or runs
// an npm script) is held only to not saying "in-process".
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const TEST = resolve(import.meta.dirname, '..');

/** The comment lines a file opens with, joined. */
export function header(text: string): string {
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('//')) break;
    lines.push(line.replace(/^\/\/ ?/, ''));
  }
  return lines.join(' ');
}

type Way = 'bundle' | 'in-process';

/** How the header says the file runs: file names and paths (rollback-bundle.test.ts) are not claims. */
export function claimed(head: string): Way[] {
  const words = head.replace(/\S+\.(test\.)?[jt]s\b|\S*\/\S*/g, ' ');
  return [
    ...(/\bbundled?\b/i.test(words) || /dist\/index\.js/.test(head) ? (['bundle'] as const) : []),
    ...(/\bin-process\b/i.test(words) ? (['in-process'] as const) : []),
  ];
}

/** How the code runs the action, from the helpers it calls. */
export function ran(text: string): Way[] {
  const body = text.slice(header(text).length);
  const handles = [...body.matchAll(/\b(\w+)\s*=\s*useEmulator\(/g)].map((m) => m[1]!);
  const on = (method: string) => handles.some((h) => new RegExp(`\\b${h}\\.${method}\\(`).test(body));
  const bundle = /\brunAction\(/.test(body) || on('bundle');
  const inProcess =
    /\brunInProcess\(/.test(body) ||
    on('run') ||
    (/import \{[^}]*\brun\b[^}]*\} from '\.\.\/\.\.\/src\/main\.js'/.test(body) && /\brun\(\{/.test(body));
  return [...(bundle ? (['bundle'] as const) : []), ...(inProcess ? (['in-process'] as const) : [])];
}

/** What the file runs against, each with the words its header must use for it. */
export function against(text: string): [string, RegExp][] {
  return [
    [/from '\.\.\/emulator\/|useEmulator\(/.test(text), 'the emulator', /\bemulators?\b/i] as const,
    [/helpers\/hostile-server\.js'/.test(text), 'a hostile server', /\bhostile server\b/i] as const,
    [/helpers\/canned-server\.js'/.test(text), 'a canned server', /\bcanned\b/i] as const,
  ]
    .filter(([uses]) => uses)
    .map(([, what, words]) => [what, words]);
}

/** What is untrue or missing in a file's header, or nothing. */
export function untrue(text: string): string[] {
  const head = header(text);
  if (!head.trim()) return ['no header'];
  const says = claimed(head);
  const does = ran(text);
  if (does.length === 0) return says.includes('in-process') ? ['says in-process, runs nothing in-process'] : [];
  const out: string[] = [];
  for (const way of ['bundle', 'in-process'] as const) {
    if (says.includes(way) && !does.includes(way)) out.push(`says ${way}, never runs ${way}`);
    if (!says.includes(way) && does.includes(way)) out.push(`runs ${way}, does not say so`);
  }
  for (const [what, words] of against(text)) if (!words.test(head)) out.push(`runs against ${what}, does not say so`);
  return out;
}

const files = ['e2e', 'dist'].flatMap((dir) =>
  readdirSync(join(TEST, dir))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `${dir}/${f}`),
);

describe('the headers of test/e2e/ and test/dist/', () => {
  it('say truly how each file runs the action and against what', () => {
    expect(files.length).toBeGreaterThan(30);
    const wrong = files.flatMap((f) =>
      untrue(readFileSync(join(TEST, f), 'utf8')).map((problem) => `test/${f}: ${problem}`),
    );
    expect(wrong).toEqual([]);
  });

  it('are read as the words and calls say (the checker itself)', () => {
    const file = (head: string, body: string) =>
      `${head
        .split('\n')
        .map((l) => `// ${l}`)
        .join('\n')}\n${body}`;
    const inProcess = "const h = useEmulator();\nit('x', async () => { await h.run({}); });";
    const bundle = "import { runAction } from '../helpers/action.js';\nawait runAction({});";
    // A header that says bundle over in-process runs: today's deploy.test.ts before its header was put right.
    expect(untrue(file('the bundled action, against the emulator', inProcess))).toEqual([
      'says bundle, never runs bundle',
      'runs in-process, does not say so',
    ]);
    expect(untrue(file('in-process against the emulator', inProcess))).toEqual([]);
    expect(untrue(file('in-process', inProcess))).toEqual(['runs against the emulator, does not say so']);
    expect(untrue(file('through the bundle', bundle))).toEqual([]);
    expect(untrue(file('in-process', bundle))).toEqual([
      'runs bundle, does not say so',
      'says in-process, never runs in-process',
    ]);
    expect(untrue(file('through the bundle', `${bundle}\nconst h = useEmulator();\nh.bundle({});`))).toEqual([
      'runs against the emulator, does not say so',
    ]);
    // A file name is not a claim; a file that runs nothing may name the bundle it reads.
    expect(claimed('The runner’s side is in rollback-bundle.test.ts; see test/helpers/action.ts')).toEqual([]);
    expect(untrue(file('The committed bundle is built on the toolkit.', "readFileSync('dist/index.js');"))).toEqual([]);
    expect(untrue('import x;')).toEqual(['no header']);
  });
});
