/** One problem found in a form value, with the message in both UI languages. */
export interface FieldIssue {
  /** Dotted tag path, with list indexes: "To.0.OrganId". */
  path: string;
  code:
    | 'required'
    | 'too_long'
    | 'type'
    | 'date'
    | 'range'
    | 'system_field'
    | 'unknown_field'
    | 'identifier'
    | 'format';
  vi: string;
  en: string;
}

export const issue = (path: string, code: FieldIssue['code'], vi: string, en: string): FieldIssue => ({
  path,
  code,
  vi,
  en,
});

/** Issues as one line per language (CLI stderr, error details). */
export function describeIssues(issues: FieldIssue[], lang: 'vi' | 'en'): string {
  return issues.map((i) => `${i.path}: ${i[lang]}`).join('; ');
}
