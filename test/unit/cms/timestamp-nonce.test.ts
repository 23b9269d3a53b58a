import { describe, expect, it } from 'vitest';
import { timestampNonce } from '../../../daemon/src/cms/timestamp.js';

describe('timestampNonce', () => {
  it('is always a minimal positive DER INTEGER, whatever the random bytes', () => {
    for (let first = 0; first < 256; first++) {
      for (const second of [0x00, 0x7f, 0x80, 0xff]) {
        const nonce = timestampNonce((n) => Buffer.from([first, second, ...Array(n - 2).fill(0)]));
        expect(nonce).toHaveLength(8);
        // No illegal padding (0x00 before a byte below 0x80) and no sign bit: OpenSSL's strict
        // INTEGER decoding accepts it, and it reads back as the same positive number.
        expect(nonce[0]).toBeGreaterThanOrEqual(0x01);
        expect(nonce[0]).toBeLessThanOrEqual(0x7f);
      }
    }
  });

  it('keeps the randomness of the other seven bytes', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) seen.add(timestampNonce().toString('hex'));
    expect(seen.size).toBe(50);
  });
});
