// Posts the planned request of a dry run on the pull request, updating the action's earlier comment instead of
// adding one per run. The earlier comment is the one that opens with the hidden marker *and* was written by the
// token's own identity: another user's comment that carries the marker (quoted, pasted, or forged) is never
// edited, whatever the token could edit.
//
// The REST calls go through @actions/github's Octokit (GITHUB_API_URL for GHES) over toolkitFetch (the
// toolkit's proxy rules), loaded only on this path. Redirects are followed only within GITHUB_API_URL's origin
// (GitHub answers 301 for a renamed repository): the token goes nowhere else.
import { readFileSync } from 'node:fs';
import { retrying, SHORT_PACE, type Retryable } from '../pace/retry-policy.js';
import { isPrivateChannel } from '../base/urls.js';
import { boundedFetch } from '../runner/bounded.js';
import type { ActionIO } from '../runner/io.js';
import { toolkitFetch } from '../runner/network.js';
import type { RunReport } from './model.js';
import { renderSummary } from './summary.js';

/**
 * Identifies this action's comment for one job template. The id is percent-encoded: no value can end the HTML
 * comment (`-->`, `--!>`) or the line, so nothing of it is shown or read as markdown. (An id in SAE's shape is
 * unchanged by the encoding, so comments of earlier versions are still found.)
 */
export function marker(appId: string): string {
  return `<!-- sae-job-deploy plan ${encodeURIComponent(appId)} -->`;
}

export function pullRequestNumber(env: NodeJS.ProcessEnv): number | undefined {
  try {
    const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH ?? '', 'utf8')) as {
      pull_request?: { number?: number };
      number?: number;
    };
    return event.pull_request?.number ?? event.number;
  } catch {
    return undefined;
  }
}

interface Comment {
  id: number;
  body?: string;
  html_url: string;
  /** null for a deleted account ("ghost"). */
  user?: { login?: string } | null;
}

/** A GitHub call that failed: `status` is the answer's HTTP status (200 for GraphQL's errors), undefined for none. */
class GitHubError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** The author of the workflow token's comments (GITHUB_TOKEN is an installation token of the GitHub Actions app). */
export const WORKFLOW_BOT = 'github-actions[bot]';

/** GitHub refuses a comment body longer than this (HTTP 422). */
export const MAX_COMMENT_CHARS = 65536;

/** `redact`: the run's secret scrub; the comment leaves by the GitHub API, not through the runner's log. */
export function planComment(report: RunReport, redact?: (text: string) => string): string {
  const body = `${marker(report.appId)}\n${renderSummary(report, redact)}`;
  if (body.length <= MAX_COMMENT_CHARS) return body;
  // Very large structured inputs: the table (values already shortened) fits; the full JSON stays in the
  // step's log and job summary.
  const cut = body.replace(
    /<details><summary>Request as JSON<\/summary>[\s\S]*?<\/details>\n/,
    '<details><summary>Request as JSON</summary>\n\nToo long for a comment: see the job summary or the log of this step.\n\n</details>\n',
  );
  return cut.length <= MAX_COMMENT_CHARS
    ? cut
    : `${cut.slice(0, MAX_COMMENT_CHARS - 80)}\n\n…(cut: see the job summary of this step)\n`;
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
  if (!isPrivateChannel(u)) {
    throw new Error(`GITHUB_API_URL "${text}" is not https://, so github-token would cross the network unencrypted`);
  }
  return text;
}

/** A fetch that follows a redirect only to the same origin (so https, or the loopback test server). */
export function sameOriginFetch(base: typeof fetch): typeof fetch {
  return async (input, init) => {
    let target = new URL(input instanceof Request ? input.url : String(input));
    for (let hop = 0; ; hop++) {
      const res = await base(target, { ...init, redirect: 'manual' });
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || res.status === 304 || !location) return res;
      const next = new URL(location, target);
      if (next.origin !== target.origin || hop >= 5) {
        await res.body?.cancel().catch(() => undefined);
        throw new Error(
          `GitHub answered HTTP ${res.status}, a redirect to ${next.origin}, which the action does not follow: github-token goes only to GITHUB_API_URL`,
        );
      }
      target = next;
    }
  };
}

/**
 * GitHub's side of the retry policy: a call that got no answer or a 5xx is sent again only when sending it
 * twice does no harm (reading the comments, or setting one comment's body); creating a comment is not, since
 * a lost answer may have created it. 429 (and a 403 that says the rate limit is spent) did nothing: always.
 */
export function retryableGitHub(
  method: string,
  e: { status?: number; response?: { headers?: Record<string, string | undefined> }; cause?: unknown },
): Retryable | undefined {
  const headers = e.response?.headers ?? {};
  const retryAfter = Number(headers['retry-after']);
  const hint = headers['retry-after'] !== undefined && Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined;
  const limited = e.status === 429 || (e.status === 403 && headers['x-ratelimit-remaining'] === '0');
  if (limited) return { throttled: true, retryAfterMs: hint };
  // No answer: fetch failed (a TypeError, as fetch reports the network), not a redirect the action refused.
  const unanswered = e.response ? (e.status ?? 0) >= 500 : e.cause instanceof TypeError;
  return unanswered && method !== 'POST' ? { retryAfterMs: hint } : undefined;
}

/** Two retries on SHORT_PACE (1 s, then 2 s; or GitHub's Retry-After up to 10 s): a dry run's courtesy. */
const GITHUB_RETRIES = 2;
/** One call to the GitHub API, connect to the last byte of its answer (runner/bounded.ts). */
const GITHUB_TIMEOUT_MS = 15_000;
/**
 * The largest answer read: a page of 100 comments, each up to 65536 characters, is at most about 20 MB of
 * JSON (with multi-byte text); anything larger is not a page of comments.
 */
export const GITHUB_MAX_BYTES = 24 * 1024 * 1024;

const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** `token`: github-token, else GITHUB_TOKEN (Settings.githubToken). `bounds`: the run's cancel and deadline. */
export async function postPlanComment(
  io: ActionIO,
  report: RunReport,
  token: string,
  sleep: (ms: number) => Promise<void> = pause,
  bounds: { signal?: AbortSignal; deadline?: number; now?: () => number } = {},
): Promise<string> {
  if (!token) throw new Error('github-token is empty');
  const number = pullRequestNumber(io.env);
  if (!number) throw new Error('the event has no pull request number');
  const repository = io.env.GITHUB_REPOSITORY ?? '';
  if (!/^[^/]+\/[^/]+$/.test(repository)) throw new Error('GITHUB_REPOSITORY is not set');
  const baseUrl = apiBase(io.env);
  // @actions/github's getOctokit is `new GitHub(getOctokitOptions(…))`, made here from lib/utils. Its requests
  // go over toolkitFetch (the toolkit's agent and proxy rules, as STS and the OIDC token), not the undici 6
  // fetch lib/utils offers: that one puts its own dispatcher over any given, a pool that keeps a new connection
  // open after an aborted request (runner/bounded.ts), so a call given up on would leave a socket open.
  const { GitHub, getOctokitOptions } = await import('@actions/github/lib/utils');
  const bounded = boundedFetch(toolkitFetch, {
    service: 'the GitHub API',
    timeoutMs: GITHUB_TIMEOUT_MS,
    maxBytes: GITHUB_MAX_BYTES,
    signal: bounds.signal,
    deadline: () => bounds.deadline,
    now: bounds.now,
  });
  const octokit = new GitHub(
    getOctokitOptions(token, {
      baseUrl,
      request: { fetch: sameOriginFetch(bounded) },
      log: { debug: () => {}, info: () => {}, warn: (m: string) => io.debug(m), error: (m: string) => io.debug(m) },
    }),
  );
  // From the run's environment (io.env), not @actions/github's context, which reads process.env.
  const [owner, repo] = repository.split('/') as [string, string];
  /** `what`: `METHOD /path`; only a GET, a PATCH and the GraphQL query (a read) are sent again after a 5xx. */
  const call = async <T>(what: string, go: () => Promise<{ data: T }>): Promise<T> => {
    try {
      const method = what.startsWith('POST /graphql') ? 'QUERY' : what.split(' ')[0]!;
      return (
        await retrying(go, {
          retryable: (e) => retryableGitHub(method, e as Parameters<typeof retryableGitHub>[1]),
          pace: SHORT_PACE,
          maxRetries: GITHUB_RETRIES,
          sleep,
          deadline: bounds.deadline,
          now: bounds.now,
          signal: bounds.signal,
        })
      ).data;
    } catch (e) {
      const err = e as Error & { status?: number; response?: { data?: { message?: string } } };
      // GraphQL's errors come in an answer (HTTP 200).
      if (err.name === 'GraphqlResponseError') throw new GitHubError(`GitHub answered ${what}: ${err.message}`, 200);
      // Octokit reports a request that got no answer (refused redirect, network) as status 500 without a response.
      if (!err.status || !err.response) throw new GitHubError(`${what} failed: ${err.message}`);
      const detail = err.response?.data?.message;
      throw new GitHubError(
        `GitHub answered ${what} with HTTP ${err.status}${detail ? ` (${detail})` : ''}`,
        err.status,
      );
    }
  };

  /**
   * Who the token acts as. GraphQL's viewer answers for every kind of token (a user's login, an app's
   * `<slug>[bot]`, `github-actions[bot]` for the workflow's token); GET /user for a user's token where GraphQL is
   * not there. An installation token cannot read /user (403): then the workflow's bot, the default token (an app's
   * token guessed wrong finds no comment of its own and posts a new one). Still unknown: undefined, and no comment
   * is edited. No answer at all ends here, as any other call would.
   */
  const identity = async (): Promise<string | undefined> => {
    const answered = (e: unknown) => {
      if (!(e instanceof GitHubError) || e.status === undefined) throw e;
      io.debug(`The token's identity: ${e.message}`);
      return e;
    };
    try {
      const viewer = await call('POST /graphql (viewer)', async () => ({
        data: await octokit.graphql<{ viewer?: { login?: unknown } }>('query { viewer { login } }'),
      }));
      if (typeof viewer.viewer?.login === 'string' && viewer.viewer.login) return viewer.viewer.login;
    } catch (e) {
      answered(e);
    }
    try {
      const user = await call('GET /user', () => octokit.rest.users.getAuthenticated());
      if (typeof user.login === 'string' && user.login) return user.login;
    } catch (e) {
      if (/\(Resource not accessible by integration\)$/.test(answered(e).message)) return WORKFLOW_BOT;
    }
    return undefined;
  };

  const tag = marker(report.appId);
  const body = planComment(report, io.redact);
  const me = (await identity())?.toLowerCase();
  for (let page = 1; me && page <= 20; page++) {
    const comments: Comment[] = await call(`GET /issues/${number}/comments`, () =>
      octokit.rest.issues.listComments({ owner, repo, issue_number: number, per_page: 100, page }),
    );
    // Ours: written by this identity, and the marker opens it (a comment that merely mentions it is not ours).
    const mine = comments.find((c) => c.user?.login?.toLowerCase() === me && c.body?.startsWith(tag));
    if (mine)
      return (
        await call(`PATCH /issues/comments/${mine.id}`, () =>
          octokit.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body }),
        )
      ).html_url;
    if (comments.length < 100) break;
  }
  return (
    await call(`POST /issues/${number}/comments`, () =>
      octokit.rest.issues.createComment({ owner, repo, issue_number: number, body }),
    )
  ).html_url;
}

/** The warning when the comment could not be posted (the dry run itself is fine). */
export function notPosted(e: unknown): string {
  return `The planned request could not be posted on the pull request: ${(e as Error).message}. Give the job permissions: pull-requests: write, or set comment-on-pr: false.`;
}
