import type { DeliverPart, DeliverRequest } from '../messaging/messages.js';
import { decodeBase64 } from '../messaging/base64.js';

/** At most this many transfers are kept half-received (a window that closed mid-way leaves one). */
const MAX_OPEN = 4;
const open = new Map<string, string[]>();

export function acceptPart(part: DeliverPart): void {
  const parts = open.get(part.transfer) ?? [];
  parts[part.index] = part.base64;
  open.delete(part.transfer);
  open.set(part.transfer, parts);
  while (open.size > MAX_OPEN) open.delete(open.keys().next().value as string);
}

/** The bytes a deliver request carries, inline or from its parts; undefined when a part is missing. */
export function takeDocument(request: DeliverRequest): Uint8Array<ArrayBuffer> | undefined {
  if (request.base64 !== undefined) return decodeBase64(request.base64);
  const parts = open.get(request.transfer ?? '');
  open.delete(request.transfer ?? '');
  if (!parts || parts.length !== request.parts) return undefined;
  const decoded: Uint8Array[] = [];
  for (let i = 0; i < parts.length; i++) {
    const text = parts[i];
    if (text === undefined) return undefined;
    decoded.push(decodeBase64(text));
  }
  const out = new Uint8Array(decoded.reduce((n, d) => n + d.length, 0));
  let at = 0;
  for (const d of decoded) {
    out.set(d, at);
    at += d.length;
  }
  return out;
}
