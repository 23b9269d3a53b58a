import type { ErrorCode } from '@vanthu/shared/errors/index';
import type { BussinessDocType, Priority, StatusCode, SteeringType } from './constants.js';

export interface Organization {
  organId: string;
  organizationInCharge?: string;
  organName?: string;
  organAdd?: string;
  email?: string;
  telephone?: string;
  fax?: string;
  website?: string;
}

/** Reference to an earlier document (ResponseFor, and the target of a status package). */
export interface DocumentRef {
  organId: string;
  /** "số/ký hiệu", e.g. `7816/VPCP-TTĐT`. */
  code: string;
  /** `yyyy/MM/dd`. */
  promulgationDate: string;
  /** `{OrganId},{yyyy/MM/dd},{số}/{ký hiệu}`. */
  documentId: string;
}

export interface StaffInfo {
  department?: string;
  staff?: string;
  email?: string;
  mobile?: string;
}

export interface ReplacementInfo {
  documentId: string;
  organIds: string[];
}

export interface Bussiness {
  bussinessDocType: BussinessDocType;
  bussinessDocReason?: string;
  /** Target document of a recall, update or replacement. */
  documentId?: string;
  /** true when the paper original follows. */
  paper?: boolean;
  staffInfo?: StaffInfo;
  /** For updates: what changed and who receives the update. */
  bussinessDocumentInfo?: BussinessDocumentInfo;
  replacementInfoList?: ReplacementInfo[];
}

export interface BussinessDocumentInfo {
  /** Flag: the document information changed ("0"/"1" in practice). */
  documentInfo?: string;
  /** Flag: the receiver list changed. */
  documentReceiver?: string;
  receivers: Array<{ receiverType?: string; organId: string }>;
}

export interface TraceHeader {
  organId: string;
  /** `yyyy/MM/dd HH:mm:ss`. */
  timestamp: string;
}

export interface EdocHeader {
  from: Organization;
  to: Organization[];
  documentId: string;
  codeNumber: string;
  codeNotation: string;
  place: string;
  /** `yyyy/MM/dd`. */
  promulgationDate: string;
  documentType: { type: number; typeDetail?: string; typeName?: string };
  subject: string;
  content?: string;
  signerInfo?: { competence?: string; position?: string; fullName?: string };
  /** `yyyy/MM/dd`. */
  dueDate?: string;
  toPlaces: string[];
  priority: Priority;
  sphereOfPromulgation?: string;
  typerNotation?: string;
  promulgationAmount?: number;
  pageAmount?: number;
  direction?: boolean;
  appendixes?: string[];
  /** Security marking (độ mật); documents marked mật/tối mật/tuyệt mật are refused. */
  securityLevel?: string;
  responseFor: DocumentRef[];
  steeringType?: SteeringType;
  bussiness: Bussiness;
  traces: TraceHeader[];
}

export interface Attachment {
  /** Without the `cid:` prefix. */
  contentId: string;
  name: string;
  description?: string;
  /** The type of the decoded file (after unzipping a wrapped one). */
  contentType: string;
  data: Uint8Array;
  /** The file travelled ZIP-wrapped. */
  zipped?: boolean;
}

export interface StatusPackage {
  responseFor: DocumentRef;
  from: Organization;
  statusCode: StatusCode;
  description?: string;
  /** `yyyy/MM/dd HH:mm:ss`. */
  timestamp: string;
  staffInfo?: StaffInfo;
}

/** Something off in a package that was read anyway; `path` is the element path where it was found. */
export interface EdxmlWarning {
  path: string;
  message: string;
}

/**
 * Something that makes the package unusable although its header could be read, e.g. an attachment
 * whose base64 or ZIP is broken: the document cannot be delivered as sent, so it is refused.
 */
export interface EdxmlDefect {
  path: string;
  code: ErrorCode;
  message: string;
}

export interface UnknownElement {
  path: string;
  /** The element serialised as it arrived. */
  xml: string;
}

export interface ParsedEdoc {
  kind: 'edoc';
  header: EdocHeader;
  attachments: Attachment[];
  /** Why the package cannot be used as sent; only filled when read with `keepDefective`. */
  defects: EdxmlDefect[];
  /** Elements the reader did not recognise (kept, never dropped silently). */
  unknownElements: UnknownElement[];
  warnings: EdxmlWarning[];
}

export interface ParsedStatus {
  kind: 'status';
  status: StatusPackage;
  unknownElements: UnknownElement[];
  warnings: EdxmlWarning[];
}

export type ParsedPackage = ParsedEdoc | ParsedStatus;
