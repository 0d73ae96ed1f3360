// An ActionIO that records what the action writes, for tests that run a module in-process (the runner's
// own implementation, src/runner/io.ts, writes to the real stdout and runner files through @actions/core).
import type { ActionIO } from '../../src/runner/io.js';

/** Log lines (info, and debug/notice/warning/error prefixed as `::name::`) go to `lines`. */
export function recordingIO(lines: string[] = [], env: NodeJS.ProcessEnv = {}, inputs: Record<string, string> = {}): ActionIO {
  const cmd = (name: string) => (message: string) => void lines.push(`::${name}::${message}`);
  return {
    env,
    getInput: (name) => (inputs[name] ?? '').trim(),
    setOutput: () => {},
    setSecret: () => {},
    info: (message) => void lines.push(message),
    debug: cmd('debug'),
    notice: cmd('notice'),
    warning: cmd('warning'),
    error: cmd('error'),
    startGroup: (name) => void lines.push(`::group::${name}`),
    endGroup: () => void lines.push('::endgroup::'),
    appendSummary: () => {},
    markFailed: () => {},
  };
}
