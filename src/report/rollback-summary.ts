// The "Rollback" section of the job summary (on-failure: rollback): what set it off, its change order, the values
// put back, those that could not be, and for a rollback that put nothing back or did not finish, why.
import type { SummaryText } from './job-run-summary.js';
import type { RollbackReport } from './model.js';

const RESULT: Record<RollbackReport['outcome'], string> = {
  restored: '**rolled back**: the template holds again what it held before this step (DescribeJob)',
  unchanged: '**nothing to roll back**: the failure left the template as it was (DescribeJob)',
  skipped: '**not rolled back**: nothing was put back',
  failed: '**rollback failed**',
  cancelled: '**cancelled**: the rollback may still be running',
};

/** `value`: a value as a code span, scrubbed of secrets before it is shortened (the summary's rule). */
export function rollbackSection(
  r: RollbackReport,
  t: Pick<SummaryText, 'cell' | 'code' | 'prose'> & { value(v: string): string },
): string[] {
  const { cell, code, prose } = t;
  const lines = ['### Rollback', ''];
  if (r.error)
    lines.push(
      `> [!${r.outcome === 'skipped' ? 'WARNING' : 'CAUTION'}]`,
      `> **${cell(r.error.code)}**: ${prose(r.error.message)}`,
      '',
    );
  const rows: Array<[string, string]> = [
    ['Set off by', cell(r.trigger)],
    ['Result', RESULT[r.outcome]],
    ['Change order', r.changeOrderId ? link(r.changeOrderId, r.changeOrderUrl, t) : ''],
  ];
  lines.push('| | |', '|---|---|', ...rows.filter(([, v]) => v).map(([k, v]) => `| ${k} | ${v} |`), '');
  const put = Object.entries(r.restored);
  if (put.length) {
    lines.push('| Parameter | Put back |', '|---|---|');
    for (const [wire, v] of put) lines.push(`| ${cell(wire)} | ${v === '' ? '*(cleared)*' : t.value(v)} |`);
    lines.push('');
  }
  if (r.notRestored.length) {
    lines.push('Not put back:', '', ...r.notRestored.map((n) => `- ${code(n.input)}: ${cell(n.why)}`), '');
  }
  return lines;
}

/** A change order's id, linking to its console page. */
export function link(id: string, url: string | undefined, t: Pick<SummaryText, 'cell' | 'code'>): string {
  return url ? `[${t.cell(id).replace(/[[\]]/g, '\\$&')}](<${url}>)` : t.code(id);
}
