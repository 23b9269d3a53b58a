import { VanthuError } from '@vanthu/shared/errors/index';
import { formatDateParts, formatNumber } from '../pdf/layout/placeholders.js';
import { PdfReader, PdfString } from '../pdf/reader/index.js';
import { SIGNING_OPEN } from '../pdf/sign-pdf.js';
import type { Entry } from '../registry/types.js';

/** What the seal step stamps: exactly the reserved number and today's date (Vietnam time). */
export interface SealStamp {
  /** "15/QĐ-UBND". */
  number: string;
  /** YYYY-MM-DD. */
  date: string;
}

/** The number and date a reservation gives the seal to stamp. */
export function stampOfReservation(entry: Entry): SealStamp {
  return {
    number: `${String(entry.fields['CodeNumber'])}/${String(entry.fields['CodeNotation'])}`,
    date: String(entry.fields['IssuedDate']),
  };
}

/** Every value of the text fields named `base` or `base_2`, `base_3`… (the seal step's stamps). */
function stampedValues(reader: PdfReader, base: string, key: 'V' | 'TU' = 'V'): (string | undefined)[] {
  return reader
    .fields()
    .filter((f) => f.type === 'Tx' && (f.name === base || f.name.startsWith(`${base}_`)))
    .map((f) => {
      const v = reader.resolve(f.dict.get(key));
      return v instanceof PdfString ? v.text() : undefined;
    });
}

/**
 * Refuses a sealed document whose stamped số, ký hiệu and date are not the reservation's
 * (OFFICE_STAMP_MISMATCH): the paper and the register must say the same thing. Every stamp field
 * counts, so a second number stamped beside the right one is refused too.
 */
export function assertStampMatches(pdf: Uint8Array, expected: SealStamp): void {
  const reader = PdfReader.fromBuffer(pdf, SIGNING_OPEN);
  try {
    const number = formatNumber(expected.number).full;
    const date = formatDateParts(expected.date);
    // TU holds the whole number when the field shows only the numeral before a printed notation.
    const full = stampedValues(reader, 'SoVanBan', 'TU');
    const numbers = stampedValues(reader, 'SoVanBan').map((v, i) => full[i] ?? v);
    const parts = {
      day: stampedValues(reader, 'NgayBanHanh.Ngay'),
      month: stampedValues(reader, 'NgayBanHanh.Thang'),
      year: stampedValues(reader, 'NgayBanHanh.Nam'),
    };
    const problems: string[] = [];
    if (numbers.length === 0) problems.push('không có ô số (SoVanBan)');
    for (const n of numbers)
      if (n?.normalize('NFC') !== number.normalize('NFC')) problems.push(`số ghi "${n ?? ''}"`);
    if (parts.day.length === 0 || parts.month.length === 0) problems.push('không có ô ngày, tháng');
    for (const key of ['day', 'month', 'year'] as const)
      for (const v of parts[key]) if (v !== date[key]) problems.push(`${key} ghi "${v ?? ''}"`);
    if (problems.length > 0)
      throw new VanthuError(
        'OFFICE_STAMP_MISMATCH',
        `cần số ${number}, ngày ${date.day}/${date.month}/${date.year}: ${problems.join('; ')}`,
        { expected: { number, date: expected.date }, stamped: { numbers, ...parts } },
      );
  } finally {
    reader.close();
  }
}
