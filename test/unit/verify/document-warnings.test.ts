import { describe, expect, it } from 'vitest';
import type { PdfReader } from '../../../daemon/src/pdf/reader/index.js';
import { documentWarnings } from '../../../daemon/src/verify/document-warnings.js';
import type { SignatureReport } from '../../../daemon/src/verify/types.js';

/** A signature report with only what the overlap check reads: field, role, page and widget box. */
function report(
  field: string,
  role: SignatureReport['role'],
  rect: SignatureReport['rect'],
): SignatureReport {
  return { field, role, page: 1, rect, warnings: [] } as unknown as SignatureReport;
}

// No field list: the per-field checks (image, certificate kind) never touch the reader.
const reader = {} as PdfReader;
const overlaps = (reports: SignatureReport[]) =>
  documentWarnings(reader, [], reports, [], reports.length).filter((w) => /overlap/.test(w));

describe('document warnings: overlapping signature widgets', () => {
  it('says nothing when the seal covers the approver, as Điều 10.1b requires', () => {
    const approver = report('CaNhan', 'approver', [300, 100, 150, 60]);
    const seal = report('CoQuan', 'seal', [260, 80, 100, 100]);
    expect(overlaps([approver, seal])).toEqual([]);
    expect(seal.warnings).toEqual([]);
  });

  it('still names other overlapping widgets', () => {
    const approver = report('CaNhan', 'approver', [300, 100, 150, 60]);
    const copy = report('BanSao', 'copy', [260, 80, 100, 100]);
    expect(overlaps([approver, copy])).toEqual(['the widgets of CaNhan and BanSao overlap']);
    const second = report('CaNhan2', 'approver', [320, 110, 150, 60]);
    expect(overlaps([approver, second])).toEqual(['the widgets of CaNhan and CaNhan2 overlap']);
  });
});
