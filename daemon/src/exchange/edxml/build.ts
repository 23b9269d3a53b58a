import { VanthuError } from '@vanthu/shared/errors/index';
import { EDXML_NS, EDXML_PREFIX } from './constants.js';
import { fileContentType, wrapZip } from './attachments.js';
import { encodeBase64 } from './base64.js';
import { refuseSecret } from './secret.js';
import { checkEdocHeader, checkStatus, type FieldProblem } from './validate-header.js';
import type { Attachment, DocumentRef, EdocHeader, Organization, StaffInfo, StatusPackage } from './types.js';
import { XmlWriter } from './xml-writer.js';

function fail(problems: FieldProblem[]): void {
  const errors = problems.filter((p) => p.severity !== 'warning');
  if (errors.length > 0) {
    throw new VanthuError('EDXML_INVALID', errors.map((e) => `${e.path}: ${e.message}`).join('; '), {
      problems: errors,
    });
  }
}

function organization(w: XmlWriter, tag: string, o: Organization) {
  w.open(tag)
    .leaf('OrganId', o.organId)
    .leaf('OrganizationInCharge', o.organizationInCharge)
    .leaf('OrganName', o.organName)
    .leaf('OrganAdd', o.organAdd)
    .leaf('Email', o.email)
    .leaf('Telephone', o.telephone)
    .leaf('Fax', o.fax)
    .leaf('Website', o.website)
    .close(tag);
}

function documentRef(w: XmlWriter, r: DocumentRef) {
  w.open('ResponseFor')
    .leaf('OrganId', r.organId)
    .leaf('Code', r.code)
    .leaf('PromulgationDate', r.promulgationDate)
    .leaf('DocumentId', r.documentId)
    .close('ResponseFor');
}

function staffInfo(w: XmlWriter, s: StaffInfo | undefined) {
  if (!s) return;
  w.open('StaffInfo')
    .leaf('Department', s.department)
    .leaf('Staff', s.staff)
    .leaf('Email', s.email)
    .leaf('Mobile', s.mobile)
    .close('StaffInfo');
}

const ROOT_OPEN = `<?xml version="1.0" encoding="UTF-8"?><${EDXML_PREFIX}:edXML xmlns:${EDXML_PREFIX}="${EDXML_NS}">`;
const ROOT_CLOSE = `</${EDXML_PREFIX}:edXML>`;

export interface BuildOptions {
  /** Wrap each file in a ZIP as the SDK sample does (default false: raw bytes, sniffable). */
  zipAttachments?: boolean;
}

/** Writes a document package. Strict: any rule of standards §4 broken → EDXML_INVALID; secret → refused. */
export function buildEdoc(h: EdocHeader, attachments: Attachment[], options: BuildOptions = {}): string {
  refuseSecret(h.securityLevel, 'OtherInfo/SecurityLevel');
  fail(checkEdocHeader(h));
  const ids = new Set<string>();
  for (const a of attachments) {
    if (!a.contentId || ids.has(a.contentId))
      throw new VanthuError('EDXML_INVALID', `attachment ContentId "${a.contentId}" missing or repeated`);
    ids.add(a.contentId);
  }
  const w = new XmlWriter().raw(ROOT_OPEN).open('edXMLEnvelope').open('edXMLHeader').open('MessageHeader');
  organization(w, 'From', h.from);
  for (const to of h.to) organization(w, 'To', to);
  w.leaf('DocumentId', h.documentId)
    .open('Code')
    .leaf('CodeNumber', h.codeNumber)
    .leaf('CodeNotation', h.codeNotation)
    .close('Code')
    .open('PromulgationInfo')
    .leaf('Place', h.place)
    .leaf('PromulgationDate', h.promulgationDate)
    .close('PromulgationInfo')
    .open('DocumentType')
    .leaf('Type', h.documentType.type)
    .leaf('TypeDetail', h.documentType.typeDetail)
    .leaf('TypeName', h.documentType.typeName)
    .close('DocumentType')
    .leaf('Subject', h.subject)
    .leaf('Content', h.content);
  if (h.signerInfo) {
    w.open('SignerInfo')
      .leaf('Competence', h.signerInfo.competence)
      .leaf('Position', h.signerInfo.position)
      .leaf('FullName', h.signerInfo.fullName)
      .close('SignerInfo');
  }
  w.leaf('DueDate', h.dueDate).open('ToPlaces');
  for (const place of h.toPlaces) w.leaf('Place', place);
  w.close('ToPlaces')
    .open('OtherInfo')
    .leaf('Priority', h.priority)
    .leaf('SphereOfPromulgation', h.sphereOfPromulgation)
    .leaf('TyperNotation', h.typerNotation)
    .leaf('PromulgationAmount', h.promulgationAmount)
    .leaf('PageAmount', h.pageAmount)
    .leaf('Direction', h.direction);
  if (h.appendixes?.length) {
    w.open('Appendixes');
    for (const a of h.appendixes) w.leaf('Appendix', a);
    w.close('Appendixes');
  }
  w.close('OtherInfo');
  for (const r of h.responseFor) documentRef(w, r);
  w.leaf('SteeringType', h.steeringType).close('MessageHeader').open('TraceHeaderList');
  for (const t of h.traces)
    w.open('TraceHeader').leaf('OrganId', t.organId).leaf('Timestamp', t.timestamp).close('TraceHeader');
  const b = h.bussiness;
  w.open('Bussiness')
    .leaf('BussinessDocType', b.bussinessDocType)
    .leaf('BussinessDocReason', b.bussinessDocReason)
    .leaf('DocumentId', b.documentId)
    .leaf('Paper', b.paper);
  staffInfo(w, b.staffInfo);
  if (b.bussinessDocumentInfo) {
    const info = b.bussinessDocumentInfo;
    w.open('BussinessDocumentInfo')
      .leaf('DocumentInfo', info.documentInfo)
      .leaf('DocumentReceiver', info.documentReceiver)
      .open('ReceiverList');
    for (const r of info.receivers)
      w.open('Receiver').leaf('ReceiverType', r.receiverType).leaf('OrganId', r.organId).close('Receiver');
    w.close('ReceiverList').close('BussinessDocumentInfo');
  }
  if (b.replacementInfoList?.length) {
    w.open('ReplacementInfoList');
    for (const r of b.replacementInfoList) {
      w.open('ReplacementInfo').leaf('DocumentId', r.documentId).open('OrganIdList');
      for (const id of r.organIds) w.leaf('OrganId', id);
      w.close('OrganIdList').close('ReplacementInfo');
    }
    w.close('ReplacementInfoList');
  }
  w.close('Bussiness').close('TraceHeaderList').close('edXMLHeader');
  w.open('edXMLBody').open('edXMLManifest', ' version="1.0"');
  for (const a of attachments) {
    w.open('Reference')
      .leaf('ContentId', `cid:${a.contentId}`)
      .leaf('ContentType', a.contentType)
      .leaf('Description', a.description)
      .leaf('AttachmentName', a.name)
      .close('Reference');
  }
  w.close('edXMLManifest').close('edXMLBody').close('edXMLEnvelope');
  if (attachments.length > 0) {
    w.open('AttachmentEncoded');
    for (const a of attachments) {
      const zipped = options.zipAttachments === true;
      const payload = zipped ? wrapZip(a.name, a.data) : a.data;
      // The sample's quirk: siblings in the default namespace, the data element in the edXML namespace.
      w.open('Attachment')
        .leaf('ContentId', `cid:${a.contentId}`, false)
        .leaf('AttachmentName', a.name, false)
        .leaf('Description', a.description, false)
        .leaf(
          'ContentType',
          zipped ? 'application/zip' : (fileContentType(a.data, a.name, a.contentType) ?? a.contentType),
          false,
        )
        .leaf('ContentTransferEncoded', encodeBase64(payload))
        .close('Attachment');
    }
    w.close('AttachmentEncoded');
  }
  return w.raw(ROOT_CLOSE).toString();
}

/** Writes a status package (01–06, 13, 15, 16; 02 needs a reason). */
export function buildStatus(s: StatusPackage): string {
  fail(checkStatus(s));
  const w = new XmlWriter().raw(ROOT_OPEN).open('edXMLEnvelope').open('edXMLHeader').open('MessageStatus');
  documentRef(w, s.responseFor);
  organization(w, 'From', s.from);
  w.leaf('StatusCode', s.statusCode).leaf('Description', s.description).leaf('Timestamp', s.timestamp);
  staffInfo(w, s.staffInfo);
  w.close('MessageStatus').close('edXMLHeader').open('edXMLBody').close('edXMLBody').close('edXMLEnvelope');
  return w.raw(ROOT_CLOSE).toString();
}
