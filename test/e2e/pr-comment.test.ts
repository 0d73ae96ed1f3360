// comment-on-pr, end to end: the bundle in dry-run mode on a pull_request event, posting the planned
// request to a GitHub REST stand-in (test/emulator/github-api.ts) on the emulator's loopback port.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { githubApi, startEmulator, type Emulator, type GitHubApi } from '../emulator/index.js';
import { runAction, TEST_KEY, visibleLog, type ActionRun } from '../helpers/action.js';

const APP = '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa';
const REPO = 'acme/jobs';
const PR = 7;
const TOKEN = 'ghs_prCommentTestToken0000000000000001';
const OSS_SECRET = 'OssSecretValue0000000000000000042';
const MARKER = `<!-- sae-job-deploy plan ${APP} -->`;

let sae: Emulator;
let github: GitHubApi;
let dir: string;
let prEvent: string;
let pushEvent: string;
beforeAll(async () => {
  sae = await startEmulator();
  github = githubApi({ token: TOKEN });
  sae.handlers.push(github.handler);
  dir = mkdtempSync(join(tmpdir(), 'sae-pr-comment-'));
  prEvent = join(dir, 'pull_request.json');
  writeFileSync(prEvent, JSON.stringify({ action: 'synchronize', number: PR, pull_request: { number: PR } }));
  pushEvent = join(dir, 'push.json');
  writeFileSync(pushEvent, JSON.stringify({ ref: 'refs/heads/main' }));
});
afterAll(async () => {
  await sae.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  sae.reset();
  github.reset();
});

const plan = (image = 'registry.cn-hangzhou.aliyuncs.com/ns/job:2', extra: Record<string, string> = {}) => ({
  'app-id': APP,
  'image-url': image,
  region: 'cn-hangzhou',
  'dry-run': 'true',
  'comment-on-pr': 'true',
  'github-token': TOKEN,
  'oss-ak-id': 'LTAIossKeyId0000',
  'oss-ak-secret': OSS_SECRET,
  ...extra,
});
const prEnv = (extra: Record<string, string> = {}) => ({
  GITHUB_EVENT_NAME: 'pull_request',
  GITHUB_EVENT_PATH: prEvent,
  GITHUB_REPOSITORY: REPO,
  GITHUB_API_URL: sae.url,
  ...extra,
});
const warnings = (run: ActionRun) => run.annotations.filter((a) => a.level === 'warning');
const errors = (run: ActionRun) => run.annotations.filter((a) => a.level === 'error');

describe('comment-on-pr with dry-run on a pull request', () => {
  it('with credentials, the comment shows what would change in the template (read with DescribeJob)', async () => {
    const run = await runAction({
      inputs: { ...plan(), endpoint: sae.url, 'access-key-id': TEST_KEY.id, 'access-key-secret': TEST_KEY.secret },
      env: prEnv(),
    });
    expect(errors(run)).toEqual([]);
    expect(run.code).toBe(0);
    const body = github.commentsOn(REPO, PR)[0]!.body;
    expect(body).toContain('### What would change');
    expect(body).toContain(
      '| ImageUrl | `registry.cn-hangzhou.aliyuncs.com/sae_test/ali_sae_test:0.0.1` | `registry.cn-hangzhou.aliyuncs.com/ns/job:2` |',
    );
    expect(body).toContain('| OssAkSecret | *** | *** (changed) |');
    expect(body).not.toContain(OSS_SECRET);
    expect(sae.calls('UpdateJob')).toEqual([]);
  });

  it('posts one comment holding the planned request, secrets as ***, with the github-token as bearer', async () => {
    const run = await runAction({ inputs: plan(), env: prEnv() });
    expect(errors(run)).toEqual([]);
    expect(warnings(run)).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.outputs.status).toBe('dry-run');

    const comments = github.commentsOn(REPO, PR);
    expect(comments).toHaveLength(1);
    const body = comments[0]!.body;
    expect(body.startsWith(MARKER)).toBe(true);
    expect(body).toContain('deploy planned (dry run)');
    expect(body).toContain('| ImageUrl | `registry.cn-hangzhou.aliyuncs.com/ns/job:2` |');
    expect(body).toContain('| OssAkSecret | `***` |');
    const json = /```json\n([\s\S]*?)\n```/.exec(body)?.[1];
    expect(JSON.parse(json!)).toEqual({
      AppId: APP,
      ImageUrl: 'registry.cn-hangzhou.aliyuncs.com/ns/job:2',
      OssAkId: 'LTAIossKeyId0000',
      OssAkSecret: '***',
    });
    expect(body).not.toContain(OSS_SECRET);
    expect(body).not.toContain(TOKEN);

    expect(github.calls.map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual([
      'POST /graphql 200', // who the token is: only that author's comment can be the action's
      `GET /repos/${REPO}/issues/${PR}/comments?per_page=100&page=1 200`,
      `POST /repos/${REPO}/issues/${PR}/comments 201`,
    ]);
    for (const c of github.calls) expect(c.authorization).toBe(`token ${TOKEN}`); // Octokit's form for a non-JWT token
    expect(run.stdout).toContain(`Posted the planned request on the pull request: ${comments[0]!.html_url}`);
    expect(visibleLog(run)).not.toContain(TOKEN);
    expect(visibleLog(run)).not.toContain(OSS_SECRET);
    expect(run.stdout.split('\n')).toContain(`::add-mask::${TOKEN}`);
    expect(sae.requests.filter((r) => r.api !== 'external')).toEqual([]); // a dry run calls nothing at SAE
  });

  it('updates the same comment on a re-run (still exactly one)', async () => {
    await runAction({ inputs: plan('registry.cn-hangzhou.aliyuncs.com/ns/job:2'), env: prEnv() });
    const [first] = github.commentsOn(REPO, PR);
    github.calls.length = 0;
    const run = await runAction({ inputs: plan('registry.cn-hangzhou.aliyuncs.com/ns/job:3'), env: prEnv() });
    expect(run.code).toBe(0);
    const comments = github.commentsOn(REPO, PR);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.id).toBe(first!.id);
    expect(comments[0]!.body).toContain('ns/job:3');
    expect(comments[0]!.body).not.toContain('ns/job:2');
    expect(github.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'POST /graphql',
      `GET /repos/${REPO}/issues/${PR}/comments?per_page=100&page=1`,
      `PATCH /repos/${REPO}/issues/comments/${first!.id}`,
    ]);
    for (const c of github.calls) expect(c.authorization).toBe(`token ${TOKEN}`); // Octokit's form for a non-JWT token
    expect(visibleLog(run)).not.toContain(TOKEN);
  });

  it('finds its comment among many others (second page), and leaves comments that only mention the marker alone', async () => {
    for (let i = 0; i < 120; i++) github.addComment(REPO, PR, `review comment ${i}`);
    const quoted = github.addComment(REPO, PR, `The bot writes \`${MARKER}\` at the top of its plan.`);
    await runAction({ inputs: plan(), env: prEnv() });
    expect(github.commentsOn(REPO, PR)).toHaveLength(122);
    const mine = github.commentsOn(REPO, PR).at(-1)!;
    expect(mine.user.login).toBe('github-actions[bot]');
    expect(quoted.body).not.toContain('dry run');

    github.calls.length = 0;
    await runAction({ inputs: plan('registry.cn-hangzhou.aliyuncs.com/ns/job:4'), env: prEnv() });
    expect(github.commentsOn(REPO, PR)).toHaveLength(122);
    expect(mine.body).toContain('ns/job:4');
    expect(github.calls.map((c) => c.method)).toEqual(['POST', 'GET', 'GET', 'PATCH']);
  });

  it('keeps one comment per job template (a matrix over templates)', async () => {
    const other = '8282b7db-e2de-4a39-9753-8e6dfe70bbbb';
    await runAction({ inputs: plan(), env: prEnv() });
    await runAction({ inputs: plan(undefined, { 'app-id': other }), env: prEnv() });
    await runAction({ inputs: plan('registry.cn-hangzhou.aliyuncs.com/ns/job:5'), env: prEnv() });
    const comments = github.commentsOn(REPO, PR);
    expect(comments).toHaveLength(2);
    expect(comments[0]!.body).toContain(MARKER);
    expect(comments[0]!.body).toContain('ns/job:5');
    expect(comments[1]!.body.startsWith(`<!-- sae-job-deploy plan ${other} -->`)).toBe(true);
  });

  it('posts nothing on a push event', async () => {
    const run = await runAction({
      inputs: plan(),
      env: prEnv({ GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: pushEvent }),
    });
    expect(run.code).toBe(0);
    expect(run.outputs.status).toBe('dry-run');
    expect(github.calls).toEqual([]);
    expect(github.comments).toEqual([]);
    expect(run.stdout).toContain('comment-on-pr: this is a push event, so no comment is posted.');
    expect(warnings(run)).toEqual([]);
  });

  it('a token without pull-requests: write (403) gives a warning, and the step still succeeds', async () => {
    github.forbid(true);
    const run = await runAction({ inputs: plan(), env: prEnv() });
    expect(run.code).toBe(0);
    expect(run.outputs.status).toBe('dry-run');
    expect(errors(run)).toEqual([]);
    const [w, ...more] = warnings(run);
    expect(more).toEqual([]);
    expect(w!.title).toBe('comment-on-pr');
    expect(w!.message).toContain('HTTP 403 (Resource not accessible by integration)');
    expect(w!.message).toContain('pull-requests: write');
    expect(github.comments).toEqual([]);
    expect(visibleLog(run)).not.toContain(TOKEN);
  });

  it('never sends the token over plain http to another host', async () => {
    const run = await runAction({ inputs: plan(), env: prEnv({ GITHUB_API_URL: 'http://github.example.com/api/v3' }) });
    expect(run.code).toBe(0);
    const [w] = warnings(run);
    expect(w!.title).toBe('comment-on-pr');
    expect(w!.message).toContain('not https://');
    expect(visibleLog(run)).not.toContain(TOKEN);
  });
});
