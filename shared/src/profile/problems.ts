import type { z } from 'zod';

/** One thing wrong with a profile: where (a JSON path such as `registration.fields.Subject`) and why. */
export interface ProfileProblem {
  readonly path: string;
  readonly vi: string;
  readonly en: string;
}

type Issue = z.core.$ZodIssue;

/** The schema's own refinements and patterns, named by the message they carry. */
const NAMED: Readonly<Record<string, { vi: string; en: string }>> = {
  selector: { vi: 'bộ chọn CSS không hợp lệ', en: 'not a valid CSS selector' },
  'page template': {
    vi: 'phải là đường dẫn trên chính cổng, bắt đầu bằng "/" (không được trỏ sang địa chỉ khác hay javascript:), chỗ giữ chỗ dạng {thuộc_tính}',
    en: 'must be a path on the portal itself, starting with "/" (no other origin, no javascript:), placeholders as {attribute}',
  },
  'match pattern': {
    vi: 'mẫu địa chỉ không hợp lệ (dạng https://máy/*)',
    en: 'not a match pattern (https://host/*)',
  },
  'attribute name': { vi: 'tên thuộc tính không hợp lệ', en: 'not an attribute name' },
  'regular expression': { vi: 'biểu thức chính quy không hợp lệ', en: 'not a valid regular expression' },
  'template: {Tag} placeholders naming registration tags': {
    vi: 'mẫu phải dùng {Thẻ} là các trường vào sổ',
    en: 'template placeholders must name registration tags',
  },
  'URL template: {attribute} placeholders with attribute names': {
    vi: 'mẫu địa chỉ phải dùng {thuộc_tính} là tên thuộc tính',
    en: 'URL template placeholders must be attribute names',
  },
};

const TYPE_VI: Readonly<Record<string, string>> = {
  string: 'chuỗi',
  number: 'số',
  boolean: 'true hoặc false',
  array: 'mảng',
  object: 'đối tượng',
  record: 'đối tượng',
};

/** `documents.row`, `matches[0]`; the root is named "(gốc)" / "(root)" by the caller. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path
    .map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i === 0 ? '' : '.'}${String(k)}`))
    .join('');
}

/** The value at an issue's path in what was checked (zod does not keep the input in its issues). */
function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function explain(issue: Issue, input: unknown): { vi: string; en: string } {
  const named = NAMED[issue.message];
  if (named) return named;
  switch (issue.code) {
    case 'unrecognized_keys':
      return {
        vi: `khóa không có trong lược đồ: ${issue.keys.join(', ')}`,
        en: `unknown key: ${issue.keys.join(', ')}`,
      };
    case 'invalid_type':
      return valueAt(input, issue.path) === undefined
        ? { vi: 'thiếu (bắt buộc)', en: 'missing (required)' }
        : {
            vi: `phải là ${TYPE_VI[issue.expected] ?? issue.expected}`,
            en: `must be ${issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}`,
          };
    case 'too_small':
      return issue.origin === 'array'
        ? { vi: `cần ít nhất ${issue.minimum} mục`, en: `needs at least ${issue.minimum} items` }
        : issue.minimum === 1
          ? { vi: 'không được để trống', en: 'must not be empty' }
          : { vi: `quá ngắn (ít nhất ${issue.minimum})`, en: `too short (at least ${issue.minimum})` };
    case 'too_big':
      return { vi: `quá dài (tối đa ${issue.maximum})`, en: `too long (at most ${issue.maximum})` };
    case 'invalid_value':
      return {
        vi: `phải là một trong: ${issue.values.map(String).join(', ')}`,
        en: `must be one of: ${issue.values.map(String).join(', ')}`,
      };
    case 'invalid_union':
      return { vi: 'không khớp dạng nào được phép', en: 'matches none of the allowed forms' };
    case 'invalid_key':
      return { vi: 'tên khóa không được phép', en: 'key not allowed' };
    case 'invalid_format':
      return { vi: 'sai định dạng', en: 'wrong format' };
    default:
      return { vi: 'giá trị không hợp lệ', en: 'invalid value' };
  }
}

/** Zod's issues about `input` as problems said in Vietnamese and English, each with its JSON path. */
export function profileProblems(issues: readonly Issue[], input: unknown): ProfileProblem[] {
  return issues.map((issue) => ({ path: jsonPath(issue.path), ...explain(issue, input) }));
}
