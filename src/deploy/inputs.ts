// Stage 1: the inputs, every one checked before anything is sent; then the request they make, logged.
import { errorsOf, type Problem } from '../inputs/problems.js';
import { readParameters } from '../inputs/read.js';
import { checkRules } from '../inputs/rules.js';
import { readSettings, type Settings } from '../inputs/settings.js';
import { buildRequest, redactedParameters, type UpdateJobRequest } from '../request/build.js';
import { capAnnotations } from '../report/limit.js';
import { Ended, inputsWrong } from '../report/outcome.js';
import type { Run } from './context.js';

export interface Checked {
  settings: Settings;
  request: UpdateJobRequest;
}

export async function checkInputs(r: Run): Promise<Checked> {
  const { io, report, where } = r;
  const getInput = (name: string) => io.getInput(name);
  const { settings, problems: settingProblems } = readSettings(getInput, io.env);
  r.settings = settings;
  report.region = settings.region;
  report.consoleSite = settings.consoleSite;
  const read = await readParameters(getInput);
  const rules = checkRules(read.values, report.context);
  const problems: Problem[] = [...settingProblems, ...read.problems, ...rules.problems];
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
    if (!errorsOf([...read.problems, ...rules.problems]).length) {
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
