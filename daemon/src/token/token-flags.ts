/** CK_TOKEN_INFO flag bits (PKCS#11 v2.40 §5.2), by name. */
export const TOKEN_FLAGS = {
  CKF_RNG: 0x1,
  CKF_WRITE_PROTECTED: 0x2,
  CKF_LOGIN_REQUIRED: 0x4,
  CKF_USER_PIN_INITIALIZED: 0x8,
  CKF_PROTECTED_AUTHENTICATION_PATH: 0x100,
  CKF_TOKEN_INITIALIZED: 0x400,
  CKF_USER_PIN_COUNT_LOW: 0x10000,
  CKF_USER_PIN_FINAL_TRY: 0x20000,
  CKF_USER_PIN_LOCKED: 0x40000,
  CKF_USER_PIN_TO_BE_CHANGED: 0x80000,
} as const;

/** The user-PIN state a client shows before asking for a PIN. */
export type PinFlag = 'COUNT_LOW' | 'FINAL_TRY' | 'LOCKED' | 'TO_BE_CHANGED';

const PIN_BITS: readonly [PinFlag, number][] = [
  ['COUNT_LOW', TOKEN_FLAGS.CKF_USER_PIN_COUNT_LOW],
  ['FINAL_TRY', TOKEN_FLAGS.CKF_USER_PIN_FINAL_TRY],
  ['LOCKED', TOKEN_FLAGS.CKF_USER_PIN_LOCKED],
  ['TO_BE_CHANGED', TOKEN_FLAGS.CKF_USER_PIN_TO_BE_CHANGED],
];

/** Names of the user-PIN flags set in CK_TOKEN_INFO.flags. */
export function pinFlagNames(flags: number): PinFlag[] {
  return PIN_BITS.filter(([, bit]) => (flags & bit) !== 0).map(([name]) => name);
}
