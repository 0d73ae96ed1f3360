// The start of every run: secrets masked before anything is written, the report every ending fills in, and
// the workflow locator that points annotations at the input they concern.
import { SECRET_SETTINGS, type InputName } from '../contract/action-inputs.js';
import { PARAMETERS } from '../contract/parameters.js';
import type { Subject } from '../contract/spec-keys.js';
import { runContext } from '../report/links.js';
import { workflowLocator, type InputLocator } from '../report/locate.js';
import type { RunReport } from '../report/model.js';
import { STATUS } from '../outcome/endings.js';
import { plain, plainLine } from '../report/markdown.js';
import type { ActionIO, AnnotationProps } from '../runner/io.js';
import { proxyCredentials, urlCredentials } from '../runner/secrets.js';
import type { Begun } from './context.js';

/** Inputs masked as given: those the contract marks secret, the action's own and the parameters (contract/). */
export const SECRET_INPUTS: readonly InputName[] = [
  ...SECRET_SETTINGS,
  ...PARAMETERS.filter((p) => p.secret).map((p) => p.input),
];
/**
 * A password in a URL's userinfo and the signature of a pre-signed package URL are secrets too: the URL is sent as
 * given, shown without them.
 */
const URL_INPUTS: readonly InputName[] = ['endpoint', 'sts-endpoint', 'package-url', 'image-url'];
/**
 * Secrets of the runner's environment, masked whether or not this run uses them: the workflow's token (a
 * fallback of github-token), the OIDC request token and the runner's own token (a server may echo them), the
 * AccessKey variables. A proxy's credentials too: clients and their debug output (DEBUG, NODE_DEBUG) print them.
 */
const ENV_SECRETS = [
  'GITHUB_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
  'ACTIONS_RUNTIME_TOKEN',
  'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
  'ALIBABA_CLOUD_SECURITY_TOKEN',
];
const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

/**
 * The run's I/O with every annotation passed through the one renderer (report/markdown.ts): plain text, its line
 * breaks newlines and its hidden characters shown, whoever wrote the value in it.
 */
function annotating(io: ActionIO): ActionIO {
  const props = (p?: AnnotationProps) => p && { ...p, title: p.title === undefined ? undefined : plainLine(p.title) };
  // A view of the same I/O (its other members and fields read through), not a copy.
  return Object.assign(Object.create(io) as ActionIO, {
    error: (message: string, p?: AnnotationProps) => io.error(plain(message), props(p)),
    warning: (message: string, p?: AnnotationProps) => io.warning(plain(message), props(p)),
    notice: (message: string, p?: AnnotationProps) => io.notice(plain(message), props(p)),
  });
}

export function begin(deps: Omit<Begun, 'report' | 'started' | 'where' | 'written'>): Begun {
  const io = annotating(deps.io);
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
  for (const v of ENV_SECRETS) io.setSecret(io.env[v] ?? '');
  for (const v of PROXY_VARIABLES) {
    const { secrets, whole } = proxyCredentials(io.env[v] ?? '');
    for (const s of secrets) io.setSecret(s);
    for (const s of whole) io.setSecret(s, { whole: true });
  }

  let locator: InputLocator | undefined;
  const begun: Begun = { ...deps, io, report, started, where: async () => ({}), written: new Set() };
  begun.where = async (inputs: readonly Subject[]): Promise<AnnotationProps> => {
    locator ??= await workflowLocator(io.env, io.getInput('app-id'));
    for (const input of inputs) {
      // A value from the spec file is annotated where the spec writes it; the step's, in the workflow.
      const inSpec = begun.specAt?.(input);
      if (inSpec) return inSpec;
      const at = locator.locate(input);
      if (at) return { file: at.file, startLine: at.line };
    }
    return {};
  };
  return begun;
}
