import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const sharedSrc = fileURLToPath(new URL('../shared/src', import.meta.url));

// Builds the MV3 extension into extension/build (loaded unpacked by Chromium and the browser tests).
export default defineConfig({
  resolve: { alias: [{ find: /^@vanthu\/shared(\/.*)?$/, replacement: `${sharedSrc}$1` }] },
  build: {
    outDir: fileURLToPath(new URL('./build', import.meta.url)),
    emptyOutDir: true,
    rollupOptions: {
      input: { background: fileURLToPath(new URL('./src/background/index.ts', import.meta.url)) },
      output: { entryFileNames: '[name].js', format: 'es' },
    },
  },
});
