// comment-on-pr: the comment the action edits is its own, found by its marker *and* its author (the token's
// identity), in-process against the fake GitHub API (test/emulator/github-api.ts), which refuses, as GitHub does,
// to let a token edit another author's comment unless the token is a maintainer's (which may: the action must
// not). Every kind of token: the workflow's (github-actions[bot]), an app's (<slug>[bot]), a user's.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { githubApi, type GitHubApi, type GitHubUser } from '../emulator/index.js';
import { useEmulator, type ActionRun } from '../helpers/action.js';
import { marker } from '../../src/report/pr-comment.js';

const APP = '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa';
const REPO = 'acme/jobs';
const PR = 7;
const TOKEN = 'ghs_prCommentOwnerToken00000000000001';
const MARKER = marker(APP);
const OCTOCAT: GitHubUser = { login: 'octocat', id: 583231, type: 'User' };

const h = useEmulator();
const dir = mkdtempSync(join(tmpdir(), 'sae-pr-owner-'));
const event = join(dir, 'pull_request.json');
writeFileSync(event, JSON.stringify({ number: PR, pull_request: { number: PR } }));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The fake API as this token sees it, serving the emulator's port. */
function serve(o: { user: GitHubUser; maintainer?: boolean; graphql?: boolean }): GitHubApi {
  const api = githubApi({ token: TOKEN, ...o });
  h.sae.handlers.length = 0;
  h.sae.handlers.push(api.handler);
  return api;
}

const plan = (image: string): Promise<ActionRun> =>
  h.run({
    inputs: {
      'app-id': APP,
      'image-url': image,
      region: 'cn-hangzhou',
      'dry-run': 'true',
      'comment-on-pr': 'true',
      'github-token': TOKEN,
    },
    env: {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: event,
      GITHUB_REPOSITORY: REPO,
      GITHUB_API_URL: h.sae.url,
    },
  });

const TOKENS: Array<[string, { user: GitHubUser; graphql?: boolean }]> = [
  ["the workflow's token", { user: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' } }],
  [
    "the workflow's token, on an API without GraphQL",
    { user: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' }, graphql: false },
  ],
  ["an app's token", { user: { login: 'acme-deployer[bot]', id: 900001, type: 'Bot' } }],
  ["a user's token", { user: { login: 'release-manager', id: 700001, type: 'User' } }],
  [
    "a user's token, on an API without GraphQL",
    { user: { login: 'release-manager', id: 700001, type: 'User' }, graphql: false },
  ],
];

describe("the pull request comment is the action's own", () => {
  for (const [kind, who] of TOKENS) {
    for (const maintainer of [false, true]) {
      it(`${kind}${maintainer ? ' (a maintainer, who could edit any comment)' : ''}: another author's comment with the marker is left alone, its own is updated`, async () => {
        const api = serve({ ...who, maintainer });
        const forged = api.addComment(REPO, PR, `${MARKER}\n## ✅ Deploy approved`, OCTOCAT);
        const first = await plan('registry.example/ns/job:1');
        expect(first.annotations.filter((a) => a.level !== 'notice')).toEqual([]);
        expect(first.outputs.status).toBe('dry-run');
        const comments = api.commentsOn(REPO, PR);
        expect(comments).toHaveLength(2);
        const mine = comments[1]!;
        expect(mine.user.login).toBe(who.user.login);
        expect(mine.body.startsWith(MARKER)).toBe(true);
        expect(forged.body).toBe(`${MARKER}\n## ✅ Deploy approved`);

        // A re-run finds its own comment, after the forged one, and edits only that one.
        await plan('registry.example/ns/job:2');
        expect(api.commentsOn(REPO, PR)).toHaveLength(2);
        expect(mine.body).toContain('ns/job:2');
        expect(forged.body).toBe(`${MARKER}\n## ✅ Deploy approved`);
        expect(api.calls.filter((c) => c.method === 'PATCH').map((c) => c.path)).toEqual([
          `/repos/${REPO}/issues/comments/${mine.id}`,
        ]);
      });
    }
  }

  it('a token whose identity cannot be told edits nothing: it posts a new comment', async () => {
    const api = serve({
      user: { login: 'release-manager', id: 700001, type: 'User' },
      graphql: false,
      maintainer: true,
    });
    const earlier = api.addComment(REPO, PR, `${MARKER}\nan earlier plan`, {
      login: 'release-manager',
      id: 700001,
      type: 'User',
    });
    api.failNext('GET', 404, 1, {}, /^\/user$/);
    const run = await plan('registry.example/ns/job:3');
    expect(run.outputs.status).toBe('dry-run');
    expect(api.commentsOn(REPO, PR)).toHaveLength(2);
    expect(earlier.body).toBe(`${MARKER}\nan earlier plan`);
    expect(api.calls.map((c) => `${c.method} ${c.path.replace(/\?.*/, '')} ${c.status}`)).toEqual([
      'POST /graphql 404',
      'GET /user 404',
      `POST /repos/${REPO}/issues/${PR}/comments 201`,
    ]);
  });
});
