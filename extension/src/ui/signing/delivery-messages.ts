import { encodeBase64 } from '../../messaging/base64.js';
import type { DeliverPart, DeliverRequest } from '../../messaging/messages.js';

/** Bytes per part: a multiple of 3 (each part decodes alone), 8 MiB of base64, far below Chromium's 64 MiB. */
export const PART_BYTES = 3 * 2 * 1024 * 1024;

/** The messages that carry `bytes` to the content script: one inline, or parts then the request. */
export function deliveryMessages(
  filename: string,
  bytes: Uint8Array,
  transfer: string,
): (DeliverRequest | DeliverPart)[] {
  if (bytes.length <= PART_BYTES)
    return [{ type: 'document.deliver', filename, base64: encodeBase64(bytes) }];
  const parts: DeliverPart[] = [];
  for (let at = 0, index = 0; at < bytes.length; at += PART_BYTES, index++) {
    parts.push({
      type: 'document.part',
      transfer,
      index,
      base64: encodeBase64(bytes.subarray(at, at + PART_BYTES)),
    });
  }
  return [...parts, { type: 'document.deliver', filename, transfer, parts: parts.length }];
}
