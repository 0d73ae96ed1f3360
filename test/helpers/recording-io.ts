// An ActionIO that records what the action writes, for tests that run a module in-process (the runner's
// own implementation, src/runner/io.ts, writes to the real stdout and runner files through @actions/core).
// Like the runner's, it scrubs every secret registered with setSecret from what it records.
import type { ActionIO } from '../../src/runner/io.js';
import { SecretSet } from '../../src/runner/secrets.js';

export interface RecordingIO extends ActionIO {
  outputs: Record<string, string>;
  summary: string;
}

/** Log lines (info, and debug/notice/warning/error prefixed as `::name::`) go to `lines`; inputs from `env` (INPUT_*). */
export function recordingIO(lines: string[] = [], env: NodeJS.ProcessEnv = {}): RecordingIO {
  // The runner's own scrub: which values are secrets, and in which forms, is the action's decision.
  const secrets = new SecretSet();
  const scrub = (text: string) => secrets.scrub(text);
  const cmd = (name: string) => (message: string) => void lines.push(`::${name}::${scrub(message)}`);
  const io: RecordingIO = {
    env,
    outputs: {},
    summary: '',
    getInput: (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim(),
    setOutput: (name, value) => void (io.outputs[name] = scrub(value)),
    setSecret: (value, o) => {
      // One line per secret (its first, raw form), as the tests read them.
      if (secrets.add(value, { pieces: !o?.whole }).length) lines.push(`::add-mask::${value}`);
    },
    info: (message) => void lines.push(scrub(message)),
    debug: cmd('debug'),
    notice: cmd('notice'),
    warning: cmd('warning'),
    error: cmd('error'),
    startGroup: (name) => void lines.push(`::group::${scrub(name)}`),
    endGroup: () => void lines.push('::endgroup::'),
    appendSummary: (markdown) => void (io.summary += scrub(markdown)),
    redact: scrub,
    markFailed: () => {},
  };
  return io;
}
