import { createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 keyed by the secret's raw 32 bytes, base64url. */
export function sign(secretBase64url: string, message: string): string {
  return (
    createHmac('sha256', Buffer.from(secretBase64url, 'base64url'))
      // Stryker disable next-line StringLiteral: Node reads a string as UTF-8 when the encoding is empty, as with 'utf8'
      .update(message, 'utf8')
      .digest('base64url')
  );
}

/** Constant-time comparison of two base64url proofs. */
export function proofMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'base64url');
  const b = Buffer.from(given, 'base64url');
  return a.length === b.length && timingSafeEqual(a, b);
}
