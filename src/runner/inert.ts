// Text the action prints to the log, made inert: no line of a value (from an input or from SAE) can be
// read by the runner as a workflow command (`::set-output`, `::add-mask::`, `::stop-commands::`, `::error` …).
//
// The runner reads a command from any line of stdout or stderr that starts with `::` after leading
// white space, and (legacy form) from `##[` anywhere in a line. Annotations, debug lines and groups are
// commands themselves and escape their line breaks; plain log lines cannot. A message with a line that
// could be read as a command is therefore fenced: `::stop-commands::<token>` turns command processing
// off, the message is printed exactly as it is, and `::<token>::` turns it back on. The token is random
// per fence, so no value can end the fence early, and a `::stop-commands::` inside the value is only text.
import { randomUUID } from 'node:crypto';

// The line breaks the runner splits on, and the ones some readers split on (NEL, LS, PS).
const LINES = /\r\n|[\r\n\u0085\u2028\u2029]/;

/** True when some line of the text could be taken for a workflow command. */
export function looksLikeCommand(text: string): boolean {
  return text.split(LINES).some((line) => line.trimStart().startsWith('::') || line.includes('##['));
}

/**
 * The lines to write for a log message: the message itself when it is harmless, else the message
 * between a stop-commands fence and its resume line.
 */
export function inertLines(message: string, token: () => string = randomUUID): string[] {
  if (!looksLikeCommand(message)) return [message];
  let t = token();
  while (message.includes(t)) t = token();
  return [`::stop-commands::${t}`, message, `::${t}::`];
}
