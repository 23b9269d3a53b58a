import { homedir, platform } from 'node:os';
import { join } from 'node:path';

/**
 * Where vanthu keeps per-user state and reads configuration. `VANTHU_HOME` overrides both per-user
 * locations (tests and the demo use it to stay out of the real home directory).
 */
export interface VanthuPaths {
  /** Per-user configuration directory (config.json lives here). */
  userConfigDir: string;
  /** Per-user data directory (registry database, queue, audit log, caches). */
  userDataDir: string;
  /** Machine-wide admin configuration file. */
  systemConfigFile: string;
}

export function resolvePaths(env: NodeJS.ProcessEnv = process.env): VanthuPaths {
  const os = platform();
  const systemConfigFile =
    env['VANTHU_SYSTEM_CONFIG'] ??
    (os === 'win32'
      ? join(env['ProgramData'] ?? 'C:\\ProgramData', 'vanthu', 'config.json')
      : join('/etc', 'vanthu', 'config.json'));
  const override = env['VANTHU_HOME'];
  if (override) {
    return { userConfigDir: join(override, 'config'), userDataDir: join(override, 'data'), systemConfigFile };
  }
  const home = homedir();
  if (os === 'win32') {
    const appData = env['APPDATA'] ?? join(home, 'AppData', 'Roaming');
    const localAppData = env['LOCALAPPDATA'] ?? join(home, 'AppData', 'Local');
    return {
      userConfigDir: join(appData, 'vanthu'),
      userDataDir: join(localAppData, 'vanthu'),
      systemConfigFile,
    };
  }
  if (os === 'darwin') {
    const base = join(home, 'Library', 'Application Support', 'vanthu');
    return { userConfigDir: base, userDataDir: base, systemConfigFile };
  }
  return {
    userConfigDir: join(env['XDG_CONFIG_HOME'] ?? join(home, '.config'), 'vanthu'),
    userDataDir: join(env['XDG_DATA_HOME'] ?? join(home, '.local', 'share'), 'vanthu'),
    systemConfigFile,
  };
}

/** The files the config loader reads: `--config FILE` (else the per-user config.json) and the admin file. */
export function configFiles(
  configPath: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): { user: string; system: string } {
  const paths = resolvePaths(env);
  return { user: configPath ?? join(paths.userConfigDir, 'config.json'), system: paths.systemConfigFile };
}

/** Default cache of fetched CRLs and OCSP answers (the `trust.cacheDir` setting overrides it). */
export function revocationCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(resolvePaths(env).userDataDir, 'revocation-cache');
}
