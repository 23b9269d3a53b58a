import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import type { Stats } from 'node:fs';
import { chmod, copyFile, open, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { VanthuError } from '@vanthu/shared/errors/index';
import { type HashPace, hashFile } from './input-hash.js';
import type { HashWorkerData, HashWorkerReply } from './input-hash-worker.js';

/**
 * From this size on IN is hashed in a worker thread when the machine has more than two cores: its
 * SHA-256 then runs beside the key unlock and the appearance instead of between them. Below it,
 * or with two cores, the main thread hashes the chunks as they are read: a worker's start costs
 * about as much CPU as hashing 100 MB, and with two cores the OS's copy of IN already takes the
 * second one (a 100 MB signature measured 0.41–0.43 s so, 0.44–0.48 s with the worker).
 */
export const WORKER_HASH_MIN_BYTES = 16 * 1024 * 1024;

/** Whether IN, of `size` bytes, is hashed in a worker thread (see WORKER_HASH_MIN_BYTES). */
export function hashesInWorker(size: number, cores = availableParallelism()): boolean {
  return size >= WORKER_HASH_MIN_BYTES && cores > 2;
}

/**
 * The work on IN's bytes that does not depend on the signature, started as soon as the paths are
 * known: the OS copies IN next to OUT while IN is hashed once. A file signature is that copy with
 * the update appended, renamed over OUT.
 */
export interface InputStage {
  readonly inPath: string;
  readonly outPath: string;
  /** OUT may be replaced (`--force`); otherwise a file that appears there meanwhile is kept. */
  readonly force: boolean;
  /** Node's name of the hash IN is hashed with. */
  readonly algorithm: string;
  /** The temporary copy of IN beside OUT (same directory, so the final rename is atomic), on disk. */
  readonly copy: Promise<string>;
  /** Digest of IN followed by `parts`, and how many bytes of IN it covers. */
  digest(parts: readonly Uint8Array[]): Promise<{ digest: Uint8Array; inputBytes: number }>;
  /**
   * Refuses (IO_ERROR) when IN is no longer the file the stage started from: another file renamed
   * into its place, or the same file written to (its size, modification or change time moved).
   * The copy, the hash and the PDF reader each open IN by name, at different moments (the PIN is
   * asked in between), so the engine asks this once the reader has opened IN and again once the
   * hash and the copy are done: what was parsed, what is signed and what is written are one file.
   */
  assertUnchanged(): Promise<void>;
  /** Stops the hashing and removes the temporary copy (gone already once renamed over OUT). */
  discard(): Promise<void>;
}

/** What identifies IN's bytes without reading them again. */
type Identity = Pick<Stats, 'dev' | 'ino' | 'size' | 'mtimeMs' | 'ctimeMs'>;

const sameIdentity = (a: Identity, b: Identity) =>
  a.dev === b.dev &&
  a.ino === b.ino &&
  a.size === b.size &&
  a.mtimeMs === b.mtimeMs &&
  a.ctimeMs === b.ctimeMs;

interface Hasher {
  digest(parts: readonly Uint8Array[]): Promise<{ digest: Uint8Array; inputBytes: number }>;
  close(): void;
}

/**
 * Checks the paths as a file signature needs them (OUT differs from IN, IN exists, OUT is free
 * unless `force`) and starts copying and hashing IN.
 */
export async function openInputStage(
  inPath: string,
  outPath: string,
  opts: { force?: boolean; algorithm: string /** Overrides {@link hashesInWorker}. */; inWorker?: boolean },
): Promise<InputStage> {
  if (resolvePath(inPath) === resolvePath(outPath)) {
    throw new VanthuError('USAGE', 'OUT must differ from IN (the input is never modified)');
  }
  let identity: Identity;
  try {
    identity = await stat(inPath);
  } catch (e) {
    throw new VanthuError('FILE_NOT_FOUND', inPath, undefined, { cause: e });
  }
  const size = identity.size;
  const existing = await stat(outPath).catch(() => undefined);
  // Another name of IN itself (a hard link, a case variant on NTFS or APFS, a symlinked folder).
  if (existing && existing.dev === identity.dev && existing.ino === identity.ino) {
    throw new VanthuError('USAGE', 'OUT must differ from IN (the input is never modified)');
  }
  if (existing && !opts.force) throw new VanthuError('FILE_EXISTS', outPath);
  const tmp = join(dirname(outPath), `.${basename(outPath)}.${randomBytes(6).toString('hex')}.tmp`);
  const copy = copyBeside(inPath, tmp, outPath);
  copy.catch(() => undefined);
  const hasher =
    (opts.inWorker ?? hashesInWorker(size))
      ? workerHasher(inPath, opts.algorithm)
      : localHasher(inPath, opts.algorithm);
  return {
    inPath,
    outPath,
    force: opts.force === true,
    algorithm: opts.algorithm,
    copy,
    digest: (parts) => hasher.digest(parts),
    async assertUnchanged() {
      const now = await stat(inPath).catch(() => undefined);
      if (!now || !sameIdentity(identity, now)) {
        throw changedWhileSigning(inPath);
      }
    },
    async discard() {
      hasher.close();
      await copy.then((t) => rm(t, { force: true })).catch(() => undefined);
    },
  };
}

/**
 * Copies IN to `tmp` (the OS does the copy) and flushes it, in the thread pool, so that the flush
 * after the update is appended has only the update to write: a large copy reaches the disk while
 * the key opens and the update is built. A failure leaves no `tmp` behind.
 */
async function copyBeside(inPath: string, tmp: string, outPath: string): Promise<string> {
  try {
    // A copy-on-write clone where the file system has them (btrfs, XFS): no bytes copied at all.
    await copyFile(inPath, tmp, constants.COPYFILE_FICLONE);
    // The copy takes IN's mode; a read-only IN must still give a copy the update can be appended to.
    const { mode } = await stat(tmp);
    if ((mode & 0o200) === 0) await chmod(tmp, mode | 0o200);
    // A writable handle: Windows flushes only those (EPERM on a read-only one).
    const fh = await open(tmp, 'r+');
    try {
      await fh.datasync();
    } finally {
      await fh.close();
    }
    return tmp;
  } catch (e) {
    await rm(tmp, { force: true });
    throw new VanthuError('IO_ERROR', `${outPath}: ${(e as Error).message}`, undefined, { cause: e });
  }
}

function readFailure(path: string, e: unknown): VanthuError {
  if (e instanceof VanthuError) return e;
  return new VanthuError('IO_ERROR', `${path}: ${(e as Error).message}`, undefined, { cause: e });
}

function localHasher(path: string, algorithm: string): Hasher {
  const pace: HashPace = { awaited: false };
  const hashed = hashFile(path, algorithm, pace);
  hashed.catch(() => undefined);
  return {
    async digest(parts) {
      pace.awaited = true;
      const { hash, bytes } = await hashed.catch((e: unknown) => {
        throw readFailure(path, e);
      });
      const h = hash.copy();
      for (const part of parts) h.update(part);
      return { digest: h.digest(), inputBytes: bytes };
    },
    close() {},
  };
}

/** Starts the worker from the compiled .js, or from the .ts sources (tests) through tsx. */
function startHashWorker(data: HashWorkerData): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(`./input-hash-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  if (!fromSource) return new Worker(entry, { workerData: data });
  // tsx's ESM entry (package "exports" ./esm/api → import); only development and tests run this path.
  const tsxDir = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsx = pathToFileURL(join(tsxDir, 'dist/esm/api/index.mjs')).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true, workerData: data });
}

/** One request at a time (a signature's attempts are sequential); replies come in order. */
function workerHasher(path: string, algorithm: string): Hasher {
  const worker = startHashWorker({ path, algorithm });
  const waiting: { resolve(r: HashWorkerReply): void; reject(e: unknown): void }[] = [];
  let failure: unknown;
  const fail = (e: unknown): void => {
    failure ??= e;
    for (const w of waiting.splice(0)) w.reject(e);
  };
  worker.on('message', (r: HashWorkerReply) => waiting.shift()?.resolve(r));
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`hashing stopped (exit code ${code})`)));
  return {
    async digest(parts) {
      if (failure) throw readFailure(path, failure);
      const reply = await new Promise<HashWorkerReply>((resolve, reject) => {
        waiting.push({ resolve, reject });
        worker.postMessage(parts);
      }).catch((e: unknown) => {
        throw readFailure(path, e);
      });
      if ('failed' in reply) throw readFailure(path, new Error(reply.failed));
      return { digest: reply.digest, inputBytes: reply.bytes };
    },
    close() {
      void worker.terminate();
    },
  };
}

/** IO_ERROR: the input is no longer the file the signing started from. */
export function changedWhileSigning(path: string): VanthuError {
  return new VanthuError('IO_ERROR', `${path}: the file changed while it was being signed`);
}
