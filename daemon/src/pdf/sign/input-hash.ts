import { type Hash, createHash } from 'node:crypto';
import { readSync } from 'node:fs';
import { open } from 'node:fs/promises';

/**
 * Read size of the hashing passes: 1 MB reads leave each chunk in the core's cache for SHA-256 to
 * read back. Hashing 100 MB from the page cache took 75–81 ms so, 123–128 ms with 8 MB reads
 * (whose chunks SHA-256 reads back from memory), 104 ms with 128 KB (the per-call cost).
 */
export const HASH_CHUNK = 1024 * 1024;

/** Set `awaited` once someone waits for the hash: the rest of the file is then read without yielding. */
export interface HashPace {
  awaited: boolean;
}

/**
 * Hash state over all of a file, and how many bytes it covers. The file is read in chunks into
 * two reused buffers, the next read in flight while the current chunk is hashed, so that the
 * thread can do other work between chunks. Once `pace.awaited` is set the thread has nothing else
 * to do: the rest is read synchronously, without a round trip through the thread pool per chunk.
 * Errors are Node's own: callers know which file and what to call the failure.
 */
export async function hashFile(
  path: string,
  algorithm: string,
  pace: HashPace = { awaited: false },
): Promise<{ hash: Hash; bytes: number }> {
  const hash = createHash(algorithm);
  const fh = await open(path, 'r');
  try {
    // No larger than the file: a small file does not cost two full chunks of buffers.
    const chunk = Math.max(1, Math.min(HASH_CHUNK, (await fh.stat()).size));
    const bufs = [Buffer.allocUnsafe(chunk), Buffer.allocUnsafe(chunk)];
    let bytes = 0;
    let turn = 0;
    let pending = fh.read(bufs[0]!, 0, chunk, 0);
    for (;;) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) return { hash, bytes };
      const current = bufs[turn]!;
      bytes += bytesRead;
      if (pace.awaited) {
        hash.update(current.subarray(0, bytesRead));
        break;
      }
      turn ^= 1;
      pending = fh.read(bufs[turn]!, 0, chunk, bytes);
      hash.update(current.subarray(0, bytesRead));
    }
    for (;;) {
      const bytesRead = readSync(fh.fd, bufs[0]!, 0, chunk, bytes);
      if (bytesRead === 0) return { hash, bytes };
      bytes += bytesRead;
      hash.update(bufs[0]!.subarray(0, bytesRead));
    }
  } finally {
    await fh.close();
  }
}
