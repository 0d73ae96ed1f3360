// A stand-in for the GitHub calls behind comment-on-pr (issue comments: a pull request is an issue to this
// API), served through the emulator's ExtraHandler hook so GITHUB_API_URL can point at the emulator's loopback
// URL:
//   POST  /graphql                                                      {"query": "query { viewer { login } }"}
//   GET   /user                                                         (403 for an installation token, as GitHub)
//   GET   /repos/:owner/:repo/issues/:number/comments?per_page=&page=   (per_page 1–100, default 30)
//   POST  /repos/:owner/:repo/issues/:number/comments                   {"body": "…"}
//   PATCH /repos/:owner/:repo/issues/comments/:id                       {"body": "…"}
// It checks `Authorization: Bearer <token>` (401 "Bad credentials" otherwise), the 65536-character body
// limit (422), and can be told to answer 403 "Resource not accessible by integration", as GitHub does for a
// GITHUB_TOKEN without `pull-requests: write` (or on a pull request from a fork). Like GitHub, it refuses to
// let a token edit another author's comment (403), unless it acts as a maintainer (`maintainer: true`), who may.
import { randomBytes } from 'node:crypto';
import type { ExtraHandler } from './types.js';
import { JSON_TYPE, send } from './util.js';

export interface GitHubUser {
  login: string;
  id: number;
  type: 'User' | 'Bot';
}

export interface IssueComment {
  id: number;
  node_id: string;
  /** 'owner/repo'. */
  repository: string;
  issue: number;
  body: string;
  user: GitHubUser;
  html_url: string;
  url: string;
  issue_url: string;
  created_at: string;
  updated_at: string;
}

export interface GitHubApiCall {
  method: string;
  path: string;
  authorization: string | undefined;
  status: number;
}

export interface GitHubApiOptions {
  /** The token the API accepts (the workflow's GITHUB_TOKEN). Default: random `ghs_…`. */
  token?: string;
  /** Who the token acts as. Default github-actions[bot]. */
  user?: GitHubUser;
  /** The address comments link to. Default 'https://github.com'. */
  serverUrl?: string;
  /** The token may edit anyone's comment (a maintainer's token). Default false. */
  maintainer?: boolean;
  /** false: answer POST /graphql with 404 (an API without GraphQL). Default true. */
  graphql?: boolean;
}

export interface GitHubApi {
  handler: ExtraHandler;
  token: string;
  /** Every comment on every issue, in creation order. */
  comments: IssueComment[];
  /** Every call the handler claimed, in order. */
  calls: GitHubApiCall[];
  /** The comments of one issue (or pull request), oldest first. */
  commentsOn(repository: string, issue: number): IssueComment[];
  /** Adds a comment as someone else (a reviewer, another bot). */
  addComment(repository: string, issue: number, body: string, user?: GitHubUser): IssueComment;
  /** true: answer every call with 403 "Resource not accessible by integration"; false: stop. */
  forbid(on: boolean): void;
  /**
   * The next `times` calls of `method` (to a path `path` matches, when given) are answered with `status` (a 5xx,
   * or 429 with headers), before anything is done.
   */
  failNext(method: string, status: number, times?: number, headers?: Record<string, string>, path?: RegExp): void;
  reset(): void;
}

const BOT: GitHubUser = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };
const MAX_BODY = 65536;
const DOCS = 'https://docs.github.com/rest/issues/comments';

const LIST = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/;
const GRAPHQL = /^\/(?:api\/)?graphql$/;
const ONE = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/;

export function githubApi(opts: GitHubApiOptions = {}): GitHubApi {
  const token = opts.token ?? `ghs_${randomBytes(18).toString('hex')}`;
  const me = opts.user ?? BOT;
  const server = opts.serverUrl ?? 'https://github.com';
  const comments: IssueComment[] = [];
  const calls: GitHubApiCall[] = [];
  let forbidden = false;
  let failures: Array<{ method: string; status: number; headers: Record<string, string>; path?: RegExp }> = [];
  let nextId = 2_000_000_001;

  const add = (repository: string, issue: number, body: string, user: GitHubUser, apiBase: string): IssueComment => {
    const id = nextId++;
    const at = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const c: IssueComment = {
      id,
      node_id: `IC_${Buffer.from(String(id)).toString('base64url')}`,
      repository,
      issue,
      body,
      user,
      html_url: `${server}/${repository}/pull/${issue}#issuecomment-${id}`,
      url: `${apiBase}/repos/${repository}/issues/comments/${id}`,
      issue_url: `${apiBase}/repos/${repository}/issues/${issue}`,
      created_at: at,
      updated_at: at,
    };
    comments.push(c);
    return c;
  };
  const view = ({ repository: _r, issue: _i, ...c }: IssueComment) => c;
  const commentsOn = (repository: string, issue: number) =>
    comments.filter((c) => c.repository === repository && c.issue === issue);

  const handler: ExtraHandler = (req, res, rawBody) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const list = LIST.exec(url.pathname);
    const one = list ? undefined : ONE.exec(url.pathname);
    const graphql = GRAPHQL.test(url.pathname);
    const user = url.pathname === '/user';
    if (!list && !one && !graphql && !user) return false;
    const method = req.method ?? 'GET';
    const call: GitHubApiCall = {
      method,
      path: `${url.pathname}${url.search}`,
      authorization: req.headers.authorization,
      status: 0,
    };
    calls.push(call);
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}): true => {
      call.status = status;
      send(res, status, JSON_TYPE, JSON.stringify(body), { 'x-github-api-version-selected': '2022-11-28', ...headers });
      return true;
    };
    const apiBase = `http://${req.headers.host ?? '127.0.0.1'}`;

    if (req.headers.authorization !== `Bearer ${token}` && req.headers.authorization !== `token ${token}`) {
      return reply(401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
        status: '401',
      });
    }
    const fail = failures.findIndex((f) => f.method === method && (!f.path || f.path.test(url.pathname)));
    if (fail >= 0) {
      const [f] = failures.splice(fail, 1);
      return reply(
        f!.status,
        { message: f!.status === 429 ? 'API rate limit exceeded' : 'Server Error', status: String(f!.status) },
        f!.headers,
      );
    }
    if (forbidden) {
      return reply(403, {
        message: 'Resource not accessible by integration',
        documentation_url: `${DOCS}#create-an-issue-comment`,
        status: '403',
      });
    }
    if (user) {
      if (method !== 'GET') return reply(404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
      // An installation token (GITHUB_TOKEN, or an app's) is not a user.
      if (me.type === 'Bot') {
        return reply(403, {
          message: 'Resource not accessible by integration',
          documentation_url: 'https://docs.github.com/rest/users/users#get-the-authenticated-user',
          status: '403',
        });
      }
      return reply(200, { login: me.login, id: me.id, type: me.type });
    }
    if (graphql) {
      if (method !== 'POST' || opts.graphql === false)
        return reply(404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
      const query = (JSON.parse(rawBody || '{}') as { query?: string }).query ?? '';
      if (!/\bviewer\s*\{\s*login\s*\}/.test(query)) {
        return reply(200, { errors: [{ message: 'this stand-in answers only viewer { login }' }] });
      }
      return reply(200, { data: { viewer: { login: me.login } } });
    }
    let payload: { body?: unknown } = {};
    if (method === 'POST' || method === 'PATCH') {
      try {
        payload = JSON.parse(rawBody || '{}') as { body?: unknown };
      } catch {
        return reply(400, { message: 'Problems parsing JSON', documentation_url: DOCS, status: '400' });
      }
      if (typeof payload.body !== 'string') {
        return reply(422, {
          message: 'Invalid request.\n\n"body" wasn\'t supplied.',
          documentation_url: DOCS,
          status: '422',
        });
      }
      if (payload.body.length > MAX_BODY) {
        return reply(422, {
          message: 'Validation Failed',
          errors: [
            {
              resource: 'IssueComment',
              code: 'custom',
              field: 'body',
              message: `body is too long (maximum is ${MAX_BODY} characters)`,
            },
          ],
          documentation_url: DOCS,
          status: '422',
        });
      }
    }

    if (list) {
      const repository = `${list[1]}/${list[2]}`;
      const issue = Number(list[3]);
      if (method === 'GET') {
        const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 30) || 30));
        const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
        const all = commentsOn(repository, issue);
        const last = Math.max(1, Math.ceil(all.length / perPage));
        const link = (p: number, rel: string) =>
          `<${apiBase}${url.pathname}?per_page=${perPage}&page=${p}>; rel="${rel}"`;
        const links = [
          page < last && link(page + 1, 'next'),
          page < last && link(last, 'last'),
          page > 1 && link(1, 'first'),
          page > 1 && link(page - 1, 'prev'),
        ].filter(Boolean);
        return reply(
          200,
          all.slice((page - 1) * perPage, page * perPage).map(view),
          links.length ? { link: links.join(', ') } : {},
        );
      }
      if (method === 'POST') return reply(201, view(add(repository, issue, payload.body as string, me, apiBase)));
      return reply(404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
    }

    const repository = `${one![1]}/${one![2]}`;
    const comment = comments.find((c) => c.id === Number(one![3]) && c.repository === repository);
    if (!comment) return reply(404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
    if (method === 'GET') return reply(200, view(comment));
    if (method !== 'PATCH') return reply(404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
    if (comment.user.login !== me.login && !opts.maintainer) {
      return reply(403, {
        message: 'Resource not accessible by integration',
        documentation_url: `${DOCS}#update-an-issue-comment`,
        status: '403',
      });
    }
    comment.body = payload.body as string;
    comment.updated_at = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    return reply(200, view(comment));
  };

  return {
    handler,
    token,
    comments,
    calls,
    commentsOn,
    addComment: (repository, issue, body, user = { login: 'octocat', id: 583231, type: 'User' }) =>
      add(repository, issue, body, user, 'https://api.github.com'),
    forbid: (on) => void (forbidden = on),
    failNext: (method, status, times = 1, headers = {}, path) => {
      for (let i = 0; i < times; i++) failures.push({ method, status, headers, path });
    },
    reset: () => {
      comments.length = 0;
      calls.length = 0;
      forbidden = false;
      failures = [];
    },
  };
}
