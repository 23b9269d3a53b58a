import { type ErrorCode, VanthuError } from '@vanthu/shared/errors/index';
import { TOKEN_FLAGS, pinFlagNames } from './token-flags.js';
import type { WorkerFailure } from './worker/protocol.js';

/** CKR_* return values with a code of their own; every other CKR becomes TOKEN_ERROR. */
const CKR_CODES: Readonly<Record<string, ErrorCode>> = {
  CKR_PIN_INCORRECT: 'PIN_INCORRECT',
  CKR_PIN_LEN_RANGE: 'PIN_INCORRECT',
  CKR_PIN_INVALID: 'PIN_INCORRECT',
  CKR_PIN_LOCKED: 'PIN_LOCKED',
  CKR_PIN_EXPIRED: 'PIN_EXPIRED',
  CKR_TOKEN_NOT_PRESENT: 'TOKEN_ABSENT',
  CKR_DEVICE_REMOVED: 'TOKEN_ABSENT',
  CKR_TOKEN_NOT_RECOGNIZED: 'TOKEN_ABSENT',
  CKR_MECHANISM_INVALID: 'MECHANISM_UNSUPPORTED',
  CKR_MECHANISM_PARAM_INVALID: 'MECHANISM_UNSUPPORTED',
  CKR_KEY_TYPE_INCONSISTENT: 'KEY_UNSUPPORTED',
  CKR_KEY_FUNCTION_NOT_PERMITTED: 'KEY_UNSUPPORTED',
};

/** The error code a CKR_* name maps onto. */
export function ckrToCode(ckr: string): ErrorCode {
  return CKR_CODES[ckr] ?? 'TOKEN_ERROR';
}

/**
 * Turns a worker failure into a VanthuError: CKR names per the table above (the CKR name and PKCS#11
 * function go into details), load failures into MODULE_LOAD_FAILED, missing objects into
 * KEY_NOT_FOUND. Messages never carry a PIN: the worker never puts one in a failure.
 */
export function failureToError(f: WorkerFailure): VanthuError {
  if (f.load) return new VanthuError('MODULE_LOAD_FAILED', f.message);
  if (f.notFound) return new VanthuError('KEY_NOT_FOUND', f.message);
  if (!f.ckr) return new VanthuError('TOKEN_ERROR', f.message);
  const details: Record<string, unknown> = { ckr: f.ckr };
  if (f.method) details['function'] = f.method;
  if (f.tokenFlags !== undefined) details['pinFlags'] = pinFlagNames(f.tokenFlags);
  // After a wrong PIN, the token's counters say whether the next try is the last one.
  const code =
    f.ckr === 'CKR_PIN_INCORRECT' &&
    f.tokenFlags !== undefined &&
    f.tokenFlags & TOKEN_FLAGS.CKF_USER_PIN_LOCKED
      ? 'PIN_LOCKED'
      : ckrToCode(f.ckr);
  return new VanthuError(code, `${f.ckr}${f.method ? ` (${f.method})` : ''}`, details);
}
