import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { writeFileAtomic } from '../../fs/atomic-write.js';
import type { InstallPlan } from './plan.js';

export interface StepResult {
  command: string;
  ok: boolean;
  /** Why it failed (exit code and first line of stderr). */
  detail?: string;
}

export interface FileStatus {
  role: string;
  path: string;
  installed: boolean;
  /** Installed and identical to what install would write now. */
  current: boolean;
}

function run(argv: string[]): StepResult {
  const [cmd, ...args] = argv;
  const r = spawnSync(cmd!, args, { encoding: 'utf8', timeout: 15_000 });
  const command = argv.join(' ');
  if (r.error) return { command, ok: false, detail: r.error.message };
  if (r.status !== 0)
    return {
      command,
      ok: false,
      detail: `exit ${r.status}: ${(r.stderr || '').trim().split('\n')[0] ?? ''}`,
    };
  return { command, ok: true };
}

/**
 * Writes every file (atomically) and runs the activation commands. A failing command (no user
 * systemd in a container, say) is reported, not fatal: the files are what browsers need.
 */
export function applyInstall(plan: InstallPlan, runCommands = true): StepResult[] {
  for (const f of plan.files) writeFileAtomic(f.path, f.content, f.mode);
  return runCommands ? plan.activate.map(run) : [];
}

export function applyUninstall(plan: InstallPlan, runCommands = true): StepResult[] {
  const steps = runCommands ? plan.deactivate.map(run) : [];
  for (const f of plan.files) rmSync(f.path, { force: true });
  return steps;
}

export function installStatus(plan: InstallPlan): FileStatus[] {
  return plan.files.map((f) => {
    const installed = existsSync(f.path);
    let current = false;
    if (installed) {
      try {
        current = readFileSync(f.path, 'utf8') === f.content;
      } catch {
        current = false;
      }
    }
    return { role: f.role, path: f.path, installed, current };
  });
}
