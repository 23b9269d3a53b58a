import { BINARY_CHUNK_BYTES, encodeBinaryHeader } from '@vanthu/shared/protocol/index';
import type { WebSocket } from 'ws';

/** Above this many bytes queued in the socket, the sender waits for the kernel to drain it. */
export const HIGH_WATER_BYTES = 8 * 1024 * 1024;

function sendPart(ws: WebSocket, data: Uint8Array, fin: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    ws.send(data, { binary: true, fin }, (error) => (error ? reject(error) : resolve()));
  });
}

/**
 * Sends `bytes` as binary frames of request `id`. Each frame is one WebSocket message sent as two
 * fragments (header, then chunk) so the document is never copied; when the socket's queue passes
 * the high-water mark we wait for the chunk to be written (backpressure), so a slow reader costs
 * at most one chunk plus the high-water mark of memory.
 */
export async function sendDocument(
  ws: WebSocket,
  id: string,
  bytes: Uint8Array,
  onProgress: (sent: number) => void = () => {},
  signal?: AbortSignal,
  chunkBytes = BINARY_CHUNK_BYTES,
): Promise<void> {
  const header = encodeBinaryHeader(id);
  let offset = 0;
  do {
    signal?.throwIfAborted();
    const end = Math.min(bytes.length, offset + chunkBytes);
    void sendPart(ws, header, false).catch(() => {});
    const written = sendPart(ws, bytes.subarray(offset, end), true);
    offset = end;
    if (ws.bufferedAmount > HIGH_WATER_BYTES) await written;
    else written.catch(() => {});
    onProgress(offset);
  } while (offset < bytes.length);
}
