import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Starts the one build of src/ that the dist check compares dist/ with (test/dist/build-cache.ts).
    globalSetup: ['test/dist/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores. Most tests now run on virtual clocks; the rest mostly wait on the wall clock (the bundle's
    // waits, a slow SAE, signals), so a third worker fills that idle time rather than loading the machine.
    maxWorkers: 3,
    // Test files share their worker's module graph rather than importing src/ and the emulator afresh
    // each (a third of the suite's time went to that). No test mocks modules or changes process-wide state
    // it does not restore; in-process runs get their I/O, clock and environment through run(deps).
    isolate: false,
  },
});
