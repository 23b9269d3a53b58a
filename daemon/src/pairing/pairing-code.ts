import { randomInt, timingSafeEqual } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { VanthuError } from '@vanthu/shared/errors/index';
import { pairingPassword } from '@vanthu/shared/pake/pairing-exchange';
import { writeFileAtomic } from '../fs/atomic-write.js';

/**
 * Manual pairing, the last resort when native messaging cannot run: `vanthu pair` writes the CPace
 * password of a short code (its SHA-256, never the code) here; the extension and the daemon then run
 * the CPace exchange with it (pair.start / pair.finish), so the code never crosses the socket. A short
 * code is safe because it is one-time, expires in minutes and allows 5 runs in total, each of which
 * tests a single guess (40 bits, so guessing succeeds with probability 5·2⁻⁴⁰).
 */
export const PAIRING_CODE_ATTEMPTS = 5;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: no I, L, O, U

interface CodeFile {
  sha256: string;
  expiresAt: number;
  attemptsLeft: number;
}

/** Creates a fresh code (replacing any earlier one) and returns it formatted XXXX-XXXX. */
export function createPairingCode(file: string, minutes: number, now = Date.now()): string {
  let raw = '';
  for (let i = 0; i < 8; i++) raw += ALPHABET[randomInt(ALPHABET.length)];
  const entry: CodeFile = {
    sha256: Buffer.from(pairingPassword(raw)).toString('hex'),
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
    // Stryker disable BlockStatement: an empty catch returns undefined too (restored in the catch)
    return v as CodeFile;
  } catch {
    // Stryker restore BlockStatement
    return undefined;
  }
}

/**
 * Starts one pairing run: returns the active code's CPace password and uses up one attempt before
 * anything is sent back, since each run lets the peer test one guess. The last attempt deletes the
 * code file (the run in progress keeps the password in memory). Expired or absent codes fail with
 * PAIRING_FAILED.
 */
export function beginPairingAttempt(
  file: string,
  now = Date.now(),
): { password: Buffer; attemptsLeft: number } {
  const entry = readCodeFile(file);
  if (!entry) throw new VanthuError('PAIRING_FAILED', 'no pairing code is active; run vanthu pair');
  if (now > entry.expiresAt || entry.attemptsLeft <= 0) {
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: the file was just read; `force` only covers another process removing it in between
    rmSync(file, { force: true });
    throw new VanthuError('PAIRING_FAILED', 'the pairing code expired; run vanthu pair again');
  }
  const attemptsLeft = entry.attemptsLeft - 1;
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: the file was just read; `force` only covers another process removing it in between
  if (attemptsLeft <= 0) rmSync(file, { force: true });
  else writeFileAtomic(file, JSON.stringify({ ...entry, attemptsLeft }), 0o600);
  return { password: Buffer.from(entry.sha256, 'hex'), attemptsLeft };
}

/** After a confirmed run: the code is single-use, so it goes (unless `vanthu pair` made a new one since). */
export function retirePairingCode(file: string, password: Buffer): void {
  const entry = readCodeFile(file);
  if (!entry) return;
  const stored = Buffer.from(entry.sha256, 'hex');
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: the file was just read; `force` only covers another process removing it in between
  if (stored.length === password.length && timingSafeEqual(stored, password)) rmSync(file, { force: true });
}
