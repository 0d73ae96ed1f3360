// The entry point GitHub runs (dist/index.js). run() without arguments builds the runner's dependencies
// (src/runtime.ts), as it does under @github/local-action. Whatever escapes the action is reported as one
// line (runner/fatal.ts), never by Node's handler, which prints the minified bundle's source line.
import { EXIT_AFTER_REPORT_MS } from './base/deadline.js';
import { run } from './main.js';
import { catchFatal } from './runner/fatal.js';

catchFatal();
await run();
// The report is written. Every request of the run has ended (each is bounded, runner/bounded.ts), so the
// process normally exits at once; should anything still hold it (a socket, a timer of a library), it ends
// here, within the grace the README states, rather than at the job's own timeout.
setTimeout(() => process.exit(), EXIT_AFTER_REPORT_MS).unref();
