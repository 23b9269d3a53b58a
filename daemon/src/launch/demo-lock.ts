import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { VanthuError } from '@vanthu/shared/errors/index';
import { writeFileAtomic } from '../fs/atomic-write.js';

/** What a running demo says about itself in its lock file. */
export interface DemoLockInfo {
  pid: number;
  startedAt: string;
  daemonPort?: number;
  portalUrl?: string;
  /** The counterpart agency's daemon and portal. */
  counterpart?: { daemonPort: number; portalUrl: string };
  axisUrl?: string;
}

export interface DemoLock {
  update(info: Pick<DemoLockInfo, 'daemonPort' | 'portalUrl' | 'counterpart' | 'axisUrl'>): void;
  release(): void;
}

const lockFile = (demoDir: string) => join(demoDir, 'demo.lock');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The demo running on this data directory, if any: a lock file whose pid is alive. */
export function runningDemo(demoDir: string): DemoLockInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(lockFile(demoDir), 'utf8')) as DemoLockInfo;
    return typeof info.pid === 'number' && info.pid !== process.pid && alive(info.pid) ? info : undefined;
  } catch {
    return undefined;
  }
}

/** DEMO_RUNNING naming the running demo's pid and addresses. */
export function demoRunningError(info: DemoLockInfo): VanthuError {
  const where = [
    `pid ${info.pid}`,
    ...(info.portalUrl ? [`${info.portalUrl}/dang-nhap`] : []),
    ...(info.daemonPort ? [`ws://127.0.0.1:${info.daemonPort}/`] : []),
    ...(info.counterpart
      ? [`${info.counterpart.portalUrl}/dang-nhap`, `ws://127.0.0.1:${info.counterpart.daemonPort}/`]
      : []),
  ].join(', ');
  return new VanthuError('DEMO_RUNNING', `${where} (Ctrl+C there, or kill ${info.pid})`, { ...info });
}

/**
 * Takes the demo's lock (`<demoDir>/demo.lock`, created exclusively, holding our pid). A lock whose
 * pid is gone is stale and taken over; a live one is DEMO_RUNNING. Taken before anything of the demo
 * is written, so a second `npm start` changes nothing of the running one.
 */
export function acquireDemoLock(demoDir: string): DemoLock {
  const path = lockFile(demoDir);
  const info: DemoLockInfo = { pid: process.pid, startedAt: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, `${JSON.stringify(info)}\n`);
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      const holder = runningDemo(demoDir);
      if (holder) throw demoRunningError(holder);
      rmSync(path, { force: true });
    }
  }
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    rmSync(path, { force: true });
  };
  process.once('exit', release);
  return {
    update(more) {
      Object.assign(info, more);
      if (held) writeFileAtomic(path, `${JSON.stringify(info)}\n`, 0o600);
    },
    release,
  };
}
