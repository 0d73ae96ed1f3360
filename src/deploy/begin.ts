// The start of every run: secrets masked before anything is written, the report every ending fills in, and
// the workflow locator that points annotations at the input they concern.
import { PARAMETERS } from '../inputs/parameters.js';
import { runContext } from '../report/links.js';
import { workflowLocator, type InputLocator } from '../report/locate.js';
import type { RunReport } from '../report/model.js';
import { STATUS } from '../report/outcome.js';
import type { AnnotationProps } from '../runner/io.js';
import { urlCredentials } from '../runner/secrets.js';
import type { Run } from './context.js';

/**
 * Inputs masked as given: the action's own secrets, and the parameters the table marks secret (parameters.ts).
 * (The list of the action's own is here, not a flag in action-inputs.ts: that table's descriptions would
 * otherwise load with every run, for three names.)
 */
export const SECRET_INPUTS = [
  'access-key-secret',
  'security-token',
  'github-token',
  ...PARAMETERS.filter((p) => p.secret).map((p) => p.input),
];
/**
 * A password in a URL's userinfo and the signature of a pre-signed package URL are secrets too: the URL is sent as
 * given, shown without them.
 */
const URL_INPUTS = ['endpoint', 'sts-endpoint', 'package-url', 'image-url'];

export function begin(deps: Omit<Run, 'report' | 'started' | 'where'>): Run {
  const { io } = deps;
  const started = deps.clock.now();
  const report: RunReport = {
    status: STATUS.failed,
    appId: io.getInput('app-id'),
    region: '',
    durationMs: 0,
    parameters: {},
    history: [],
    pipelines: [],
    failureDetails: [],
    inputProblems: [],
    context: runContext(io.env),
  };
  for (const p of SECRET_INPUTS) io.setSecret(io.getInput(p));
  for (const p of URL_INPUTS) for (const c of urlCredentials(io.getInput(p))) io.setSecret(c);

  let locator: InputLocator | undefined;
  const where = async (inputs: readonly string[]): Promise<AnnotationProps> => {
    locator ??= await workflowLocator(io.env, io.getInput('app-id'));
    for (const input of inputs) {
      const at = locator.locate(input);
      if (at) return { file: at.file, startLine: at.line };
    }
    return {};
  };
  return { ...deps, report, started, where };
}
