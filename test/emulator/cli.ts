// `npm run emulator [-- --port N] [--throttle BURST/REFILL[/RETRY_AFTER_MS]]`: a local SAE on 127.0.0.1 (PORT env or 8787), one log line per request,
// with stand-ins on the same port for the runner's OIDC token endpoint, STS AssumeRoleWithOIDC (keyless
// login) and the GitHub REST calls of comment-on-pr.
import {
  DEFAULT_APP_ID,
  DEFAULT_CREDENTIALS,
  flowControlFromText,
  GITHUB_ISSUER,
  githubApi,
  githubOidc,
  startEmulator,
  stsEmulator,
} from './index.js';

function portFromArgs(argv: string[]): number {
  const i = argv.findIndex((a) => a === '--port' || a.startsWith('--port='));
  const text = i < 0 ? process.env['PORT'] : argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  const port = Number(text ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port: ${text}`);
  return port;
}

/** --throttle 20/1: the account's flow control, a bucket of 20 calls refilled at 1 a second (SAE's documented 60 a minute). */
function flowControlFromArgs(argv: string[]) {
  const i = argv.findIndex((a) => a === '--throttle' || a.startsWith('--throttle='));
  if (i < 0) return undefined;
  return flowControlFromText((argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1]) ?? '');
}

const flowControl = flowControlFromArgs(process.argv.slice(2));
const emulator = await startEmulator({ port: portFromArgs(process.argv.slice(2)), quiet: false, flowControl });
const repository = 'acme/jobs';
const github = githubOidc({ repository, ref: 'refs/tags/v1.2.3' });
const sts = stsEmulator({
  issuer: github,
  register: (c) => emulator.addCredential(c),
  subjects: [`repo:${repository}:*`],
});
const rest = githubApi({ token: 'ghs_emulator0000000000000000000000000000' });
emulator.handlers.push(github.handler, sts.handler, rest.handler);
const oidcEnv = github.env(emulator.url);
const [ak, key] = DEFAULT_CREDENTIALS;
// GITHUB_OUTPUT and GITHUB_STEP_SUMMARY must name files that exist (@actions/core refuses others), as on a runner.
const RUNNER_FILES = '  mkdir -p .tmp && : > .tmp/output.txt && : > .tmp/summary.md';

console.log(`SAE emulator listening on ${emulator.url} (loopback only)

Job template: ${DEFAULT_APP_ID} (package type Image)
Flow control: ${flowControl ? `burst ${flowControl.burst}, ${flowControl.refillPerSecond}/s for the whole account${flowControl.retryAfterMs !== undefined ? `, x-acs-retry-after ${flowControl.retryAfterMs} ms` : ''}` : 'off (--throttle 20/1 turns it on)'}
AccessKey:    ${ak!.accessKeyId} / ${ak!.accessKeySecret}
STS:          ${key!.accessKeyId} / ${key!.accessKeySecret} / token ${key!.securityToken}

Run the action against it from the repository's folder (inputs are INPUT_<NAME> env vars; names keep their
hyphens, hence env; the runner's output and summary files are created first, as a runner does):
${RUNNER_FILES}
  env 'INPUT_APP-ID=${DEFAULT_APP_ID}' \\
      'INPUT_IMAGE-URL=registry.cn-hangzhou.aliyuncs.com/demo/job:1.0.0' \\
      INPUT_REGION=cn-hangzhou INPUT_ENDPOINT=${emulator.url} \\
      ALIBABA_CLOUD_ACCESS_KEY_ID=${ak!.accessKeyId} ALIBABA_CLOUD_ACCESS_KEY_SECRET=${ak!.accessKeySecret} \\
      GITHUB_STEP_SUMMARY=.tmp/summary.md GITHUB_OUTPUT=.tmp/output.txt \\
      node dist/index.js
  cat .tmp/output.txt .tmp/summary.md

Keyless login: the same port serves the runner's OIDC token endpoint (issuer ${GITHUB_ISSUER},
tokens for repo:${repository}:ref:refs/tags/v1.2.3) and STS AssumeRoleWithOIDC, whose role trusts repo:${repository}:*
and the audience sts.aliyuncs.com. The temporary key it mints signs SAE calls here:
${RUNNER_FILES}
  env 'INPUT_APP-ID=${DEFAULT_APP_ID}' \\
      'INPUT_IMAGE-URL=registry.cn-hangzhou.aliyuncs.com/demo/job:1.0.0' \\
      INPUT_REGION=cn-hangzhou INPUT_ENDPOINT=${emulator.url} 'INPUT_STS-ENDPOINT=${emulator.url}' \\
      'INPUT_ROLE-TO-ASSUME=${sts.roleArn}' \\
      'INPUT_OIDC-PROVIDER-ARN=${sts.providerArn}' \\
      'ACTIONS_ID_TOKEN_REQUEST_URL=${oidcEnv.ACTIONS_ID_TOKEN_REQUEST_URL}' \\
      ACTIONS_ID_TOKEN_REQUEST_TOKEN=${oidcEnv.ACTIONS_ID_TOKEN_REQUEST_TOKEN} \\
      GITHUB_REPOSITORY=${repository} GITHUB_RUN_ID=1 \\
      GITHUB_STEP_SUMMARY=.tmp/summary.md GITHUB_OUTPUT=.tmp/output.txt \\
      node dist/index.js
  cat .tmp/output.txt .tmp/summary.md
  Try a wrong audience ('INPUT_OIDC-AUDIENCE=other') or role to see STS refuse.

Pull request comment (dry run): GitHub's issue-comment API is here too, token ${rest.token}:
  mkdir -p .tmp && echo '{"pull_request":{"number":7}}' > .tmp/event.json
  env 'INPUT_APP-ID=${DEFAULT_APP_ID}' 'INPUT_IMAGE-URL=registry.cn-hangzhou.aliyuncs.com/demo/job:1.0.0' \\
      'INPUT_DRY-RUN=true' 'INPUT_COMMENT-ON-PR=true' 'INPUT_GITHUB-TOKEN=${rest.token}' \\
      GITHUB_EVENT_NAME=pull_request GITHUB_EVENT_PATH=.tmp/event.json GITHUB_REPOSITORY=${repository} \\
      GITHUB_API_URL=${emulator.url} node dist/index.js
  curl -H 'Authorization: Bearer ${rest.token}' ${emulator.url}/repos/${repository}/issues/7/comments

Control API (unsigned): POST ${emulator.url}/__emulator/script  {"api":"UpdateJob","error":{"status":400,"code":"System.Upgrading"}}
  POST /__emulator/order-plan [{"status":0,"forMs":500},{"status":1,"forMs":3000},{"status":2}] (every new order, until reset)
  POST /__emulator/job-plan [{"state":"3","active":1,"forMs":2000},{"state":"2","failed":1,"message":"BackoffLimitExceeded"}] (every new job run, until reset)
  GET /__emulator/requests · GET /__emulator/state · POST /__emulator/reset · POST /__emulator/start-order {"appId","plan"}
  POST /__emulator/flow-control {"burst":20,"refillPerSecond":1,"retryAfterMs":1000} (null: off)
  POST /__emulator/order-plans [[{"status":1,"forMs":500},{"status":3}]] (the next orders, one plan each, then order-plan again)
  POST /__emulator/failed-orders-apply true (failed, terminated and system-error orders leave their settings applied)
  POST /__emulator/after-next-order {"plan":[{"status":2}],"settings":{"Replicas":"5"}} (someone else's order starts when the next one ends)
Ctrl-C to stop.
`);

const stop = (): void => {
  void emulator.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
