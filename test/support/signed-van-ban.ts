import { signPdf } from '../../daemon/src/pdf/sign-pdf.js';
import { makeInkPng, type TestCa } from './pdf-inputs-signer.js';

export interface SignedVanBanOptions {
  /** "số/ký hiệu" stamped while sealing, e.g. "15/QĐ-UBND". */
  number: string;
  /** YYYY-MM-DD stamped into "ngày … tháng … năm". */
  date: string;
  approver?: string;
  organisation?: string;
}

/**
 * An issued document as our signing engine makes it: approved by a person, then numbered, dated
 * and sealed by the organisation (certificates from the per-run test CA).
 */
export async function signVanBan(
  ca: TestCa,
  unsigned: Uint8Array,
  opts: SignedVanBanOptions,
): Promise<Uint8Array> {
  const person = await ca.issue(opts.approver ?? 'Trần Văn Minh');
  const org = await ca.issue('UBND thành phố Cần Thơ', {
    org: opts.organisation ?? 'Ủy ban nhân dân thành phố Cần Thơ',
  });
  const approved = await signPdf(unsigned, {
    signer: person.signer,
    role: 'approver',
    image: makeInkPng('signature'),
  });
  return signPdf(approved, {
    signer: org.signer,
    role: 'seal',
    image: makeInkPng('seal'),
    number: opts.number,
    date: opts.date,
  });
}

/** Calendar date in Vietnam `days` days ago. */
export function vietnamDaysAgo(days: number): string {
  return new Date(Date.now() + 7 * 3600_000 - days * 86_400_000).toISOString().slice(0, 10);
}
