import { type FieldObject, normalizeDate, parseNumberNotation } from '@vanthu/shared/domain/index';
import { type PdfReader, PdfString } from '../../pdf/reader/index.js';

/**
 * Số and ngày stamped into read-only text fields when the document was numbered while being signed
 * (SoVanBan, NgayBanHanh.Ngay/Thang/Nam, see pdf/sign/roles.ts). `notation` completes a stamp that
 * holds only the numeral (the notation is printed in the template).
 */
export function fieldsFromStamps(reader: PdfReader, notation: string | undefined): FieldObject {
  const values = new Map<string, string>();
  for (const f of reader.fields()) {
    if (f.type !== 'Tx') continue;
    const v = reader.resolve(f.dict.get('V'));
    if (v instanceof PdfString) values.set(f.name.replace(/_\d+$/, ''), v.text().trim());
  }
  const out: FieldObject = {};
  const number = values.get('SoVanBan');
  if (number) {
    const parsed = parseNumberNotation(/\//.test(number) ? number : `${number}/${notation ?? ''}`);
    if (parsed) {
      out['CodeNumber'] = parsed.number;
      out['CodeNotation'] = parsed.notation;
    }
  }
  const [d, m, y] = ['Ngay', 'Thang', 'Nam'].map((k) => values.get(`NgayBanHanh.${k}`));
  if (d && m && y) {
    const iso = normalizeDate(`${d}/${m}/${y.length === 2 ? `20${y}` : y}`);
    if (iso) out['IssuedDate'] = iso;
  }
  return out;
}
