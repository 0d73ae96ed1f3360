// Writes test/fixtures/sae-models.json: the response model of every SAE API the action calls, read from the official SDK's generated model files
// (aliyun/alibabacloud-typescript-sdk, sae-20190506/src/models/<Api>ResponseBody.ts). Each model class there
// declares its JSON field names (`static names()`) and their types (`static types()`); this script turns
// them into field name → JSON type, nested objects inlined.
//
//   npx tsx scripts/sae-models.ts <git dir of a clone of aliyun/alibabacloud-typescript-sdk> [commit]
//
// Run it again when the SDK's models change; the conformance tests (test/emulator-tests/sae-models.test.ts) then
// show what the emulator and the readers must follow.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ModelObject, ModelType } from '../test/helpers/sae-models.js';

const ROOT = resolve(import.meta.dirname, '..');

/**
 * Every SAE API the action calls, written once: the fixture holds their models, the readers' test reads each
 * (test/unit/sae/sae-readers.test.ts), the emulator's tests name their paths by it (test/emulator-tests/helpers.ts).
 */
export const APIS = [
  'UpdateJob',
  'DescribeChangeOrder',
  'ListChangeOrders',
  'AbortChangeOrder',
  'ConfirmPipelineBatch',
  'DescribePipeline',
  'DescribeJob',
  'ExecJob',
  'DescribeJobStatus',
  'ListJobs',
  'CreateJob',
  'ListNamespaceChangeOrders',
] as const;
export type SaeApi = (typeof APIS)[number];

interface RawClass {
  names: Record<string, string>;
  types: Record<string, string>;
}

/** The `return { … }` object of a static method, as property → raw value text. */
function returned(body: string, method: string): Record<string, string> {
  const start = body.indexOf(`static ${method}()`);
  if (start < 0) return {};
  const open = body.indexOf('return {', start);
  const end = body.indexOf('\n    };', open);
  const out: Record<string, string> = {};
  for (const line of body.slice(open + 'return {'.length, end).split('\n')) {
    const m = /^\s*(\w+): (.+?),?$/.exec(line);
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

function classes(source: string): Map<string, RawClass> {
  const out = new Map<string, RawClass>();
  const parts = source.split(/^export class /m).slice(1);
  for (const part of parts) {
    const name = /^(\w+) extends \$dara\.Model/.exec(part)?.[1];
    if (!name) continue;
    out.set(name, { names: returned(part, 'names'), types: returned(part, 'types') });
  }
  return out;
}

function typeOf(raw: string, all: Map<string, RawClass>): ModelType {
  const quoted = /^'(\w+)'$/.exec(raw);
  if (quoted) {
    const t = quoted[1]!;
    if (t === 'string' || t === 'number' || t === 'boolean' || t === 'any') return t;
    throw new Error(`unknown type ${raw}`);
  }
  const array = /^\{ 'type': 'array', 'itemType': (.+) \}$/.exec(raw);
  if (array) return { array: typeOf(array[1]!, all) };
  if (/^\w+$/.test(raw)) return objectOf(raw, all);
  throw new Error(`unknown type ${raw}`);
}

function objectOf(name: string, all: Map<string, RawClass>): ModelObject {
  const c = all.get(name);
  if (!c) throw new Error(`no class ${name}`);
  const fields: Record<string, ModelType> = {};
  for (const [prop, wire] of Object.entries(c.names)) {
    const t = c.types[prop];
    if (t === undefined) throw new Error(`${name}.${prop} has no type`);
    fields[/^'(.*)'$/.exec(wire)![1]!] = typeOf(t, all);
  }
  return { model: name, fields };
}

function main(): void {
  const [gitDir, commitArg] = process.argv.slice(2);
  if (!gitDir)
    throw new Error('usage: tsx scripts/sae-models.ts <git dir of aliyun/alibabacloud-typescript-sdk> [commit]');
  const git = (...args: string[]) => execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8' });
  const commit = git('rev-parse', commitArg ?? 'HEAD').trim();
  const version = (JSON.parse(git('show', `${commit}:sae-20190506/package.json`)) as { version: string }).version;
  const apis: Record<string, { file: string } & ModelObject> = {};
  for (const api of APIS) {
    const file = `sae-20190506/src/models/${api}ResponseBody.ts`;
    apis[api] = { file, ...objectOf(`${api}ResponseBody`, classes(git('show', `${commit}:${file}`))) };
  }
  const fixture = {
    about:
      'The JSON answers of the SAE APIs, as the official SDK models them: field name → JSON type, nested objects inlined. Written by scripts/sae-models.ts from the files named under each API; do not edit by hand.',
    source: {
      repository: 'https://github.com/aliyun/alibabacloud-typescript-sdk',
      commit,
      package: `@alicloud/sae20190506 ${version}`,
    },
    apis,
  };
  writeFileSync(join(ROOT, 'test/fixtures/sae-models.json'), `${JSON.stringify(fixture, null, 2)}\n`);
  console.log(`test/fixtures/sae-models.json: ${APIS.length} APIs from ${commit} (${version})`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) main();
