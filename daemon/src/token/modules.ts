import { existsSync, realpathSync } from 'node:fs';
import { basename, isAbsolute, win32 } from 'node:path';
import { VanthuError } from '@vanthu/shared/errors/index';
import { loadPkcs11Config } from './config.js';
import { KNOWN_MODULES } from './known-modules.js';

/** A PKCS#11 module candidate and whether its file exists here. */
export interface DiscoveredModule {
  path: string;
  name: string;
  /** `config`: pkcs11.modules; `known`: the known-module table; `uri`: module-path of a key URI. */
  source: 'config' | 'known' | 'uri';
  vendor?: string;
  present: boolean;
  /** Environment the module reads when loaded (from config). */
  env?: Record<string, string>;
}

export interface DiscoverOptions {
  configPath?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** File-existence probe (tests replace it). */
  exists?: (path: string) => boolean;
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function knownPaths(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, files: readonly string[]): string[] {
  if (platform !== 'win32') return [...files];
  const system32 = win32.join(env['SystemRoot'] ?? 'C:\\Windows', 'System32');
  return files.map((f) => (win32.isAbsolute(f) ? f : win32.join(system32, f)));
}

/**
 * Every module vanthu would try, in order: config (`pkcs11.modules`) first, then the known-module
 * table for this OS (unless `pkcs11.knownModules` is false). Absent files are listed with
 * `present: false` so that `vanthu doctor` can show what was looked for.
 */
export function discoverModules(opts: DiscoverOptions = {}): DiscoveredModule[] {
  const env = opts.env ?? process.env;
  const platform = opts.platform ?? process.platform;
  const exists = opts.exists ?? existsSync;
  const config = loadPkcs11Config(opts.configPath, env);
  const out: DiscoveredModule[] = [];
  const seen = new Set<string>();
  const add = (m: Omit<DiscoveredModule, 'present'>): void => {
    const present = exists(m.path);
    // Distributions link one library under several paths: list it once (config first).
    const identity = present ? realPath(m.path) : m.path;
    if (seen.has(identity)) return;
    seen.add(identity);
    out.push({ ...m, present });
  };
  for (const m of config.modules) {
    add({
      path: m.path,
      name: m.name ?? basename(m.path),
      source: 'config',
      ...(m.env ? { env: m.env } : {}),
    });
  }
  if (config.knownModules) {
    for (const k of KNOWN_MODULES) {
      const files = platform === 'win32' ? k.win32 : platform === 'darwin' ? k.darwin : k.linux;
      for (const path of knownPaths(platform, env, files ?? [])) {
        add({
          path,
          name: platform === 'win32' ? win32.basename(path) : basename(path),
          source: 'known',
          vendor: k.vendor,
        });
      }
    }
  }
  return out;
}

/** Strips directory and library suffix: "/usr/lib/softhsm/libsofthsm2.so" → "libsofthsm2". */
function stem(path: string): string {
  return win32
    .basename(path)
    .replace(/\.(so(\.\d+)*|dylib|dll)$/i, '')
    .toLowerCase();
}

/**
 * The modules to search for a key: the URI's module-path (which must exist), else the present
 * modules whose name matches module-name, else every present module. MODULE_NOT_FOUND when none.
 */
export function modulesForKey(
  uri: { modulePath?: string; moduleName?: string },
  opts: DiscoverOptions = {},
): DiscoveredModule[] {
  const exists = opts.exists ?? existsSync;
  if (uri.modulePath !== undefined) {
    if (!isAbsolute(uri.modulePath) && !win32.isAbsolute(uri.modulePath)) {
      throw new VanthuError('INVALID_URI', `module-path must be absolute: ${uri.modulePath}`);
    }
    if (!exists(uri.modulePath)) throw new VanthuError('MODULE_NOT_FOUND', uri.modulePath);
    // Config may still give the module its environment.
    const configured = discoverModules(opts).find((m) => m.path === uri.modulePath);
    return [
      configured ?? { path: uri.modulePath, name: basename(uri.modulePath), source: 'uri', present: true },
    ];
  }
  const present = discoverModules(opts).filter((m) => m.present);
  const wanted = uri.moduleName?.toLowerCase();
  const matching = wanted
    ? present.filter(
        (m) => stem(m.path) === wanted || stem(m.path) === `lib${wanted}` || m.name.toLowerCase() === wanted,
      )
    : present;
  if (matching.length === 0) {
    throw new VanthuError(
      'MODULE_NOT_FOUND',
      wanted
        ? `no module named ${uri.moduleName}`
        : 'no PKCS#11 module found (see vanthu doctor; add one under pkcs11.modules)',
    );
  }
  return matching;
}

/** Sets the variables a module reads at load time (they must be in the process environment). */
export function applyModuleEnv(module: DiscoveredModule): void {
  for (const [k, v] of Object.entries(module.env ?? {})) process.env[k] = v;
}
