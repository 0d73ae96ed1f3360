// The I/O seam between the action and the GitHub runner. Everything the action reads from or writes to
// the runner goes through ActionIO, so tests can pass a recording implementation and need no module mocks.
//
// The runner implementation below speaks the runner's protocol directly (INPUT_* variables, workflow
// commands on stdout, the GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files) instead of loading @actions/core:
// that package pulls in undici and costs about three `node -e 0` start-ups before the first request
// (see the Performance section of the README). The protocol is small and documented, and
// test/unit/io.test.ts checks this implementation against @actions/core itself.
import { appendFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { EOL } from 'node:os';
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
  /** The input's value, trimmed; '' when not given. */
  getInput(name: string): string;
  setOutput(name: string, value: string): void;
  setSecret(value: string): void;
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
  /** The text with every registered secret, in every form, replaced by *** (for text that leaves by other ways, e.g. the PR comment). */
  redact?(text: string): string;
  readonly env: NodeJS.ProcessEnv;
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Formats a workflow command as the runner parses it (`::name key=value,…::message`). */
export function workflowCommand(name: string, message: string, props: Record<string, string | number | undefined> = {}): string {
  const parts = Object.entries(props)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`);
  return `::${name}${parts.length ? ' ' + parts.join(',') : ''}::${escapeData(message)}`;
}

function annotationProps(p?: AnnotationProps): Record<string, string | number | undefined> {
  if (!p) return {};
  return { title: p.title, file: p.file, line: p.startLine, endLine: p.endLine };
}

/** Writes `name<<delim … delim` to a runner file, the way @actions/core does for multi-line values. */
function appendKeyValue(file: string, name: string, value: string): void {
  let delimiter = `ghadelimiter_${randomUUID()}`;
  while (value.includes(delimiter)) delimiter = `ghadelimiter_${randomUUID()}`;
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, 'utf8');
}

export interface RunnerIOOptions {
  env?: NodeJS.ProcessEnv;
  write?: (line: string) => void;
}

/** The ActionIO of a real runner: reads `process.env`, writes workflow commands to stdout. */
export function runnerIO(options: RunnerIOOptions = {}): ActionIO {
  const env = options.env ?? process.env;
  const raw = options.write ?? ((line: string) => process.stdout.write(line + EOL));
  // The runner masks what `add-mask` names, but only in the log it shows: outputs, the summary file and
  // logs read elsewhere would still hold the value. So every secret is also scrubbed here, at the seam.
  // Every form of each secret (JSON-escaped, URL-encoded, inspected, …) is scrubbed and masked: see secrets.ts.
  const secrets = new SecretSet();
  const scrub = (text: string): string => secrets.scrub(text);
  const write = (line: string) => raw(scrub(line));
  // The real runner's process: Node's own stderr output (NODE_DEBUG) gets the same scrub (stderr.ts).
  if (!options.write) guardStderr(scrub);
  const command = (name: string, message: string, props?: AnnotationProps) =>
    write(workflowCommand(name, message, annotationProps(props)));
  return {
    env,
    getInput(name) {
      // The runner keeps hyphens: input `app-id` arrives as INPUT_APP-ID.
      return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
    },
    setOutput(name, value) {
      const file = env.GITHUB_OUTPUT;
      if (file) appendKeyValue(file, name, scrub(value));
      else write(workflowCommand('set-output', value, { name }));
    },
    setSecret(value) {
      for (const form of secrets.add(value)) raw(workflowCommand('add-mask', form));
    },
    // A plain log line is the only output that could be read as a workflow command: inert.ts fences it.
    info: (message) => {
      for (const line of inertLines(scrub(message))) raw(line);
    },
    debug: (message) => write(workflowCommand('debug', message)),
    notice: (message, props) => command('notice', message, props),
    warning: (message, props) => command('warning', message, props),
    error: (message, props) => command('error', message, props),
    startGroup: (name) => write(workflowCommand('group', name)),
    endGroup: () => write('::endgroup::'),
    appendSummary(markdown) {
      const file = env.GITHUB_STEP_SUMMARY;
      if (file) appendFileSync(file, scrub(markdown), 'utf8');
    },
    markFailed() {
      process.exitCode = 1;
    },
    redact: scrub,
  };
}
