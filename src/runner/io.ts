// The I/O seam between the action and the GitHub runner. Everything the action reads from or writes to
// the runner goes through ActionIO, so tests can pass a recording implementation and need no module mocks.
//
// The runner implementation is @actions/core (inputs, outputs, masks, annotations, groups, debug, the job
// summary), with one thing added at the seam: every text that leaves is scrubbed of the secrets registered so
// far (see `scrub`).
import * as core from '@actions/core';
import type { InputName } from '../contract/action-inputs.js';
import type { OutputName } from '../contract/outputs.js';
import { inertLines } from './inert.js';
import { SecretSet } from './secrets.js';
import { guardStderr } from './stderr.js';

/** Where an annotation points: a file and line of the workflow, when known. */
export interface AnnotationProps {
  title?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
}

export interface ActionIO {
  /** The input's value, trimmed; '' when not given. Only the action's inputs (contract/) can be asked for. */
  getInput(name: InputName): string;
  /** Only the action's outputs (contract/outputs.ts); deploy/write-outputs.ts writes them, from the run's report. */
  setOutput(name: OutputName, value: string): void;
  /**
   * Registers a secret: masked by the runner and scrubbed, in every form, from all that leaves (values shorter
   * than secrets.ts MIN_SECRET are not secrets and are ignored). `whole: true`: scrubbed only whole, not in
   * pieces (a value that holds something not secret).
   */
  setSecret(value: string, o?: { whole?: boolean }): void;
  info(message: string): void;
  debug(message: string): void;
  notice(message: string, props?: AnnotationProps): void;
  warning(message: string, props?: AnnotationProps): void;
  error(message: string, props?: AnnotationProps): void;
  startGroup(name: string): void;
  endGroup(): void;
  /** Appends markdown to the job summary (no-op where there is none). */
  appendSummary(markdown: string): void;
  /** Marks the step failed (exit code 1) without stopping the process. */
  markFailed(): void;
  /**
   * The text with every registered secret, in every form, replaced by *** (for text that leaves by other ways, e.g. the
   * PR comment).
   */
  redact?(text: string): string;
  /** True when the run has debug logging on (RUNNER_DEBUG): worth building detailed debug lines. */
  isDebug?(): boolean;
  readonly env: NodeJS.ProcessEnv;
}

/** The ActionIO of a real runner, on @actions/core (which reads process.env and writes to stdout). */
export function runnerIO(): ActionIO & { settled(): Promise<void> } {
  // The runner masks what `add-mask` names, but only in the log it shows: outputs, the summary file and
  // logs read elsewhere would still hold the value. So every secret is also scrubbed here, at the seam:
  // everything that leaves goes through this one function.
  // Every form of each secret (JSON-escaped, URL-encoded, inspected, …) is scrubbed and masked: see secrets.ts.
  const secrets = new SecretSet();
  const scrub = (text: string): string => secrets.scrub(text);
  // Node's own stderr output (NODE_DEBUG) gets the same scrub and fence (stderr.ts).
  guardStderr(scrub);
  const props = (p?: AnnotationProps): core.AnnotationProperties | undefined =>
    p && {
      title: p.title === undefined ? undefined : scrub(p.title),
      file: p.file,
      startLine: p.startLine,
      endLine: p.endLine,
    };
  // core.summary buffers and writes asynchronously: one write at a time, in order, so no part is written twice.
  let summary: Promise<void> = Promise.resolve();
  // A runner file that cannot be written is said once, and never thrown into the run: the deploy's own
  // result must not turn into an internal error (nor a crash in the report that follows it).
  const failedFiles = new Set<string>();
  const fileFailed = (variable: 'GITHUB_OUTPUT' | 'GITHUB_STEP_SUMMARY', e: unknown): boolean => {
    if (failedFiles.has(variable)) return false;
    failedFiles.add(variable);
    const path = process.env[variable] ?? '';
    const cause = e instanceof Error ? e.message : String(e);
    const what = variable === 'GITHUB_OUTPUT' ? "The step's outputs" : 'The job summary';
    const missing = /Missing file|Unable to access|ENOENT/.test(cause);
    const fix = missing
      ? `${variable} names ${path}, which does not exist or cannot be written. On a GitHub runner the file always exists; when running the action by hand, create it first (: > ${path}).`
      : `Check that ${variable} (${path}) is a writable file with space left on its disk.`;
    core[variable === 'GITHUB_OUTPUT' ? 'error' : 'warning'](scrub(`${what} could not be written (${cause}). ${fix}`), {
      title: variable === 'GITHUB_OUTPUT' ? 'Outputs not written' : 'Job summary not written',
    });
    return true;
  };
  return {
    env: process.env,
    getInput: (name) => core.getInput(name, { trimWhitespace: true }),
    setOutput(name, value) {
      try {
        core.setOutput(name, scrub(value));
      } catch (e) {
        // Later steps read the outputs: a step without them fails, though its deploy may have succeeded. The job
        // summary is for people, and the log holds the same, so a summary not written is only a warning.
        if (fileFailed('GITHUB_OUTPUT', e)) process.exitCode = 1;
      }
    },
    setSecret(value, o) {
      for (const form of secrets.add(value, { pieces: !o?.whole })) core.setSecret(form);
    },
    // A plain log line is the only output that could be read as a workflow command: inert.ts fences it.
    info: (message) => {
      for (const line of inertLines(scrub(message))) core.info(line);
    },
    redact: scrub,
    debug: (message) => core.debug(scrub(message)),
    isDebug: () => core.isDebug(),
    notice: (message, p) => core.notice(scrub(message), props(p)),
    warning: (message, p) => core.warning(scrub(message), props(p)),
    error: (message, p) => core.error(scrub(message), props(p)),
    startGroup: (name) => core.startGroup(scrub(name)),
    endGroup: () => core.endGroup(),
    appendSummary(markdown) {
      if (!process.env.GITHUB_STEP_SUMMARY) return; // no summary outside a runner (core.summary would throw)
      const text = scrub(markdown);
      summary = summary
        .then(() => core.summary.addRaw(text).write())
        .then(
          () => undefined,
          (e: unknown) => void fileFailed('GITHUB_STEP_SUMMARY', e),
        );
    },
    markFailed() {
      process.exitCode = 1; // core.ExitCode.Failure (absent from @github/local-action's stand-in)
    },
    settled: () => summary,
  };
}
