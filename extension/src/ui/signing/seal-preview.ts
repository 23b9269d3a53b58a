import type { VerifyResult } from '@vanthu/shared/protocol/index';
import { fromPdfRect, type Placement } from './placement.js';
import { say } from '../../i18n/language.js';

/** The seal's diameter the daemon stamps by default (36 mm, in points). */
const SEAL_POINTS = (36 * 72) / 25.4;

/**
 * Where the seal will really go, as the daemon places it (pdf/sign/roles.ts planSeal): over the left
 * third of the newest visible approver signature, on that signature's page. Undefined when the
 * document has no visible approver signature yet.
 */
export function sealPlacement(
  report: VerifyResult,
  pageHeight: (page: number) => number | undefined,
): Placement | undefined {
  const approver = [...report.signatures]
    .reverse()
    .find(
      (s) => s.role === 'approver' && s.page !== null && (s.rect?.[2] ?? 0) > 1 && (s.rect?.[3] ?? 0) > 1,
    );
  if (!approver || approver.page === null || !approver.rect) return undefined;
  const height = pageHeight(approver.page);
  if (height === undefined) return undefined;
  const [x = 0, y = 0, w = 0, h = 0] = approver.rect;
  const seal = [x + w / 3 - SEAL_POINTS, y + (h - SEAL_POINTS) / 2, SEAL_POINTS, SEAL_POINTS];
  return fromPdfRect(approver.page, seal, height);
}

/** Names compared as a person reads them: Unicode-normalised, case and spacing ignored. */
function sameName(a: string, b: string): boolean {
  const fold = (s: string) => s.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();
  return fold(a) === fold(b);
}

/**
 * The warning to show before the PIN when the certificate's holder is not the person the draft's
 * signature block names ("Trần Văn Minh" signing under "Trần Văn Hùng").
 */
export function nameMismatch(
  certificateName: string | undefined,
  blockName: string | null | undefined,
): string | undefined {
  if (!certificateName || !blockName || sameName(certificateName, blockName)) return undefined;
  return say(
    `Chứng thư số của "${certificateName}", nhưng khối chữ ký của văn bản ghi "${blockName}". Hãy kiểm tra lại trước khi nhập PIN.`,
    `The certificate is "${certificateName}"'s, but the document's signature block names "${blockName}". Check before you enter the PIN.`,
  );
}
