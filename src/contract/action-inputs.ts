// The inputs that steer the action (everything that is not an UpdateJob parameter), with their defaults: the
// reading (inputs/settings.ts) and action.yml take them from here. With parameters.ts and outputs.ts they are the
// whole interface: action.yml and the README tables are generated from the room (npm run docs) and checked against
// it by a test. The table is `as const`: its names are a type, and a name it does not hold fails to compile.
import { isParameterInput, type ParameterInput } from './parameters.js';

/** A row of the table, as written. */
interface SettingRow {
  readonly name: string;
  readonly description: string;
  /** The default written into action.yml, if any; also what the action reads when the input is empty. */
  readonly default?: string;
  /** Said in the docs when the default is not a literal (e.g. taken from the environment). */
  readonly defaultNote?: string;
  /** The values a choice takes (the first is not the default unless `default` says so). */
  readonly options?: readonly string[];
  /** Masked before anything is logged (deploy/begin.ts). */
  readonly secret?: boolean;
}

const TABLE = [
  {
    name: 'spec',
    description:
      "A YAML or JSON file in the workspace that describes the job template: its identity (app-id, or app-name with namespace-id), region, any parameter input and clear, under the same names. A parameter set on the step overrides the file's.",
  },
  {
    name: 'app-name',
    description:
      'Find the job template by its name instead of app-id (ListJobs, exact match on the name, and on namespace-id when given).',
  },
  {
    name: 'namespace-id',
    description: 'With app-name: the namespace the template is in, e.g. cn-hangzhou:prod (region:name).',
  },
  {
    name: 'if-missing',
    description:
      'fail: a template that app-name finds nowhere fails the step. create: it is created (CreateJob) from the spec file (its parameters and its create block), then followed like any change order.',
    default: 'fail',
    options: ['fail', 'create'],
  },
  {
    name: 'envs-strategy',
    description:
      "replace: envs becomes the whole list, as SAE does. merge: the template's current Envs (DescribeJob) are kept, the names given are set, a name given as YAML null is removed, and ConfigMap references are kept untouched.",
    default: 'replace',
    options: ['replace', 'merge'],
  },
  {
    name: 'clear',
    description:
      'Parameter inputs to clear (spaces, commas or newlines), each sent as an empty string, which SAE reads as "remove this setting", e.g. `sls-configs nas-id`.',
  },
  {
    name: 'region',
    description: 'Region id of the job template, e.g. cn-hangzhou. The endpoint is https://sae.<region>.aliyuncs.com.',
    defaultNote: 'env ALIBABA_CLOUD_REGION_ID',
  },
  {
    name: 'endpoint',
    description:
      'Overrides the SAE endpoint URL. Must be https://, except http:// to a loopback host (a local emulator).',
  },
  {
    name: 'access-key-id',
    description:
      'AccessKey id. When empty, ALIBABA_CLOUD_ACCESS_KEY_ID (or its ALICLOUD_/ALIBABACLOUD_ aliases) is used.',
  },
  {
    name: 'access-key-secret',
    description: 'AccessKey secret (from a secret). When empty, ALIBABA_CLOUD_ACCESS_KEY_SECRET is used.',
    secret: true,
  },
  {
    name: 'security-token',
    description: 'STS security token for temporary credentials. When empty, ALIBABA_CLOUD_SECURITY_TOKEN is used.',
    secret: true,
  },
  {
    name: 'role-to-assume',
    description:
      'Keyless login: ARN of the RAM role to assume with the GitHub OIDC token (needs permissions: id-token: write).',
  },
  { name: 'oidc-provider-arn', description: 'Keyless login: ARN of the RAM OIDC identity provider for GitHub.' },
  {
    name: 'role-session-name',
    description: 'Keyless login: session name of the assumed role.',
    defaultNote: 'built from the repository and run id',
  },
  {
    name: 'oidc-audience',
    description: 'Keyless login: audience of the GitHub OIDC token; must be a client id of the OIDC provider.',
    default: 'sts.aliyuncs.com',
  },
  {
    name: 'sts-endpoint',
    description: 'Keyless login: STS host name or https:// URL.',
    defaultNote: 'sts.<region>.aliyuncs.com',
  },
  {
    name: 'wait',
    description: 'Wait for the change order to end. false returns right after UpdateJob is accepted.',
    default: 'true',
  },
  {
    name: 'wait-timeout',
    description:
      'How long the action may wait in all (seconds, or e.g. 15m, 1h): for another running change order and for its own.',
    default: '900',
  },
  {
    name: 'on-timeout',
    description:
      'When the wait runs out: fail (leave the change order running) or abort (AbortChangeOrder, then fail).',
    default: 'fail',
    options: ['fail', 'abort'],
  },
  {
    name: 'if-busy',
    description:
      'When another change order is running on the template: wait for it to end and retry once, or fail at once.',
    default: 'wait',
    options: ['wait', 'fail'],
  },
  {
    name: 'if-unchanged',
    description:
      'deploy: always send UpdateJob. skip: when the template (DescribeJob) already holds every parameter the step would send and no change order is running, send nothing and end with status unchanged (php and enable-image-accl cannot be read back: a step that sends them always deploys).',
    default: 'deploy',
    options: ['deploy', 'skip'],
  },
  {
    name: 'confirm-batches',
    description:
      'Confirm batches that wait for manual confirmation (ConfirmPipelineBatch). false keeps waiting and says so.',
    default: 'false',
  },
  {
    name: 'request-timeout',
    description: 'Seconds one API call may take before it counts as failed (and, where safe, is retried).',
    default: '15',
  },
  {
    name: 'max-retries',
    description:
      'Retries of a transient failure (System.Upgrading, 5xx, connection errors), with exponential backoff. Throttling does not count: it is retried, more slowly, until wait-timeout.',
    default: '3',
  },
  {
    name: 'dry-run',
    description:
      'Validate and print the request that would be sent (secrets redacted), set outputs, change nothing. Needs no credentials; with credentials it reads the template (DescribeJob) and shows what would change.',
    default: 'false',
  },
  {
    name: 'comment-on-pr',
    description:
      'With dry-run on a pull_request event: post the planned request as a pull request comment, updated in place on re-runs.',
    default: 'false',
  },
  {
    name: 'run-after-deploy',
    description:
      'After the change order succeeded, run the job once (ExecJob, with an EventId from the repository, run id, run attempt and app id, so a resent request never starts a second run) and wait for that run; the step fails when the run fails. Needs wait: true.',
    default: 'false',
  },
  {
    name: 'run-timeout',
    description:
      'How long to wait for that run (seconds, or e.g. 15m, 1h); then the step fails with job-status timed-out and the run goes on.',
    default: '15m',
  },
  {
    name: 'on-failure',
    description:
      'keep: leave the template as the failure left it. rollback: when the change order fails, is terminated or ends in a system error, when this step aborts it (on-timeout: abort), or when the run after the deploy fails or times out, put back the values the template held before this step (read with DescribeJob before UpdateJob), only those that still hold what this step sent and only if nobody else changed the template since; that change order is followed and proven with a read-back.',
    default: 'keep',
    options: ['keep', 'rollback'],
  },
  {
    name: 'fail-fast',
    description:
      'With several templates (spec naming several files): true stops starting new deploys after the first template fails; those already sent are followed to their end. false: every template is deployed whatever the others do.',
    default: 'false',
  },
  {
    name: 'console-site',
    description:
      'The Alibaba Cloud console the change-order links open: china (sae.console.aliyun.com) or international (sae.console.alibabacloud.com, for accounts on alibabacloud.com).',
    default: 'china',
    options: ['china', 'international'],
  },
  { name: 'github-token', description: 'Token for comment-on-pr.', default: '${{ github.token }}', secret: true },
] as const satisfies readonly SettingRow[];

type Row = (typeof TABLE)[number];
/** An input of the action's own, e.g. 'wait-timeout'. */
export type SettingInputName = Row['name'];
/** Every input of the action: an UpdateJob parameter's or one of its own. */
export type InputName = ParameterInput | SettingInputName;
/** How the readers of inputs (inputs/) ask for one: the step's, or the step's over a spec file's (inputs/overlay.ts). */
export type GetInput = (name: InputName) => string;
/** The inputs with a literal default. */
export type DefaultedInput = Extract<Row, { default: string }>['name'];
/** The inputs that are a choice among options. */
export type ChoiceInput = Extract<Row, { options: readonly string[] }>['name'];
/** The options of a choice input, as a type: e.g. OptionOf<'on-timeout'> is 'fail' | 'abort'. */
export type OptionOf<N extends ChoiceInput> = Extract<Row, { name: N }>['options'][number];

export interface SettingInput extends SettingRow {
  readonly name: SettingInputName;
}

export const SETTING_INPUTS: readonly SettingInput[] = TABLE;
const BY_NAME: ReadonlyMap<string, SettingInput> = new Map(SETTING_INPUTS.map((s) => [s.name, s]));

export const isInputName = (name: string): name is InputName => isParameterInput(name) || BY_NAME.has(name);

/** The default an empty input stands for. */
export const defaultOf = (name: DefaultedInput): string => BY_NAME.get(name)!.default!;
/** The options of a choice input. */
export const optionsOf = <N extends ChoiceInput>(name: N): readonly OptionOf<N>[] =>
  BY_NAME.get(name)!.options as readonly OptionOf<N>[];
/** The action's own inputs that hold a secret. */
export const SECRET_SETTINGS: readonly SettingInputName[] = TABLE.filter((s) => 'secret' in s && s.secret).map(
  (s) => s.name,
);
