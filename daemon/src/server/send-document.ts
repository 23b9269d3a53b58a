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
 * Sends the document made of `parts` (consecutive byte ranges, e.g. a PDF and its incremental
 * update) as binary frames of request `id`. Each frame is one WebSocket message sent as two
 * fragments (header, then a subarray of one part) so nothing is copied or joined; a frame never
 * spans two parts, so the frame at the end of a part may be short. When the socket's queue passes
 * the high-water mark we wait for the chunk to be written (backpressure), so a slow reader costs
 * at most one chunk plus the high-water mark of memory. An empty document is one empty frame.
 */
export async function sendDocument(
  ws: WebSocket,
  id: string,
  parts: Uint8Array | readonly Uint8Array[],
  onProgress: (sent: number) => void = () => {},
  signal?: AbortSignal,
  chunkBytes = BINARY_CHUNK_BYTES,
): Promise<void> {
  const header = encodeBinaryHeader(id);
  const list = parts instanceof Uint8Array ? [parts] : parts.filter((p) => p.length > 0);
  if (list.length === 0) list.push(new Uint8Array(0));
  let sent = 0;
  for (const bytes of list) {
    let offset = 0;
    do {
      signal?.throwIfAborted();
      const end = Math.min(bytes.length, offset + chunkBytes);
      void sendPart(ws, header, false).catch(() => {});
      const written = sendPart(ws, bytes.subarray(offset, end), true);
      sent += end - offset;
      offset = end;
      if (ws.bufferedAmount > HIGH_WATER_BYTES) await written;
      else written.catch(() => {});
      onProgress(sent);
    } while (offset < bytes.length);
  }
}
