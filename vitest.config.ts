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
  },
});
