// Node writes its own debug output (NODE_DEBUG=http,net,tls,fetch …) to stderr, and the http section
// prints each request's options with its headers, the x-acs-security-token among them, in util.inspect
// form. NODE_DEBUG is read once when Node starts, so it cannot be switched off from here; instead every
// write to stderr passes the same scrub as the log (every form of every secret) and the same fence
// against workflow commands (the runner reads commands from stderr too).
import { inertLines } from './inert.js';

export function guardStderr(scrub: (text: string) => string, stream: NodeJS.WriteStream = process.stderr): void {
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  stream.write = function (chunk: unknown, ...rest: unknown[]): boolean {
    const text =
      typeof chunk === 'string'
        ? chunk
        : Buffer.isBuffer(chunk) || chunk instanceof Uint8Array
          ? Buffer.from(chunk).toString('utf8')
          : undefined;
    if (text === undefined) return write(chunk, ...rest);
    const clean = scrub(text);
    const lines = inertLines(clean.replace(/\n$/, ''));
    const out = lines.length === 1 ? clean : `${lines.join('\n')}\n`;
    // The encoding argument no longer applies: the chunk is now a string.
    return write(out, ...rest.filter((r) => typeof r === 'function'));
  } as typeof stream.write;
}
