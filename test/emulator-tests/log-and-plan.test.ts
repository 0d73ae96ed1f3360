// What the emulator's docs and log say about it: an order plan holds until reset, and each request (the
// stand-ins for GitHub, OIDC and STS too) is one log line.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_APP_ID, githubOidc } from '../emulator/index.js';
import { emulatorFile, getApi, updateJob, waitForStatus } from './helpers.js';

const lines: string[] = [];
const oidc = githubOidc();
const { emu, c } = emulatorFile({ quiet: false, log: (l) => lines.push(l) }, { reset: false });
beforeAll(() => {
  // A stand-in that answers after it has claimed the request (as a slow STS would).
  emu.handlers.push(oidc.handler, (req, res) => {
    if (req.url !== '/later') return false;
    setTimeout(() => res.end('ok'), 20);
    return true;
  });
});

const IMAGE = 'registry.cn-hangzhou.aliyuncs.com/demo/job:2.0.0';
const submit = async (): Promise<string> =>
  (await updateJob(c, { AppId: DEFAULT_APP_ID, ImageUrl: IMAGE })).Data!.ChangeOrderId!;

describe('emulator', () => {
  it('an order plan applies to every later change order until reset (as the README says)', async () => {
    emu.setOrderPlan([{ status: 0, forMs: 30 }, { status: 3 }]);
    for (let i = 0; i < 2; i++) expect((await waitForStatus(c, await submit(), (s) => s !== 0))['Status']).toBe(3);
    emu.reset();
    // The default plan again: preparing, executing, succeeded.
    expect((await waitForStatus(c, await submit(), (s) => s === 2 || s === 3))['Status']).toBe(2);
  });

  it('logs a stand-in request once, like an SAE request', async () => {
    lines.length = 0;
    const env = oidc.env(emu.url);
    for (const auth of [`Bearer ${env['ACTIONS_ID_TOKEN_REQUEST_TOKEN']}`, 'Bearer wrong']) {
      const res = await fetch(`${env['ACTIONS_ID_TOKEN_REQUEST_URL']}&audience=sts.aliyuncs.com`, {
        headers: { authorization: auth },
      });
      await res.text();
    }
    await (await fetch(`${emu.url}/later`)).text();
    await getApi(c, 'DescribeJob', { AppId: DEFAULT_APP_ID });
    await new Promise((r) => setTimeout(r, 50)); // a second 'finish' line would come after the answer
    expect(lines.filter((l) => l.startsWith('external '))).toEqual([
      'external GET /_github/idtoken → 200',
      'external GET /_github/idtoken → 401',
      'external GET /later → 200',
    ]);
    expect(lines.filter((l) => l.startsWith('DescribeJob '))).toHaveLength(1);
  });
});
