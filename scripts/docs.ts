// Generates action.yml and the README's input and output tables from the contract room (src/contract/parameters.ts,
// src/contract/action-inputs.ts, src/contract/outputs.ts). `npm run docs` writes them; test/unit/contract/parameters.test.ts
// fails when the committed files differ from what this renders. The lists below are typed by the room: a name that
// is not an input fails to compile.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PARAMETERS } from '../src/contract/parameters.js';
import { SETTING_INPUTS, type InputName } from '../src/contract/action-inputs.js';
import { OUTPUTS } from '../src/contract/outputs.js';

export const ROOT = resolve(import.meta.dirname, '..');

function yamlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/**
 * The order of action.yml's inputs, as a user reads them (the marketplace page and editors list them so):
 * what to deploy to, what to deploy, how to sign in, how the step behaves; every other input follows in
 * the order of its table.
 */
export const INPUT_ORDER_FOR_READERS: readonly InputName[] = [
  'app-id',
  'region',
  'image-url',
  'package-url',
  'package-version',
  'programming-language',
  'jdk',
  'web-container',
  'spec',
  'app-name',
  'namespace-id',
  'access-key-id',
  'access-key-secret',
  'security-token',
  'role-to-assume',
  'oidc-provider-arn',
  'role-session-name',
  'oidc-audience',
  'sts-endpoint',
  'wait',
  'wait-timeout',
  'on-timeout',
  'if-busy',
  'confirm-batches',
  'dry-run',
  'comment-on-pr',
  'github-token',
];

export function renderActionYml(): string {
  const lines = [
    '# Generated from src/contract/ (parameters.ts, action-inputs.ts, outputs.ts) by `npm run docs`; do not edit by hand.',
    'name: SAE Job Deploy',
    "description: 'Deploy an Alibaba Cloud Serverless App Engine (SAE) job template with UpdateJob and wait for its change order.'",
    'author: sae-job-deploy',
    'branding:',
    '  icon: upload-cloud',
    '  color: orange',
    'inputs:',
  ];
  const params = new Map<string, (typeof PARAMETERS)[number]>(PARAMETERS.map((p) => [p.input, p]));
  const settings = new Map<string, (typeof SETTING_INPUTS)[number]>(SETTING_INPUTS.map((s) => [s.name, s]));
  for (const name of INPUT_ORDER_FOR_READERS.filter((n) => params.has(n) || settings.has(n)).concat(
    PARAMETERS.map((p) => p.input).filter((n) => !INPUT_ORDER_FOR_READERS.includes(n)),
    SETTING_INPUTS.map((s) => s.name).filter((n) => !INPUT_ORDER_FOR_READERS.includes(n)),
  )) {
    const p = params.get(name);
    if (p) {
      const wire = `(UpdateJob ${p.wire}${p.position === 'body' ? ', form body' : ''}; empty leaves it unchanged)`;
      lines.push(
        `  ${p.input}:`,
        `    description: ${yamlString(`${p.description} ${p.required ? `(UpdateJob ${p.wire})` : wire}`)}`,
        // app-id names the template, but app-name (or a spec file) can name it instead: no input is required.
        '    required: false',
      );
      continue;
    }
    const s = settings.get(name)!;
    lines.push(
      `  ${s.name}:`,
      `    description: ${yamlString(s.description + (s.defaultNote ? ` Default: ${s.defaultNote}.` : ''))}`,
      '    required: false',
    );
    if (s.default !== undefined) lines.push(`    default: ${yamlString(s.default)}`);
  }
  lines.push('outputs:');
  for (const o of OUTPUTS) lines.push(`  ${o.name}:`, `    description: ${yamlString(o.description)}`);
  lines.push('runs:', '  using: node24', '  main: dist/index.js', '');
  return lines.join('\n');
}

/** `f` applied to the parts of `s` outside code spans. */
const outsideCode = (s: string, f: (text: string) => string): string =>
  s
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 ? part : f(part)))
    .join('');

/**
 * Text for a table cell. A word with a `<placeholder>` (`sts.<region>.aliyuncs.com`) becomes code: GitHub would
 * take the placeholder for an HTML tag, and a backslash does not help in a URL (its autolinking takes the
 * backslash in). Any other `<` is escaped, and `|` everywhere (GFM splits the cells before it reads code spans).
 */
function md(s: string): string {
  const placeholders = (t: string) => t.replace(/(\S*<[\w-]+>\S*?)([.,;:)]?)(?=\s|$)/g, '`$1`$2');
  return outsideCode(outsideCode(s, placeholders), (t) => t.replace(/</g, '\\<')).replace(/\|/g, '\\|');
}

/** The anchor of an input or output in the README (`#input-wait-timeout`), so any page can link to one row. */
export const inputAnchor = (name: string): string => `input-${name}`;
export const outputAnchor = (name: string): string => `output-${name}`;
// GitHub's documented custom anchor (`<a name>`); it keeps the row's first cell the name a reader scans for.
const anchored = (anchor: string, name: string): string => `<a name="${anchor}"></a>\`${name}\``;

/**
 * The README's first table, the step's own inputs, in the order a user sets them, grouped: which template, how
 * to sign in, how long to wait, what the deploy does, plans. `app-id` is an UpdateJob parameter but names the
 * template, so it leads. An input missing from these groups is listed under the last one, so a new input is
 * never left out of the README (test/docs/readme.test.ts).
 */
export const README_INPUT_GROUPS: ReadonlyArray<readonly [string, readonly InputName[]]> = [
  ['The template', ['app-id', 'app-name', 'namespace-id', 'region', 'spec', 'if-missing', 'endpoint', 'console-site']],
  [
    'Credentials',
    [
      'role-to-assume',
      'oidc-provider-arn',
      'role-session-name',
      'oidc-audience',
      'sts-endpoint',
      'access-key-id',
      'access-key-secret',
      'security-token',
    ],
  ],
  ['Waiting', ['wait', 'wait-timeout', 'on-timeout', 'if-busy', 'confirm-batches', 'max-retries', 'request-timeout']],
  [
    'The deploy',
    ['if-unchanged', 'clear', 'envs-strategy', 'run-after-deploy', 'run-timeout', 'on-failure', 'fail-fast'],
  ],
  ['Plans and the rest', ['dry-run', 'comment-on-pr', 'github-token']],
];

/** A structured (JSON / YAML) parameter's example, shown in its row: what the value looks like. */
function example(p: (typeof PARAMETERS)[number]): string {
  return p.kind === 'json' ? ` E.g. \`${p.example.replace(/\|/g, '\\|')}\`.` : '';
}

export function renderInputsTable(): string {
  const params = new Map<string, (typeof PARAMETERS)[number]>(PARAMETERS.map((p) => [p.input, p]));
  const settings = new Map<string, (typeof SETTING_INPUTS)[number]>(SETTING_INPUTS.map((s) => [s.name, s]));
  const grouped = new Set<string>(README_INPUT_GROUPS.flatMap(([, names]) => names));
  const groups = README_INPUT_GROUPS.map(([title, names], i) => {
    const rest = i === README_INPUT_GROUPS.length - 1 ? SETTING_INPUTS.filter((s) => !grouped.has(s.name)) : [];
    return [title, [...names.filter((n) => settings.has(n) || n === 'app-id'), ...rest.map((s) => s.name)]] as const;
  });
  const rows = ['| Input | Default | Description |', '|---|---|---|'];
  for (const [title, names] of groups) {
    rows.push(`| **${title}** | | |`);
    for (const name of names) {
      const s = settings.get(name);
      if (s) {
        const def = s.default !== undefined ? `\`${s.default}\`` : (s.defaultNote ?? '');
        rows.push(`| ${anchored(inputAnchor(name), name)} | ${md(def)} | ${md(s.description)} |`);
      } else {
        const p = params.get(name)!;
        rows.push(`| ${anchored(inputAnchor(name), name)} | | ${md(p.description)} (UpdateJob \`${p.wire}\`) |`);
      }
    }
  }
  rows.push('', '| Input | UpdateJob parameter | Kind | Description |', '|---|---|---|---|');
  for (const p of PARAMETERS) {
    if (p.required) continue; // app-id: in the first table
    // What characters the value may hold (src/inputs/characters.ts), said where it is more than one line.
    const text = p.text === 'prose' ? ', free text' : p.text === 'lines' ? ', several lines' : '';
    const kind = (p.kind === 'json' ? 'JSON / YAML' : p.kind) + text;
    rows.push(
      `| ${anchored(inputAnchor(p.input), p.input)} | \`${p.wire}\`${p.position === 'body' ? ' (body)' : ''} | ${kind} | ${md(p.description)}${example(p)} |`,
    );
  }
  return rows.join('\n');
}

export function renderOutputsTable(): string {
  return [
    '| Output | Description |',
    '|---|---|',
    ...OUTPUTS.map((o) => `| ${anchored(outputAnchor(o.name), o.name)} | ${md(o.description)} |`),
  ].join('\n');
}

/** Replaces the text between `<!-- NAME:start -->` and `<!-- NAME:end -->`. */
export function replaceBlock(text: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README.md lacks the ${start} … ${end} markers`);
  return `${text.slice(0, a + start.length)}\n${content}\n${text.slice(b)}`;
}

export function renderReadme(readme: string): string {
  return replaceBlock(replaceBlock(readme, 'inputs', renderInputsTable()), 'outputs', renderOutputsTable());
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  writeFileSync(join(ROOT, 'action.yml'), renderActionYml());
  const readmePath = join(ROOT, 'README.md');
  writeFileSync(readmePath, renderReadme(readFileSync(readmePath, 'utf8')));
  console.log('wrote action.yml and the README tables');
}
