// Runs the action in-process through its seam, run(deps), and returns what runAction (the bundle in a child
// process) returns: exit code, the log as workflow commands, outputs, summary, annotations, duration. So a
// behaviour test reads the same whether it runs here or through the bundle. The I/O writes what @actions/core
// writes (same command format and escaping) and, like the runner, scrubs registered secrets in every form from
// what it records (with the runner's own SecretSet). What only the bundle shows (signals, stderr under Node, the
// runner files, inert log lines) is tested through the bundle: test/e2e.
import { run, type Deps } from '../../src/main.js';
import { SecretSet } from '../../src/runner/secrets.js';
import { parseAnnotations, type ActionRun, type RunOptions } from './action.js';
import { virtualClock, wallClock, type TestClock, type VirtualClock } from './virtual-clock.js';

export interface InProcessOptions extends Pick<RunOptions, 'inputs' | 'env'> {
  /** Default: a fresh virtual clock. */
  clock?: TestClock | VirtualClock;
  /** Aborts the run like the runner's cancel (SIGINT/SIGTERM) does. */
  signal?: AbortSignal;
  /** Called with each text the action writes to the log (e.g. to cancel when it shows something). */
  onLog?: (text: string) => void;
  /** The OIDC token source (default: the runner's, from ACTIONS_ID_TOKEN_REQUEST_URL/_TOKEN in env). */
  getIdToken?: Deps['getIdToken'];
  fetch?: typeof fetch;
}

// As @actions/core's lib/command.js escapes them.
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export async function runInProcess(o: InProcessOptions = {}): Promise<ActionRun> {
  const clock = o.clock ?? virtualClock();
  const env: NodeJS.ProcessEnv = { ...o.env };
  for (const [name, value] of Object.entries(o.inputs ?? {})) env[`INPUT_${name.toUpperCase()}`] = value;
  let stdout = '';
  const outputs: Record<string, string> = {};
  let summary = '';
  let failed = false;
  // The runner's own scrub (src/runner/secrets.ts): what is a secret, in which forms, is the action's decision.
  const secrets = new SecretSet();
  const scrub = (text: string) => secrets.scrub(text);
  const write = (line: string) => {
    stdout += `${line}\n`;
    o.onLog?.(line);
  };
  const command = (name: string, message: string, props: Record<string, string | number | undefined> = {}) => {
    const p = Object.entries(props)
      .filter(([, v]) => v)
      .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
      .join(',');
    write(`::${name}${p ? ` ${p}` : ''}::${escapeData(scrub(message))}`);
  };
  const annotation =
    (level: string) => (message: string, p?: { title?: string; file?: string; startLine?: number; endLine?: number }) =>
      command(
        level,
        message,
        p && {
          title: p.title === undefined ? undefined : scrub(p.title),
          file: p.file,
          line: p.startLine,
          endLine: p.endLine,
        },
      );
  const debugOn = env.RUNNER_DEBUG === '1';
  const io: Deps['io'] = {
    env,
    getInput: (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim(),
    setOutput: (name, value) => void (outputs[name] = scrub(value)),
    setSecret: (value, o) => {
      for (const form of secrets.add(value, { pieces: !o?.whole })) write(`::add-mask::${escapeData(form)}`);
    },
    info: (message) => write(scrub(message)),
    debug: (message) => command('debug', message),
    isDebug: () => debugOn,
    redact: scrub,
    notice: annotation('notice'),
    warning: annotation('warning'),
    error: annotation('error'),
    startGroup: (name) => write(`::group::${escapeData(scrub(name))}`),
    endGroup: () => write('::endgroup::'),
    appendSummary: (markdown) => void (summary += scrub(markdown)),
    markFailed: () => void (failed = true),
  };
  const deps: Deps = {
    io,
    clock,
    fetch: o.fetch ?? globalThis.fetch,
    signal: o.signal,
    // As src/runtime.ts gives it on a runner (there with the toolkit's proxy rules; loopback is direct).
    getIdToken:
      o.getIdToken ??
      (async (audience, bounds) =>
        (await import('../../src/credentials/github-oidc.js')).getGitHubIdToken(
          env,
          audience,
          deps.fetch,
          (ms) => clock.sleep(ms, bounds?.signal),
          bounds,
        )),
  };
  const started = clock.now();
  // A throw out of run() is what crashes the bundle with a stack on stderr: here it lands in stderr too.
  let stderr = '';
  const go = () =>
    run(deps).then(
      () => undefined,
      (e: unknown) => void (stderr = e instanceof Error ? (e.stack ?? e.message) : String(e)),
    );
  await ('actor' in clock ? (clock as VirtualClock).actor(go) : go());
  return {
    code: failed || stderr ? 1 : 0,
    signal: null,
    stdout,
    stderr,
    outputs,
    summary,
    annotations: parseAnnotations(stdout),
    durationMs: clock.now() - started,
  };
}

export { virtualClock, wallClock };
