// The real dependencies of run(), as on a GitHub runner (or under @github/local-action): the runner's I/O,
// the clock, cancellation by signal, the network with the toolkit's proxy rules, the GitHub OIDC token.
// Deps from where it is defined, not from main.ts, which imports this file: no circle between root files.
import type { Deps } from './deploy/context.js';
import type { RunReport } from './report/model.js';
import { realClock } from './runner/clock.js';
import { catchFatal } from './runner/fatal.js';
import { runnerIO } from './runner/io.js';
import { toolkitFetch } from './runner/network.js';

/**
 * After a cancel the run returns within about CANCEL_GRACE_MS (deploy/stages.ts), its report written. Should it not,
 * the process still ends before the runner kills it: the runner sends SIGINT, SIGTERM 7.5 s later, and
 * SIGKILL 2.5 s after that.
 */
const EXIT_AFTER_MS: Record<string, number> = { SIGINT: 7000, SIGTERM: 2300 };

/** Runs the action with the runner's dependencies; resolves once the job summary is written. */
export async function withRunnerDeps(run: (deps: Deps) => Promise<RunReport>): Promise<RunReport> {
  const io = runnerIO();
  // From here on, what the action does not catch is reported through the runner's I/O (secrets scrubbed).
  catchFatal(io);
  const cancel = new AbortController();
  // The runner cancels a job with SIGINT, then SIGTERM, then kills it: every request in flight ends at once
  // (its socket destroyed), every wait stops, and the run reports what it knows (main.ts).
  const onSignal = (signal: string) => {
    setTimeout(() => process.exit(1), EXIT_AFTER_MS[signal]).unref();
    if (cancel.signal.aborted) return;
    io.info(`Received ${signal}: stopping.`);
    cancel.abort();
  };
  // `on`, not `once`: a second signal must not end the process with Node's default before the report is out.
  const onInt = () => onSignal('SIGINT');
  const onTerm = () => onSignal('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  try {
    return await run({
      io,
      clock: realClock,
      fetch: toolkitFetch,
      signal: cancel.signal,
      // Loaded on the keyless path only.
      getIdToken: async (audience, bounds) =>
        (await import('./credentials/github-oidc.js')).getGitHubIdToken(
          process.env,
          audience,
          toolkitFetch,
          (ms) => realClock.sleep(ms, bounds?.signal),
          bounds,
        ),
    });
  } finally {
    await io.settled();
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  }
}
