import type { VerifyResult } from '@vanthu/shared/protocol/index';
import { say } from '../i18n/language.js';
import { ROLE_TEXT, reasonOf } from './labels.js';

type Signature = VerifyResult['signatures'][number];

export interface Verdict {
  readonly tone: 'ok' | 'bad' | 'unknown';
  readonly text: string;
}

function whichOne(signature: Signature, index: number): string {
  const who = signature.signer?.commonName;
  const detail = `${ROLE_TEXT[signature.role].toLowerCase()}${who ? `, ${who}` : ''}`;
  return say(`chữ ký ${index + 1} (${detail})`, `signature ${index + 1} (${detail})`);
}

/**
 * The report's verdict in one line, as Acrobat heads its signature panel: "Đã ký — 2 chữ ký, tất cả
 * hợp lệ", or which signature fails (or cannot be decided) and why.
 */
export function verdictOf(report: VerifyResult): Verdict {
  const signatures = report.signatures;
  if (signatures.length === 0) {
    return {
      tone: 'unknown',
      text: say(
        'Chưa ký số — tài liệu không có chữ ký số',
        'Not signed — the document has no digital signature',
      ),
    };
  }
  const n = signatures.length;
  const count = say(`Đã ký — ${n} chữ ký`, `Signed — ${n} signature${n === 1 ? '' : 's'}`);
  const failed = signatures.findIndex((s) => s.indication === 'TOTAL_FAILED');
  if (failed >= 0) {
    const s = signatures[failed] as Signature;
    const which = whichOne(s, failed);
    return {
      tone: 'bad',
      text: say(
        `${count}, ${which} không hợp lệ: ${reasonOf(s)}`,
        `${count}, ${which} is not valid: ${reasonOf(s)}`,
      ),
    };
  }
  const open = signatures.findIndex((s) => s.indication !== 'TOTAL_PASSED');
  if (open >= 0) {
    const s = signatures[open] as Signature;
    const which = whichOne(s, open);
    return {
      tone: 'unknown',
      text: say(
        `${count}, ${which} chưa xác định được: ${reasonOf(s)}`,
        `${count}, ${which} is undetermined: ${reasonOf(s)}`,
      ),
    };
  }
  const valid = n === 1 ? say('hợp lệ', 'valid') : say('tất cả hợp lệ', 'all valid');
  return { tone: 'ok', text: `${count}, ${valid}` };
}
