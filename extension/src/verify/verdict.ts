import type { VerifyResult } from '@vanthu/shared/protocol/index';
import { ROLE_TEXT, reasonOf } from './labels.js';

type Signature = VerifyResult['signatures'][number];

export interface Verdict {
  readonly tone: 'ok' | 'bad' | 'unknown';
  readonly text: string;
}

function whichOne(signature: Signature, index: number): string {
  const who = signature.signer?.commonName;
  return `chữ ký ${index + 1} (${ROLE_TEXT[signature.role].toLowerCase()}${who ? `, ${who}` : ''})`;
}

/**
 * The report's verdict in one line, as Acrobat heads its signature panel: "Đã ký — 2 chữ ký, tất cả
 * hợp lệ", or which signature fails (or cannot be decided) and why.
 */
export function verdictOf(report: VerifyResult): Verdict {
  const signatures = report.signatures;
  if (signatures.length === 0) return { tone: 'unknown', text: 'Chưa ký số — tài liệu không có chữ ký số' };
  const count = `Đã ký — ${signatures.length} chữ ký`;
  const failed = signatures.findIndex((s) => s.indication === 'TOTAL_FAILED');
  if (failed >= 0) {
    const s = signatures[failed] as Signature;
    return { tone: 'bad', text: `${count}, ${whichOne(s, failed)} không hợp lệ: ${reasonOf(s)}` };
  }
  const open = signatures.findIndex((s) => s.indication !== 'TOTAL_PASSED');
  if (open >= 0) {
    const s = signatures[open] as Signature;
    return { tone: 'unknown', text: `${count}, ${whichOne(s, open)} chưa xác định được: ${reasonOf(s)}` };
  }
  return { tone: 'ok', text: `${count}, ${signatures.length === 1 ? 'hợp lệ' : 'tất cả hợp lệ'}` };
}
