import { resolvePaths } from '../../config/paths.js';
import { daemonFile } from '../../daemon-dir.js';
import { type InstallPlan, installPlan } from './plan.js';

/** The plan for this machine and user: node and the CLI as running now, VANTHU_* passed through. */
export function currentPlan(): InstallPlan {
  const cli = daemonFile('bin', 'vanthu.mjs');
  const env: Record<string, string> = {};
  for (const k of ['VANTHU_HOME', 'VANTHU_SYSTEM_CONFIG']) if (process.env[k]) env[k] = process.env[k]!;
  return installPlan({ launch: { node: process.execPath, cli, env }, dataDir: resolvePaths().userDataDir });
}
