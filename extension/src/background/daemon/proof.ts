import { authProofMessage } from '@vanthu/shared/protocol/index';

/** Unpadded base64url (RFC 4648 §5), the encoding of nonces, proofs and the pairing secret. */
export function toBase64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Fresh 32 random bytes, base64url: the client half of the challenge. */
export function randomNonce(): string {
  return toBase64url(crypto.getRandomValues(new Uint8Array(32)));
}

async function hmac(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    fromBase64url(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return toBase64url(
    new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(message))),
  );
}

/** The client's proof of the pairing secret for this connection (shared/protocol auth.ts). */
export function clientProof(secret: string, serverNonce: string, clientNonce: string, origin: string) {
  return hmac(secret, authProofMessage('client', serverNonce, clientNonce, origin));
}

/**
 * Checks the daemon's proof, so the extension knows it reached the daemon that holds the secret and not
 * another program listening on the port. Compared without an early exit.
 */
export async function serverProofValid(
  secret: string,
  serverNonce: string,
  clientNonce: string,
  origin: string,
  proof: string,
): Promise<boolean> {
  const expected = await hmac(secret, authProofMessage('server', serverNonce, clientNonce, origin));
  if (expected.length !== proof.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ proof.charCodeAt(i);
  return diff === 0;
}

/** Lower-case hex SHA-256 of some bytes. */
export async function sha256Hex(bytes: Uint8Array<ArrayBuffer> | ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
