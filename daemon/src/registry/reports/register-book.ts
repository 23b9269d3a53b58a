import { formatDateShort, formatNumberNotation } from '@vanthu/shared/domain/index';
import { type BookKind, type Entry, STATE_LABELS } from '../types.js';

/** A table: header row plus data rows of plain text. */
export interface Table {
  title: string;
  header: string[];
  rows: string[][];
  /**
   * Centred lines above the table on the first page of the PDF (a register book's title block);
   * without it the PDF shows `title`.
   */
  titleBlock?: string[];
  /** Column numbers "(1)", "(2)"… repeated under the header row on every page, as the forms print them. */
  columnNumbers?: boolean;
}

/** Whose book it is: the title block of Sổ đăng ký văn bản đến/đi (NĐ30 PL IV, bìa và trang đầu). */
export interface BookOwner {
  organName: string;
  /** Tên cơ quan, tổ chức cấp trên trực tiếp (nếu có). */
  parentOrganName?: string;
  /** Book series ("" = the general book, e.g. "VBQPPL" for its own sequence). */
  series?: string;
}

const s = (v: unknown) => (v === undefined || v === null ? '' : String(v));
const signer = (e: Entry) => {
  const si = e.fields['SignerInfo'] as { Position?: string; FullName?: string } | undefined;
  return si ? [si.Position, si.FullName].filter(Boolean).join(' ') : '';
};

/**
 * The title block of NĐ30 PL IV: the parent and own organisation in capitals, the book's name, the
 * year, and the span of dates and numbers the book covers (left blank while the book is empty).
 */
export function bookTitleBlock(kind: BookKind, year: number, entries: Entry[], owner: BookOwner): string[] {
  const dateOf = (e: Entry) =>
    String(
      (kind === 'incoming' ? e.fields['ArrivalDate'] : e.fields['IssuedDate']) ?? e.registeredAt.slice(0, 10),
    );
  const dates = entries.map(dateOf).sort();
  const numbers = entries.map((e) => e.number);
  const book = kind === 'incoming' ? 'SỔ ĐĂNG KÝ VĂN BẢN ĐẾN' : 'SỔ ĐĂNG KÝ VĂN BẢN ĐI';
  return [
    ...(owner.parentOrganName ? [owner.parentOrganName.toLocaleUpperCase('vi')] : []),
    owner.organName.toLocaleUpperCase('vi'),
    owner.series ? `${book} (${owner.series})` : book,
    `Năm: ${year}`,
    dates.length > 0
      ? `Từ ngày ${formatDateShort(dates[0]!)} đến ngày ${formatDateShort(dates.at(-1)!)}`
      : 'Từ ngày ....... đến ngày .......',
    numbers.length > 0
      ? `Từ số ${Math.min(...numbers)} đến số ${Math.max(...numbers)}`
      : 'Từ số ....... đến số .......',
  ];
}

/** Sổ đăng ký văn bản đến / đi (NĐ30 PL IV), one row per entry; recalled rows stay, marked. */
export function registerBook(kind: BookKind, year: number, entries: Entry[], owner?: BookOwner): Table {
  const state = (e: Entry) => (e.state === 'recalled' ? STATE_LABELS.recalled.vi : '');
  const print = owner ? { titleBlock: bookTitleBlock(kind, year, entries, owner), columnNumbers: true } : {};
  if (kind === 'incoming')
    return {
      ...print,
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
    ...print,
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
