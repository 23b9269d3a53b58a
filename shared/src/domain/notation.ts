import { type FieldIssue, issue } from './issues.js';

/**
 * Số and ký hiệu of a document (NĐ30 PL I II.3): `Số: 05/BNV-VP` — the number zero-padded below 10,
 * "/" before the notation, "-" between its groups, no spaces, notation in capitals.
 */
export function formatCodeNumber(n: number | string): string {
  const s = String(n);
  return /^\d$/.test(s) ? `0${s}` : s;
}

export function formatNumberNotation(n: number | string, notation: string): string {
  return `${formatCodeNumber(n)}/${notation}`;
}

export interface NumberNotation {
  number: string;
  notation: string;
}

const NUMBER = /^\d{1,11}$/;
// Capitals incl. Vietnamese (Đ, QĐ, TTĐT...), digits; groups joined by "-" (and "/" inside some notations).
const NOTATION = /^[\p{Lu}\d]+(?:[-/.&][\p{Lu}\d]+)*$/u;

export function codeNumberIssues(value: string, path = 'CodeNumber'): FieldIssue[] {
  if (NUMBER.test(value)) return [];
  return [
    issue(
      path,
      'format',
      `Số của văn bản "${value}" phải là chữ số (tối đa 11)`,
      `Document number "${value}" must be digits (at most 11)`,
    ),
  ];
}

export function codeNotationIssues(value: string, path = 'CodeNotation'): FieldIssue[] {
  if (value.length > 30)
    return [
      issue(path, 'too_long', 'Ký hiệu văn bản dài quá 30 ký tự', 'Document notation exceeds 30 characters'),
    ];
  if (NOTATION.test(value.normalize('NFC'))) return [];
  return [
    issue(
      path,
      'format',
      `Ký hiệu "${value}" phải viết in hoa, không có dấu cách, các nhóm nối bằng dấu "-" (ví dụ QĐ-UBND)`,
      `Notation "${value}" must be capitals without spaces, groups joined by "-" (e.g. QĐ-UBND)`,
    ),
  ];
}

/** Parses "Số: 05/BNV-VP", "1637/QĐ-UBND" or "05 / bnv-vp" into its parts (notation upper-cased). */
export function parseNumberNotation(text: string): NumberNotation | undefined {
  const m = /^\s*(?:Số\s*:?\s*)?(\d{1,11})\s*\/\s*(\S.*?)\s*$/iu.exec(text.normalize('NFC'));
  if (!m) return undefined;
  const notation = m[2]!.replace(/\s+/g, '').toUpperCase();
  if (codeNotationIssues(notation).length > 0) return undefined;
  return { number: formatCodeNumber(m[1]!), notation };
}
