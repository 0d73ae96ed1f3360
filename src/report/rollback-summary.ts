// The "Rollback" section of the job summary (on-failure: rollback): what set it off, its change order, the values
// put back, those that could not be, and for a rollback that put nothing back or did not finish, why.
import { orderLink } from './headline.js';
import { code, factsTable, prose, text } from './markdown.js';
import type { RollbackReport } from './model.js';

const RESULT: Record<RollbackReport['outcome'], string> = {
  restored: '**rolled back**: the template holds again what it held before this step (DescribeJob)',
  unchanged: '**nothing to roll back**: the failure left the template as it was (DescribeJob)',
  skipped: '**not rolled back**: nothing was put back',
  failed: '**rollback failed**',
  cancelled: '**cancelled**: the rollback may still be running',
};

/**
 * `value`: a value as a code span, scrubbed of secrets before it is shortened (the summary's rule); `redact`: the
 * scrub, applied to SAE's words before they are escaped (escaping would hide a secret from it).
 */
export function rollbackSection(
  r: RollbackReport,
  value: (v: string) => string,
  redact: (text: string) => string,
): string[] {
  const lines = ['### Rollback', ''];
  if (r.error)
    lines.push(
      `> [!${r.outcome === 'skipped' ? 'WARNING' : 'CAUTION'}]`,
      `> **${text(r.error.code)}**: ${prose(redact(r.error.message))}`,
      '',
    );
  const rows: Array<[string, string]> = [
    ['Set off by', text(r.trigger)],
    ['Result', RESULT[r.outcome]],
    ['Change order', r.changeOrderId ? orderLink(r.changeOrderId, r.changeOrderUrl) : ''],
  ];
  lines.push(...factsTable(rows));
  const put = Object.entries(r.restored);
  if (put.length) {
    lines.push('| Parameter | Put back |', '|---|---|');
    for (const [wire, v] of put) lines.push(`| ${text(wire)} | ${v === '' ? '*(cleared)*' : value(v)} |`);
    lines.push('');
  }
  if (r.notRestored.length) {
    lines.push('Not put back:', '', ...r.notRestored.map((n) => `- ${code(n.input)}: ${text(redact(n.why))}`), '');
  }
  return lines;
}
