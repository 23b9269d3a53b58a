import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const sharedSrc = here('../shared/src');
// VANTHU_DEMO=1: the demo build (`npm start`), with the demo portal's profile and its loopback origins.
const demo = process.env.VANTHU_DEMO === '1';
// VANTHU_EXTENSION_OUT: another output directory (tests build their own copy, so parallel runs never clash).
const outDir = process.env.VANTHU_EXTENSION_OUT ?? here(demo ? './dist-demo' : './build');

/** Copies the root manifest and the locales, and writes the JSON Schemas, into the build. */
function extensionFiles(): Plugin {
  return {
    name: 'vanthu-extension-files',
    async closeBundle() {
      mkdirSync(outDir, { recursive: true });
      // VANTHU_PORTAL_ORIGINS: an agency's portal origins, built in as required host permissions.
      const { builtManifest, parsePortalOrigins } = await import('./src/manifest/portal-origins.js');
      const { DEMO_PORTAL_PROFILE } = await import('./src/profile/demo-profile.js');
      const manifest = JSON.parse(readFileSync(here('../manifest.json'), 'utf8')) as Record<string, unknown>;
      const origins = [
        ...(demo ? DEMO_PORTAL_PROFILE.matches : []),
        ...parsePortalOrigins(process.env.VANTHU_PORTAL_ORIGINS),
      ];
      writeFileSync(
        `${outDir}/manifest.json`,
        `${JSON.stringify(builtManifest(manifest, origins), null, 2)}\n`,
      );
      cpSync(here('./_locales'), `${outDir}/_locales`, { recursive: true });
      const { profileJsonSchema } = await import('./src/profile/schema.js');
      const profile = profileJsonSchema();
      writeFileSync(`${outDir}/profile.schema.json`, `${JSON.stringify(profile, null, 2)}\n`);
      // Generated from the profile schema, so admin policy keeps every profile key (managed-schema.ts).
      const { managedStorageSchema } = await import('./src/manifest/managed-schema.js');
      const managed = managedStorageSchema();
      writeFileSync(`${outDir}/managed-schema.json`, `${JSON.stringify(managed, null, 2)}\n`);
    },
  };
}

const alias = [{ find: /^@vanthu\/shared(\/.*)?$/, replacement: `${sharedSrc}$1` }];
// A literal, so that the production bundle drops the demo profile entirely (profile/builtin.ts).
const define = { 'import.meta.env.VANTHU_DEMO': JSON.stringify(demo) };

// Two passes: VANTHU_PART=content builds the content script as one IIFE file (content scripts cannot be
// ES modules); the default pass builds the service worker and the React pages.
export default defineConfig(
  process.env.VANTHU_PART === 'content'
    ? {
        resolve: { alias },
        define,
        build: {
          outDir,
          emptyOutDir: false,
          lib: {
            entry: here('./src/content/index.ts'),
            formats: ['iife'],
            name: 'vanthuContent',
            fileName: () => 'content.js',
          },
        },
      }
    : {
        resolve: { alias },
        define,
        plugins: [react(), extensionFiles()],
        build: {
          outDir,
          emptyOutDir: true,
          rollupOptions: {
            input: {
              background: here('./src/background/index.ts'),
              signing: here('./signing.html'),
              convert: here('./convert.html'),
              options: here('./options.html'),
              popup: here('./popup.html'),
              sidepanel: here('./sidepanel.html'),
            },
            output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', format: 'es' },
          },
        },
      },
);
