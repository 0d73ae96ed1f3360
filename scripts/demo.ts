// `npm run demo`: starts the SAE emulator on loopback, runs the bundled action (dist/index.js) against
// it as the GitHub runner would, with an example set of inputs, and shows the log, outputs and summary; the
// summary is also written to .tmp/demo/ (markdown, and HTML to open in a browser). dist/ is built first only
// when it is not the build of the current sources (scripts/build.mjs --if-stale).
// `npm run demo -- --run` adds run-after-deploy (the job runs once after the deploy); `--run=failed` makes
// that run fail, `--run=stuck` makes it outlast a 5 s run-timeout; `--out=DIR` puts the summary files in DIR.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { startEmulator, type JobRunStep } from '../test/emulator/index.js';
import { emulatorInputs, ROOT, runAction, visibleLog } from '../test/helpers/action.js';
import { summaryHtml } from './render-summary.js';

const runArg = process.argv.slice(2).find((a) => a === '--run' || a.startsWith('--run='));
/** --out=DIR: where the summary files go (default .tmp/demo). */
const outArg = process.argv.slice(2).find((a) => a.startsWith('--out='));
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

// The summary as files, one pair per variant, so the four can be opened side by side.
const variant = runMode ? `run-${runMode}` : 'deploy';
const dir = outArg ? resolve(outArg.slice('--out='.length)) : join(ROOT, '.tmp/demo');
mkdirSync(dir, { recursive: true });
const md = join(dir, `summary-${variant}.md`);
const html = join(dir, `summary-${variant}.html`);
writeFileSync(md, run.summary);
writeFileSync(html, summaryHtml(run.summary, `Job summary: ${variant}`));
const shown = (p: string): string => (relative(process.cwd(), p).startsWith('..') ? p : relative(process.cwd(), p));
console.log(`\nJob summary written to ${shown(md)}; as GitHub shows it: ${shown(html)}`);

// What to try next: the other variants, then the action by hand and the tests.
const NEXT: Array<[string | undefined, string, string]> = [
  [undefined, 'npm run demo', 'a deploy that succeeds'],
  ['succeeded', 'npm run demo -- --run', 'then the job runs once (run-after-deploy) and succeeds'],
  ['failed', 'npm run demo -- --run=failed', 'the run fails: the step fails, the deploy stays'],
  ['stuck', 'npm run demo -- --run=stuck', 'the run outlasts run-timeout'],
];
const next = [
  ...NEXT.filter(([mode]) => mode !== runMode).map(([, command, what]) => [command, what]),
  ['npm run emulator -- --port 8787', 'an emulator to run the action against by hand (it prints the commands)'],
  ['npm test', 'every test'],
];
console.log('\nNext, try:');
for (const [command, what] of next) console.log(`  ${command!.padEnd(34)} # ${what}`);
process.exit(run.code === 0 ? 0 : 1);
