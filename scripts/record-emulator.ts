// Writes the emulator recordings shipped in test/recordings/emulator-*: the action run in-process against the
// local emulator with SAE_RECORD_DIR set, one folder per deploy. They are the emulator's answers, not SAE's
// (every file says "source": "emulator"); test/e2e/recordings.test.ts replays them with the real ones users add.
//
//   npx tsx scripts/record-emulator.ts
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startEmulator, type Emulator, type Fault, type OrderStep } from '../test/emulator/index.js';
import { emulatorInputs } from '../test/helpers/action.js';
import { runInProcess, virtualClock } from '../test/helpers/in-process.js';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'test/recordings');
const APP = '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa';
const SECOND_APP = '7171a6ca-d1cd-4928-8642-7d5cfe69bbbb';

/** A template with mounts, a ConfigMap, OSS and envs: the shapes DescribeJob answers differently from UpdateJob. */
const MOUNTS: Record<string, string> = {
  'image-url': 'registry.cn-hangzhou.aliyuncs.com/demo/report-job:1.4.0',
  envs: 'LOG_LEVEL=info\nRATIO=1.10\nRUN_ID=12345',
  'mount-desc': '[{"mountPath":"/mnt/nas","nasPath":"/reports"}]',
  'nas-id': '10d3b4xxxx',
  'mount-host': '10d3b4bc9-xxxx.cn-hangzhou.nas.aliyuncs.com',
  'config-map-mount-desc': '[{"configMapId":16,"key":"test","mountPath":"/etc/report"}]',
  'oss-ak-id': 'LTAI5tExampleOssKey01',
  'oss-ak-secret': 'example-oss-secret-not-real',
  'oss-mount-descs': '[{"bucketName":"reports","bucketPath":"out/","mountPath":"/data","readOnly":false}]',
  'best-effort-type': 'besteffort',
  timezone: 'Asia/Shanghai',
  replicas: '2',
  'trigger-config': '{"type":"time","config":"0 1 */1 * ?","timezone":"GMT+8:00"}',
};

interface Scenario {
  name: string;
  inputs: Record<string, string>;
  plan?: OrderStep[];
  faults?: Fault[];
  throttle?: boolean;
  /** Runs on the template as the previous scenario left it (a re-run). */
  again?: boolean;
  /** A spec file (.sae/job.yaml in a fresh workspace) instead of app-id. */
  spec?: string;
  /** Several spec files (.sae/<name> each): several templates in one step, each recorded in a folder of its own. */
  specs?: Record<string, string>;
}

const FAST: OrderStep[] = [{ status: 0, forMs: 1000 }, { status: 1, forMs: 4000 }, { status: 2 }];

const SCENARIOS: Scenario[] = [
  { name: 'deploy-with-mounts-and-run', inputs: { ...MOUNTS, 'run-after-deploy': 'true' }, plan: FAST },
  { name: 'same-again-skipped', inputs: { ...MOUNTS, 'if-unchanged': 'skip' }, plan: FAST, again: true },
  {
    name: 'failed-order',
    inputs: { 'image-url': 'registry.cn-hangzhou.aliyuncs.com/demo/report-job:1.5.0' },
    plan: [
      { status: 1, forMs: 3000 },
      {
        status: 3,
        errorMessage: 'Failed to pull the image.',
        failedTask: {
          stage: 'Update job template',
          task: 'Pull image',
          code: 'ImagePullBackOff',
          message: 'not found',
        },
      },
    ],
  },
  {
    name: 'confirmed-batches',
    inputs: { 'image-url': 'registry.cn-hangzhou.aliyuncs.com/demo/report-job:1.6.0', 'confirm-batches': 'true' },
    plan: [{ status: 1, forMs: 2000 }, { status: 8 }, { status: 1, forMs: 2000 }, { status: 2 }],
  },
  {
    name: 'aborted-after-timeout',
    inputs: {
      'image-url': 'registry.cn-hangzhou.aliyuncs.com/demo/report-job:1.7.0',
      'wait-timeout': '10',
      'on-timeout': 'abort',
    },
    plan: [{ status: 1 }],
  },
  {
    name: 'lost-answer-and-throttling',
    inputs: { ...MOUNTS, 'image-url': 'registry.cn-hangzhou.aliyuncs.com/demo/report-job:1.8.0' },
    plan: FAST,
    faults: [{ api: 'UpdateJob', acceptThenReset: true }],
    throttle: true,
  },
  {
    // ListJobs finds no template of that name, CreateJob makes it, its order is followed and proven.
    name: 'created-from-spec',
    inputs: { 'if-missing': 'create' },
    spec: [
      'app-name: report-nightly',
      'namespace-id: cn-hangzhou:demo',
      'image-url: registry.cn-hangzhou.aliyuncs.com/demo/report-job:2.0.0',
      'envs:',
      '  LOG_LEVEL: info',
      'create:',
      '  package-type: Image',
      '  cpu: 500',
      '  memory: 1024',
      '  replicas: 1',
      '',
    ].join('\n'),
    plan: FAST,
  },
  {
    // Two templates of one namespace in one step: their orders followed with ListNamespaceChangeOrders.
    name: 'one-step',
    inputs: { 'image-url': 'registry.cn-hangzhou.aliyuncs.com/demo/report-job:2.1.0' },
    specs: { 'report.yaml': `app-id: ${APP}\n`, 'export.yaml': `app-id: ${SECOND_APP}\n` },
    plan: FAST,
  },
];

async function record(emu: Emulator, s: Scenario): Promise<void> {
  if (!s.again) emu.reset();
  if (s.plan) emu.setOrderPlan(s.plan);
  for (const f of s.faults ?? []) emu.script(f);
  emu.setFlowControl(s.throttle ? { burst: 3, refillPerSecond: 0.5, retryAfterMs: 2000 } : undefined);
  const dir = mkdtempSync(join(tmpdir(), 'sae-record-'));
  const workspace = mkdtempSync(join(tmpdir(), 'sae-record-ws-'));
  const files = s.specs ?? (s.spec ? { 'job.yaml': s.spec } : {});
  mkdirSync(join(workspace, '.sae'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(workspace, '.sae', name), text);
  const spec = Object.keys(files).length > 1 ? '.sae/*.yaml' : s.spec ? '.sae/job.yaml' : undefined;
  const run = await runInProcess({
    clock,
    inputs: emulatorInputs(emu.url, { ...(spec ? { spec } : { 'app-id': APP }), ...s.inputs }),
    env: { SAE_RECORD_DIR: dir, GITHUB_RUN_ID: '12345', GITHUB_REPOSITORY: 'acme/report', GITHUB_WORKSPACE: workspace },
  });
  rmSync(workspace, { recursive: true, force: true });
  // One folder per client: one, or one per template of the step.
  const folders = readdirSync(dir).sort();
  for (const [i, folder] of folders.entries()) {
    const target = join(OUT, `emulator-${s.name}${folders.length > 1 ? `-${i + 1}` : ''}`);
    rmSync(target, { recursive: true, force: true });
    renameSync(join(dir, folder), target);
    console.log(`${target}: ${readdirSync(target).length} exchanges, status ${run.outputs.status}`);
  }
  rmSync(dir, { recursive: true, force: true });
}

let clock = virtualClock();
const emu = await startEmulator({
  now: () => clock.now(),
  configMaps: { '16': ['test'] },
  apps: [{ appId: SECOND_APP, appName: 'export-nightly', packageType: 'Image' }],
});
try {
  for (const s of SCENARIOS) {
    // A re-run comes later on the same clock; anything else starts afresh.
    if (!s.again) clock = virtualClock({ busy: () => emu.busy() });
    await record(emu, s);
  }
} finally {
  await emu.close();
}
