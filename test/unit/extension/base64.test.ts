import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from '../../../extension/src/messaging/base64.js';

describe('base64 for the hand-over to the content script', () => {
  it('round-trips every byte value and agrees with Node, also above the slice size', () => {
    const bytes = new Uint8Array(0x8000 * 3 + 7).map((_, i) => (i * 31) % 256);
    const text = encodeBase64(bytes);
    expect(text).toBe(Buffer.from(bytes).toString('base64'));
    expect(Buffer.from(decodeBase64(text)).equals(Buffer.from(bytes))).toBe(true);
    expect(encodeBase64(new Uint8Array(0))).toBe('');
  });
});
