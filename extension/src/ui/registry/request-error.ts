import { toVanthuError } from '@vanthu/shared/errors/index';
import type { FieldIssueView } from '@vanthu/shared/protocol/index';
import { errorLine } from '../../i18n/errors.js';

/** A failed request as the forms show it: one line vi — en, and the field issues of FIELD_INVALID. */
export function requestError(e: unknown): { line: string; issues: FieldIssueView[] | undefined } {
  const err = toVanthuError(e);
  const issues = err.details?.['issues'];
  return { line: errorLine(err), issues: Array.isArray(issues) ? (issues as FieldIssueView[]) : undefined };
}

/** Shows a failed request on a form: its field issues (when any) and the one-line message. */
export function showFailure(
  e: unknown,
  show: { setIssues: (issues: FieldIssueView[]) => void; setError: (line: string) => void },
): void {
  const failed = requestError(e);
  if (failed.issues) show.setIssues(failed.issues);
  show.setError(failed.line);
}
