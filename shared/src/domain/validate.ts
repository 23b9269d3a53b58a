import { dateIssues } from './dates.js';
import type { Catalogue, FieldDef, FieldObject } from './fields.js';
import { type FieldIssue, issue } from './issues.js';
import { checkOrganId } from './organ-id.js';
import { codeNotationIssues, codeNumberIssues } from './notation.js';
import { fileNotationIssues } from './record-code.js';

export interface ValidateOptions {
  /** Accept system fields in the input (the registry itself writing them). Default false. */
  system?: boolean;
  /** Skip `required` checks (partial updates). */
  partial?: boolean;
}

export interface ValidationResult {
  issues: FieldIssue[];
  /** Acceptable but worth showing (irregular agency codes). */
  warnings: FieldIssue[];
}

const PRIORITY_MAX = 4;

/** Validates a document object against a catalogue: types, lengths, required, system fields, identifiers. */
export function validateFields(
  catalogue: Catalogue,
  data: FieldObject,
  options: ValidateOptions = {},
): ValidationResult {
  const result: ValidationResult = { issues: [], warnings: [] };
  walk(catalogue.fields, data, '', options, result);
  return result;
}

function walk(
  fields: FieldDef[],
  data: FieldObject,
  prefix: string,
  options: ValidateOptions,
  out: ValidationResult,
): void {
  const known = new Set(fields.map((f) => f.tag));
  for (const key of Object.keys(data)) {
    if (!known.has(key))
      out.issues.push(
        issue(
          `${prefix}${key}`,
          'unknown_field',
          'Trường không có trong biểu mẫu',
          'Not a field of this form',
        ),
      );
  }
  for (const field of fields) {
    const path = `${prefix}${field.tag}`;
    const value = data[field.tag];
    if (value === undefined || value === '') {
      if (field.required && !options.partial)
        out.issues.push(
          issue(path, 'required', `Chưa nhập "${field.label}"`, `"${field.labelEn}" is required`),
        );
      continue;
    }
    if (field.sys && !field.correctable && !options.system && field.type !== 'group') {
      out.issues.push(
        issue(
          path,
          'system_field',
          `"${field.label}" do hệ thống điền, không nhập tay`,
          `"${field.labelEn}" is filled by the system`,
        ),
      );
      continue;
    }
    if (field.type === 'group') {
      const items = field.repeated ? value : [value];
      if (
        !Array.isArray(items) ||
        items.some((v) => typeof v !== 'object' || v === null || Array.isArray(v))
      ) {
        out.issues.push(
          issue(
            path,
            'type',
            field.repeated ? 'Cần một danh sách' : 'Cần một nhóm trường',
            field.repeated ? 'A list is expected' : 'A group of fields is expected',
          ),
        );
        continue;
      }
      for (const [i, item] of items.entries()) {
        const at = field.repeated ? `${path}.${i}.` : `${path}.`;
        walk(field.children ?? [], item as FieldObject, at, options, out);
      }
      continue;
    }
    checkScalar(field, value, path, out);
  }
}

function checkScalar(field: FieldDef, value: unknown, path: string, out: ValidationResult): void {
  const tooLong = () =>
    issue(
      path,
      'too_long',
      `"${field.label}" dài quá ${field.length} ký tự`,
      `"${field.labelEn}" exceeds ${field.length} characters`,
    );
  switch (field.type) {
    case 'Number': {
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
        out.issues.push(
          issue(
            path,
            'type',
            `"${field.label}" phải là số nguyên không âm`,
            `"${field.labelEn}" must be a whole number`,
          ),
        );
        return;
      }
      if (field.length !== undefined && String(value).length > field.length) out.issues.push(tooLong());
      if (field.tag === 'Priority' && value > PRIORITY_MAX)
        out.issues.push(
          issue(
            path,
            'range',
            'Mức độ khẩn chỉ từ 0 (Thường) đến 4 (Hỏa tốc hẹn giờ)',
            'Priority ranges from 0 (normal) to 4 (flash with deadline)',
          ),
        );
      return;
    }
    case 'Date':
      if (typeof value !== 'string') {
        out.issues.push(...dateIssues(String(value), path));
        return;
      }
      out.issues.push(...dateIssues(value, path));
      return;
    default: {
      if (typeof value !== 'string') {
        out.issues.push(
          issue(path, 'type', `"${field.label}" phải là chuỗi ký tự`, `"${field.labelEn}" must be text`),
        );
        return;
      }
      if (field.length !== undefined && value.length > field.length) out.issues.push(tooLong());
      identifierChecks(field, value, path, out);
    }
  }
}

/** Identifier fields get their own format checks on top of the length. */
function identifierChecks(field: FieldDef, value: string, path: string, out: ValidationResult): void {
  switch (field.tag) {
    case 'OrganId': {
      const check = checkOrganId(value, 'lenient', path);
      (check.ok ? out.warnings : out.issues).push(...check.issues);
      return;
    }
    case 'FileNotation':
      out.issues.push(...fileNotationIssues(value, path));
      return;
    case 'CodeNumber':
      out.issues.push(...codeNumberIssues(value, path));
      return;
    case 'CodeNotation':
      out.issues.push(...codeNotationIssues(value, path));
      return;
  }
}

/** A new form value with the catalogue defaults (Ngôn ngữ = Tiếng Việt, Priority = 0). */
export function defaultsOf(catalogue: Catalogue): FieldObject {
  const out: FieldObject = {};
  for (const f of catalogue.fields) if (f.defaultValue !== undefined) out[f.tag] = f.defaultValue;
  return out;
}
