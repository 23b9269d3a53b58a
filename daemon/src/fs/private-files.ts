import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/**
 * Per-user state (registry, exchange queue, audit log, secrets) is readable by its owner only:
 * directories 0700, files 0600, whatever the umask. On Windows the user-profile ACLs protect these
 * directories and POSIX modes mean nothing, so nothing is changed there.
 */
const POSIX = process.platform !== 'win32';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** chmod only when group or others have any access (keeps a stricter mode the user chose). */
function tighten(path: string, mode: number): void {
  if (!POSIX) return;
  try {
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, mode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * Creates `dir` (and missing parents) 0700. Only the directories created here are chmodded: a
 * parent that already existed (/tmp for `--db /tmp/x.sqlite`) is not ours to change.
 */
export function ensurePrivateDir(dir: string): void {
  const first = mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (!first || !POSIX) return;
  // mkdir's mode is masked by the umask; chmod each created level so the result does not depend on it.
  let path = first;
  chmodSync(path, PRIVATE_DIR_MODE);
  for (const part of relative(first, dir).split(sep).filter(Boolean)) {
    path = join(path, part);
    chmodSync(path, PRIVATE_DIR_MODE);
  }
}

/** Tightens a directory vanthu owns outright (the data directory an older version made 0755). */
export function tightenOwnDir(dir: string): void {
  tighten(dir, PRIVATE_DIR_MODE);
}

/** SQLite's side files: a rollback journal, or the WAL and its shared-memory index. */
const SIDE_FILES = ['-journal', '-wal', '-shm'];

/**
 * Before SQLite opens `file`: its directory exists (0700 where created here) and the file exists
 * 0600. SQLite gives the -wal, -shm and -journal files it creates the mode of the database file, so
 * they are 0600 too; a database or side file left readable by an older version is tightened.
 */
export function preparePrivateSqliteFile(file: string): void {
  ensurePrivateDir(dirname(file));
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  tightenSqliteFiles(file);
}

/** chmods the database and any side file that exists to 0600 (run again after opening in WAL mode). */
export function tightenSqliteFiles(file: string): void {
  for (const suffix of ['', ...SIDE_FILES]) tighten(`${file}${suffix}`, PRIVATE_FILE_MODE);
}
