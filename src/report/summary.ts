// The job summary (GITHUB_STEP_SUMMARY): a headline with the result, the facts of the deploy, the
// parameters sent, the change order's progress, and for a failure the cause and the fix.
//
// Every value from outside (SAE's answers, inputs, GitHub's) goes through markdown.ts, scrubbed of secrets first
// (the escaping would otherwise change a secret's text so the scrub no longer finds it), then shortened.
import { describeStatus } from '../changeorder/status.js';
import { clip, formatDuration } from './format.js';
import { deployedThing, headline, jobRunEnding } from './headline.js';
import { jobRunSection } from './job-run-summary.js';
import { code, link, ownUrl, prose, text } from './markdown.js';
import { succeeded, type RunReport, type RunStatus } from './model.js';
import { rollbackSection } from './rollback-summary.js';

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

/**
 * The heading and the Result row say how the step ended: a deploy that went through and a run after it that did
 * not end well fail the step, so they open with ❌ (🚫 when cancelled), never ✅.
 */
function verdict(r: RunReport): { heading: string; result: string } {
  const jobRunEnded = jobRunEnding(r);
  // A rollback that put the template back (on-failure: rollback) is said in the heading too.
  const back = r.rollback?.rolledBack
    ? jobRunEnded
      ? '↩️ SAE job run failed after the deploy, job template rolled back'
      : '↩️ SAE job template deploy failed, job template rolled back'
    : undefined;
  if (!jobRunEnded) return { heading: back ?? HEADLINE[r.status], result: `**${r.status}**` };
  const mark = jobRunEnded.cancelled ? '🚫' : '❌';
  return {
    heading: back ?? `${mark} SAE job template ${jobRunEnded.sentence}`,
    result: `${mark} **${jobRunEnded.sentence}** (${jobRunEnded.outputs})`,
  };
}

const MAX_VALUE = 160;
/** GitHub refuses a step summary above 1 MiB (and then shows none): stay well under it. */
export const MAX_SUMMARY_BYTES = 1000 * 1024;
/** An input problem's message in the table; the whole message is in its annotation. */
const MAX_MESSAGE = 2000;

/**
 * The summary as markdown. `redact` replaces secrets (every form) with ***: applied before any value is
 * shortened, so a cut never leaves part of a secret, and to the whole text (the PR comment is posted
 * from it without passing the runner's scrub).
 */
export function renderSummary(r: RunReport, redact: (text: string) => string = (t) => t): string {
  return capSummary(redact(render(r, redact)));
}

/** Keeps the summary under MAX_SUMMARY_BYTES: first without the JSON copy of the request, then cut with a note. */
export function capSummary(text: string): string {
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
  const short = (v: string) => code(clip(redact(v), MAX_VALUE));
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
        .map((e) => code(redact(e.name)))
        .join(', ');
    const parts = (['added', 'changed', 'removed'] as const).filter((c) => names(c)).map((c) => `${c} ${names(c)}`);
    out.push('', `Env vars (envs-strategy: merge): ${parts.join('; ')}; the template's others are kept.`);
  }
  const same = plan.filter((e) => e.state === 'unchanged');
  if (same.length) out.push('', `Unchanged: ${same.map((e) => e.wire).join(', ')}.`);
  return out;
}

function render(r: RunReport, redact: (text: string) => string): string {
  const { heading, result } = verdict(r);
  // Values from outside: scrubbed, then escaped for where they go.
  const t = (v: string, max = MAX_VALUE) => text(clip(redact(v), max));
  const c = (v: string, max = MAX_VALUE) => code(clip(redact(v), max));
  const lines: string[] = [`## ${heading}`, '', headline(r, formatDuration(r.durationMs), redact), ''];
  // The cause first: the deploy's error, or the run's when it is what failed the step (its section has it too).
  const error = !succeeded(r.status) ? r.error : jobRunEnding(r) ? r.jobRun?.error : undefined;
  if (error) lines.push(`> [!CAUTION]`, `> **${text(error.code)}**: ${prose(redact(error.message))}`, '');
  const template = r.appName
    ? `${c(r.appName)}${r.appId ? ` (${c(r.appId)})` : ' (id looked up by name when deploying)'}`
    : c(r.appId);
  const facts: Array<[string, string]> = [
    ['Job template', template],
    ['Region', c(r.region)],
  ];
  if (r.created) facts.push(['Created', 'by this step (if-missing: create; CreateJob)']);
  if (r.namespaceId) facts.push(['Namespace', c(r.namespaceId)]);
  if (r.spec) facts.push(['Spec', c(r.spec)]);
  const thing = deployedThing(r.parameters);
  if (thing) facts.push([thing.kind, `${c(thing.name)}${thing.version ? ` version ${c(thing.version)}` : ''}`]);
  // The console link is rebuilt from its parts (the id percent-encoded), never written as given.
  if (r.changeOrderId)
    facts.push([
      'Change order',
      ownUrl(r.changeOrderUrl ?? '') ? link(r.changeOrderId, r.changeOrderUrl!) : c(r.changeOrderId),
    ]);
  facts.push(['Duration', formatDuration(r.durationMs)]);
  if (r.requestId) facts.push(['Request id', c(r.requestId)]);
  if (r.traceId) facts.push(['Trace id', c(r.traceId)]);
  if (r.context.sha) facts.push(['Commit', c(r.context.sha.slice(0, 12))]);
  if (r.context.ref) facts.push(['Ref', c(r.context.ref)]);
  if (r.context.runUrl) {
    const label = r.context.runUrl.replace(/.*\/runs\//, '').replace('/attempts/', ', attempt ');
    facts.push(['Run', link(label, r.context.runUrl, { run: true })]);
  }
  lines.push(
    `| Result | ${result} |`,
    '|---|---|',
    ...facts.filter(([, v]) => v).map(([k, v]) => `| ${k} | ${v} |`),
    '',
  );

  if (r.jobRun) lines.push(...jobRunSection(r.jobRun, redact));
  if (r.rollback) lines.push(...rollbackSection(r.rollback, (v) => c(v), redact));
  if (r.inputProblems.length) {
    lines.push('### Input problems', '', '| Input | Code | What to do |', '|---|---|---|');
    for (const p of r.inputProblems) lines.push(`| ${c(p.input)} | ${c(p.code)} | ${t(p.message, MAX_MESSAGE)} |`);
    lines.push('');
  }
  if (r.plan) lines.push(...whatChanged(r, redact), '');
  if (r.failureDetails.length) {
    lines.push('### Where it failed', '', ...r.failureDetails.map((d) => `- ${t(d, MAX_MESSAGE)}`), '');
  }
  if (r.history.length) {
    lines.push('### Change order progress', '', '| After | Status |', '|---|---|');
    for (const h of r.history)
      lines.push(
        `| ${formatDuration(h.atMs)} | ${text(h.label)} (${text(`${h.status}${h.subStatus ? `/${h.subStatus}` : ''}`)}) |`,
      );
    lines.push('');
  }
  if (r.pipelines.length) {
    lines.push('### Pipeline stages', '', '| Stage | Status | Took |', '|---|---|---|');
    for (const p of r.pipelines) {
      const took =
        p.startTime && p.updateTime && p.updateTime >= p.startTime ? formatDuration(p.updateTime - p.startTime) : '';
      lines.push(`| ${t(p.name || p.pipelineId)} | ${text(describeStatus(p.status).label)} | ${took} |`);
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
      const shown = v === '' ? '*(cleared)*' : c(v);
      lines.push(r.origins ? `| ${k} | ${shown} | ${text(r.origins[k] ?? '')} |` : `| ${k} | ${shown} |`);
    }
    lines.push('', '</details>', '');
    if (r.status === 'dry-run') {
      // For pull request checks: the exact request, ready to compare or paste (secrets stay ***). Hidden
      // characters are written as JSON escapes, which read as what they are and keep the JSON the same.
      const json = redact(JSON.stringify(r.parameters, null, 2)).replace(
        /[\u007f-\u009f\u2028\u2029\p{Cf}\p{Cs}]/gu,
        (ch) =>
          [...Array(ch.length).keys()].map((i) => `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''),
      );
      // A fence longer than any run of backticks in the values, so no value can close it early.
      const fence = '`'.repeat(Math.max(3, ...[...json.matchAll(/`+/g)].map((m) => m[0].length + 1)));
      lines.push('<details><summary>Request as JSON</summary>', '', `${fence}json`, json, fence, '', '</details>', '');
    }
  }
  return lines.join('\n') + '\n';
}
