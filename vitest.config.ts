import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Starts the one build of src/ that the dist check compares dist/ with (test/dist/build-cache.ts).
    globalSetup: ['test/dist/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // End-to-end tests spawn the bundle and time change orders: two cores, so keep the load sane.
    maxWorkers: 2,
    // Test files share their worker's module graph rather than importing src/ and the emulator afresh
    // each (a third of the suite's time went to that). No test mocks modules or changes process-wide state
    // it does not restore; in-process runs get their I/O, clock and environment through run(deps).
    isolate: false,
  },
});
