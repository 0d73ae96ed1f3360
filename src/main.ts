// The action, end to end. This file only wires the stages: one template's (src/deploy/), or a step of several
// templates side by side (src/step/); how a run ends is src/outcome/, what people read of it src/report/.
//
// Layers, bottom to top; a folder imports only from folders below it, never back up the flow, and the
// folder graph has no cycle (test/house/import-graph.test.ts holds src/ to this order):
//   contract     the interface as data, importing nothing: the parameter table, the action's own inputs and
//                their defaults, the outputs, the spec's keys; `as const`, so every name is a type
//   base         neutral policy with no I/O: where secrets may go (urls.ts), how long past its deadline a run
//                may go on (deadline.ts)
//   runner       the I/O seam: the runner's I/O (io.ts), the Clock, the network and its proxies, secrets
//   pace         waiting, all of it: the retry policy and each client's pace, the run's budget gate and the
//                account's pace, poll schedules and their pacer, one list call shared by several polls
//   inputs       reading and checking every input; the settings, read once and passed down typed
//   request      the UpdateJob request built from the parameters
//   credentials  who signs: keys, the environment, keyless login (OIDC → STS) and its renewal
//   sae          the SAE client (each call through the run's budget gate), its errors, its codes and its retry
//                predicates
//   plan         what the request changes in the template (DescribeJob), and the read-back
//   changeorder  UpdateJob sent safely, the change order followed
//   jobrun       the job run after the deploy (ExecJob, DescribeJobStatus)
//   report       what people read: the catalogue, formatting, outputs, summary, progress lines, PR comment
//   outcome      how a run ends: its statuses, Ended (a stage ends the run with it) and each ending's Outcome
//   deploy       the stages of one template's deploy, each one part of the flow, in order (deploy/stages.ts)
//   step         a step of several templates: each through deploy/'s stages, side by side, on what they share
//   (root)       main.ts, runtime.ts (the runner's real dependencies) and index.ts: the composition root
import { begin } from './deploy/begin.js';
import type { Deps } from './deploy/context.js';
import { specFiles } from './deploy/check-inputs.js';
import { deployTemplate } from './deploy/stages.js';
import type { RunReport } from './report/model.js';

export type { Deps };
export { CANCEL_GRACE_MS } from './deploy/stages.js';

/** Runs the action. Without deps (the runner, @github/local-action) it builds the real ones. */
export async function run(deps?: Deps): Promise<RunReport> {
  if (!deps) return (await import(/* webpackMode: "eager" */ './runtime.js')).withRunnerDeps(run);
  const r = begin(deps);
  // Which templates: the spec files the spec input names, or the step's own inputs alone.
  const specs = await specFiles(r).then(
    (found) => found,
    // A failure to look for the files is the template's to report, as its first stage's.
    (fault: unknown) => ({ files: [], problems: [], fault }),
  );
  if (specs.files.length > 1) {
    const { deployTemplates } = await import('./step/deploy-templates.js');
    return deployTemplates(deps, r, specs.files);
  }
  return deployTemplate(r, { ...specs, file: specs.files[0] });
}
