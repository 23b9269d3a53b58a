import { join } from 'node:path';
import { VanthuError } from '@vanthu/shared/errors/index';
import { resolvePaths } from '../config/paths.js';
import { loadConfigSection } from '../config/section.js';

/** One configured PKCS#11 module: a path, plus environment the module reads at load time. */
export interface ModuleConfig {
  path: string;
  /** Shown by `vanthu tokens` / `vanthu doctor`; default: the file name. */
  name?: string;
  /** Variables set before the module is loaded (e.g. SOFTHSM2_CONF for the demo token). */
  env?: Record<string, string>;
}

/** The `pkcs11` section of config.json. */
export interface Pkcs11Config {
  /** Modules tried before the known-module table; a string is a path. */
  modules: ModuleConfig[];
  /** Whether the known-module table is consulted at all (default true). */
  knownModules: boolean;
}

function configError(file: string, why: string): VanthuError {
  return new VanthuError('CONFIG_INVALID', `${file}: pkcs11: ${why}`);
}

function parseModule(file: string, entry: unknown, index: number): ModuleConfig {
  if (typeof entry === 'string' && entry !== '') return { path: entry };
  if (typeof entry !== 'object' || entry === null)
    throw configError(file, `modules[${index}] must be a path or object`);
  const { path, name, env } = entry as Record<string, unknown>;
  if (typeof path !== 'string' || path === '')
    throw configError(file, `modules[${index}].path must be a path`);
  if (name !== undefined && typeof name !== 'string')
    throw configError(file, `modules[${index}].name must be text`);
  if (env !== undefined) {
    if (typeof env !== 'object' || env === null || Object.values(env).some((v) => typeof v !== 'string')) {
      throw configError(file, `modules[${index}].env must map names to text`);
    }
  }
  return {
    path,
    ...(name !== undefined ? { name } : {}),
    ...(env !== undefined ? { env: env as Record<string, string> } : {}),
  };
}

/** The per-user config file (config.json in the user config dir). */
export function userConfigFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(resolvePaths(env).userConfigDir, 'config.json');
}

/**
 * Reads the pkcs11 section from the given config file, or the per-user one (absent = defaults), with
 * the admin file and its locks merged over it by the shared loader (daemon/src/config/section.ts).
 */
export function loadPkcs11Config(configPath?: string, env: NodeJS.ProcessEnv = process.env): Pkcs11Config {
  const loaded = loadConfigSection('pkcs11', { configPath, env });
  const section = loaded.value;
  if (section === undefined) return { modules: [], knownModules: true };
  if (typeof section !== 'object' || section === null)
    throw configError(loaded.fileOf(), 'must be an object');
  const { modules = [], knownModules = true } = section as Record<string, unknown>;
  if (!Array.isArray(modules)) throw configError(loaded.fileOf('modules'), 'modules must be a list');
  if (typeof knownModules !== 'boolean')
    throw configError(loaded.fileOf('knownModules'), 'knownModules must be true or false');
  return { modules: modules.map((m, i) => parseModule(loaded.fileOf('modules'), m, i)), knownModules };
}
