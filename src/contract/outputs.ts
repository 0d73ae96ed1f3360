// The action's outputs. Every output is a field of the run's report (report/output-values.ts renders them all, keyed
// by OutputName), so an output added here fails to compile until the report says what it holds. Part of the
// contract room (src/contract/): action.yml and the README's table are generated from it (npm run docs).

/** A row of the table, as written. */
interface OutputRow {
  readonly name: string;
  readonly description: string;
}

const TABLE = [
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
] as const satisfies readonly OutputRow[];

/** An output of the action, e.g. 'change-order-id'. */
export type OutputName = (typeof TABLE)[number]['name'];

export interface Output extends OutputRow {
  readonly name: OutputName;
}

export const OUTPUTS: readonly Output[] = TABLE;
export const OUTPUT_NAMES: readonly OutputName[] = TABLE.map((o) => o.name);
