import type { PdfReader, SignatureFieldInfo } from '../pdf/reader/index.js';
import type { CertInfo } from '../trust/certificate.js';
import { ORGANISATION_ROLES, appearanceHasImage, certificateKind } from './roles.js';
import type { SignatureReport } from './types.js';
import { unembeddedFontWarnings } from './unembedded-fonts.js';

/** A seal and an approver signature: their widgets overlap as the rule requires. */
function sealOverApprover(a: SignatureReport, b: SignatureReport): boolean {
  const roles = [a.role, b.role];
  return roles.includes('seal') && roles.includes('approver');
}

/**
 * Warnings about the signatures together: overlapping widgets (except the seal over the approver's
 * image, which the rule requires), an organisation signature before the person's, an approver
 * without an image or with an organisation certificate, a seal made with a person's certificate.
 */
export function documentWarnings(
  reader: PdfReader,
  fields: SignatureFieldInfo[],
  reports: SignatureReport[],
  leaves: (CertInfo | undefined)[],
  signedCount: number,
): string[] {
  const out: string[] = [];
  if (signedCount === 0) out.push('no signature / không có chữ ký số');
  const byName = new Map(reports.map((r) => [r.field, r]));
  // Stryker disable next-line EqualityOperator: one more turn runs an inner loop that starts past the end
  for (let i = 0; i < reports.length; i++) {
    for (let j = i + 1; j < reports.length; j++) {
      const a = reports[i]!;
      const b = reports[j]!;
      if (a.page === null || a.page !== b.page) continue;
      // The seal covers the left third of the approver's image by rule (NĐ 30, Điều 10.1b).
      if (sealOverApprover(a, b)) continue;
      // rect is [x, y, width, height].
      const [ax, ay, aw, ah] = a.rect;
      const [bx, by, bw, bh] = b.rect;
      if (ax < bx + bw && bx < ax + aw && ay < by + bh && by < ay + ah) {
        const line = `the widgets of ${a.field} and ${b.field} overlap`;
        out.push(line);
        b.warnings.push(line);
      }
    }
  }
  out.push(
    ...unembeddedFontWarnings(
      reader,
      // Stryker disable next-line ConditionalExpression,ArrayDeclaration: a page null (or a string) would be page -1 (or NaN), which page() refuses and the warning skips
      reports.flatMap((r) => (r.page === null ? [] : [r.page])),
    ),
  );
  const firstPerson = reports.findIndex((r) => r.role === 'approver');
  const firstOrg = reports.findIndex((r) => ORGANISATION_ROLES.includes(r.role) && r.role !== 'income');
  if (firstPerson >= 0 && firstOrg >= 0 && firstOrg < firstPerson) {
    const line = `the organisation signature ${reports[firstOrg]!.field} precedes the person signature ${reports[firstPerson]!.field}`;
    out.push(line);
    reports[firstOrg]!.warnings.push(line);
  }
  fields.forEach((field, i) => {
    const report = byName.get(field.name);
    const leaf = leaves[i];
    if (!report) return;
    if (report.role === 'approver') {
      const w = field.widgets.find((x) => x.rect[2] - x.rect[0] > 0);
      const widget = w?.ref ? reader.dict(w.ref) : field.field;
      if (!appearanceHasImage(reader, widget))
        report.warnings.push('approver signature without a signature image');
      if (leaf && certificateKind(leaf) === 'organisation')
        report.warnings.push('approver signature made with an organisation certificate');
    }
    if (report.role === 'seal' && leaf && certificateKind(leaf) === 'person')
      report.warnings.push('seal signature made with a personal certificate');
  });
  return out;
}
