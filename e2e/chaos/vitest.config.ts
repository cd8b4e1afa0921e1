// The fault-injection tests, run on their own: `npx vitest run -c e2e/chaos/vitest.config.ts`.
// One file at a time: each one keeps both cores busy with the processes it kills.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// eslint-disable-next-line no-restricted-syntax -- Vitest reads its configuration from the default export.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['e2e/chaos/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
