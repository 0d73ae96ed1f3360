// The entry point GitHub runs (dist/index.js): wires the runner's I/O, the clock and cancellation to run().
import { run } from './main.js';
import { runnerIO } from './runner/io.js';
import { realClock } from './runner/clock.js';
import { getGitHubIdToken } from './credentials/github-oidc.js';

const io = runnerIO();
const cancel = new AbortController();
// The runner cancels a job with SIGINT, then SIGTERM, then kills it: stop waiting at once, report, exit.
const onSignal = (signal: string) => {
  if (cancel.signal.aborted) return;
  io.info(`Received ${signal}: stopping the wait.`);
  cancel.abort();
  setTimeout(() => process.exit(1), 4000).unref();
};
process.once('SIGINT', () => onSignal('SIGINT'));
process.once('SIGTERM', () => onSignal('SIGTERM'));

await run({
  io,
  clock: realClock,
  fetch: globalThis.fetch,
  signal: cancel.signal,
  getIdToken: (audience) => getGitHubIdToken(process.env, audience, globalThis.fetch),
});
