import { type Hash, createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

/** Read size of the hashing pass: large reads keep the per-call cost small against SHA-256's. */
export const HASH_CHUNK = 8 * 1024 * 1024;

/**
 * Hash state over all of a file, and how many bytes it covers. The file is read in large chunks
 * into two reused buffers, the next read in flight while the current chunk is hashed. Errors are
 * Node's own: callers know which file and what to call the failure.
 */
export async function hashFile(path: string, algorithm: string): Promise<{ hash: Hash; bytes: number }> {
  const hash = createHash(algorithm);
  const fh = await open(path, 'r');
  try {
    // No larger than the file: a small file does not cost 16 MB of buffers.
    const chunk = Math.max(1, Math.min(HASH_CHUNK, (await fh.stat()).size));
    const bufs = [Buffer.allocUnsafe(chunk), Buffer.allocUnsafe(chunk)];
    let bytes = 0;
    let turn = 0;
    let pending = fh.read(bufs[0]!, 0, chunk, 0);
    for (;;) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) break;
      const current = bufs[turn]!;
      bytes += bytesRead;
      turn ^= 1;
      pending = fh.read(bufs[turn]!, 0, chunk, bytes);
      hash.update(current.subarray(0, bytesRead));
    }
    return { hash, bytes };
  } finally {
    await fh.close();
  }
}
