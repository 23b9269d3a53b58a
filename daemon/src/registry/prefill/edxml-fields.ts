import type { FieldObject } from '@vanthu/shared/domain/index';
import type { EdocHeader } from '../../exchange/edxml/types.js';

/** "yyyy/MM/dd" (edXML) → "YYYY-MM-DD" (catalogue). */
const isoOf = (edxmlDate: string | undefined): string | undefined =>
  edxmlDate && /^\d{4}\/\d{2}\/\d{2}$/.test(edxmlDate) ? edxmlDate.replaceAll('/', '-') : undefined;

/** The catalogue values an edXML header carries (standards.md §4: the header names the same fields). */
export function fieldsFromEdxml(h: EdocHeader): FieldObject {
  const out: FieldObject = {
    CodeNumber: h.codeNumber,
    CodeNotation: h.codeNotation,
    Subject: h.subject,
    Priority: Number(h.priority),
  };
  const issued = isoOf(h.promulgationDate);
  if (issued) out['IssuedDate'] = issued;
  const organName = h.from.organName ?? h.from.organizationInCharge;
  if (organName) out['OrganName'] = organName;
  if (h.documentType.typeName) out['TypeName'] = h.documentType.typeName;
  const signer: FieldObject = {};
  if (h.signerInfo?.position) signer['Position'] = h.signerInfo.position;
  if (h.signerInfo?.fullName) signer['FullName'] = h.signerInfo.fullName;
  if (Object.keys(signer).length > 0) out['SignerInfo'] = signer;
  const due = isoOf(h.dueDate);
  if (due) out['DueDate'] = due;
  return out;
}
