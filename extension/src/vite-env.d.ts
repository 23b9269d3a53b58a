/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** True in the demo build only (VANTHU_DEMO=1 at build time; vite.config.ts). */
  readonly VANTHU_DEMO: boolean;
}
