// The last line of defence: an error that nothing in the action caught (an unhandled rejection, an exception
// thrown from an event emitter). Node's own handler would print the line of dist/index.js it came from, which
// is the whole minified bundle (about 157 kB on stderr), and the stack. Instead it becomes one error
// annotation with the cause; the stack only as a debug line (RUNNER_DEBUG), never source. The step fails, and
// the run goes on: a deploy under way still reaches its own end and report, bounded by its deadlines.
import * as core from '@actions/core';

/** What the fatal report needs of the runner's I/O (runner/io.ts), which scrubs secrets from it. */
export interface FatalIO {
  error(message: string, props?: { title?: string }): void;
  debug(message: string): void;
  isDebug?(): boolean;
  markFailed(): void;
}

/** Before the runner's I/O exists: @actions/core as is (no secret is registered yet). */
const bareIO: FatalIO = {
  error: (m, p) => core.error(m, p),
  debug: (m) => core.debug(m),
  isDebug: () => core.isDebug(),
  markFailed: () => void (process.exitCode = 1),
};

/** The cause of an error on one line, without the source or the stack. */
export function fatalCause(e: unknown): string {
  const text =
    e instanceof Error
      ? `${e.name && e.name !== 'Error' ? `${e.name}: ` : ''}${e.message}`
      : typeof e === 'object' && e !== null && 'message' in e
        ? String((e as { message: unknown }).message)
        : String(e);
  const line = text.replace(/\s+/g, ' ').trim() || 'no message';
  // A message can quote a request or a bundle line: keep it readable.
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

/** Reports an error nothing caught: one error annotation, the stack only when debugging; the step fails. */
export function reportFatal(io: FatalIO, e: unknown): void {
  try {
    io.error(`The action hit an unexpected error: ${fatalCause(e)}. Please report it with this log.`, {
      title: 'Action.InternalError',
    });
    if (io.isDebug?.() && e instanceof Error && e.stack) io.debug(e.stack);
    io.markFailed();
  } catch {
    // Reporting itself failed (stdout closed): the exit code still tells.
    process.exitCode = 1;
  }
}

let current: FatalIO = bareIO;
let installed = false;

/**
 * Catches, for the rest of the process, whatever the action did not: one handler pair per process (a runner
 * step is one process), reporting through `io` once the runner's I/O exists, so its secrets are scrubbed.
 */
export function catchFatal(io: FatalIO = bareIO): void {
  current = io;
  if (installed) return;
  installed = true;
  process.on('uncaughtException', (e) => reportFatal(current, e));
  process.on('unhandledRejection', (e) => reportFatal(current, e));
}
