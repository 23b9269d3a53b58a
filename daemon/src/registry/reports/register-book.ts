import { formatDateShort, formatNumberNotation } from '@vanthu/shared/domain/index';
import { type BookKind, type Entry, STATE_LABELS } from '../types.js';

/** A table: header row plus data rows of plain text. */
export interface Table {
  title: string;
  header: string[];
  rows: string[][];
}

const s = (v: unknown) => (v === undefined || v === null ? '' : String(v));
const signer = (e: Entry) => {
  const si = e.fields['SignerInfo'] as { Position?: string; FullName?: string } | undefined;
  return si ? [si.Position, si.FullName].filter(Boolean).join(' ') : '';
};

/** Sổ đăng ký văn bản đến / đi (NĐ30 PL IV), one row per entry; recalled rows stay, marked. */
export function registerBook(kind: BookKind, year: number, entries: Entry[]): Table {
  const state = (e: Entry) => (e.state === 'recalled' ? STATE_LABELS.recalled.vi : '');
  if (kind === 'incoming')
    return {
      title: `SỔ ĐĂNG KÝ VĂN BẢN ĐẾN NĂM ${year}`,
      header: [
        'Ngày đến',
        'Số đến',
        'Tác giả',
        'Số, ký hiệu',
        'Ngày tháng',
        'Tên loại và trích yếu nội dung',
        'Đơn vị hoặc người nhận',
        'Ký nhận',
        'Ghi chú',
      ],
      rows: entries.map((e) => [
        formatDateShort(s(e.fields['ArrivalDate'])),
        s(e.number),
        s(e.fields['OrganName']),
        e.fields['CodeNumber']
          ? formatNumberNotation(s(e.fields['CodeNumber']), s(e.fields['CodeNotation']))
          : s(e.fields['CodeNotation']),
        formatDateShort(s(e.fields['IssuedDate'])),
        `${s(e.fields['TypeName'])}: ${s(e.fields['Subject'])}`,
        s(e.fields['ToPlaces']),
        '',
        [state(e), e.stateReason ?? '', s(e.fields['Description'])].filter(Boolean).join('; '),
      ]),
    };
  return {
    title: `SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM ${year}`,
    header: [
      'Số, ký hiệu văn bản',
      'Ngày tháng văn bản',
      'Tên loại và trích yếu nội dung',
      'Người ký',
      'Nơi nhận văn bản',
      'Đơn vị, người nhận bản lưu',
      'Số lượng bản',
      'Ngày chuyển',
      'Ký nhận',
      'Ghi chú',
    ],
    rows: entries.map((e) => [
      formatNumberNotation(s(e.fields['CodeNumber']), s(e.fields['CodeNotation'])),
      formatDateShort(s(e.fields['IssuedDate'])),
      `${s(e.fields['TypeName'])}: ${s(e.fields['Subject'])}`,
      signer(e),
      ((e.fields['To'] as { OrganName?: string; OrganId?: string }[] | undefined) ?? [])
        .map((t) => t.OrganName ?? t.OrganId)
        .join('; '),
      '',
      s(e.fields['IssuedAmount']),
      formatDateShort(e.registeredAt.slice(0, 10)),
      '',
      [state(e), e.stateReason ?? '', s(e.fields['Description'])].filter(Boolean).join('; '),
    ]),
  };
}
