import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { proofMatches, sign } from '../../../daemon/src/server/hmac-proof.js';

const secret = Buffer.alloc(32, 0x5a).toString('base64url');

describe('sign: HMAC-SHA256 keyed by the raw secret bytes, base64url', () => {
  it('equals an HMAC-SHA256 over the UTF-8 message keyed by the decoded secret', () => {
    const message = 'client|nonce-1|nonce-2|chrome-extension://xyz|văn thư';
    const expected = createHmac('sha256', Buffer.alloc(32, 0x5a))
      .update(Buffer.from(message, 'utf8'))
      .digest('base64url');
    expect(sign(secret, message)).toBe(expected);
  });

  it('depends on the secret and on the message', () => {
    const other = Buffer.alloc(32, 0x5b).toString('base64url');
    expect(sign(other, 'm')).not.toBe(sign(secret, 'm'));
    expect(sign(secret, 'm2')).not.toBe(sign(secret, 'm'));
  });
});

describe('proofMatches: equal bytes only', () => {
  const proof = sign(secret, 'message');

  it('accepts the same proof', () => {
    expect(proofMatches(proof, proof)).toBe(true);
  });

  it('refuses a proof differing in one byte', () => {
    const bytes = Buffer.from(proof, 'base64url');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    expect(proofMatches(proof, bytes.toString('base64url'))).toBe(false);
  });

  it('refuses a shorter or longer proof without throwing', () => {
    const bytes = Buffer.from(proof, 'base64url');
    expect(proofMatches(proof, bytes.subarray(0, 31).toString('base64url'))).toBe(false);
    expect(proofMatches(proof, Buffer.concat([bytes, Buffer.from([0])]).toString('base64url'))).toBe(false);
    expect(proofMatches(proof, '')).toBe(false);
  });
});
