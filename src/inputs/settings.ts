// Reads the inputs that steer the action (region, endpoint, waiting, retries, dry run). Their defaults and the
// options of each choice are the contract's (contract/action-inputs.ts), the ones action.yml declares.
import {
  defaultOf,
  optionsOf,
  type ChoiceInput,
  type DefaultedInput,
  type GetInput,
  type InputName,
  type OptionOf,
} from '../contract/action-inputs.js';
import { INPUT_INVALID, problem, warning, type Problem } from './problems.js';
import { parseBoolean, parseDuration, parseInteger } from './values.js';
import { unknownRegionWarning } from './regions.js';
import { checkEndpointUrl } from '../base/urls.js';
import { readCredentialInputs, type CredentialInputs } from './credential-inputs.js';
import { checkFormat } from './formats.js';

export interface Settings {
  region: string;
  /** SAE endpoint URL without a trailing slash (pop-core would sign a different path otherwise). */
  endpoint: string;
  /** STS endpoint URL for keyless login (sts-endpoint, or sts.<region>.aliyuncs.com), without a trailing slash. */
  stsEndpoint: string;
  wait: boolean;
  waitTimeoutMs: number;
  onTimeout: OptionOf<'on-timeout'>;
  ifBusy: OptionOf<'if-busy'>;
  /** skip: send nothing when the template already holds every parameter (DescribeJob) and no order runs. */
  ifUnchanged: OptionOf<'if-unchanged'>;
  /** merge: envs are set on top of the template's current Envs (DescribeJob) instead of replacing them. */
  envsStrategy: OptionOf<'envs-strategy'>;
  /** create: a template app-name finds nowhere is created from the spec (CreateJob). */
  ifMissing: OptionOf<'if-missing'>;
  confirmBatches: boolean;
  maxRetries: number;
  /** How long one API call may take (request-timeout). */
  requestTimeoutMs: number;
  dryRun: boolean;
  commentOnPr: boolean;
  /** run-after-deploy: run the job once after the deploy and wait for that run (bounded by runTimeoutMs). */
  runAfterDeploy: boolean;
  runTimeoutMs: number;
  /** on-failure: rollback puts the template back after a failed deploy or run (deploy/rollback.ts). */
  onFailure: OptionOf<'on-failure'>;
  /** With several templates: after the first failure, start no more deploys (those under way go on). */
  failFast: boolean;
  /** The console the links open: the China site or the international one (console-site). */
  consoleSite: OptionOf<'console-site'>;
  /** Who signs: the credential inputs, for credentials/resolve.ts. */
  credentials: CredentialInputs;
  /** endpoint was set (then a connection failure names it first). */
  endpointGiven: boolean;
  /** github-token for comment-on-pr, else GITHUB_TOKEN from the environment. */
  githubToken: string;
}

/**
 * sts-endpoint: a host name (meaning https://) or a URL held to the rule of endpoint. Empty means
 * sts.<region>.aliyuncs.com (sts.aliyuncs.com without a region). Returns the URL without a trailing slash.
 */
export function checkStsEndpoint(
  text: string,
  region: string,
): { ok: true; url: string } | { ok: false; reason: string } {
  if (!text) return { ok: true, url: `https://${region ? `sts.${region}.aliyuncs.com` : 'sts.aliyuncs.com'}` };
  // A region id where a host belongs would otherwise become https://cn-hangzhou and fail only as a DNS error.
  if (/^[a-z]{2,}(-[a-z0-9]+)+$/.test(text))
    return {
      ok: false,
      reason: `"${text}" is a region id, not a host name (the STS host of that region is sts.${text}.aliyuncs.com)`,
    };
  return checkEndpointUrl(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
}

/**
 * GitHub ends a job after 6 hours, so no wait can usefully be longer; above about 24.8 days Node's
 * timers overflow and fire at once. Every duration input (wait-timeout, request-timeout, run-timeout) is capped here.
 */
export const MAX_DURATION_S = 6 * 3600;
const tooLong = (s: number) => `${s} seconds is more than 6 hours (21600 s), the longest a GitHub job runs`;

function choice<N extends ChoiceInput & DefaultedInput>(input: N, text: string, out: Problem[]): OptionOf<N> {
  const options = optionsOf(input);
  if ((options as readonly string[]).includes(text)) return text as OptionOf<N>;
  out.push(
    problem(input, INPUT_INVALID, `${input} is "${text}", which is not an option. Use one of: ${options.join(', ')}.`),
  );
  return defaultOf(input) as OptionOf<N>;
}

function bool(input: InputName, text: string, out: Problem[]): boolean {
  const b = parseBoolean(text);
  if (b.ok) return b.value;
  out.push(problem(input, INPUT_INVALID, `${input}: ${b.reason}. Use true or false.`));
  return false;
}

export function readSettings(getInput: GetInput, env: NodeJS.ProcessEnv): { settings: Settings; problems: Problem[] } {
  const out: Problem[] = [];
  /** The input, or the default action.yml declares for it (the runner passes it; a hand run may not). */
  const get = (name: DefaultedInput) => getInput(name) || defaultOf(name);

  const dryRun = bool('dry-run', get('dry-run'), out);
  const region = getInput('region') || env.ALIBABA_CLOUD_REGION_ID || '';
  if (region && !/^[a-z]{2,}(-[a-z0-9]+)+$/.test(region)) {
    out.push(
      problem(
        'region',
        INPUT_INVALID,
        `region "${region}" is not a region id. Use one such as cn-hangzhou or ap-southeast-1.`,
      ),
    );
  } else if (!getInput('endpoint')) {
    const unknown = unknownRegionWarning(region);
    if (unknown) out.push(warning('region', unknown));
  }
  let endpoint = '';
  const endpointText = getInput('endpoint');
  if (endpointText) {
    const checked = checkEndpointUrl(endpointText);
    if (checked.ok) endpoint = checked.url;
    else
      out.push(
        problem(
          'endpoint',
          INPUT_INVALID,
          `endpoint ${checked.reason}. Use https://sae.<region>.aliyuncs.com, or http://127.0.0.1:<port> for a local emulator.`,
        ),
      );
  } else if (region) {
    endpoint = `https://sae.${region}.aliyuncs.com`;
  } else if (!dryRun) {
    out.push(
      problem(
        'region',
        INPUT_INVALID,
        'region is empty and ALIBABA_CLOUD_REGION_ID is not set, so the action does not know where the job template lives. Set region, e.g. region: cn-hangzhou.',
      ),
    );
  }

  const sts = checkStsEndpoint(getInput('sts-endpoint'), region);
  if (!sts.ok) {
    out.push(
      problem(
        'sts-endpoint',
        INPUT_INVALID,
        `sts-endpoint ${sts.reason}. Use a host name such as sts.cn-hangzhou.aliyuncs.com, an https:// URL, or http://127.0.0.1:<port> for a local emulator; leave it empty for sts.<region>.aliyuncs.com.`,
      ),
    );
  }

  /** A duration input of 1 s to MAX_DURATION_S, in ms; a bad value is a problem, and the default stands in. */
  const duration = (input: 'wait-timeout' | 'request-timeout' | 'run-timeout', use: string): number => {
    const d = parseDuration(get(input));
    if (d.ok && d.value >= 1 && d.value <= MAX_DURATION_S) return d.value * 1000;
    const why = !d.ok ? d.reason : d.value < 1 ? 'must be at least 1 second' : tooLong(d.value);
    out.push(problem(input, INPUT_INVALID, `${input}: ${why}. ${use}`));
    const fallback = parseDuration(defaultOf(input));
    return (fallback.ok ? fallback.value : 0) * 1000;
  };
  const waitTimeoutMs = duration('wait-timeout', 'Use seconds or a duration such as 900, 15m or 1h.');
  const requestTimeoutMs = duration('request-timeout', 'Use seconds, e.g. 15.');

  const retries = parseInteger(get('max-retries'), 0, 10);
  if (!retries.ok)
    out.push(problem('max-retries', INPUT_INVALID, `max-retries: ${retries.reason}. Use a whole number from 0 to 10.`));

  const runTimeoutMs = duration('run-timeout', 'Use seconds or a duration such as 900, 15m or 1h.');

  // Keyless login's two ARNs: a wrong one would otherwise fetch an OIDC token and call STS before failing.
  for (const p of [
    checkFormat('role-to-assume', getInput('role-to-assume'), 'ram-role-arn'),
    checkFormat('oidc-provider-arn', getInput('oidc-provider-arn'), 'oidc-provider-arn'),
  ])
    if (p) out.push(p);

  const settings: Settings = {
    region,
    endpoint,
    stsEndpoint: sts.ok ? sts.url : '',
    wait: bool('wait', get('wait'), out),
    waitTimeoutMs,
    onTimeout: choice('on-timeout', get('on-timeout'), out),
    ifBusy: choice('if-busy', get('if-busy'), out),
    ifUnchanged: choice('if-unchanged', get('if-unchanged'), out),
    envsStrategy: choice('envs-strategy', get('envs-strategy'), out),
    ifMissing: choice('if-missing', get('if-missing'), out),
    confirmBatches: bool('confirm-batches', get('confirm-batches'), out),
    maxRetries: retries.ok ? retries.value : Number(defaultOf('max-retries')),
    requestTimeoutMs,
    dryRun,
    commentOnPr: bool('comment-on-pr', get('comment-on-pr'), out),
    runAfterDeploy: bool('run-after-deploy', get('run-after-deploy'), out),
    runTimeoutMs,
    onFailure: choice('on-failure', get('on-failure'), out),
    failFast: bool('fail-fast', get('fail-fast'), out),
    consoleSite: choice('console-site', get('console-site'), out),
    credentials: readCredentialInputs(getInput, sts.ok ? sts.url : ''),
    endpointGiven: endpointText !== '',
    githubToken: getInput('github-token') || env.GITHUB_TOKEN || '',
  };
  if (settings.commentOnPr && !settings.dryRun) {
    out.push(
      warning(
        'comment-on-pr',
        'comment-on-pr posts the planned request of a dry run; without dry-run: true nothing is posted. Set dry-run: true in the pull request workflow, or remove comment-on-pr.',
      ),
    );
  }
  // An error, not a warning: the step would end green without the run it was asked for. A dry run is held to
  // it too, since it checks the inputs of the deploy it stands for.
  if (settings.runAfterDeploy && !settings.wait) {
    out.push(
      problem(
        'run-after-deploy',
        INPUT_INVALID,
        'run-after-deploy: true runs the job once the change order succeeded, but wait: false ends the step before the order ends, so the run could never start. Set wait: true (the default), or remove run-after-deploy.',
      ),
    );
  }
  if (settings.onFailure === 'rollback' && !settings.wait && !settings.dryRun) {
    out.push(
      warning(
        'on-failure',
        'on-failure: rollback puts the template back when the change order fails, and with wait: false the action does not follow the order, so it never sees it fail and never rolls back. Set wait: true, or remove on-failure.',
      ),
    );
  }
  return { settings, problems: out };
}
