import type { Element } from '@xmldom/xmldom';
import { VanthuError, isVanthuError } from '@vanthu/shared/errors/index';
import {
  fileContentType,
  isOfficePackage,
  sniffContentType,
  unwrapZip,
  type UnwrapLimits,
} from './attachments.js';
import { decodeBase64Strict } from './base64.js';
import { BUSSINESS_DOC_TYPE, EDXML_NS, PRIORITY, STEERING_TYPE, isStatusCode } from './constants.js';
import type { BussinessDocType, Priority, StatusCode, SteeringType } from './constants.js';
import { normalizeDate } from './dates.js';
import { child, childElements, children, descendants, localName, serialize, text } from './dom.js';
import { parseDocumentId } from './document-id.js';
import { SECURITY_ELEMENT_NAMES, refuseSecret } from './secret.js';
import type {
  Attachment,
  Bussiness,
  DocumentRef,
  EdxmlDefect,
  EdocHeader,
  EdxmlWarning,
  Organization,
  ParsedPackage,
  StaffInfo,
  StatusPackage,
  UnknownElement,
} from './types.js';
import { parseUntrustedXml } from './xml-guard.js';

export interface ParseOptions extends UnwrapLimits {
  /** Cap on the whole package (default 64 MiB). */
  maxPackageBytes?: number;
  /**
   * Return a document package whose attachments cannot be decoded, with `defects` filled, instead of
   * refusing it: the inbox needs its header to offer status 02 to the sender.
   */
  keepDefective?: boolean;
}

const KNOWN: Record<string, string[]> = {
  edXML: ['edXMLEnvelope', 'AttachmentEncoded'],
  edXMLEnvelope: ['edXMLHeader', 'edXMLBody'],
  edXMLHeader: ['MessageHeader', 'TraceHeaderList', 'Signature', 'MessageStatus'],
  MessageHeader: [
    'From',
    'To',
    'DocumentId',
    'Code',
    'PromulgationInfo',
    'DocumentType',
    'Subject',
    'Content',
    'SignerInfo',
    'DueDate',
    'ToPlaces',
    'OtherInfo',
    'ResponseFor',
    'SteeringType',
  ],
  OtherInfo: [
    'Priority',
    'SphereOfPromulgation',
    'TyperNotation',
    'PromulgationAmount',
    'PageAmount',
    'Direction',
    'Appendixes',
    'ReplyFors',
    'ReferenceCodes',
    ...SECURITY_ELEMENT_NAMES,
  ],
  TraceHeaderList: ['TraceHeader', 'Bussiness', 'Business'],
  Bussiness: [
    'BussinessDocType',
    'BusinessDocType',
    'BussinessDocReason',
    'BusinessDocReason',
    'DocumentId',
    'Paper',
    'StaffInfo',
    'BussinessDocumentInfo',
    'BusinessDocumentInfo',
    'ReplacementInfoList',
  ],
  MessageStatus: ['ResponseFor', 'From', 'StatusCode', 'Description', 'Timestamp', 'StaffInfo'],
};

/** Collects warnings and unknown elements while reading one package. */
class Reader {
  readonly warnings: EdxmlWarning[] = [];
  readonly unknown: UnknownElement[] = [];
  readonly defects: EdxmlDefect[] = [];
  private readonly namespacesSeen = new Set<string>();

  warn(path: string, message: string) {
    this.warnings.push({ path, message });
  }

  defect(path: string, error: VanthuError) {
    const detail = error.details?.['detail'];
    this.defects.push({
      path,
      code: error.code,
      message: typeof detail === 'string' ? detail : error.message,
    });
  }

  /** Records elements of a known container that vanthu does not interpret. */
  keepUnknown(el: Element | undefined, path: string) {
    if (!el) return;
    const known = KNOWN[localName(el) === 'Business' ? 'Bussiness' : localName(el)];
    if (!known) return;
    for (const c of childElements(el)) {
      this.checkNamespace(c, `${path}/${localName(c)}`);
      if (!known.includes(localName(c))) {
        this.unknown.push({ path: `${path}/${localName(c)}`, xml: serialize(c) });
        this.warn(`${path}/${localName(c)}`, 'unknown element kept as is');
      }
    }
  }

  checkNamespace(el: Element, path: string) {
    const ns = el.namespaceURI ?? '';
    if (ns === EDXML_NS || this.namespacesSeen.has(ns)) return;
    this.namespacesSeen.add(ns);
    this.warn(path, ns ? `element in foreign namespace ${ns}` : 'element without the QCVN 102 namespace');
  }

  date(el: Element | undefined, name: string, path: string, required = false): string | undefined {
    const raw = text(el, name);
    if (raw === undefined) {
      if (required) this.warn(`${path}/${name}`, 'missing');
      return undefined;
    }
    const d = normalizeDate(raw);
    if (!d) {
      this.warn(`${path}/${name}`, `unreadable date "${raw}"`);
      return raw;
    }
    if (d.odd) this.warn(`${path}/${name}`, `date "${raw}" read as ${d.date}`);
    return d.date;
  }

  required(el: Element | undefined, name: string, path: string): string {
    const v = text(el, name);
    if (v === undefined) {
      this.warn(`${path}/${name}`, 'missing');
      return '';
    }
    return v;
  }

  int(el: Element | undefined, name: string, path: string): number | undefined {
    const raw = text(el, name);
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n)) {
      this.warn(`${path}/${name}`, `not an integer: "${raw}"`);
      return undefined;
    }
    return n;
  }

  organization(el: Element | undefined, path: string): Organization {
    if (!el) this.warn(path, 'missing');
    const org: Organization = { organId: this.required(el, 'OrganId', path) };
    const map: Array<[keyof Organization, string]> = [
      ['organizationInCharge', 'OrganizationInCharge'],
      ['organName', 'OrganName'],
      ['organAdd', 'OrganAdd'],
      ['email', 'Email'],
      ['telephone', 'Telephone'],
      ['fax', 'Fax'],
      ['website', 'Website'],
    ];
    for (const [key, name] of map) {
      const v = text(el, name);
      if (v !== undefined) org[key] = v;
    }
    return org;
  }

  documentRef(el: Element | undefined, path: string): DocumentRef {
    if (!el) this.warn(path, 'missing');
    const documentId = this.required(el, 'DocumentId', path);
    if (documentId) this.documentIdShape(documentId, `${path}/DocumentId`);
    return {
      organId: this.required(el, 'OrganId', path),
      code: this.required(el, 'Code', path),
      promulgationDate: this.date(el, 'PromulgationDate', path) ?? '',
      documentId,
    };
  }

  documentIdShape(value: string, path: string) {
    const parts = parseDocumentId(value);
    if (!parts) this.warn(path, `"${value}" is not {OrganId},{yyyy/MM/dd},{số}/{ký hiệu}`);
    else if (parts.oddDate) this.warn(path, `date in "${value}" is not yyyy/MM/dd`);
  }

  staffInfo(el: Element | undefined): StaffInfo | undefined {
    if (!el) return undefined;
    const s: StaffInfo = {};
    const v = (n: string) => text(el, n);
    if (v('Department')) s.department = v('Department')!;
    if (v('Staff')) s.staff = v('Staff')!;
    if (v('Email')) s.email = v('Email')!;
    if (v('Mobile')) s.mobile = v('Mobile')!;
    return s;
  }
}

const stripCid = (value: string) =>
  value.trim().replace(/^<|>$/g, '').replace(/^cid:/i, '').replace(/^<|>$/g, '');

function readBussiness(r: Reader, el: Element | undefined, path: string): Bussiness {
  if (!el) {
    r.warn(path, 'missing; treated as a new document (BussinessDocType 0)');
    return { bussinessDocType: 0 };
  }
  if (localName(el) === 'Business') r.warn(path, 'spelled "Business"; the normative spelling is "Bussiness"');
  const rawType = text(el, 'BussinessDocType', 'BusinessDocType');
  let type: BussinessDocType = 0;
  if (rawType === undefined) r.warn(`${path}/BussinessDocType`, 'missing; treated as 0 (new)');
  else if (Object.hasOwn(BUSSINESS_DOC_TYPE, Number(rawType))) type = Number(rawType) as BussinessDocType;
  else r.warn(`${path}/BussinessDocType`, `unknown value "${rawType}"; treated as 0 (new)`);
  const b: Bussiness = { bussinessDocType: type };
  const reason = text(el, 'BussinessDocReason', 'BusinessDocReason');
  if (reason) b.bussinessDocReason = reason;
  const docId = text(el, 'DocumentId');
  if (docId) b.documentId = docId;
  const paper = text(el, 'Paper');
  if (paper !== undefined) b.paper = paper === '1' || paper.toLowerCase() === 'true';
  const staff = r.staffInfo(child(el, 'StaffInfo'));
  if (staff) b.staffInfo = staff;
  const info = child(el, 'BussinessDocumentInfo', 'BusinessDocumentInfo');
  if (info) {
    const docInfo: NonNullable<Bussiness['bussinessDocumentInfo']> = {
      receivers: children(child(info, 'ReceiverList'), 'Receiver').map((rc) => {
        const receiverType = text(rc, 'ReceiverType');
        return { organId: text(rc, 'OrganId') ?? '', ...(receiverType ? { receiverType } : {}) };
      }),
    };
    const di = text(info, 'DocumentInfo');
    if (di !== undefined) docInfo.documentInfo = di;
    const dr = text(info, 'DocumentReceiver');
    if (dr !== undefined) docInfo.documentReceiver = dr;
    b.bussinessDocumentInfo = docInfo;
  }
  const list = child(el, 'ReplacementInfoList');
  if (list) {
    b.replacementInfoList = children(list, 'ReplacementInfo').map((ri) => ({
      documentId: text(ri, 'DocumentId') ?? '',
      organIds: children(child(ri, 'OrganIdList'), 'OrganId').map((o) => o.textContent?.trim() ?? ''),
    }));
  }
  if (type !== 0 && !b.documentId) r.warn(`${path}/DocumentId`, 'recall/update/replacement without a target');
  return b;
}

function readHeader(r: Reader, mh: Element, traceList: Element | undefined): EdocHeader {
  const p = 'MessageHeader';
  r.keepUnknown(mh, p);
  for (const sec of descendants(mh, SECURITY_ELEMENT_NAMES))
    refuseSecret(sec.textContent ?? '', localName(sec));
  const code = child(mh, 'Code');
  const promulgation = child(mh, 'PromulgationInfo');
  const docType = child(mh, 'DocumentType');
  const other = child(mh, 'OtherInfo');
  r.keepUnknown(other, `${p}/OtherInfo`);
  const from = r.organization(child(mh, 'From'), `${p}/From`);
  const toEls = children(mh, 'To');
  if (toEls.length === 0) r.warn(`${p}/To`, 'missing');
  const to = toEls.map((el, i) => r.organization(el, `${p}/To[${i + 1}]`));
  const seen = new Set<string>();
  to.forEach((o, i) => {
    if (seen.has(o.organId)) r.warn(`${p}/To[${i + 1}]`, `duplicate recipient ${o.organId}`);
    seen.add(o.organId);
  });
  const documentId = r.required(mh, 'DocumentId', p);
  if (documentId) r.documentIdShape(documentId, `${p}/DocumentId`);
  if (!code) r.warn(`${p}/Code`, 'missing');
  const rawPriority = text(other, 'Priority');
  let priority: Priority = 0;
  if (rawPriority !== undefined) {
    if (Object.hasOwn(PRIORITY, Number(rawPriority)) && /^\d$/.test(rawPriority))
      priority = Number(rawPriority) as Priority;
    else r.warn(`${p}/OtherInfo/Priority`, `invalid value "${rawPriority}"; treated as 0 (Thường)`);
  }
  const rawSteering = text(mh, 'SteeringType');
  let steeringType: SteeringType | undefined;
  if (rawSteering !== undefined) {
    if (Object.hasOwn(STEERING_TYPE, Number(rawSteering))) steeringType = Number(rawSteering) as SteeringType;
    else r.warn(`${p}/SteeringType`, `invalid value "${rawSteering}"; ignored`);
  }
  const signer = child(mh, 'SignerInfo');
  const header: EdocHeader = {
    from,
    to,
    documentId,
    codeNumber: r.required(code, 'CodeNumber', `${p}/Code`),
    codeNotation: r.required(code, 'CodeNotation', `${p}/Code`),
    place: text(promulgation, 'Place') ?? '',
    promulgationDate: r.date(promulgation, 'PromulgationDate', `${p}/PromulgationInfo`, true) ?? '',
    documentType: { type: r.int(docType, 'Type', `${p}/DocumentType`) ?? 1 },
    subject: r.required(mh, 'Subject', p),
    toPlaces: children(child(mh, 'ToPlaces'), 'Place').map((pl) => pl.textContent?.trim() ?? ''),
    priority,
    responseFor: children(mh, 'ResponseFor').map((el, i) => r.documentRef(el, `${p}/ResponseFor[${i + 1}]`)),
    bussiness: readBussiness(r, child(traceList, 'Bussiness', 'Business'), 'TraceHeaderList/Bussiness'),
    traces: children(traceList, 'TraceHeader').map((t, i) => ({
      organId: text(t, 'OrganId') ?? '',
      timestamp: (() => {
        const raw = text(t, 'Timestamp') ?? '';
        const d = normalizeDate(raw);
        if (!d) {
          r.warn(`TraceHeaderList/TraceHeader[${i + 1}]/Timestamp`, `unreadable "${raw}"`);
          return raw;
        }
        return `${d.date} ${d.time ?? '00:00:00'}`;
      })(),
    })),
  };
  const typeDetail = text(docType, 'TypeDetail');
  if (typeDetail) header.documentType.typeDetail = typeDetail;
  const typeName = text(docType, 'TypeName');
  if (typeName) header.documentType.typeName = typeName;
  const content = text(mh, 'Content');
  if (content) header.content = content;
  if (signer) {
    header.signerInfo = {};
    const c = text(signer, 'Competence');
    if (c) header.signerInfo.competence = c;
    const pos = text(signer, 'Position');
    if (pos) header.signerInfo.position = pos;
    const fn = text(signer, 'FullName');
    if (fn) header.signerInfo.fullName = fn;
  }
  const due = r.date(mh, 'DueDate', p);
  if (due) header.dueDate = due;
  if (steeringType !== undefined) header.steeringType = steeringType;
  const sphere = text(other, 'SphereOfPromulgation');
  if (sphere) header.sphereOfPromulgation = sphere;
  const typer = text(other, 'TyperNotation');
  if (typer) header.typerNotation = typer;
  const amount = r.int(other, 'PromulgationAmount', `${p}/OtherInfo`);
  if (amount !== undefined) header.promulgationAmount = amount;
  const pages = r.int(other, 'PageAmount', `${p}/OtherInfo`);
  if (pages !== undefined) header.pageAmount = pages;
  const direction = text(other, 'Direction');
  if (direction !== undefined) header.direction = direction === '1' || direction.toLowerCase() === 'true';
  const appendixes = children(child(other, 'Appendixes'), 'Appendix').map((a) => a.textContent?.trim() ?? '');
  if (appendixes.length) header.appendixes = appendixes;
  return header;
}

function readAttachments(
  r: Reader,
  root: Element,
  manifest: Element | undefined,
  limits: UnwrapLimits,
): Attachment[] {
  const refs = new Map<string, { contentType?: string; description?: string; name?: string }>();
  for (const ref of children(manifest, 'Reference')) {
    const cid = text(ref, 'ContentId');
    if (!cid) {
      r.warn('edXMLManifest/Reference', 'ContentId missing');
      continue;
    }
    const entry: { contentType?: string; description?: string; name?: string } = {};
    const ct = text(ref, 'ContentType');
    if (ct) entry.contentType = ct;
    const d = text(ref, 'Description');
    if (d) entry.description = d;
    const n = text(ref, 'AttachmentName');
    if (n) entry.name = n;
    refs.set(stripCid(cid), entry);
  }
  const out: Attachment[] = [];
  const found = new Set<string>();
  children(child(root, 'AttachmentEncoded'), 'Attachment').forEach((att, i) => {
    const path = `AttachmentEncoded/Attachment[${i + 1}]`;
    const rawCid = text(att, 'ContentId');
    const cid = rawCid ? stripCid(rawCid) : `attachment-${i + 1}`;
    if (!rawCid) r.warn(`${path}/ContentId`, 'missing');
    const ref = refs.get(cid);
    if (!ref && refs.size > 0) r.warn(`${path}/ContentId`, `cid:${cid} is not listed in the manifest`);
    found.add(cid);
    const payloadPath = `${path}/ContentTransferEncoded`;
    const payloadEl = child(att, 'ContentTransferEncoded');
    let data: Uint8Array;
    try {
      if (!payloadEl) throw new VanthuError('EDXML_MALFORMED', 'attachment without ContentTransferEncoded');
      data = decodeBase64Strict(payloadEl.textContent ?? '');
      if (data.length === 0) throw new VanthuError('EDXML_MALFORMED', 'empty attachment');
    } catch (error) {
      if (!isVanthuError(error)) throw error;
      r.defect(payloadPath, error);
      return;
    }
    const name = text(att, 'AttachmentName') ?? ref?.name ?? `${cid}.bin`;
    const description = text(att, 'Description') ?? ref?.description;
    const declared = text(att, 'ContentType') ?? ref?.contentType;
    // An office document (DOCX…) is a ZIP too, but not a wrapper: its type comes from its name.
    const office = isOfficePackage(data);
    const sniffed = office ? fileContentType(data, name, declared) : sniffContentType(data);
    if (sniffed === 'application/zip' && !office) {
      let files: ReturnType<typeof unwrapZip>;
      try {
        files = unwrapZip(data, limits);
      } catch (error) {
        if (!isVanthuError(error)) throw error;
        r.defect(payloadPath, error);
        return;
      }
      if (files.length === 0) r.warn(path, 'ZIP attachment is empty');
      files.forEach((f, j) => {
        const a: Attachment = {
          contentId: files.length === 1 ? cid : `${cid}/${j + 1}`,
          name: f.name.split('/').pop() || name,
          contentType: sniffContentType(f.data) ?? 'application/octet-stream',
          data: f.data,
          zipped: true,
        };
        if (description) a.description = description;
        out.push(a);
      });
      return;
    }
    if (declared && sniffed && declared.toLowerCase() !== sniffed)
      r.warn(`${path}/ContentType`, `declared ${declared} but the bytes are ${sniffed}`);
    const a: Attachment = {
      contentId: cid,
      name,
      contentType: sniffed ?? declared ?? 'application/octet-stream',
      data,
    };
    if (description) a.description = description;
    out.push(a);
  });
  for (const cid of refs.keys())
    if (!found.has(cid)) r.warn('edXMLManifest/Reference', `cid:${cid} has no attachment`);
  return out;
}

function readStatus(r: Reader, ms: Element): ParsedPackage {
  const p = 'MessageStatus';
  r.keepUnknown(ms, p);
  let code = r.required(ms, 'StatusCode', p);
  if (/^\d$/.test(code)) {
    r.warn(`${p}/StatusCode`, `"${code}" read as "0${code}"`);
    code = `0${code}`;
  }
  if (!isStatusCode(code))
    throw new VanthuError('EDXML_INVALID', `${p}/StatusCode: unknown status "${code}"`);
  const status: StatusPackage = {
    responseFor: r.documentRef(child(ms, 'ResponseFor'), `${p}/ResponseFor`),
    from: r.organization(child(ms, 'From'), `${p}/From`),
    statusCode: code as StatusCode,
    timestamp: (() => {
      const raw = text(ms, 'Timestamp');
      const d = raw ? normalizeDate(raw) : undefined;
      if (!d) {
        r.warn(`${p}/Timestamp`, raw ? `unreadable "${raw}"` : 'missing');
        return raw ?? '';
      }
      if (d.odd) r.warn(`${p}/Timestamp`, `"${raw}" read as ${d.date}`);
      return `${d.date} ${d.time ?? '00:00:00'}`;
    })(),
  };
  const description = text(ms, 'Description');
  if (description) status.description = description;
  else if (code === '02') r.warn(`${p}/Description`, 'status 02 (refused) without a reason');
  const staff = r.staffInfo(child(ms, 'StaffInfo'));
  if (staff) status.staffInfo = staff;
  return { kind: 'status', status, unknownElements: r.unknown, warnings: r.warnings };
}

/**
 * Reads an edXML package leniently: local names, any prefix, `Business` as well as `Bussiness`, three
 * date forms, ZIP-wrapped attachments. Everything off is reported as a warning with its path; hostile
 * or unreadable XML is refused (EDXML_MALFORMED / EDXML_TOO_LARGE); secret documents are refused; so is a
 * document whose attachment cannot be decoded (strict base64, ZIP CRC and sizes) unless `keepDefective`.
 */
export function parseEdxml(input: string | Uint8Array, options: ParseOptions = {}): ParsedPackage {
  const doc = parseUntrustedXml(
    input,
    options.maxPackageBytes === undefined ? {} : { maxBytes: options.maxPackageBytes },
  );
  const root = doc.documentElement as unknown as Element;
  const r = new Reader();
  if (localName(root) !== 'edXML')
    throw new VanthuError('EDXML_MALFORMED', `root element is <${root.nodeName}>, not edXML`);
  r.checkNamespace(root, 'edXML');
  r.keepUnknown(root, 'edXML');
  const envelope = child(root, 'edXMLEnvelope');
  if (!envelope) throw new VanthuError('EDXML_MALFORMED', 'edXMLEnvelope missing');
  r.keepUnknown(envelope, 'edXMLEnvelope');
  const header = child(envelope, 'edXMLHeader');
  if (!header) throw new VanthuError('EDXML_MALFORMED', 'edXMLHeader missing');
  r.keepUnknown(header, 'edXMLHeader');
  const signature = child(header, 'Signature');
  if (signature) {
    const method = descendants(signature, new Set(['SignatureMethod']))[0]?.getAttribute('Algorithm') ?? '';
    if (/sha1/i.test(method))
      r.warn('edXMLHeader/Signature', 'XMLDSig uses SHA-1 (the legal signature is the PAdES one)');
  }
  const status = child(header, 'MessageStatus');
  if (status) return readStatus(r, status);
  const mh = child(header, 'MessageHeader');
  if (!mh) throw new VanthuError('EDXML_MALFORMED', 'neither MessageHeader nor MessageStatus present');
  const traceList = child(header, 'TraceHeaderList');
  if (!traceList) r.warn('edXMLHeader/TraceHeaderList', 'missing');
  r.keepUnknown(traceList, 'TraceHeaderList');
  const parsedHeader = readHeader(r, mh, traceList);
  r.keepUnknown(child(traceList, 'Bussiness', 'Business'), 'TraceHeaderList/Bussiness');
  const body = child(envelope, 'edXMLBody');
  const manifest = child(body, 'edXMLManifest');
  const attachments = readAttachments(r, root, manifest, options);
  const first = r.defects[0];
  if (first && !options.keepDefective)
    throw new VanthuError(first.code, `${first.path}: ${first.message}`, { defects: r.defects });
  return {
    kind: 'edoc',
    header: parsedHeader,
    attachments,
    defects: r.defects,
    unknownElements: r.unknown,
    warnings: r.warnings,
  };
}
