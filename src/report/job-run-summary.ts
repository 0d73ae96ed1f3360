// The "Job run" section of the job summary (run-after-deploy): state, instance counts, times, and for a
// run that failed or did not end, the cause and what to look at.
import type { JobRunReport } from '../jobrun/run.js';
import { counts, stateLabel } from '../jobrun/states.js';

const time = (ms?: number): string => (ms ? new Date(ms).toISOString().replace('.000Z', 'Z') : '');

/** The summary's own escaping and formatting (summary.ts calls this: passed in to keep the imports one way). */
export interface SummaryText {
  cell(text: string): string;
  code(text: string): string;
  prose(text: string): string;
  formatDuration(ms: number): string;
}

export function jobRunSection(r: JobRunReport, t: SummaryText): string[] {
  const { cell, code, prose, formatDuration } = t;
  if (r.planned) {
    return [
      '### Job run',
      '',
      `After a real deploy the job would run once (run-after-deploy: true) and be followed for at most ${formatDuration(r.timeoutMs)}; a dry run starts nothing.`,
      '',
    ];
  }
  const lines = ['### Job run', ''];
  if (r.error) lines.push('> [!CAUTION]', `> **${cell(r.error.code)}**: ${prose(r.error.message)}`, '');
  const s = r.status;
  const rows: Array<[string, string]> = [
    ['Job run', r.jobId ? code(r.jobId) : 'not started'],
    ['Result', r.outcome ? `**${r.outcome}**` : ''],
    ['State', s ? `${cell(stateLabel(s.state))} (${cell(s.state)})` : ''],
    ['Instances', s ? cell(counts(s)) : ''],
    ['Started', time(s?.startTime)],
    ['Completed', time(s?.completionTime)],
    [
      'Duration',
      s?.startTime && s.completionTime && s.completionTime >= s.startTime
        ? formatDuration(s.completionTime - s.startTime)
        : '',
    ],
    ['Message', s?.message ? cell(s.message) : ''],
  ];
  lines.push('| | |', '|---|---|', ...rows.filter(([, v]) => v).map(([k, v]) => `| ${k} | ${v} |`), '');
  return lines;
}
