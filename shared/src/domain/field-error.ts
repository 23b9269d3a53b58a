import { errorMessage, type Lang, VanthuError } from '../errors/index.js';
import { describeIssues, type FieldIssue } from './issues.js';

/** FIELD_INVALID carrying every issue, each shown in the caller's language. */
export class FieldValidationError extends VanthuError {
  constructor(readonly issues: FieldIssue[]) {
    super('FIELD_INVALID', describeIssues(issues, 'en'), { issues });
  }

  override localized(lang: Lang): string {
    return `${errorMessage('FIELD_INVALID', lang)}: ${describeIssues(this.issues, lang)}`;
  }
}
