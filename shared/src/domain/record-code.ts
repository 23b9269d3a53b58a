import { type FieldIssue, issue } from './issues.js';

/** Mã hồ sơ = OrganId.FileCatalog.FileNotation, e.g. 000.00.09.H13.2018.01TH (Seed 13.3). */
export interface RecordCode {
  organId: string;
  fileCatalog: number;
  fileNotation: string;
}

export const RECORD_CODE_MAX = 39;
export const FILE_NOTATION_MAX = 20;
const GROUP = /^[0-9A-Z]+$/;
const NOTATION = /^[0-9A-ZĐ]+(?:[.\-/][0-9A-ZĐ]+)*$/u;

/** Problems with a Số và ký hiệu hồ sơ (FileNotation): ≤ 20 characters, capitals, digits, . - / */
export function fileNotationIssues(value: string, path = 'FileNotation'): FieldIssue[] {
  if (value === '')
    return [issue(path, 'required', 'Chưa nhập số và ký hiệu hồ sơ', 'The record notation is empty')];
  const out: FieldIssue[] = [];
  if (value.length > FILE_NOTATION_MAX)
    out.push(
      issue(
        path,
        'too_long',
        `Số và ký hiệu hồ sơ dài quá ${FILE_NOTATION_MAX} ký tự`,
        `The record notation exceeds ${FILE_NOTATION_MAX} characters`,
      ),
    );
  if (!NOTATION.test(value))
    out.push(
      issue(
        path,
        'format',
        `Số và ký hiệu hồ sơ "${value}" chỉ gồm chữ in hoa, chữ số và dấu . - / (ví dụ 01TH hoặc 01.TH)`,
        `Record notation "${value}" may only hold capitals, digits and . - / (e.g. 01TH or 01.TH)`,
      ),
    );
  return out;
}

/**
 * The comparison key of a FileNotation: `01TH` and `01.TH` name the same record (the Seed's gloss
 * writes the dot, its example does not), so dots are dropped.
 */
export function fileNotationKey(value: string): string {
  return value.normalize('NFC').toUpperCase().replaceAll('.', '');
}

export function formatRecordCode(code: RecordCode): string {
  return `${code.organId}.${code.fileCatalog}.${code.fileNotation}`;
}

export type RecordCodeResult = { ok: true; code: RecordCode } | { ok: false; issues: FieldIssue[] };

/** Parses a record code: four groups of OrganId, a four-digit year, then the notation (dots allowed). */
export function parseRecordCode(text: string, path = 'FileCode'): RecordCodeResult {
  const value = text.trim().normalize('NFC');
  const bad = (vi: string, en: string): RecordCodeResult => ({
    ok: false,
    issues: [issue(path, 'identifier', `Mã hồ sơ "${value}": ${vi}`, `Record code "${value}": ${en}`)],
  });
  if (value.length > RECORD_CODE_MAX)
    return bad(`dài quá ${RECORD_CODE_MAX} ký tự`, `longer than ${RECORD_CODE_MAX} characters`);
  const parts = value.split('.');
  if (parts.length < 6)
    return bad(
      'cần dạng mã định danh.năm.số ký hiệu, ví dụ 000.00.09.H13.2018.01TH',
      'expected identifier.year.notation, e.g. 000.00.09.H13.2018.01TH',
    );
  const organ = parts.slice(0, 4);
  if (!organ.every((g) => GROUP.test(g)))
    return bad(
      'bốn nhóm đầu phải là mã định danh cơ quan',
      'the first four groups must be the agency identifier',
    );
  const year = parts[4]!;
  if (!/^\d{4}$/.test(year))
    return bad('nhóm thứ năm phải là năm (4 chữ số)', 'the fifth group must be a 4-digit year');
  const fileNotation = parts.slice(5).join('.');
  const notationIssues = fileNotationIssues(fileNotation, `${path}.FileNotation`);
  if (notationIssues.length > 0) return { ok: false, issues: notationIssues };
  return { ok: true, code: { organId: organ.join('.'), fileCatalog: Number(year), fileNotation } };
}
