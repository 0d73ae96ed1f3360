// The whole error catalogue, walked in-process (run(deps), test/helpers/in-process.ts) against four emulators
// side by side, each on a virtual clock of its own: for every code SAE (or its gateway, or STS) can answer, the step
// fails with an annotation titled with the code whose message gives the cause and names the fix. Also: annotations
// land on the workflow line of the input concerned.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE, type CatalogueEntry } from '../../src/report/catalogue.js';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { emulatorInputs, TEST_KEY } from '../helpers/action.js';
import { runInProcess, type InProcessOptions } from '../helpers/in-process.js';
import { virtualClock, type VirtualClock } from '../helpers/virtual-clock.js';

const APP = '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa';
const LANES = 4;

// In-process runs, each on a fresh virtual clock that its lane's emulator reads.
const clocks: VirtualClock[] = Array.from({ length: LANES }, () => virtualClock());
let lanes: Emulator[] = [];
beforeAll(async () => {
  lanes = await Promise.all(clocks.map((_, i) => startEmulator({ now: () => clocks[i]!.now() })));
});
/** Runs the action in-process against lane `lane`'s emulator, on a fresh clock. */
const runOn = (lane: number, o: InProcessOptions) => {
  clocks[lane] = virtualClock();
  return runInProcess({ ...o, clock: clocks[lane] });
};
afterAll(() => Promise.all(lanes.map((l) => l.close())));

interface Outcome {
  code: string;
  title?: string;
  message?: string;
  exit: number | null;
}

async function walk(lane: number, entries: CatalogueEntry[]): Promise<Outcome[]> {
  const sae = lanes[lane]!;
  const out: Outcome[] = [];
  for (const entry of entries) {
    sae.reset();
    // Throttling is retried until wait-timeout whatever max-retries says: it shows only when the time runs out.
    const throttling = /^Throttling/.test(entry.code);
    sae.script({
      api: 'UpdateJob',
      times: throttling ? 50 : 1,
      error: { status: entry.status ?? 400, code: entry.code },
    });
    const run = await runOn(lane, {
      inputs: emulatorInputs(sae.url, {
        'app-id': APP,
        'image-url': 'r.example.com/ns/job:1',
        'max-retries': '0',
        'if-busy': 'fail',
        ...(throttling ? { 'wait-timeout': '3' } : {}),
      }),
    });
    const error = run.annotations.find((a) => a.level === 'error');
    out.push({ code: entry.code, title: error?.title, message: error?.message, exit: run.code });
  }
  return out;
}

describe('the error catalogue through the emulator', () => {
  it('every code yields an annotation titled with the code, cause first, then the fix', async () => {
    const entries = [...CATALOGUE.values()];
    const groups = Array.from({ length: LANES }, (_, i) => entries.filter((_, j) => j % LANES === i));
    const outcomes = (await Promise.all(groups.map((g, i) => walk(i, g)))).flat();
    expect(outcomes).toHaveLength(entries.length);
    for (const o of outcomes) {
      const entry = CATALOGUE.get(o.code)!;
      expect(o.exit, o.code).toBe(1);
      expect(o.title, o.code).toBe(o.code);
      if (o.code === 'Application.ChangerOrderRunning') {
        // A busy template gets the action's own wording: the running order and what if-busy does.
        expect(o.message).toMatch(/^Another change order.*if-busy: wait/);
      } else {
        expect(o.message, o.code).toContain(entry.fix);
        expect(o.message!.indexOf(entry.fix), o.code).toBeGreaterThan(0); // the cause comes first
      }
      expect(o.message, o.code).not.toContain('%s');
      expect(o.message, o.code).toMatch(/request id: [0-9A-F-]{36}/);
    }
  }, 180_000);

  it("an unknown code still shows the server's code, message and request id", async () => {
    const lane = 0;
    const sae = lanes[lane]!;
    sae.reset();
    sae.script({
      api: 'UpdateJob',
      error: { status: 400, code: 'Brand.New.Code', message: 'Something SAE added in 2027.' },
    });
    const run = await runOn(lane, { inputs: emulatorInputs(sae.url, { 'app-id': APP, 'max-retries': '0' }) });
    const error = run.annotations.find((a) => a.level === 'error')!;
    expect(error.title).toBe('Brand.New.Code');
    expect(error.message).toContain('Something SAE added in 2027.');
    expect(error.message).toMatch(/request id: [0-9A-F-]{36}/);
  });
});

describe('annotations on the workflow line', () => {
  const WORKFLOW = `name: deploy
on:
  push:
    tags: ['v*']
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
      - id: deploy
        uses: acme/sae-job-deploy@v1
        with:
          app-id: ${APP}
          termination-grace-period-seconds: 999
          custom-host-alias: '[{"hostName":"db.internal","ip":"10.0.0.12"}]'
`;
  function workspace(): Record<string, string> {
    const ws = mkdtempSync(join(tmpdir(), 'ws-'));
    mkdirSync(join(ws, '.github/workflows'), { recursive: true });
    writeFileSync(join(ws, '.github/workflows/release.yml'), WORKFLOW);
    return {
      GITHUB_WORKSPACE: ws,
      GITHUB_REPOSITORY: 'acme/jobs',
      GITHUB_WORKFLOW_REF: 'acme/jobs/.github/workflows/release.yml@refs/tags/v1.0.0',
      GITHUB_JOB: 'release',
      GITHUB_ACTION: 'deploy',
    };
  }

  it('an input error points at the line of that input', async () => {
    const lane = 1;
    const sae = lanes[lane]!;
    sae.reset();
    const run = await runOn(lane, {
      inputs: emulatorInputs(sae.url, { 'app-id': APP, 'termination-grace-period-seconds': '999' }),
      env: workspace(),
    });
    expect(run.annotations.find((a) => a.level === 'error')).toMatchObject({
      file: '.github/workflows/release.yml',
      line: 14,
    });
  });

  it('an API error about an input points at that input', async () => {
    const lane = 1;
    const sae = lanes[lane]!;
    sae.reset();
    sae.script({
      api: 'UpdateJob',
      error: {
        status: 400,
        code: 'InvalidHostnameIp.Invalid',
        message: 'The hostname and/or IP is invalid: Hostname [db.internal], IP [10.0.0.12].',
      },
    });
    const run = await runOn(lane, {
      inputs: emulatorInputs(sae.url, {
        'app-id': APP,
        'custom-host-alias': '[{"hostName":"db.internal","ip":"10.0.0.12"}]',
        'max-retries': '0',
      }),
      env: workspace(),
    });
    const error = run.annotations.find((a) => a.level === 'error')!;
    expect(error).toMatchObject({
      title: 'InvalidHostnameIp.Invalid',
      file: '.github/workflows/release.yml',
      line: 15,
    });
    expect(error.message).toContain('db.internal');
  });

  it('without the workflow file, annotations fall back quietly to the log', async () => {
    const lane = 1;
    const sae = lanes[lane]!;
    sae.reset();
    const run = await runOn(lane, {
      inputs: {
        'app-id': APP,
        endpoint: sae.url,
        region: 'cn-hangzhou',
        'access-key-id': TEST_KEY.id,
        'access-key-secret': TEST_KEY.secret,
        'termination-grace-period-seconds': '999',
      },
      env: { ...workspace(), GITHUB_WORKSPACE: '/nonexistent' },
    });
    const error = run.annotations.find((a) => a.level === 'error')!;
    expect(error.file).toBeUndefined();
    expect(run.stderr).toBe('');
  });
});
