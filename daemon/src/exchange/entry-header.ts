import type { FieldObject } from '@vanthu/shared/domain/index';
import { VanthuError } from '@vanthu/shared/errors/index';
import type { Entry } from '../registry/types.js';
import type { Priority } from './edxml/constants.js';
import { buildDocumentId } from './edxml/document-id.js';
import type { EdocHeader, Organization } from './edxml/types.js';

const text = (fields: FieldObject, tag: string): string | undefined => {
  const v = fields[tag];
  return typeof v === 'string' && v.trim() ? v : typeof v === 'number' ? String(v) : undefined;
};

/** The edXML header of an issued (outgoing) registry entry, addressed to `to`. */
export function headerOfEntry(entry: Entry, self: Organization, to: Organization[]): EdocHeader {
  if (entry.kind !== 'outgoing')
    throw new VanthuError(
      'INVALID_INPUT',
      `entry ${entry.id} is an incoming document; only issued ones are sent`,
    );
  if (entry.state === 'recalled') throw new VanthuError('REGISTRY_STATE', `entry ${entry.id} was recalled`);
  const f = entry.fields;
  const codeNumber = text(f, 'CodeNumber');
  const codeNotation = text(f, 'CodeNotation');
  const issued = text(f, 'IssuedDate');
  const subject = text(f, 'Subject');
  if (!codeNumber || !codeNotation || !issued || !subject)
    throw new VanthuError('INVALID_INPUT', `entry ${entry.id} lacks số, ký hiệu, ngày or trích yếu`);
  const date = issued.replaceAll('-', '/');
  const signer = f['SignerInfo'] as FieldObject | undefined;
  const typeName = text(f, 'TypeName');
  const due = text(f, 'DueDate');
  const pages = f['PageAmount'];
  return {
    from: { ...self, ...(self.organName ? {} : { organName: text(f, 'OrganName') ?? self.organId }) },
    to,
    documentId: buildDocumentId(self.organId, date, codeNumber, codeNotation),
    codeNumber,
    codeNotation,
    place: self.organAdd ?? '',
    promulgationDate: date,
    documentType: { type: 1, ...(typeName ? { typeName } : {}) },
    subject,
    ...(signer
      ? {
          signerInfo: {
            ...(text(signer, 'Position') ? { position: text(signer, 'Position') } : {}),
            ...(text(signer, 'FullName') ? { fullName: text(signer, 'FullName') } : {}),
          },
        }
      : {}),
    ...(due ? { dueDate: due.replaceAll('-', '/') } : {}),
    toPlaces: to.map((o) => o.organName ?? o.organId),
    priority: (Number(f['Priority'] ?? 0) || 0) as Priority,
    ...(typeof pages === 'number' ? { pageAmount: pages } : {}),
    responseFor: [],
    bussiness: { bussinessDocType: 0 },
    traces: [],
  };
}
