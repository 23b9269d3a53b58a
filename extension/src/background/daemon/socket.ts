/**
 * The part of a WebSocket the daemon client uses: the browser's WebSocket has it, and so does the `ws`
 * package in Node (tests), so the client runs in the service worker, extension pages and Node alike.
 */
export interface SocketLike {
  binaryType: string;
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: string | Uint8Array<ArrayBuffer>): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
}

/** Opens a socket to `url`; in the browser the Origin header is the extension's own, set by Chromium. */
export type OpenSocket = (url: string) => SocketLike;

export const OPEN = 1;

export const browserSocket: OpenSocket = (url) => new WebSocket(url) as unknown as SocketLike;
