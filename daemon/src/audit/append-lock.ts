import { closeSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { VanthuError } from '@vanthu/shared/errors/index';

const STALE_MS = 30_000;
const WAIT_MS = 10_000;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Runs `fn` holding an exclusive lock file (O_EXCL create), so two processes appending to one
 * audit directory take turns: each reads the head, writes its line and moves the anchor before the
 * other starts. A lock left by a crashed process is taken over once it is older than 30 s (an
 * append holds it for milliseconds). Synchronous like the appends it guards.
 */
export function withAppendLock<T>(lockFile: string, fn: () => T): T {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    let fd: number | undefined;
    try {
      fd = openSync(lockFile, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (fd !== undefined) {
      try {
        writeSync(fd, String(process.pid));
        return fn();
      } finally {
        closeSync(fd);
        rmSync(lockFile, { force: true });
      }
    }
    try {
      if (Date.now() - statSync(lockFile).mtimeMs > STALE_MS) rmSync(lockFile, { force: true });
    } catch {
      // Released meanwhile: try again.
    }
    if (Date.now() > deadline)
      throw new VanthuError('BUSY', `the audit log is locked by another process (${lockFile})`);
    Atomics.wait(sleeper, 0, 0, 5 + Math.floor(Math.random() * 10));
  }
}
