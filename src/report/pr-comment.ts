// Posts the planned request of a dry run on the pull request, updating the action's earlier comment
// (found by a hidden marker) instead of adding one per run. Loaded only for that: octokit is heavy.
import { readFileSync } from 'node:fs';
import type { ActionIO } from '../runner/io.js';
import type { RunReport } from './model.js';
import { renderSummary } from './summary.js';

/** Identifies this action's comment for one job template. */
export function marker(appId: string): string {
  return `<!-- sae-job-deploy plan ${appId} -->`;
}

export function pullRequestNumber(env: NodeJS.ProcessEnv): number | undefined {
  try {
    const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH ?? '', 'utf8')) as { pull_request?: { number?: number }; number?: number };
    return event.pull_request?.number ?? event.number;
  } catch {
    return undefined;
  }
}

export async function postPlanComment(io: ActionIO, report: RunReport): Promise<string> {
  const token = io.getInput('github-token') || io.env.GITHUB_TOKEN || '';
  if (!token) throw new Error('github-token is empty');
  const number = pullRequestNumber(io.env);
  if (!number) throw new Error('the event has no pull request number');
  const [owner, repo] = (io.env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) throw new Error('GITHUB_REPOSITORY is not set');
  const { getOctokit } = await import('@actions/github');
  const octokit = getOctokit(token, { baseUrl: io.env.GITHUB_API_URL || 'https://api.github.com' });
  const tag = marker(report.appId);
  const body = `${tag}\n${renderSummary(report)}\n<details><summary>Request as JSON</summary>\n\n\`\`\`json\n${JSON.stringify(report.parameters, null, 2)}\n\`\`\`\n</details>\n`;
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: number, per_page: 100 });
  const mine = comments.find((c) => c.body?.includes(tag));
  if (mine) {
    const { data } = await octokit.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body });
    return data.html_url;
  }
  const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: number, body });
  return data.html_url;
}
