// Stage 1: the inputs, every one checked before anything is sent; then the request they make, logged. With a spec
// file, the step's inputs are read over the spec's values (inputs/overlay.ts), and a value from the spec is
// annotated at its file and line.
import type { InputName } from '../contract/action-inputs.js';
import { PARAMETER_BY_INPUT, PARAMETER_BY_WIRE } from '../contract/parameters.js';
import { readCreate, type CreateBlock } from '../inputs/create-block.js';
import type { Identity } from '../inputs/identity.js';
import { readIdentity } from '../inputs/identity.js';
import { allowanceOf, checkCharacters } from '../inputs/characters.js';
import { overlay, type Overlaid } from '../inputs/overlay.js';
import { errorsOf, type Problem } from '../inputs/problems.js';
import { readParameters } from '../inputs/read.js';
import { checkRules } from '../inputs/rules.js';
import { readSettings, type Settings } from '../inputs/settings.js';
import type { Spec } from '../inputs/spec.js';
import { buildRequest, redactedParameters, type UpdateJobRequest } from '../request/build.js';
import { capAnnotations } from '../report/limit.js';
import { Ended, inputsWrong } from '../outcome/endings.js';
import type { AnnotationProps } from '../runner/io.js';
import { SECRET_INPUTS } from './begin.js';
import type { Begun } from './context.js';

export interface Checked {
  settings: Settings;
  request: UpdateJobRequest;
  /** The template by id, or by name (deploy/identify.ts looks its id up). */
  identity: Identity;
  /** The spec's create block, when it has one (if-missing: create; compared with an existing template). */
  create?: CreateBlock;
}

/** The spec files the `spec` input names (none without it); problems when a line names nothing or reaches out. */
export async function specFiles(r: Begun): Promise<{ files: string[]; problems: Problem[] }> {
  const text = r.io.getInput('spec');
  if (!text) return { files: [], problems: [] };
  // The spec input is held to its characters before any file is looked for under its name.
  const character = checkCharacters('spec', text, allowanceOf('spec', undefined), false);
  if (character) return { files: [], problems: [character] };
  const { resolveSpecFiles } = await import('../inputs/spec-files.js');
  const files = await resolveSpecFiles(text, workspaceOf(r));
  return files.ok ? { files: files.files, problems: [] } : { files: [], problems: files.problems };
}

const workspaceOf = (r: Begun): string => r.io.env.GITHUB_WORKSPACE || process.cwd();

/** One spec file, read and parsed; undefined without one. */
async function readSpec(r: Begun, file: string | undefined): Promise<{ spec?: Spec; problems: Problem[] }> {
  if (!file) return { problems: [] };
  const { readSpecFile } = await import('../inputs/spec-files.js');
  const read = await readSpecFile(workspaceOf(r), file);
  if (!read.ok) return { problems: [read.problem] };
  const { parseSpec } = await import('../inputs/spec.js');
  const spec = await parseSpec(file, read.text);
  return { spec, problems: [...spec.problems] };
}

/**
 * The inputs of one template: the step's, over its spec file when it has one (specFiles found it; `problems`: what
 * specFiles found wrong, said with the rest).
 */
export async function checkInputs(r: Begun, source: { file?: string; problems?: Problem[] } = {}): Promise<Checked> {
  const { io, report } = r;
  const read1 = await readSpec(r, source.file);
  const specRead = { spec: read1.spec, problems: [...(source.problems ?? []), ...read1.problems] };
  const { spec } = specRead;
  const inputs: Overlaid = overlay((name) => io.getInput(name), spec);
  // Every input read (the step's, or the spec's under it) is also held to the characters it may contain
  // (inputs/characters.ts), as it was read.
  const given = new Map<InputName, string>();
  const getInput = (name: InputName) => {
    const value = inputs.getInput(name);
    given.set(name, value);
    return value;
  };
  if (spec) {
    report.spec = spec.file;
    r.specAt = (input) => {
      const line = input === 'create' ? spec.createLine : inputs.specLine(input);
      return line === undefined ? undefined : { file: spec.file, startLine: line };
    };
  }
  const { settings, problems: settingProblems } = readSettings(getInput, io.env);
  r.settings = settings;
  report.region = settings.region;
  report.consoleSite = settings.consoleSite;
  report.appId = getInput('app-id');
  if (getInput('app-name')) report.appName = getInput('app-name');
  if (getInput('namespace-id')) report.namespaceId = getInput('namespace-id');
  const named = readIdentity(getInput, settings.region);
  const read = await readParameters(getInput);
  const rules = checkRules(read.values, { ...report.context, envsStrategy: settings.envsStrategy });
  const created = readCreate({
    spec,
    getInput,
    values: read.values,
    identity: named.identity,
    creating: settings.ifMissing === 'create',
  });
  const characters = [...given].flatMap(([name, value]) => {
    const secret = SECRET_INPUTS.includes(name);
    const p = checkCharacters(name, value, allowanceOf(name, PARAMETER_BY_INPUT.get(name), secret), secret);
    return p ? [p] : [];
  });
  // An input with a character it may not hold has that one problem: what else is said of it follows from it.
  const garbled = new Set(characters.map((p) => p.input));
  // A spec file that could not be read at all: its problem is the one to fix, the rest would follow from it.
  const unreadable = specRead.problems.some((p) => p.severity === 'error' && p.input === 'spec') && !spec?.entries.size;
  const problems: Problem[] = unreadable
    ? [...specRead.problems]
    : [
        ...characters,
        ...[
          ...specRead.problems,
          ...settingProblems,
          ...named.problems,
          ...read.problems,
          ...rules.problems,
          ...created.problems,
        ].filter((p) => !garbled.has(p.input)),
      ];
  const at = async (p: Problem): Promise<AnnotationProps> =>
    p.at ? { file: p.at.file, startLine: p.at.line } : r.where([p.input]);
  const warned = capAnnotations(
    problems.filter((x) => x.severity === 'warning'),
    'warning',
  );
  for (const p of warned.shown) io.warning(p.message, { title: `Input ${p.input}`, ...(await at(p)) });
  if (warned.more) io.warning(warned.more.message, { title: 'Input warnings', ...(await r.where(warned.more.inputs)) });
  const errors = errorsOf(problems);
  if (errors.length) {
    const capped = capAnnotations(errors, 'error');
    for (const p of capped.shown) io.error(p.message, { title: p.code, ...(await at(p)) });
    if (capped.more) io.error(capped.more.message, { title: 'Input.Invalid', ...(await r.where(capped.more.inputs)) });
    report.inputProblems = errors.map(({ input, code, message }) => ({ input, code, message }));
    // When only the action's own settings are wrong, the request is known: the outputs and summary show it.
    const inRequest = characters.filter((p) => PARAMETER_BY_INPUT.has(p.input) || p.input === 'clear');
    if (
      !errorsOf([...inRequest, ...specRead.problems, ...named.problems, ...read.problems, ...rules.problems]).length
    ) {
      report.parameters = redactedParameters(buildRequest([...read.values.values(), ...rules.defaults], read.cleared));
    }
    throw new Ended(inputsWrong(errors));
  }
  const { ref } = report.context;
  for (const d of rules.defaults) {
    read.values.set(d.param.input, d);
    const from = ref.startsWith('refs/tags/') ? `the tag ${ref.slice(10)}` : 'the short commit SHA';
    io.notice(
      `package-version is empty, so the action sends ${d.wire} (${from}); SAE needs a version with every package URL. Set package-version to choose another.`,
      { title: 'package-version' },
    );
  }

  // Without an error something names the template: app-id, or app-name (inputs/read.ts and inputs/identity.ts see to it).
  const identity = named.identity!;
  // The request.
  const request = buildRequest(read.values.values(), read.cleared);
  report.parameters = redactedParameters(request);
  if (spec) {
    report.origins = origins(report.parameters, inputs);
    // The id found by name comes from wherever the name does.
    if (identity.by === 'name') report.origins = { AppId: inputs.origin('app-name') ?? 'step', ...report.origins };
  }
  const what = identity.by === 'id' ? report.appId : `${identity.appName} (its id is looked up by name)`;
  io.startGroup(`UpdateJob request for ${what} (${Object.keys(report.parameters).length} parameters)`);
  for (const [k, v] of Object.entries(report.parameters)) {
    const from = report.origins?.[k] ? ` (from the ${report.origins[k]})` : '';
    io.info(`${k} = ${v === '' ? '"" (clear)' : v}${from}`);
  }
  io.endGroup();
  if (spec) io.info(`The template's values come from ${spec.file}; the step's own inputs override it.`);
  const { sha, runUrl } = report.context;
  if (sha) io.info(`Deploying ${ref || 'commit'} @ ${sha.slice(0, 7)}${runUrl ? ` (run ${runUrl})` : ''}`);
  return { settings, request, identity, ...(created.create ? { create: created.create } : {}) };
}

/** Where each parameter sent comes from, by wire name (a default the action filled in is the step's). */
function origins(parameters: Record<string, string>, inputs: Overlaid): Record<string, 'spec' | 'step'> {
  const out: Record<string, 'spec' | 'step'> = {};
  for (const wire of Object.keys(parameters)) {
    const input = PARAMETER_BY_WIRE.get(wire)?.input;
    if (input) out[wire] = inputs.origin(input) ?? 'step';
  }
  return out;
}
