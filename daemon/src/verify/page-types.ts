import type { PdfDict, PdfObject } from '../pdf/reader/index.js';

/**
 * Records a finding; `page` (1-based) when it is about what one page shows; `validation` when an
 * allowed change is one even a P=1 certification allows (validation data, document timestamps,
 * the structure around them).
 */
export type Raise = (
  to: 'SIGNATURES_AND_FORMS' | 'ANNOTATIONS' | 'OTHER',
  line: string,
  page?: number,
  validation?: boolean,
) => undefined;

export interface PageAt {
  ref: PdfObject | undefined;
  dict: PdfDict;
  /** Attributes the page takes from its ancestors (those it does not set itself). */
  inherited: Map<string, PdfObject>;
}

/** A page attribute, its own or inherited. */
export function attr(page: PageAt, key: string): PdfObject | undefined {
  return page.dict.get(key) ?? page.inherited.get(key);
}
