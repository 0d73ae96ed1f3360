// The job summary (GITHUB_STEP_SUMMARY): a headline with the result, the facts of the deploy, the
// parameters sent, the change order's progress, and for a failure the cause and the fix.
import { describeStatus } from '../changeorder/status.js';
import { deployedThing, headline } from './headline.js';
import { jobRunSection } from './job-run-summary.js';
import { succeeded, type RunReport, type RunStatus } from './model.js';
import { link, rollbackSection } from './rollback-summary.js';

const HEADLINE: Record<RunStatus, string> = {
  succeeded: '✅ SAE job template deployed',
  unchanged: '✅ SAE job template already up to date (nothing deployed)',
  submitted: '📨 SAE job template update submitted (not waited for)',
  'dry-run': '📝 SAE job template deploy planned (dry run)',
  failed: '❌ SAE job template deploy failed',
  aborted: '🛑 SAE job template deploy aborted',
  'timed-out': '⏱️ SAE job template deploy timed out',
  cancelled: '🚫 SAE job template deploy cancelled',
};

/** Plain text for markdown (and a table cell): no HTML, no column breaks, one line. */
export function cell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ');
}

/**
 * A code span that is safe in a table cell and shows the value's backticks as they are: the span's fence
 * is one backtick longer than the longest run inside, padded with a space (which markdown strips) so a
 * backtick at either end cannot join the fence.
 */
export function code(text: string): string {
  if (!text) return '';
  const inner = text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const fence = '`'.repeat(Math.max(0, ...[...inner.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  return fence.length > 1 || /^[` ]|[` ]$/.test(inner) ? `${fence} ${inner} ${fence}` : `${fence}${inner}${fence}`;
}

/**
 * A sentence for the summary's text (the error box): escaped like a cell, except that its links stay
 * links. Escaping a URL's `&` would break it (GitHub then shows `&amp;` and drops the parameters after it).
 */
export function prose(text: string): string {
  const parts = text.split(/(https?:\/\/[^\s<>"]*[^\s<>".,;:!?)\]'])/);
  return parts
    .map((part, i) => {
      if (i % 2 === 0) return cell(part);
      // A change order's console link reads best as its id: the full URL is in the table below.
      const id = /[?&]changeOrderId=([\w-]+)/.exec(part)?.[1];
      return `[${cell(id ?? part)}](<${part}>)`;
    })
    .join('');
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 100) / 10;
  if (s < 60) return `${s.toFixed(1)} s`;
  const whole = Math.round(s);
  const m = Math.floor(whole / 60);
  return whole % 60 ? `${m} min ${whole % 60} s` : `${m} min`;
}

const MAX_VALUE = 160;
/** GitHub refuses a step summary above 1 MiB (and then shows none): stay well under it. */
export const MAX_SUMMARY_BYTES = 1000 * 1024;
/** An input problem's message in the table; the whole message is in its annotation. */
const MAX_MESSAGE = 2000;

const clip = (text: string, max = MAX_VALUE): string => (text.length > max ? `${text.slice(0, max)}…` : text);

/**
 * The summary as markdown. `redact` replaces secrets (every form) with ***: applied before any value is
 * shortened, so a cut never leaves part of a secret, and to the whole text (the PR comment is posted
 * from it without passing the runner's scrub).
 */
export function renderSummary(r: RunReport, redact: (text: string) => string = (t) => t): string {
  return capSummary(redact(render(r, redact)));
}

/** Keeps the summary under MAX_SUMMARY_BYTES: first without the JSON copy of the request, then cut with a note. */
function capSummary(text: string): string {
  if (Buffer.byteLength(text) <= MAX_SUMMARY_BYTES) return text;
  const lighter = text.replace(/<details><summary>Request as JSON<\/summary>[\s\S]*?<\/details>\n/, '');
  if (Buffer.byteLength(lighter) <= MAX_SUMMARY_BYTES) return lighter;
  let cut = lighter.slice(0, MAX_SUMMARY_BYTES / 2);
  while (Buffer.byteLength(cut) > MAX_SUMMARY_BYTES - 200) cut = cut.slice(0, Math.floor(cut.length * 0.9));
  return `${cut.slice(0, cut.lastIndexOf('\n') + 1)}\n…(the rest is cut: GitHub shows at most 1 MiB of summary; see the log of this step)\n`;
}

/** The plan as a table: parameters that change (or cannot be compared) first, the unchanged ones folded. */
function whatChanged(r: RunReport, redact: (text: string) => string): string[] {
  const plan = r.plan ?? [];
  // Scrubbed before it is shortened, like every value here.
  const short = (v: string) => code(clip(redact(v)));
  const moving = plan.filter((e) => e.state !== 'unchanged');
  const title =
    r.status === 'dry-run' || r.status === 'unchanged' || (r.status === 'failed' && !r.changeOrderId)
      ? 'What would change'
      : 'What changed';
  const out = [`### ${title}`, ''];
  if (!moving.length) out.push('Nothing: the template already holds every parameter of this step.');
  else {
    out.push('| Parameter | Before | After |', '|---|---|---|');
    for (const e of moving) {
      const before = e.secret
        ? '***'
        : e.before === undefined
          ? e.state === 'unknown'
            ? '*(not readable; counted as changed)*'
            : '*(not set)*'
          : e.before === ''
            ? '*(empty)*'
            : short(e.before);
      const after = e.secret
        ? `*** (${e.state === 'unknown' ? 'counted as changed' : 'changed'})`
        : e.cleared
          ? '*(cleared)*'
          : short(e.after);
      out.push(`| ${e.wire} | ${before} | ${after} |`);
    }
  }
  // envs-strategy: merge: each env var the step adds, changes or removes.
  const envs = plan.find((e) => e.envChanges?.length)?.envChanges ?? [];
  if (envs.length) {
    const names = (c: string) =>
      envs
        .filter((e) => e.change === c)
        .map((e) => code(e.name))
        .join(', ');
    const parts = (['added', 'changed', 'removed'] as const).filter((c) => names(c)).map((c) => `${c} ${names(c)}`);
    out.push('', `Env vars (envs-strategy: merge): ${parts.join('; ')}; the template's others are kept.`);
  }
  const same = plan.filter((e) => e.state === 'unchanged');
  if (same.length) out.push('', `Unchanged: ${same.map((e) => e.wire).join(', ')}.`);
  return out;
}

/** The title: what happened to the template, a rollback's result included. */
function title(r: RunReport): string {
  if (!r.rollback?.rolledBack) return HEADLINE[r.status];
  return succeeded(r.status)
    ? '↩️ SAE job run failed after the deploy, job template rolled back'
    : '↩️ SAE job template deploy failed, job template rolled back';
}

function render(r: RunReport, redact: (text: string) => string): string {
  const lines: string[] = [
    `## ${title(r)}`,
    '',
    headline(r, { code, duration: formatDuration(r.durationMs), link: (id, url) => link(id, url, { cell, code }) }),
    '',
  ];
  if (!succeeded(r.status) && r.error) {
    lines.push(`> [!CAUTION]`, `> **${cell(r.error.code)}**: ${prose(r.error.message)}`, '');
  }
  const template = r.appName
    ? `${code(r.appName)}${r.appId ? ` (${code(r.appId)})` : ' (id looked up by name when deploying)'}`
    : code(r.appId);
  const facts: Array<[string, string]> = [
    ['Job template', template],
    ['Region', code(r.region)],
  ];
  if (r.created) facts.push(['Created', 'by this step (if-missing: create; CreateJob)']);
  if (r.namespaceId) facts.push(['Namespace', code(r.namespaceId)]);
  if (r.spec) facts.push(['Spec', code(r.spec)]);
  const thing = deployedThing(r.parameters);
  if (thing)
    facts.push([
      thing.kind,
      `${code(clip(redact(thing.name)))}${thing.version ? ` version ${code(thing.version)}` : ''}`,
    ]);
  if (r.changeOrderId)
    facts.push([
      'Change order',
      r.changeOrderUrl ? `[${r.changeOrderId}](${r.changeOrderUrl})` : code(r.changeOrderId),
    ]);
  facts.push(['Duration', formatDuration(r.durationMs)]);
  if (r.requestId) facts.push(['Request id', code(r.requestId)]);
  if (r.traceId) facts.push(['Trace id', code(r.traceId)]);
  if (r.context.sha) facts.push(['Commit', code(r.context.sha.slice(0, 12))]);
  if (r.context.ref) facts.push(['Ref', code(r.context.ref)]);
  if (r.context.runUrl)
    facts.push([
      'Run',
      `[${r.context.runUrl.replace(/.*\/runs\//, '').replace('/attempts/', ', attempt ')}](${r.context.runUrl})`,
    ]);
  lines.push(
    `| Result | **${r.status}** |`,
    '|---|---|',
    ...facts.filter(([, v]) => v).map(([k, v]) => `| ${k} | ${v} |`),
    '',
  );

  if (r.jobRun) lines.push(...jobRunSection(r.jobRun, { cell, code, prose, formatDuration }));
  if (r.rollback)
    lines.push(...rollbackSection(r.rollback, { cell, code, prose, value: (v) => code(clip(redact(v))) }));
  if (r.inputProblems.length) {
    lines.push('### Input problems', '', '| Input | Code | What to do |', '|---|---|---|');
    for (const p of r.inputProblems)
      lines.push(`| ${code(p.input)} | ${code(p.code)} | ${cell(clip(redact(p.message), MAX_MESSAGE))} |`);
    lines.push('');
  }
  if (r.plan) lines.push(...whatChanged(r, redact), '');
  if (r.failureDetails.length) {
    lines.push('### Where it failed', '', ...r.failureDetails.map((d) => `- ${cell(d)}`), '');
  }
  if (r.history.length) {
    lines.push('### Change order progress', '', '| After | Status |', '|---|---|');
    for (const h of r.history)
      lines.push(
        `| ${formatDuration(h.atMs)} | ${cell(h.label)} (${h.status}${h.subStatus ? `/${h.subStatus}` : ''}) |`,
      );
    lines.push('');
  }
  if (r.pipelines.length) {
    lines.push('### Pipeline stages', '', '| Stage | Status | Took |', '|---|---|---|');
    for (const p of r.pipelines) {
      const took =
        p.startTime && p.updateTime && p.updateTime >= p.startTime ? formatDuration(p.updateTime - p.startTime) : '';
      lines.push(`| ${cell(p.name || p.pipelineId)} | ${cell(describeStatus(p.status).label)} | ${took} |`);
    }
    lines.push('');
  }
  const params = Object.entries(r.parameters);
  if (params.length) {
    const which =
      r.status === 'dry-run'
        ? 'that would be sent'
        : r.status === 'unchanged'
          ? 'not sent (nothing changes)'
          : r.inputProblems.length
            ? 'not sent (the inputs are wrong)'
            : 'sent';
    lines.push(
      `<details${r.status === 'dry-run' ? ' open' : ''}><summary>Parameters ${which} (${params.length})</summary>`,
      '',
      // With a spec file: which values are the spec's and which the step's.
      r.origins ? '| Parameter | Value | From |' : '| Parameter | Value |',
      r.origins ? '|---|---|---|' : '|---|---|',
    );
    for (const [k, v] of params) {
      const shown = v === '' ? '*(cleared)*' : code(clip(redact(v), MAX_VALUE));
      lines.push(r.origins ? `| ${k} | ${shown} | ${r.origins[k] ?? ''} |` : `| ${k} | ${shown} |`);
    }
    lines.push('', '</details>', '');
    if (r.status === 'dry-run') {
      // For pull request checks: the exact request, ready to compare or paste (secrets stay ***).
      const json = JSON.stringify(r.parameters, null, 2);
      // A fence longer than any run of backticks in the values, so no value can close it early.
      const fence = '`'.repeat(Math.max(3, ...[...json.matchAll(/`+/g)].map((m) => m[0].length + 1)));
      lines.push('<details><summary>Request as JSON</summary>', '', `${fence}json`, json, fence, '', '</details>', '');
    }
  }
  return lines.join('\n') + '\n';
}
