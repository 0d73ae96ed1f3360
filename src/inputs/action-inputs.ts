// The inputs that steer the action (everything that is not an UpdateJob parameter) and the outputs.
// With parameters.ts they are the whole interface: action.yml and the README tables are generated from
// these two files (npm run docs) and checked against them by a test.

export interface SettingInput {
  readonly name: string;
  readonly description: string;
  /** The default written into action.yml, if any. */
  readonly default?: string;
  /** Said in the docs when the default is not a literal (e.g. taken from the environment). */
  readonly defaultNote?: string;
}

export const SETTING_INPUTS: readonly SettingInput[] = [
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
  },
  {
    name: 'envs-strategy',
    description:
      "replace: envs becomes the whole list, as SAE does. merge: the template's current Envs (DescribeJob) are kept, the names given are set, a name given as YAML null is removed, and ConfigMap references are kept untouched.",
    default: 'replace',
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
  },
  {
    name: 'security-token',
    description: 'STS security token for temporary credentials. When empty, ALIBABA_CLOUD_SECURITY_TOKEN is used.',
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
  },
  {
    name: 'if-busy',
    description:
      'When another change order is running on the template: wait for it to end and retry once, or fail at once.',
    default: 'wait',
  },
  {
    name: 'if-unchanged',
    description:
      'deploy: always send UpdateJob. skip: when the template (DescribeJob) already holds every parameter the step would send and no change order is running, send nothing and end with status unchanged (php and enable-image-accl cannot be read back: a step that sends them always deploys).',
    default: 'deploy',
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
  },
  { name: 'github-token', description: 'Token for comment-on-pr.', default: '${{ github.token }}' },
];

export interface Output {
  readonly name: string;
  readonly description: string;
}

export const OUTPUTS: readonly Output[] = [
  {
    name: 'results',
    description:
      'JSON array, one object per template the step deployed: spec, app-id, app-name, region, status, change-order-id, change-order-url, changed, error-code, job-id, job-status, rolled-back.',
  },
  { name: 'app-id', description: 'The job template id (empty with several templates: see results).' },
  { name: 'change-order-id', description: 'The change order UpdateJob created (empty for dry-run).' },
  { name: 'change-order-url', description: 'The console page of that change order.' },
  {
    name: 'status',
    description:
      'succeeded, unchanged (if-unchanged: skip and nothing to deploy), failed, aborted, timed-out, submitted (wait is false), dry-run, or cancelled (the runner cancelled the job while it waited). With several templates: succeeded when every template ended succeeded or unchanged (submitted, dry-run: when every one did), else failed; results tells which, and the other outputs but rolled-back are empty.',
  },
  { name: 'request-id', description: 'RequestId of the UpdateJob response, for support tickets.' },
  { name: 'trace-id', description: 'TraceId of the UpdateJob response, for support tickets.' },
  { name: 'error-code', description: "The SAE error code (or the action's own, for bad input) when the step fails." },
  { name: 'request', description: 'The request as JSON (wire names, secrets replaced by ***).' },
  {
    name: 'changed',
    description:
      "JSON array of the wire names of the parameters whose value differs from the template's before this run ([] when nothing changes; empty when the template could not be read, e.g. a dry run without credentials). A parameter DescribeJob cannot show (Php, EnableImageAccl) is never listed.",
  },
  {
    name: 'created',
    description: 'true when this step created the template (if-missing: create; its id is app-id), false otherwise.',
  },
  { name: 'job-id', description: 'The job run started by run-after-deploy (empty when no run was started).' },
  {
    name: 'job-status',
    description: 'How that run ended: succeeded, failed or timed-out (empty when no run was started).',
  },
  {
    name: 'rolled-back',
    description:
      'true when, after a failure, this step proved (DescribeJob) that the template holds again what it held before the step (on-failure: rollback); false otherwise. With several templates: true when any was.',
  },
];
