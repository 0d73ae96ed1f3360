// Stage 1: the inputs, every one checked before anything is sent; then the request they make, logged.
import { allowanceOf, checkCharacters } from '../inputs/characters.js';
import { PARAMETER_BY_INPUT } from '../inputs/parameters.js';
import { errorsOf, type Problem } from '../inputs/problems.js';
import { readParameters } from '../inputs/read.js';
import { checkRules } from '../inputs/rules.js';
import { readSettings, type Settings } from '../inputs/settings.js';
import { buildRequest, redactedParameters, type UpdateJobRequest } from '../request/build.js';
import { capAnnotations } from '../report/limit.js';
import { Ended, inputsWrong } from '../report/outcome.js';
import { SECRET_INPUTS } from './begin.js';
import type { Run } from './context.js';

export interface Checked {
  settings: Settings;
  request: UpdateJobRequest;
}

export async function checkInputs(r: Run): Promise<Checked> {
  const { io, report, where } = r;
  // Every input read is also held to the characters it may contain (inputs/characters.ts), as it was read.
  const given = new Map<string, string>();
  const getInput = (name: string) => {
    const value = io.getInput(name);
    given.set(name, value);
    return value;
  };
  const { settings, problems: settingProblems } = readSettings(getInput, io.env);
  r.settings = settings;
  report.region = settings.region;
  report.consoleSite = settings.consoleSite;
  const read = await readParameters(getInput);
  const rules = checkRules(read.values, report.context);
  const characters = [...given].flatMap(([name, value]) => {
    const secret = SECRET_INPUTS.includes(name);
    const p = checkCharacters(name, value, allowanceOf(name, PARAMETER_BY_INPUT.get(name), secret), secret);
    return p ? [p] : [];
  });
  // An input with a character it may not hold has that one problem: what else is said of it follows from it.
  const garbled = new Set(characters.map((p) => p.input));
  const problems: Problem[] = [
    ...characters,
    ...[...settingProblems, ...read.problems, ...rules.problems].filter((p) => !garbled.has(p.input)),
  ];
  const warned = capAnnotations(
    problems.filter((x) => x.severity === 'warning'),
    'warning',
  );
  for (const p of warned.shown) io.warning(p.message, { title: `Input ${p.input}`, ...(await where([p.input])) });
  if (warned.more) io.warning(warned.more.message, { title: 'Input warnings', ...(await where(warned.more.inputs)) });
  const errors = errorsOf(problems);
  if (errors.length) {
    const capped = capAnnotations(errors, 'error');
    for (const p of capped.shown) io.error(p.message, { title: p.code, ...(await where([p.input])) });
    if (capped.more) io.error(capped.more.message, { title: 'Input.Invalid', ...(await where(capped.more.inputs)) });
    report.inputProblems = errors.map(({ input, code, message }) => ({ input, code, message }));
    // When only the action's own settings are wrong, the request is known: the outputs and summary show it.
    const inRequest = characters.filter((p) => PARAMETER_BY_INPUT.has(p.input) || p.input === 'clear');
    if (!errorsOf([...inRequest, ...read.problems, ...rules.problems]).length) {
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

  // The request.
  const request = buildRequest(read.values.values(), read.cleared);
  report.parameters = redactedParameters(request);
  io.startGroup(`UpdateJob request for ${report.appId} (${Object.keys(report.parameters).length} parameters)`);
  for (const [k, v] of Object.entries(report.parameters)) io.info(`${k} = ${v === '' ? '"" (clear)' : v}`);
  io.endGroup();
  const { sha, runUrl } = report.context;
  if (sha) io.info(`Deploying ${ref || 'commit'} @ ${sha.slice(0, 7)}${runUrl ? ` (run ${runUrl})` : ''}`);
  return { settings, request };
}
