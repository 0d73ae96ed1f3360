// A spec file: one job template written down in the repository, under the step's own input names. Reading it
// yields, for each key, the text an input with that name would hold, so every reader of inputs (read.ts,
// rules.ts, settings.ts) takes the spec exactly as it takes the step: a number keeps the digits it was written
// with, a structured value is its own YAML or JSON source (sliced out of the file with yaml's node ranges), and
// an empty value leaves the setting unchanged. Each key keeps its line, so a problem is annotated where it is
// written. Checked here: the file's own shape (one mapping, known keys, the right kind of value per key);
// the values themselves are checked by the readers, like inputs.
import type * as Yaml from 'yaml';
import type { Document, LineCounter, Node as YamlNode, Pair } from 'yaml';
import { isInputName, SETTING_INPUTS, type InputName } from '../contract/action-inputs.js';
import { PARAMETERS, PARAMETER_BY_INPUT, PARAMETER_BY_WIRE } from '../contract/parameters.js';
import {
  CREATE_KEYS,
  CREDENTIAL_KEYS,
  isCreateKey,
  SPEC_TEMPLATE_KEYS,
  type CreateKey,
  type Subject,
} from '../contract/spec-keys.js';
import { estimatedDepth, MAX_DEPTH } from './exact.js';
import { SPEC_INVALID, problem, type Problem } from './problems.js';

/** One key's value as input text, and the line it is written on (1-based). */
export interface SpecEntry {
  readonly text: string;
  readonly line: number;
}

export interface Spec {
  /** The file as annotations name it: relative to the workspace, with forward slashes. */
  readonly file: string;
  /** Input name → its text: parameter inputs, the identity (app-id, app-name, namespace-id), region and clear. */
  readonly entries: ReadonlyMap<string, SpecEntry>;
  /** The `create` block (settings used only to create the template), key → text. */
  readonly create: ReadonlyMap<CreateKey, SpecEntry>;
  /** The line of the `create` key, when there is one. */
  readonly createLine?: number;
  /** The spec's own problems (file shape, keys, kinds of value), each at its file and line. */
  readonly problems: readonly Problem[];
}

/** A spec file larger than this is not a template definition (each structured value has its own 64 KiB limit). */
export const MAX_SPEC_BYTES = 256 * 1024;

const CREDENTIALS: ReadonlySet<string> = new Set(CREDENTIAL_KEYS);
/** How the step runs: the step's inputs, never a template's. */
const STEP_KEYS: ReadonlySet<string> = new Set(
  SETTING_INPUTS.map((s) => s.name).filter((n) => !(SPEC_TEMPLATE_KEYS as readonly string[]).includes(n)),
);

const KNOWN: readonly string[] = [...PARAMETERS.map((p) => p.input), ...SPEC_TEMPLATE_KEYS, 'create'];

/** ImageUrl, image_url, Image-URL → image-url: how a key written in another style most likely reads. */
function kebab(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[_\s]+/g, '-')
    .toLowerCase();
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** The known key a mistyped one most likely meant, if any is close. */
export function didYouMean(key: string, known: readonly string[] = KNOWN): string | undefined {
  const k = kebab(key);
  const wire = PARAMETER_BY_WIRE.get(key)?.input;
  if (wire && known.includes(wire)) return wire;
  if (known.includes(k)) return k;
  let best: { key: string; d: number } | undefined;
  for (const candidate of known) {
    const d = distance(k, candidate);
    if (!best || d < best.d) best = { key: candidate, d };
  }
  return best && best.d <= Math.max(1, Math.floor(k.length / 4)) ? best.key : undefined;
}

/** The forms a spec value takes for a key: a single value, or also a structure (YAML source or JSON). */
function kindOf(key: InputName): 'scalar' | 'structured' | 'list' {
  if (key === 'clear') return 'list';
  return PARAMETER_BY_INPUT.get(key)?.kind === 'json' ? 'structured' : 'scalar';
}

interface Reader {
  text: string;
  file: string;
  lines: LineCounter;
  doc: Document.Parsed;
  problems: Problem[];
  yaml: typeof Yaml;
}

const lineOf = (r: Reader, offset: number): number => r.lines.linePos(offset).line;

function specProblem(r: Reader, input: Subject, line: number, message: string): void {
  r.problems.push({ ...problem(input, SPEC_INVALID, message), at: { file: r.file, line } });
}

/**
 * A collection's source text, as an input would hold it: the slice of the file the node spans, its first line
 * indented as it stands in the file, so that the block's indentation still lines up when it is read alone.
 */
function sourceOf(r: Reader, node: YamlNode): string {
  const [start, end] = node.range!;
  const lineStart = r.text.lastIndexOf('\n', start - 1) + 1;
  return ' '.repeat(start - lineStart) + r.text.slice(start, end);
}

/** An alias inside the value whose anchor is outside it: the value would mean nothing once read on its own. */
function aliasOutside(r: Reader, node: YamlNode): string | undefined {
  const [start, end] = node.range!;
  let name: string | undefined;
  r.yaml.visit(node, {
    Alias: (_, alias) => {
      const target = alias.resolve(r.doc);
      const at = target?.range;
      if (!at || at[0] < start || at[1] > end) {
        name = alias.source;
        return r.yaml.visit.BREAK;
      }
      return undefined;
    },
  });
  return name;
}

/** One key's value as input text, or undefined (with a problem) when it cannot be one. */
function valueText(r: Reader, key: InputName, pair: Pair, line: number): string | undefined {
  const { isAlias, isCollection, isScalar, isSeq } = r.yaml;
  let node = pair.value as YamlNode | null;
  if (node && isAlias(node)) node = (node.resolve(r.doc) as YamlNode | undefined) ?? null;
  if (node === null || (isScalar(node) && node.value === null)) return ''; // `key:` leaves it unchanged, as an empty input
  if (isScalar(node)) {
    const v = node.value;
    // Numbers and booleans as written (1.10 stays 1.10, True stays True): the reader judges them, as it judges an input.
    const text = typeof v === 'string' ? v : (node.source ?? String(v));
    return text.trim();
  }
  const kind = kindOf(key);
  if (kind === 'list' && isSeq(node)) {
    const items = node.items.map((item) => (isScalar(item) && typeof item.value === 'string' ? item.value : undefined));
    if (items.every((i) => i !== undefined)) return items.join('\n');
    specProblem(r, key, line, `${key} in ${r.file} must list input names, e.g. clear: [sls-configs, nas-id].`);
    return undefined;
  }
  if (kind !== 'structured' || !isCollection(node)) {
    const what = isSeq(node) ? 'a list' : 'a mapping';
    specProblem(
      r,
      key,
      line,
      `${key} in ${r.file} is ${what}, but ${key} takes a single value. Write it as the step's input would be written, e.g. ${key}: ${PARAMETER_BY_INPUT.get(key)?.example ?? '…'}.`,
    );
    return undefined;
  }
  const outside = aliasOutside(r, node);
  if (outside !== undefined) {
    specProblem(
      r,
      key,
      line,
      `${key} in ${r.file} uses the YAML alias *${outside}, whose anchor is outside ${key}: each key of a spec is read on its own, as an input is. Write the value out under ${key}.`,
    );
    return undefined;
  }
  return sourceOf(r, node);
}

/** Why a key cannot be in a spec, or undefined when it can. */
function refusedKey(key: string, file: string): string | undefined {
  if (CREDENTIALS.has(key))
    return `${file} holds ${key}, but a spec never holds credentials: it is committed to the repository. Set ${key} on the step (from a secret), or use keyless login (role-to-assume).`;
  if (STEP_KEYS.has(key))
    return `${file} holds ${key}, which says how the step runs, not what the template is. Set ${key} on the step.`;
  if (KNOWN.includes(key)) return undefined;
  const guess = didYouMean(key);
  return `${file} holds "${key}", which is not a key of a spec.${guess ? ` Did you mean ${guess}?` : ''} A spec takes the parameter inputs (image-url, envs, …), app-id or app-name with namespace-id, region, clear and create.`;
}

function readCreate(r: Reader, node: unknown, line: number, out: Map<CreateKey, SpecEntry>): void {
  const { isMap, isScalar } = r.yaml;
  if (node === null || (isScalar(node) && node.value === null)) return;
  if (!isMap(node)) {
    specProblem(r, 'create', line, `create in ${r.file} must be a mapping of package-type, cpu, memory, replicas, ….`);
    return;
  }
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const at = pair.key && (pair.key as YamlNode).range ? lineOf(r, (pair.key as YamlNode).range![0]) : line;
    if (!isCreateKey(key)) {
      const guess = didYouMean(key, CREATE_KEYS);
      specProblem(
        r,
        'create',
        at,
        `create in ${r.file} holds "${key}", which is not a creation setting.${guess ? ` Did you mean ${guess}?` : ''} It takes ${CREATE_KEYS.join(', ')}.`,
      );
      continue;
    }
    const value = pair.value as YamlNode | null;
    if (value !== null && !isScalar(value)) {
      specProblem(r, 'create', at, `create.${key} in ${r.file} must be a single value.`);
      continue;
    }
    const v = value?.value;
    const text = v === null || v === undefined ? '' : typeof v === 'string' ? v.trim() : (value!.source ?? String(v));
    if (text !== '') out.set(key, { text, line: at });
  }
}

/** Reads a spec file's text. `file` is the name the problems and annotations use. */
export async function parseSpec(file: string, text: string): Promise<Spec> {
  const entries = new Map<string, SpecEntry>();
  const create = new Map<CreateKey, SpecEntry>();
  const problems: Problem[] = [];
  const fail = (line: number, message: string): Spec => {
    problems.push({ ...problem('spec', SPEC_INVALID, message), at: { file, line } });
    return { file, entries, create, problems };
  };
  const size = Buffer.byteLength(text, 'utf8');
  if (size > MAX_SPEC_BYTES)
    return fail(
      1,
      `${file} is ${Math.ceil(size / 1024)} KiB, more than the ${MAX_SPEC_BYTES / 1024} KiB a spec may hold. A spec describes one job template; large configuration belongs in a ConfigMap or the image.`,
    );
  if (estimatedDepth(text) > 2 * MAX_DEPTH) return fail(1, `${file} nests more than ${MAX_DEPTH} levels deep.`);
  const yaml = await import('yaml');
  const lines = new yaml.LineCounter();
  const docs = yaml.parseAllDocuments(text, {
    lineCounter: lines,
    schema: 'core',
    uniqueKeys: true,
    prettyErrors: false,
  });
  if (docs.length === 0)
    return fail(1, `${file} is empty: a spec holds one job template as a mapping, e.g. app-name: report-job.`);
  if (docs.length > 1)
    return fail(
      lines.linePos(docs[1]!.range[0]).line,
      `${file} holds ${docs.length} YAML documents; a spec file describes one job template. Put each template in a file of its own.`,
    );
  const doc = docs[0]!;
  const err = doc.errors[0];
  if (err) {
    const line = lines.linePos(err.pos[0]).line;
    const why = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    return fail(
      line,
      `${file} is neither YAML nor JSON: ${why}. Fix the file; a spec is a mapping of input names to values.`,
    );
  }
  const root = doc.contents as YamlNode | null;
  if (!yaml.isMap(root))
    return fail(
      root?.range ? lines.linePos(root.range[0]).line : 1,
      `${file} is ${root === null ? 'empty' : 'not a mapping'}: a spec holds one job template as a mapping of input names to values, e.g. app-name: report-job.`,
    );
  const r: Reader = { text, file, lines, doc, problems, yaml };
  let createLine: number | undefined;
  for (const pair of root.items) {
    const keyNode = pair.key as YamlNode | null;
    const line = keyNode?.range ? lineOf(r, keyNode.range[0]) : 1;
    const key = yaml.isScalar(keyNode) ? String(keyNode.value) : undefined;
    if (key === undefined) {
      specProblem(
        r,
        'spec',
        line,
        `${file} has a key that is not a plain name; keys are input names such as image-url.`,
      );
      continue;
    }
    const refused = refusedKey(key, file);
    if (refused) {
      specProblem(r, isInputName(key) ? key : 'spec', line, refused);
      continue;
    }
    if (key === 'create') {
      createLine = line;
      readCreate(r, pair.value, line, create);
      continue;
    }
    // refusedKey lets through only a spec's keys: create (above) and the inputs of a template.
    const value = valueText(r, key as InputName, pair as Pair, line);
    if (value !== undefined) entries.set(key, { text: value, line });
  }
  return { file, entries, create, ...(createLine === undefined ? {} : { createLine }), problems };
}
