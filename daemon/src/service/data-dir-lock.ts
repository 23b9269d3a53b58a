import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VanthuError } from '@vanthu/shared/errors/index';
import Database from 'better-sqlite3';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { PRIVATE_FILE_MODE, tightenSqliteFiles } from '../fs/private-files.js';

/** What the holder of a data directory wrote about itself (daemon.pid), for the refusal message. */
export interface LockHolder {
  pid: number;
  port?: number;
  startedAt?: string;
}

export interface DataDirLock {
  readonly dir: string;
  /** Adds the port to daemon.pid once the daemon listens. */
  recordPort(port: number): void;
  release(): void;
}

const LOCK_FILE = 'daemon.lock';
const PID_FILE = 'daemon.pid';

export function readLockHolder(dir: string): LockHolder | undefined {
  try {
    const v = JSON.parse(readFileSync(join(dir, PID_FILE), 'utf8')) as Partial<LockHolder>;
    return typeof v.pid === 'number' ? (v as LockHolder) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Creates the lock file 0600 when it does not exist. An existing one is never opened here: closing any
 * descriptor of a file drops every POSIX lock this process holds on it (a daemon of this process).
 */
function createIfMissing(file: string): void {
  try {
    closeSync(openSync(file, 'wx', PRIVATE_FILE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/**
 * One data directory, one daemon: an exclusive SQLite lock on `<dir>/daemon.lock`, held by an open write
 * transaction for the daemon's lifetime. The OS drops it when the process dies, however it dies, so
 * there is no stale lock to clean up; daemon.pid only names the holder in the refusal.
 */
export function lockDataDir(dir: string): DataDirLock {
  const file = join(dir, LOCK_FILE);
  // 0600 like every per-user file (its rollback journal takes the same mode), whatever the umask.
  createIfMissing(file);
  tightenSqliteFiles(file);
  const db = new Database(file, { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
    const holder = readLockHolder(dir);
    const who = holder
      ? `pid ${holder.pid}${holder.port ? `, ws://127.0.0.1:${holder.port}/` : ''}`
      : 'another process';
    throw new VanthuError('DATA_DIR_LOCKED', `${dir} (${who})`, { dir, ...(holder ? { holder } : {}) });
  }
  const info: LockHolder = { pid: process.pid, startedAt: new Date().toISOString() };
  const writePid = () => writeFileAtomic(join(dir, PID_FILE), `${JSON.stringify(info)}\n`, 0o600);
  writePid();
  let held = true;
  return {
    dir,
    recordPort(port) {
      info.port = port;
      writePid();
    },
    release() {
      if (!held) return;
      held = false;
      db.close();
    },
  };
}
