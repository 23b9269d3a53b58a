/**
 * Hashes a large input file off the main thread, so that reading and hashing it overlaps the
 * key unlock and the appearance building (input-stage.ts starts it). Each message is the list of
 * byte parts that follow the file in the signed ranges; the reply is the digest of the file
 * followed by them, and the number of file bytes hashed. The file is hashed once; every reply
 * continues a copy of that state.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { hashFile } from './input-hash.js';

export interface HashWorkerData {
  path: string;
  algorithm: string;
}
export type HashWorkerReply = { digest: Uint8Array; bytes: number } | { failed: string };

if (!parentPort) throw new Error('input-hash-worker must run in a worker thread');
const port = parentPort;
const { path, algorithm } = workerData as HashWorkerData;
const hashed = hashFile(path, algorithm);
hashed.catch(() => undefined);

port.on('message', (parts: Uint8Array[]) => {
  hashed.then(
    ({ hash, bytes }) => {
      const h = hash.copy();
      for (const part of parts) h.update(part);
      port.postMessage({ digest: h.digest(), bytes } satisfies HashWorkerReply);
    },
    (e: unknown) => port.postMessage({ failed: (e as Error).message } satisfies HashWorkerReply),
  );
});
