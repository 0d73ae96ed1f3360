// The entry point GitHub runs (dist/index.js). run() without arguments builds the runner's dependencies
// (src/runtime.ts), as it does under @github/local-action. Whatever escapes the action is reported as one
// line (runner/fatal.ts), never by Node's handler, which prints the minified bundle's source line.
import { run } from './main.js';
import { catchFatal } from './runner/fatal.js';

catchFatal();
await run();
