import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const sharedSrc = fileURLToPath(new URL('./shared/src', import.meta.url));

/**
 * The tests Stryker runs against each mutant (`npm run mutate`, see stryker.config.json): those of
 * the modules under mutation only, so that a mutant is judged in seconds, not by the whole suite.
 * VANTHU_MUTATION_TESTS (comma-separated globs) narrows them further for a run over one module,
 * e.g. `VANTHU_MUTATION_TESTS='test/unit/verify/**' npx stryker run --mutate daemon/src/verify/changes.ts`.
 */
const narrowed = process.env.VANTHU_MUTATION_TESTS?.split(',')
  .map((glob) => glob.trim())
  .filter((glob) => glob !== '');

export default defineConfig({
  resolve: {
    alias: [{ find: /^@vanthu\/shared(\/.*)?$/, replacement: `${sharedSrc}$1` }],
  },
  test: {
    include: narrowed?.length
      ? narrowed
      : [
          'test/unit/verify/**/*.test.ts',
          'test/unit/trust/**/*.test.ts',
          'test/unit/cms/der-values.test.ts',
          'test/unit/cms/der-writer-readers.test.ts',
          'test/unit/cms/cms-reader.test.ts',
          'test/unit/exchange/queue-*.test.ts',
          'test/unit/daemon/document-upload.test.ts',
          'test/unit/daemon/document-upload-rules.test.ts',
          'test/unit/daemon/upgrade-guard.test.ts',
          'test/unit/daemon/hmac-proof.test.ts',
          'test/unit/daemon/rate-limit.test.ts',
          'test/unit/daemon/daemon-server.test.ts',
          'test/unit/daemon/server-rules.test.ts',
          'test/unit/daemon/server-refusal.test.ts',
          'test/unit/daemon/connection.test.ts',
          'test/unit/daemon/connection-rules.test.ts',
          'test/unit/daemon/connection-lifecycle.test.ts',
          'test/unit/daemon/send-document.test.ts',
          'test/unit/daemon/pairing-secrets.test.ts',
          'test/unit/daemon/keychain-store-rules.test.ts',
          'test/unit/shared/cpace.test.ts',
          'test/unit/shared/pake-rules.test.ts',
          'test/unit/daemon/service/config-pairing.test.ts',
          'test/integration/daemon/server.test.ts',
          'test/integration/daemon/auth-close.test.ts',
          'test/integration/daemon/manual-pairing.test.ts',
        ],
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
