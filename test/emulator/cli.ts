// `npm run emulator [-- --port N]`: a local SAE on 127.0.0.1 (PORT env or 8787), one log line per request.
import { DEFAULT_APP_ID, DEFAULT_CREDENTIALS, startEmulator } from './index.js';

function portFromArgs(argv: string[]): number {
  const i = argv.findIndex((a) => a === '--port' || a.startsWith('--port='));
  const text = i < 0 ? process.env['PORT'] : argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  const port = Number(text ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port: ${text}`);
  return port;
}

const emulator = await startEmulator({ port: portFromArgs(process.argv.slice(2)), quiet: false });
const [ak, sts] = DEFAULT_CREDENTIALS;

console.log(`SAE emulator listening on ${emulator.url} (loopback only)

Job template: ${DEFAULT_APP_ID} (package type Image)
AccessKey:    ${ak!.accessKeyId} / ${ak!.accessKeySecret}
STS:          ${sts!.accessKeyId} / ${sts!.accessKeySecret} / token ${sts!.securityToken}

Run the action against it (inputs are INPUT_<NAME> env vars; names keep their hyphens, hence env):
  env 'INPUT_APP-ID=${DEFAULT_APP_ID}' \\
      'INPUT_IMAGE-URL=registry.cn-hangzhou.aliyuncs.com/demo/job:1.0.0' \\
      INPUT_REGION=cn-hangzhou INPUT_ENDPOINT=${emulator.url} \\
      ALIBABA_CLOUD_ACCESS_KEY_ID=${ak!.accessKeyId} ALIBABA_CLOUD_ACCESS_KEY_SECRET=${ak!.accessKeySecret} \\
      GITHUB_STEP_SUMMARY=/tmp/summary.md GITHUB_OUTPUT=/tmp/output.txt \\
      node dist/index.js

Control API (unsigned): POST ${emulator.url}/__emulator/script  {"api":"UpdateJob","error":{"status":400,"code":"System.Upgrading"}}
  POST /__emulator/order-plan [{"status":0,"forMs":500},{"status":1,"forMs":3000},{"status":2}]
  GET /__emulator/requests · GET /__emulator/state · POST /__emulator/reset · POST /__emulator/start-order {"appId","plan"}
Ctrl-C to stop.
`);

const stop = (): void => {
  void emulator.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
