// `npm run demo`: starts the SAE emulator on loopback, runs the bundled action (dist/index.js) against
// it as the GitHub runner would, with an example set of inputs, and shows the log, outputs and summary.
// `npm run demo -- --run` adds run-after-deploy (the job runs once after the deploy); `--run=failed` makes
// that run fail, `--run=stuck` makes it outlast a 5 s run-timeout.
import { startEmulator, type JobRunStep } from '../test/emulator/index.js';
import { emulatorInputs, runAction, visibleLog } from '../test/helpers/action.js';

const runArg = process.argv.slice(2).find((a) => a === '--run' || a.startsWith('--run='));
const runMode = runArg ? (runArg.split('=')[1] ?? 'succeeded') : undefined;
const JOB_PLANS: Record<string, JobRunStep[]> = {
  succeeded: [
    { state: '0', forMs: 500 },
    { state: '3', active: 1, forMs: 4000 },
    { state: '1', succeeded: 1 },
  ],
  failed: [
    { state: '3', active: 1, forMs: 3000 },
    { state: '2', failed: 1, message: 'BackoffLimitExceeded' },
  ],
  stuck: [{ state: '3', active: 1 }],
};
if (runMode && !JOB_PLANS[runMode]) throw new Error(`--run=${runMode}: use --run, --run=failed or --run=stuck`);
const emulator = await startEmulator({
  quiet: true,
  orderPlan: [{ status: 0, forMs: 300 }, { status: 1, forMs: 1200 }, { status: 2 }],
  jobPlan: runMode ? JOB_PLANS[runMode] : undefined,
});
const inputs = emulatorInputs(emulator.url, {
  'app-id': '7171a6ca-d1cd-4928-8642-7d5cfe69aaaa',
  'image-url': 'registry.cn-hangzhou.aliyuncs.com/demo/report-job:1.4.2',
  command: 'python',
  'command-args': '- report.py\n- --daily',
  envs: 'LOG_LEVEL=info\nREPORT_BUCKET=reports',
  'trigger-config': '{"type":"time","config":"0 1 */1 * ?","timezone":"GMT+8:00"}',
  'concurrency-policy': 'Forbid',
  timeout: '3600',
  'sls-configs': '- logDir: ""\n  logType: stdout\n',
  ...(runMode ? { 'run-after-deploy': 'true', ...(runMode === 'stuck' ? { 'run-timeout': '5' } : {}) } : {}),
});

console.log(`SAE emulator on ${emulator.url}; running dist/index.js with:`);
for (const [k, v] of Object.entries(inputs))
  console.log(`  ${k}: ${k === 'access-key-secret' ? '***' : v.replace(/\n/g, '\\n')}`);
const run = await runAction({
  inputs,
  env: {
    GITHUB_REPOSITORY: 'acme/jobs',
    GITHUB_SHA: '4f2c1d9e8b7a6c5d4e3f2a1b0c9d8e7f6a5b4c3d',
    GITHUB_REF: 'refs/tags/v1.4.2',
    GITHUB_RUN_ID: '1234',
    GITHUB_RUN_ATTEMPT: '1',
  },
});
await emulator.close();

console.log('\n── log ──────────────────────────────────────────');
// As GitHub shows it: the runner hides the ::add-mask:: commands (which name the secret they register).
process.stdout.write(visibleLog(run));
console.log('\n── outputs ──────────────────────────────────────');
for (const [k, v] of Object.entries(run.outputs)) console.log(`${k} = ${v}`);
console.log('\n── job summary (markdown) ───────────────────────');
console.log(run.summary);
console.log(
  `exit code ${run.code}; the emulator saw ${emulator.requests.length} requests: ${emulator.requests.map((r) => `${r.api} ${r.status}`).join(', ')}`,
);
process.exit(run.code === 0 ? 0 : 1);
