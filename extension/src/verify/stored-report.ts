import type { VerifyResult } from '@vanthu/shared/protocol/index';

/** storage.session key of a verification report, by the document's SHA-256 (the badge cache). */
export const reportKey = (sha256: string) => `report:${sha256}`;
/** storage.session key holding the SHA-256 of the report the side panel shows. */
export const CURRENT_REPORT_KEY = 'report:current';

export interface StoredReport {
  readonly url: string;
  /** The document's name (Content-Disposition, else the URL), as the signing window names it. */
  readonly name?: string;
  readonly checkedAt: string;
  readonly report: VerifyResult;
}
