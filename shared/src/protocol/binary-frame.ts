/**
 * Binary frames carry document bytes, never base64 in JSON. Each WebSocket binary message is
 *
 *   byte 0–1  magic 0x56 0x54 ("VT")
 *   byte 2    frame format version (1)
 *   byte 3    n = length of the request id (1–64)
 *   byte 4…   the request id, ASCII (the JSON request or reply it belongs to)
 *   then      a chunk of the document, any length up to the frame limit (0 allowed)
 *
 * A document is the concatenation, in order, of the chunks of all frames with that id; its total
 * length was announced in the JSON message (`document.bytes`). A request that announces several
 * documents (registry.register: `document`, then each `attachments[i].document`) sends their bytes
 * one after the other in that order, in the frames of the same id; a frame may span two of them.
 * Client → daemon: the JSON request
 * comes first, then the frames. Daemon → client: the frames come first, then the JSON reply that
 * closes the request. No Node or DOM types: works with Uint8Array in both the extension and daemon.
 */
export const BINARY_MAGIC_0 = 0x56;
export const BINARY_MAGIC_1 = 0x54;
export const BINARY_FORMAT_VERSION = 1;
/** Largest chunk a sender should put in one frame (4 MiB): keeps memory and latency per frame low. */
export const BINARY_CHUNK_BYTES = 4 * 1024 * 1024;

export interface BinaryFrame {
  id: string;
  /** The chunk: a view into the received frame (not a copy). */
  chunk: Uint8Array;
}

const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

/** The header bytes for a frame of request `id`; append the chunk after it. */
export function encodeBinaryHeader(id: string): Uint8Array {
  if (!ID_RE.test(id)) throw new RangeError(`invalid request id for a binary frame: ${id}`);
  const header = new Uint8Array(4 + id.length);
  header[0] = BINARY_MAGIC_0;
  header[1] = BINARY_MAGIC_1;
  header[2] = BINARY_FORMAT_VERSION;
  header[3] = id.length;
  for (let i = 0; i < id.length; i++) header[4 + i] = id.charCodeAt(i);
  return header;
}

/** One frame as a single array (header + chunk); senders that can send parts separately should. */
export function encodeBinaryFrame(id: string, chunk: Uint8Array): Uint8Array {
  const header = encodeBinaryHeader(id);
  const frame = new Uint8Array(header.length + chunk.length);
  frame.set(header, 0);
  frame.set(chunk, header.length);
  return frame;
}

/** Parses a frame; undefined when the header is not a valid vanthu binary header. */
export function decodeBinaryFrame(frame: Uint8Array): BinaryFrame | undefined {
  if (frame.length < 5 || frame[0] !== BINARY_MAGIC_0 || frame[1] !== BINARY_MAGIC_1) return undefined;
  if (frame[2] !== BINARY_FORMAT_VERSION) return undefined;
  const n = frame[3] ?? 0;
  if (n < 1 || n > 64 || frame.length < 4 + n) return undefined;
  let id = '';
  for (let i = 0; i < n; i++) id += String.fromCharCode(frame[4 + i] ?? 0);
  if (!ID_RE.test(id)) return undefined;
  return { id, chunk: frame.subarray(4 + n) };
}
