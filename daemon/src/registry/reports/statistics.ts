import { type Entry, type EntryState, STATE_LABELS } from '../types.js';
import type { Table } from './register-book.js';

export interface QuarterStatistics {
  year: number;
  quarter: number;
  from: string;
  to: string;
  sent: { electronic: number; paper: number; recalled: number };
  received: {
    electronic: number;
    paper: number;
    byState: Partial<Record<EntryState, number>>;
    /** Returned to the sender (status 02). */
    returned: number;
    /** Open at the end of the quarter with the deadline passed, or finished after it. */
    overdue: number;
  };
}

/** Quarterly figures for the report to Sở TT&TT / VP UBND (Seed 19.7), from the book entries. */
export function quarterStatistics(
  entries: Entry[],
  year: number,
  quarter: number,
  today: string,
): QuarterStatistics {
  const from = `${year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01`;
  const endMonth = quarter * 3;
  const to = `${year}-${String(endMonth).padStart(2, '0')}-${endMonth === 6 || endMonth === 9 ? '30' : '31'}`;
  const inQuarter = entries.filter((e) => {
    const d = e.registeredAt.slice(0, 10);
    return d >= from && d <= to;
  });
  // A number reserved or voided is not a document sent.
  const sent = inQuarter.filter(
    (e) => e.kind === 'outgoing' && e.state !== 'reserved' && e.state !== 'voided',
  );
  const received = inQuarter.filter((e) => e.kind === 'incoming');
  const cutoff = today < to ? today : to;
  const byState: Partial<Record<EntryState, number>> = {};
  for (const e of received) byState[e.state] = (byState[e.state] ?? 0) + 1;
  const overdue = received.filter((e) => {
    if (!e.dueDate || e.state === 'recalled' || e.state === 'returned') return false;
    if (e.completedAt) return e.completedAt.slice(0, 10) > e.dueDate;
    return e.dueDate < cutoff;
  }).length;
  return {
    year,
    quarter,
    from,
    to,
    sent: {
      electronic: sent.filter((e) => e.channel === 'electronic').length,
      paper: sent.filter((e) => e.channel === 'paper').length,
      recalled: sent.filter((e) => e.state === 'recalled').length,
    },
    received: {
      electronic: received.filter((e) => e.channel === 'electronic').length,
      paper: received.filter((e) => e.channel === 'paper').length,
      byState,
      returned: byState.returned ?? 0,
      overdue,
    },
  };
}

export function statisticsTable(s: QuarterStatistics): Table {
  const r = (label: string, value: number) => [label, String(value)];
  return {
    title: `THỐNG KÊ VĂN BẢN ĐIỆN TỬ QUÝ ${s.quarter} NĂM ${s.year}`,
    header: ['Chỉ tiêu', 'Số lượng'],
    rows: [
      r('Văn bản điện tử đã gửi', s.sent.electronic),
      r('Văn bản giấy đã gửi', s.sent.paper),
      r('Văn bản đi đã thu hồi', s.sent.recalled),
      r('Văn bản điện tử đã nhận', s.received.electronic),
      r('Văn bản giấy đã nhận', s.received.paper),
      ...Object.entries(s.received.byState).map(([k, v]) =>
        r(`Văn bản đến — ${STATE_LABELS[k as EntryState].vi.toLocaleLowerCase('vi')}`, v ?? 0),
      ),
      r('Văn bản đến bị trả lại', s.received.returned),
      r('Văn bản đến quá hạn xử lý', s.received.overdue),
    ],
  };
}
