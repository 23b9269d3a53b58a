import type { FieldObject } from '@vanthu/shared/domain/index';
import { ENTRY_STATES } from '@vanthu/shared/protocol/index';
import type { WorkingCalendar } from '../exchange/inbox/deadlines.js';

export type BookKind = 'incoming' | 'outgoing';
export type Channel = 'electronic' | 'paper';

/**
 * Handling states. Incoming: registered (edXML status 03) → assigned (04) → in_progress (05) → done
 * (06), or returned (02, with a reason). Outgoing: issued. Either: recalled ("đã thu hồi"), keeping
 * its number — rows are never deleted.
 */
export { ENTRY_STATES };
export type EntryState = (typeof ENTRY_STATES)[number];

export const STATE_LABELS: Record<EntryState, { vi: string; en: string }> = {
  registered: { vi: 'Đã tiếp nhận', en: 'Registered' },
  assigned: { vi: 'Phân công', en: 'Assigned' },
  in_progress: { vi: 'Đang xử lý', en: 'In progress' },
  done: { vi: 'Hoàn thành', en: 'Done' },
  returned: { vi: 'Từ chối tiếp nhận', en: 'Returned' },
  issued: { vi: 'Đã phát hành', en: 'Issued' },
  recalled: { vi: 'Đã thu hồi', en: 'Recalled' },
  reserved: { vi: 'Đã cấp số, chờ đóng dấu', en: 'Number reserved' },
  voided: { vi: 'Số bị hủy (có lý do)', en: 'Number voided' },
};

/** States in which a deadline still runs. */
export const OPEN_STATES: readonly EntryState[] = ['registered', 'assigned', 'in_progress'];

export type DirectionKind = 'distribution' | 'direction' | 'status';

/** One line of Ý kiến phân phối, chỉ đạo, trạng thái xử lý (TraceHeaderList). */
export interface Direction {
  seq: number;
  /** ISO 8601, +07:00. */
  at: string;
  author?: string;
  kind: DirectionKind;
  text?: string;
  /** Đơn vị/người chủ trì. */
  lead?: string;
  /** Đơn vị/người phối hợp. */
  coordinators: string[];
  /** Thời hạn (YYYY-MM-DD). */
  dueDate?: string;
  /** Điều 7.2: the lead and each cooperating unit or person, each with its own deadline. */
  assignees?: Assignee[];
}

export interface Assignee {
  unit: string;
  role: 'lead' | 'coordinator';
  /** YYYY-MM-DD. */
  dueDate?: string;
}

export interface StoredFile {
  name: string;
  sha256: string;
  size: number;
  pages?: number;
}

/** A phụ lục or other attachment file kept with an entry, in the order given at registration. */
export interface Attachment extends StoredFile {
  seq: number;
  description?: string;
}

export interface Entry {
  id: string;
  kind: BookKind;
  organId: string;
  year: number;
  /** Book series ("" = the general book; VBQPPL types and similar keep their own). */
  series: string;
  number: number;
  state: EntryState;
  channel: Channel;
  /** ISO 8601, +07:00. */
  registeredAt: string;
  /** The catalogue fields, including the system-filled ones. */
  fields: FieldObject;
  documentId?: string;
  clerk?: string;
  dueDate?: string;
  file?: StoredFile;
  /** Appendix files after the main document (absent when there are none). */
  attachments?: Attachment[];
  completedAt?: string;
  recalledAt?: string;
  /** Reason of a return, recall or voided number. */
  stateReason?: string;
  /** The inbox arrival an incoming entry was registered from. */
  arrivalId?: number;
  directions: Direction[];
}

export interface RegistryOptions {
  /** Own agency identifier (FileCode.OrganId, books). */
  organId: string;
  /** Own agency name (OrganName of outgoing documents). */
  organName: string;
  /** Parent agency's name (register book title block). */
  parentOrganName?: string;
  calendar?: WorkingCalendar;
  /** Injected clock (tests: year rollover). */
  now?: () => number;
}
