// What a GitHub user expects of the action: useful RUNNER_DEBUG lines without secrets, the run attempt in the
// summary's run link, links to the international console when asked. In-process (run(deps)) against the emulator;
// one emulator for the file, on a virtual clock each test shares with it (test/helpers/action.ts useEmulator).
import { describe, expect, it } from 'vitest';
import { useEmulator, TEST_KEY } from '../helpers/action.js';

const APP = '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa';
const h = useEmulator({ plan: [{ status: 0, forMs: 50 }, { status: 1, forMs: 400 }, { status: 2 }] });
const deploy = (extra: Record<string, string> = {}) => ({
  endpoint: h.sae.url,
  region: 'cn-hangzhou',
  'app-id': APP,
  'image-url': 'registry.cn-hangzhou.aliyuncs.com/ns/job:2',
  'access-key-id': TEST_KEY.id,
  'access-key-secret': TEST_KEY.secret,
  ...extra,
});
const debugLines = (stdout: string) =>
  stdout
    .split('\n')
    .filter((l) => l.startsWith('::debug::'))
    .map((l) => l.slice(9));

describe('RUNNER_DEBUG', () => {
  it('logs each API call with its duration and request id, and each wait decided; never a secret', async () => {
    const run = await h.run({ inputs: deploy({ envs: `TOKEN=${TEST_KEY.secret}` }), env: { RUNNER_DEBUG: '1' } });
    expect(run.outputs.status).toBe('succeeded');
    const lines = debugLines(run.stdout);
    const [update] = h.sae.calls('UpdateJob');
    const requestId = run.outputs['request-id'];
    expect(requestId).toBeTruthy();
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^SAE UpdateJob: ok, HTTP 200, \\d+ ms, request id ${requestId}$`)),
    );
    const polls = lines.filter((l) => l.startsWith('SAE DescribeChangeOrder: ok'));
    expect(polls.length).toBe(h.sae.calls('DescribeChangeOrder').length);
    expect(lines.filter((l) => /^change order \S+: next request in \d+\.\d s$/.test(l)).length).toBeGreaterThanOrEqual(
      polls.length - 1,
    );
    expect(lines).toContain(
      `SAE at ${new URL(h.sae.url).host}: direct (no proxy applies: none set, NO_PROXY, or loopback)`,
    );
    expect(update).toBeDefined();
    for (const l of lines) expect(l).not.toContain(TEST_KEY.secret);
  });

  it('a failed call is logged with its code', async () => {
    const run = await h.run({
      inputs: deploy({ 'app-id': '00000000-0000-0000-0000-000000000000', 'max-retries': '0' }),
      env: { RUNNER_DEBUG: '1' },
    });
    expect(run.code).toBe(1);
    expect(debugLines(run.stdout)).toContainEqual(
      expect.stringMatching(/^SAE DescribeJob: failed: InvalidApplication\.NotFound, HTTP \d{3}, \d+ ms, request id /),
    );
  });
});

it('the summary links to this attempt of the run', async () => {
  const run = await h.run({
    inputs: deploy({ 'dry-run': 'true' }),
    env: { GITHUB_REPOSITORY: 'acme/jobs', GITHUB_RUN_ID: '4242', GITHUB_RUN_ATTEMPT: '2' },
  });
  expect(run.summary).toContain(
    '| Run | [4242, attempt 2](<https://github.com/acme/jobs/actions/runs/4242/attempts/2>) |',
  );
});

it('console-site: international links the change order on sae.console.alibabacloud.com', async () => {
  const run = await h.run({ inputs: deploy({ 'console-site': 'international', wait: 'false' }) });
  expect(run.outputs.status).toBe('submitted');
  expect(run.outputs['change-order-url']).toBe(
    `https://sae.console.alibabacloud.com/#/AppList/ChangeOrderDetail?changeOrderId=${run.outputs['change-order-id']}&regionId=cn-hangzhou`,
  );
});
