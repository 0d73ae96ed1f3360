// The entry point GitHub runs (dist/index.js). run() without arguments builds the runner's dependencies
// (src/runtime.ts), as it does under @github/local-action.
import { run } from './main.js';

await run();
