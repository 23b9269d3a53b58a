import { VanthuError } from '@vanthu/shared/errors/index';
import { SECRET_MARKINGS } from './constants.js';

/** Element local names under which portals record the security marking (độ mật). */
export const SECURITY_ELEMENT_NAMES = new Set([
  'SecurityLevel',
  'DoMat',
  'Secret',
  'SecretLevel',
  'DoMatVanBan',
]);

const STRIP = (s: string) => s.normalize('NFC').trim().toLocaleLowerCase('vi');

/** True for "Mật", "Tối mật", "Tuyệt mật" (any case). "Thường"/"" are not secret. */
export function isSecretMarking(value: string | undefined): boolean {
  if (value === undefined) return false;
  const v = STRIP(value);
  return (SECRET_MARKINGS as readonly string[]).includes(v) || ['1', '2', '3'].includes(v);
}

export function refuseSecret(value: string | undefined, where: string): void {
  if (isSecretMarking(value)) {
    throw new VanthuError('SECRET_DOCUMENT_REFUSED', `${where}: "${value}"`, { marking: value });
  }
}
