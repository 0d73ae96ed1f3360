// A step that deploys several templates (step/deploy-templates.ts): the `results` output and the step's other outputs, the
// job summary with one row per template and each template's own summary below it, and the final log line. How the
// step ends (its status) is outcome/step-status.ts.
import type { OutputName } from '../contract/outputs.js';
import { formatDuration } from './format.js';
import { code, heading, link, text } from './markdown.js';
import { succeeded, type RunReport, type RunStatus } from './model.js';
import { changedOf, outputsOf } from './output-values.js';
import { capSummary } from './summary.js';

/** One template of the step, as it ended: its report and summary (captured, not written). */
export interface TemplateResult {
  /** How the log and annotations name it: its spec file. */
  label: string;
  report: RunReport;
  summary: string;
  /** It failed the step (its deploy, or the run after it). */
  failed: boolean;
}

/** One element of the `results` output (src/contract/outputs.ts; the README's Outputs). */
export interface ResultEntry {
  spec: string;
  'app-id': string;
  'app-name': string;
  region: string;
  status: RunStatus;
  'change-order-id': string;
  'change-order-url': string;
  /** The wire names that change (JSON array), or null when the template could not be read. */
  changed: string[] | null;
  'error-code': string;
  'job-id': string;
  'job-status': string;
  'rolled-back': boolean;
}

export function resultEntry(t: TemplateResult): ResultEntry {
  const r = t.report;
  const o = outputsOf(r);
  return {
    spec: r.spec ?? t.label,
    'app-id': r.appId,
    'app-name': r.appName ?? '',
    region: r.region,
    status: r.status,
    'change-order-id': r.changeOrderId ?? '',
    'change-order-url': r.changeOrderUrl ?? '',
    changed: r.plan ? changedOf(r.plan) : null,
    'error-code': o['error-code'] ?? '',
    'job-id': o['job-id'] ?? '',
    'job-status': o['job-status'] ?? '',
    'rolled-back': r.rollback?.rolledBack === true,
  };
}

/**
 * The step's outputs: `results`, the step's status, whether any template was rolled back, and the error code when
 * the step itself was refused (`refused`). The single template's outputs mean nothing here: results holds them.
 */
export function stepOutputs(
  results: readonly TemplateResult[],
  status: RunStatus,
  refused: boolean,
): Readonly<Record<OutputName, string>> {
  const entries = refused ? [] : results.map(resultEntry);
  return {
    results: JSON.stringify(entries),
    status,
    'rolled-back': String(entries.some((e) => e['rolled-back'])),
    'error-code': refused ? 'Input.Invalid' : '',
    'app-id': '',
    'change-order-id': '',
    'change-order-url': '',
    'request-id': '',
    'trace-id': '',
    request: '',
    changed: '',
    created: '',
    'job-id': '',
    'job-status': '',
  };
}

const MARK: Record<RunStatus, string> = {
  succeeded: '✅',
  unchanged: '✅',
  submitted: '📨',
  'dry-run': '📝',
  failed: '❌',
  aborted: '🛑',
  'timed-out': '⏱️',
  cancelled: '🚫',
};

/** The step's job summary: a heading and a table of the templates, then each template's own summary. */
export function renderStepSummary(
  results: readonly TemplateResult[],
  status: RunStatus,
  durationMs: number,
  redact: (text: string) => string,
): string {
  const n = results.length;
  const bad = results.filter((t) => t.failed).length;
  const title =
    status === 'succeeded'
      ? `✅ ${n} SAE job templates deployed`
      : status === 'dry-run'
        ? `📝 ${n} SAE job templates planned (dry run)`
        : status === 'submitted'
          ? `📨 ${n} SAE job template updates submitted (not waited for)`
          : `${MARK[status]} SAE job templates: ${bad} of ${n} failed`;
  const lines = [
    `## ${title}`,
    '',
    `${n} templates in one step, in ${formatDuration(durationMs)}, one API budget for them all.`,
    '',
    '| Template | Region | Result | Change order | Changed | Test run | Rolled back |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const t of results) {
    const e = resultEntry(t);
    const name = e['app-name'] || e['app-id'] || t.label;
    const order = e['change-order-id']
      ? e['change-order-url']
        ? link(e['change-order-id'], e['change-order-url'])
        : code(e['change-order-id'])
      : '';
    const result = `${t.failed ? '❌' : MARK[e.status]} ${text(e.status)}${e['error-code'] ? ` (${text(e['error-code'])})` : ''}`;
    const changed = e.changed === null ? '' : e.changed.length ? text(e.changed.join(', ')) : 'nothing';
    lines.push(
      `| ${code(redact(name))}<br>${text(redact(t.label))} | ${code(e.region)} | ${result} | ${order} | ${changed} | ${text(e['job-status'])} | ${e['rolled-back'] ? 'yes' : ''} |`,
    );
  }
  lines.push('');
  for (const t of results) {
    // Each template's own summary, its headings one level down under its name.
    lines.push(heading(3, redact(t.label)), '', t.summary.replace(/^(#{2,5}) /gm, '#$1 '), '');
  }
  return capSummary(redact(lines.join('\n')));
}

/** The step's last log line: how many templates ended how. */
export function stepResultLine(results: readonly TemplateResult[], status: RunStatus, durationMs: number): string {
  const counts = new Map<string, number>();
  for (const t of results) {
    const s = t.failed && succeeded(t.report.status) ? 'failed (test run)' : t.report.status;
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  const parts = [...counts].map(([s, k]) => `${k} ${s}`).join(', ');
  const failed = results
    .filter((t) => t.failed)
    .map((t) => `${t.label} (${outputsOf(t.report)['error-code'] || t.report.status})`);
  return `Result: ${status} in ${formatDuration(durationMs)}: ${results.length} templates, ${parts}${failed.length ? `; failed: ${failed.join(', ')}` : ''}`;
}
