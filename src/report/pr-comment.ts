// Posts the planned request of a dry run on the pull request, updating the action's earlier comment
// (found by a hidden marker) instead of adding one per run.
//
// Three REST calls, made with fetch: octokit (@actions/github) would add about 1 MB to the bundle for
// them, loaded on a path few runs take.
import { readFileSync } from 'node:fs';
import { isLoopbackHost } from '../inputs/settings.js';
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

interface Comment {
  id: number;
  body?: string;
  html_url: string;
}

/** GitHub refuses a comment body longer than this (HTTP 422). */
export const MAX_COMMENT_CHARS = 65536;

/** `redact`: the run's secret scrub; the comment leaves by the GitHub API, not through the runner's log. */
export function planComment(report: RunReport, redact?: (text: string) => string): string {
  const body = `${marker(report.appId)}\n${renderSummary(report, redact)}`;
  if (body.length <= MAX_COMMENT_CHARS) return body;
  // Very large structured inputs: the table (values already shortened) fits; the full JSON stays in the
  // step's log and job summary.
  const cut = body.replace(/<details><summary>Request as JSON<\/summary>[\s\S]*?<\/details>\n/, '<details><summary>Request as JSON</summary>\n\nToo long for a comment: see the job summary or the log of this step.\n\n</details>\n');
  return cut.length <= MAX_COMMENT_CHARS ? cut : `${cut.slice(0, MAX_COMMENT_CHARS - 80)}\n\n…(cut: see the job summary of this step)\n`;
}

/** The REST API base: https, or plain http to this machine only, since the token goes with every call. */
export function apiBase(env: NodeJS.ProcessEnv): string {
  const text = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new Error(`GITHUB_API_URL "${text}" is not a URL`);
  }
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && isLoopbackHost(u.hostname))) {
    throw new Error(`GITHUB_API_URL "${text}" is not https://, so github-token would cross the network unencrypted`);
  }
  return text;
}

export async function postPlanComment(io: ActionIO, report: RunReport, fetcher: typeof fetch): Promise<string> {
  const token = io.getInput('github-token') || io.env.GITHUB_TOKEN || '';
  if (!token) throw new Error('github-token is empty');
  const number = pullRequestNumber(io.env);
  if (!number) throw new Error('the event has no pull request number');
  const repo = io.env.GITHUB_REPOSITORY ?? '';
  if (!/^[^/]+\/[^/]+$/.test(repo)) throw new Error('GITHUB_REPOSITORY is not set');
  const api = apiBase(io.env);
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetcher(`${api}/repos/${repo}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28',
        'user-agent': 'sae-job-deploy', ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(15_000),
    });
    if (!res.ok) {
      const detail = ((await res.json().catch(() => ({}))) as { message?: string }).message;
      throw new Error(`GitHub answered ${method} ${path} with HTTP ${res.status}${detail ? ` (${detail})` : ''}`);
    }
    return (await res.json()) as T;
  };

  const tag = marker(report.appId);
  const body = planComment(report, io.redact);
  for (let page = 1; page <= 20; page++) {
    const comments = await call<Comment[]>('GET', `/issues/${number}/comments?per_page=100&page=${page}`);
    // The marker opens the body: a comment that merely mentions it (quoted, or pasted in a discussion) is not ours.
    const mine = comments.find((c) => c.body?.startsWith(tag));
    if (mine) return (await call<Comment>('PATCH', `/issues/comments/${mine.id}`, { body })).html_url;
    if (comments.length < 100) break;
  }
  return (await call<Comment>('POST', `/issues/${number}/comments`, { body })).html_url;
}
