// The "Job run" section of the job summary (run-after-deploy): state, instance counts, times. When the run
// failed or did not end, its cause and what to look at open the summary (summary.ts): it is what failed the step.
import type { JobRunReport } from '../jobrun/start-and-follow.js';
import { counts, stateLabel } from '../jobrun/states.js';
import { formatDuration } from './format.js';
import { code, factsTable, text } from './markdown.js';

const time = (ms?: number): string => (ms ? new Date(ms).toISOString().replace('.000Z', 'Z') : '');

/** `redact`: the run's secret scrub, applied to SAE's message before it is escaped. */
export function jobRunSection(r: JobRunReport, redact: (text: string) => string = (v) => v): string[] {
  if (r.planned) {
    return [
      '### Job run',
      '',
      `After a real deploy the job would run once (run-after-deploy: true) and be followed for at most ${formatDuration(r.timeoutMs)}; a dry run starts nothing.`,
      '',
    ];
  }
  const lines = ['### Job run', ''];
  const s = r.status;
  const rows: Array<[string, string]> = [
    ['Job run', r.jobId ? code(r.jobId) : 'not started'],
    ['Result', r.outcome ? `**${r.outcome}**` : ''],
    ['State', s ? `${text(stateLabel(s.state))} (${text(s.state)})` : ''],
    ['Instances', s ? text(counts(s)) : ''],
    ['Started', time(s?.startTime)],
    ['Completed', time(s?.completionTime)],
    [
      'Duration',
      s?.startTime && s.completionTime && s.completionTime >= s.startTime
        ? formatDuration(s.completionTime - s.startTime)
        : '',
    ],
    ['Message', s?.message ? text(redact(s.message)) : ''],
  ];
  lines.push(...factsTable(rows));
  return lines;
}
