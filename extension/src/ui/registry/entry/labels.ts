import type { RegistryEntry } from '@vanthu/shared/protocol/index';
import { say } from '../../../i18n/language.js';

type EntryState = RegistryEntry['state'];

const STATE_TEXT: Record<EntryState, [vi: string, en: string]> = {
  registered: ['Đã vào sổ', 'Registered'],
  assigned: ['Đã phân công xử lý', 'Assigned'],
  in_progress: ['Đang xử lý', 'In progress'],
  done: ['Đã hoàn thành xử lý', 'Completed'],
  returned: ['Đã trả lại', 'Returned'],
  issued: ['Đã phát hành', 'Issued'],
  recalled: ['Đã thu hồi', 'Recalled'],
  reserved: ['Đã cấp số, chờ đóng dấu', 'Number reserved, awaiting the seal'],
  voided: ['Số đã hủy', 'Number voided'],
};

/** An entry's state as the clerk reads it, in the screen's language. */
export const entryStateText = (state: EntryState): string => say(...STATE_TEXT[state]);

const DELIVERY_TEXT: Record<string, [vi: string, en: string]> = {
  queued: ['Chờ gửi', 'Queued'],
  sending: ['Đang gửi', 'Sending'],
  sent: ['Đã gửi lên trục', 'Sent to the axis'],
  delivered: ['Đã đến nơi nhận', 'Delivered'],
  acknowledged: ['Nơi nhận đã phản hồi', 'Acknowledged'],
  failed: ['Lỗi, sẽ gửi lại', 'Failed, will retry'],
  dead: ['Không gửi được', 'Not delivered'],
  cancelled: ['Đã hủy gửi', 'Cancelled'],
};

/** What the recipient last answered (NĐ30 statuses), in words: the clerk never reads a bare code. */
const RECEIVER_TEXT: Record<string, [vi: string, en: string]> = {
  '01': ['Đã nhận', 'Received'],
  '02': ['Từ chối tiếp nhận', 'Refused'],
  '03': ['Đã tiếp nhận (vào sổ)', 'Registered'],
  '04': ['Đã phân công xử lý', 'Assigned'],
  '05': ['Đang xử lý', 'In progress'],
  '06': ['Đã hoàn thành xử lý', 'Completed'],
  '15': ['Đồng ý thu hồi', 'Recall accepted'],
  '16': ['Không đồng ý thu hồi', 'Recall refused'],
};

export const deliveryText = (state: string): string => say(...(DELIVERY_TEXT[state] ?? [state, state]));

export const receiverText = (status: string): string | undefined => {
  const text = RECEIVER_TEXT[status];
  return text ? say(...text) : undefined;
};

/** dd/MM/yyyy of an ISO date (yyyy-mm-dd), as every date on screen. */
export const shortDate = (iso: string | undefined): string =>
  iso && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso.split('-').reverse().join('/') : (iso ?? '');

/** "Số đến 1/2026" or "Số 01/QĐ-UBND": the number the book gave, as the clerk writes it. */
export function entryNumber(entry: RegistryEntry): string {
  if (entry.kind === 'incoming')
    return `${say('Số đến', 'Arrival number')} ${String(entry.fields['ArrivalNumber'] ?? entry.number)}/${entry.year}`;
  const notation = entry.fields['CodeNotation'];
  const number = String(entry.fields['CodeNumber'] ?? entry.number);
  return `${say('Số', 'Number')} ${typeof notation === 'string' ? `${number}/${notation}` : number}`;
}
