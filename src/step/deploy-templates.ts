// Several templates in one step (spec naming several files): each deployed by deploy/stages.ts, side by side
// and independently, each with its own report, log lines and annotations that name it. What they share: one
// API budget (the account's documented pace, pace/budget.ts), one login, one watch per namespace over their change
// orders (pace/watch.ts), and, with fail-fast, the first failure. The step's outputs and summary are
// written once every template has ended (report/step-summary.ts).
import type { Watch } from '../pace/watch.js';
import { OUTPUT_NAMES } from '../contract/outputs.js';
import type { RunReport } from '../report/model.js';
import { stepStatus } from '../outcome/step-status.js';
import { renderStepSummary, stepOutputs, stepResultLine, type TemplateResult } from '../report/step-summary.js';
import { allOn } from '../runner/clock.js';
import { templateIO } from '../runner/template-io.js';
import { AccountPace } from '../pace/budget.js';
import type { ChangeOrderListItem } from '../sae/client.js';
import { begin } from '../deploy/begin.js';
import type { Deps, Begun, StepShared } from '../deploy/context.js';
import { writeOutputs } from '../deploy/write-outputs.js';
import { deployTemplate } from '../deploy/stages.js';

export async function deployTemplates(deps: Deps, step: Begun, files: readonly string[]): Promise<RunReport> {
  const { io, clock } = step;
  let stoppedBy: string | undefined;
  const watches = new Map<string, Watch<ChangeOrderListItem>>();
  const snapshots = new Map<string, Promise<ChangeOrderListItem[]>>();
  const claimed = new Map<string, string>();
  const shared: StepShared = {
    pace: new AccountPace(clock),
    watch(region, namespaceId, make) {
      const key = `${region}\n${namespaceId}`;
      let w = watches.get(key);
      if (!w) watches.set(key, (w = make()));
      return w;
    },
    ordersBefore(region, namespaceId, list) {
      const key = `${region}\n${namespaceId}`;
      let p = snapshots.get(key);
      if (!p) snapshots.set(key, (p = list()));
      return p;
    },
    claim(appId, label) {
      const other = claimed.get(appId);
      if (other === undefined) claimed.set(appId, label);
      return other;
    },
    stoppedBy: () => stoppedBy,
  };
  const labels = labelsOf(files);
  const templates = files.map((file, i) => {
    const tio = templateIO(deps.io, labels[i]!);
    const begun = begin({ ...deps, io: tio });
    begun.step = shared;
    begun.label = labels[i]!;
    return { file, label: labels[i]!, begun, captured: tio.captured };
  });
  io.info(
    `Deploying ${files.length} job templates side by side, on one API budget: ${labels.join(', ')}. Each line and annotation below names its template.`,
  );
  // app-id or app-name on the step would name every template the same: only the spec files name them.
  const named = (['app-id', 'app-name'] as const).filter((n) => io.getInput(n));
  const refused = named.length
    ? `${named.join(' and ')} on the step would name one template for all of the ${files.length} spec files: set each template's identity in its spec file, and remove ${named.join(' and ')} from the step.`
    : undefined;
  if (refused) io.error(refused, { title: 'Input.Invalid', ...(await step.where(named)) });
  else
    await allOn(
      clock,
      templates.map((t) => async () => {
        await deployTemplate(t.begun, { file: t.file });
        if (t.captured.failed && t.begun.settings?.failFast) stoppedBy ??= t.label;
      }),
    );

  const results: TemplateResult[] = templates.map((t) => ({
    label: t.label,
    report: t.begun.report,
    summary: t.captured.summary,
    failed: t.captured.failed,
  }));
  const report = step.report;
  report.durationMs = clock.now() - step.started;
  report.status = refused ? 'failed' : stepStatus(results, step.signal?.aborted === true);
  // Every output; each template's are in results (report/step-summary.ts stepOutputs).
  writeOutputs(step, OUTPUT_NAMES, stepOutputs(results, report.status, refused !== undefined));
  io.info(stepResultLine(results, report.status, report.durationMs));
  if (!refused) io.appendSummary(renderStepSummary(results, report.status, report.durationMs, io.redact ?? ((t) => t)));
  if (refused || results.some((t) => t.failed) || report.status === 'failed') io.markFailed();
  return report;
}

/** How each template is named in the log: its spec file's name, or its path where two names are the same. */
function labelsOf(files: readonly string[]): string[] {
  const base = (f: string) => f.slice(f.lastIndexOf('/') + 1).replace(/\.(ya?ml|json)$/i, '');
  const names = files.map(base);
  return files.map((f, i) => (names.filter((n) => n === names[i]).length > 1 ? f : names[i]!));
}
