import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { VanthuError } from '@vanthu/shared/errors/index';
import { writeFileAtomic } from '../fs/atomic-write.js';

/**
 * Manual pairing, the last resort when native messaging cannot run: `vanthu pair` writes a short
 * code's hash here; the extension sends the code once over an Origin-checked socket (`pair.code`)
 * and receives the real secret. A short code is safe because it is one-time, expires in minutes
 * and allows 5 attempts in total (40 bits, so a guess succeeds with probability 5·2⁻⁴⁰).
 */
export const PAIRING_CODE_ATTEMPTS = 5;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: no I, L, O, U

interface CodeFile {
  sha256: string;
  expiresAt: number;
  attemptsLeft: number;
}

/** Upper-case, drops spaces and dashes, and maps the look-alikes Crockford allows (I/L→1, O→0). */
export function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
}

const digest = (code: string): Buffer => createHash('sha256').update(normalizeCode(code)).digest();

/** Creates a fresh code (replacing any earlier one) and returns it formatted XXXX-XXXX. */
export function createPairingCode(file: string, minutes: number, now = Date.now()): string {
  let raw = '';
  for (let i = 0; i < 8; i++) raw += ALPHABET[randomInt(ALPHABET.length)];
  const entry: CodeFile = {
    sha256: digest(raw).toString('hex'),
    expiresAt: now + minutes * 60_000,
    attemptsLeft: PAIRING_CODE_ATTEMPTS,
  };
  writeFileAtomic(file, JSON.stringify(entry), 0o600);
  return `${raw.slice(0, 4)}-${raw.slice(4)}`;
}

function readCodeFile(file: string): CodeFile | undefined {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as Partial<CodeFile>;
    if (typeof v.sha256 !== 'string' || typeof v.expiresAt !== 'number' || typeof v.attemptsLeft !== 'number')
      return undefined;
    return v as CodeFile;
  } catch {
    return undefined;
  }
}

/**
 * Checks a typed code: true once for the right code (the code is then gone). Wrong codes use up an
 * attempt; the last one deletes the code. Expired or absent codes fail with PAIRING_FAILED.
 */
export function redeemPairingCode(file: string, code: string, now = Date.now()): void {
  const entry = readCodeFile(file);
  if (!entry) throw new VanthuError('PAIRING_FAILED', 'no pairing code is active; run vanthu pair');
  if (now > entry.expiresAt || entry.attemptsLeft <= 0) {
    rmSync(file, { force: true });
    throw new VanthuError('PAIRING_FAILED', 'the pairing code expired; run vanthu pair again');
  }
  const expected = Buffer.from(entry.sha256, 'hex');
  const given = digest(code);
  if (expected.length === given.length && timingSafeEqual(expected, given)) {
    rmSync(file, { force: true });
    return;
  }
  const attemptsLeft = entry.attemptsLeft - 1;
  if (attemptsLeft <= 0) rmSync(file, { force: true });
  else writeFileAtomic(file, JSON.stringify({ ...entry, attemptsLeft }), 0o600);
  throw new VanthuError('PAIRING_FAILED', `wrong pairing code (${attemptsLeft} attempts left)`, {
    attemptsLeft,
  });
}
