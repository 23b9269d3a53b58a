import { type LoadedConfig, loadConfig } from './loader.js';

/** One section of config.json as its owning module sees it, after the shared merge and locks. */
export interface ConfigSection {
  /** The merged section: user file, admin file over it, locked user keys dropped; undefined when unset. */
  value: unknown;
  loaded: LoadedConfig;
  /**
   * The file to name in an error about `key` (dotted, inside the section; the whole section when
   * omitted): the admin file when it supplied that key or anything under it, else the user file.
   */
  fileOf(key?: string): string;
}

/**
 * Reads a section owned by another module (pkcs11, exchange, registry, trust …) through the same
 * loader as the daemon's own sections, so every section gets the admin file, its locks and the
 * provenance that `vanthu config show` reports. The owning module still checks the section's shape.
 */
export function loadConfigSection(
  name: string,
  options: { configPath?: string | undefined; env?: NodeJS.ProcessEnv } = {},
): ConfigSection {
  const loaded = loadConfig({
    ...(options.configPath !== undefined ? { configPath: options.configPath } : {}),
    ...(options.env ? { env: options.env } : {}),
  });
  const value = (loaded.config as Record<string, unknown>)[name];
  return {
    value,
    loaded,
    fileOf(key) {
      const prefix = key ? `${name}.${key}` : name;
      const fromAdmin = Object.entries(loaded.sources).some(
        ([k, source]) =>
          source === 'system' && (k === prefix || k.startsWith(`${prefix}.`) || prefix.startsWith(`${k}.`)),
      );
      return fromAdmin ? loaded.files.system : loaded.files.user;
    },
  };
}
