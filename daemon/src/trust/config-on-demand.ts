import { existsSync } from 'node:fs';
import { configFiles, revocationCacheDir } from '../config/paths.js';
import type { TrustConfig } from './config.js';

/**
 * The trust section for a one-shot command (`vanthu verify`). Without `--config` and with neither
 * the per-user nor the admin config file present there is nothing to validate and the section is
 * unset, so the validating loader (zod, about a hundred modules) is not loaded on this start-up
 * path; otherwise the answer is exactly `loadTrustConfig`'s.
 */
export async function readTrustConfig(
  configPath?: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<TrustConfig & { cacheDir: string }> {
  const files = configFiles(configPath, env);
  if (configPath === undefined && !existsSync(files.user) && !existsSync(files.system))
    return { cacheDir: revocationCacheDir(env) };
  return (await import('./config.js')).loadTrustConfig(configPath, env);
}
