// The real dependencies of run(), as on a GitHub runner (or under @github/local-action): the runner's I/O,
// the clock, cancellation by signal, the network with the toolkit's proxy rules, the GitHub OIDC token.
import type { Deps } from './main.js';
import type { RunReport } from './report/model.js';
import { realClock } from './runner/clock.js';
import { catchFatal } from './runner/fatal.js';
import { runnerIO } from './runner/io.js';
import { toolkitFetch } from './runner/network.js';

/** Runs the action with the runner's dependencies; resolves once the job summary is written. */
export async function runOnRunner(run: (deps: Deps) => Promise<RunReport>): Promise<RunReport> {
  const io = runnerIO();
  // From here on, what the action does not catch is reported through the runner's I/O (secrets scrubbed).
  catchFatal(io);
  const cancel = new AbortController();
  // The runner cancels a job with SIGINT, then SIGTERM, then kills it: stop waiting at once, report, exit.
  const onSignal = (signal: string) => {
    if (cancel.signal.aborted) return;
    io.info(`Received ${signal}: stopping the wait.`);
    cancel.abort();
    setTimeout(() => process.exit(1), 4000).unref();
  };
  const onInt = () => onSignal('SIGINT');
  const onTerm = () => onSignal('SIGTERM');
  process.once('SIGINT', onInt);
  process.once('SIGTERM', onTerm);
  try {
    return await run({
      io,
      clock: realClock,
      fetch: toolkitFetch,
      signal: cancel.signal,
      // Loaded on the keyless path only.
      getIdToken: async (audience) =>
        (await import('./credentials/github-oidc.js')).getGitHubIdToken(process.env, audience, toolkitFetch),
    });
  } finally {
    await io.settled();
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  }
}
