import type { VerifyResult } from '@vanthu/shared/protocol/index';
import type { VerifyBadge } from '../messaging/verify-badge.js';
import { say } from '../i18n/language.js';
import { INDICATION_TEXT, changeDetailOf, reasonOf, signerLine } from './labels.js';

/**
 * The badge for a verification report: green when every signature passed (naming the signers), red
 * when one failed (with its reason), grey when there is no signature or the outcome is indeterminate.
 */
export function badgeFor(report: VerifyResult): VerifyBadge {
  const sha256 = report.sha256;
  const signatures = report.signatures;
  if (signatures.length === 0) {
    return {
      state: 'unsigned',
      label: say('Chưa ký số', 'Not signed'),
      title: say('Tài liệu không có chữ ký số', 'The document has no digital signature'),
      sha256,
    };
  }
  const failed = signatures.find((s) => s.indication === 'TOTAL_FAILED');
  if (failed) {
    return {
      state: 'invalid',
      label: say('Chữ ký không hợp lệ', 'Signature not valid'),
      title: explain(failed),
      sha256,
    };
  }
  const open = signatures.find((s) => s.indication !== 'TOTAL_PASSED');
  if (open) {
    return {
      state: 'unknown',
      label: INDICATION_TEXT.INDETERMINATE,
      title: explain(open),
      sha256,
    };
  }
  const who = signatures.map(signerLine).join('; ');
  const first = signatures[0];
  const signer = `${first?.signer?.commonName ?? ''}${first?.signer?.organization ? `, ${first.signer.organization}` : ''}`;
  const label = say(`Hợp lệ: ${signer}`, `Valid: ${signer}`);
  return { state: 'valid', label, title: say(`Chữ ký hợp lệ — ${who}`, `Signature valid — ${who}`), sha256 };
}

/** Who signed, why the signature is not valid and, for a change after signing, what changed. */
function explain(signature: VerifyResult['signatures'][number]): string {
  const detail = changeDetailOf(signature);
  return `${signerLine(signature)}: ${reasonOf(signature)}${detail ? `\n${detail}` : ''}`;
}
