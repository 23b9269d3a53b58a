import { type FieldIssue, issue } from './issues.js';

/** QĐ 20/2020 shape: 3+2+2+3 characters, e.g. 000.00.09.H13 (standards.md §5). */
export const ORGAN_ID_STRICT = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;
/** Four dot groups of capitals and digits (irregular but plausibly an agency code). */
const FOUR_GROUPS = /^[0-9A-Z]+\.[0-9A-Z]+\.[0-9A-Z]+\.[0-9A-Z]+$/;
/** Anything printable without spaces: X-Road and provincial codes such as `vxp.saas.03`. */
const PRINTABLE = /^[\x21-\x7e]+$/;

export type OrganIdMode = 'strict' | 'lenient';

export interface OrganIdCheck {
  ok: boolean;
  /** True when the value has the QĐ20 shape. */
  regular: boolean;
  /** Refusals (ok=false) or, in lenient mode, warnings about an irregular code. */
  issues: FieldIssue[];
}

/**
 * Checks a mã định danh. Strict mode refuses anything but the QĐ20 shape; lenient mode accepts
 * irregular codes that occur on the axes with a warning and refuses only empty or unprintable values.
 */
export function checkOrganId(value: string, mode: OrganIdMode = 'strict', path = 'OrganId'): OrganIdCheck {
  if (ORGAN_ID_STRICT.test(value)) return { ok: true, regular: true, issues: [] };
  const shape = issue(
    path,
    'identifier',
    `Mã định danh "${value}" không đúng dạng 000.00.00.A00 (3+2+2+3 ký tự, ví dụ 000.00.09.H13)`,
    `Agency identifier "${value}" is not of the form 000.00.00.A00 (3+2+2+3 characters, e.g. 000.00.09.H13)`,
  );
  if (mode === 'strict' || !PRINTABLE.test(value)) {
    if (value === '')
      return {
        ok: false,
        regular: false,
        issues: [issue(path, 'required', 'Chưa nhập mã định danh', 'The agency identifier is empty')],
      };
    return { ok: false, regular: false, issues: [shape] };
  }
  const warnings = [shape];
  if (!FOUR_GROUPS.test(value))
    warnings.push(
      issue(
        path,
        'identifier',
        'Mã không gồm bốn nhóm chữ in hoa và chữ số; cần đối chiếu danh mục của trục liên thông',
        'The code is not four groups of capitals and digits; check it against the axis catalogue',
      ),
    );
  return { ok: true, regular: false, issues: warnings };
}

/** Throws-free convenience for forms: true when the value is acceptable in the given mode. */
export function isOrganId(value: string, mode: OrganIdMode = 'strict'): boolean {
  return checkOrganId(value, mode).ok;
}
