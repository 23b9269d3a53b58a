import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const sharedSrc = fileURLToPath(new URL('./shared/src', import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the TypeScript sources of the shared workspace, not its build output.
    alias: [{ find: /^@vanthu\/shared(\/.*)?$/, replacement: `${sharedSrc}$1` }],
  },
  test: {
    // The `vanthu` bin runs daemon/bundle: rebuilt here when daemon/dist is newer.
    globalSetup: ['test/support/cli-bundle-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        extends: true,
        // Set-up that signs with stamped text starts a text process (pdf.js runs capped, out of process).
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 20_000, hookTimeout: 60_000 },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
