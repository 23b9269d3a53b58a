import { describe, expect, it } from 'vitest';
import { PdfDict, PdfReader, PdfRef, type SignatureFieldInfo } from '../../../daemon/src/pdf/reader/index.js';
import type { CertInfo } from '../../../daemon/src/trust/certificate.js';
import { documentWarnings } from '../../../daemon/src/verify/document-warnings.js';
import type { SignatureReport } from '../../../daemon/src/verify/types.js';
import { basePdf, formStream, stream } from '../../support/pdf-change-builder.js';

/** A report with what the document checks read: field, role, page and widget box [x, y, w, h]. */
function report(
  field: string,
  role: SignatureReport['role'],
  rect: SignatureReport['rect'] = [0, 0, 0, 0],
  page: number | null = 1,
): SignatureReport {
  return { field, role, page, rect, warnings: [] } as unknown as SignatureReport;
}

/**
 * The base page with fonts embedded-or-not aside: widget 20 draws an image (form 21 holding image
 * 22), widget 23 draws only text (form 24).
 */
const reader = PdfReader.fromBuffer(
  basePdf({
    20: '<< /Type /Annot /Subtype /Widget /AP << /N 21 0 R >> >>',
    21: formStream('q /Im1 Do Q', '[0 0 100 20]', '<< /XObject << /Im1 22 0 R >> >>'),
    22: stream(
      '/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8',
      'x',
    ),
    23: '<< /Type /Annot /Subtype /Widget /AP << /N 24 0 R >> >>',
    24: formStream('BT ET'),
  }),
);
const IMAGE = new PdfRef(20, 0);
const TEXT = new PdfRef(23, 0);

type Widget = SignatureFieldInfo['widgets'][number];
const widget = (ref: PdfRef | undefined, rect: Widget['rect'] = [0, 0, 100, 20]): Widget => ({
  ref,
  rect,
  pageRef: undefined,
});
const field = (name: string, widgets: Widget[], dict = new PdfDict()): SignatureFieldInfo =>
  ({ name, widgets, field: dict }) as unknown as SignatureFieldInfo;
const person = { subject: { CN: 'Trần Văn Minh', O: 'UBND', UID: 'CCCD:001' } } as unknown as CertInfo;
const organisation = { subject: { CN: 'UBND', O: 'UBND', UID: 'MST:0101' } } as unknown as CertInfo;

const warnings = (
  reports: SignatureReport[],
  fields: SignatureFieldInfo[] = [],
  leaves: (CertInfo | undefined)[] = [],
) => documentWarnings(reader, fields, reports, leaves, reports.length).filter((w) => !/fonts/.test(w));

describe('document warnings: the document as a whole', () => {
  it('says a document without signatures has none, and says nothing of one that has', () => {
    expect(documentWarnings(reader, [], [], [], 0)).toContain('no signature / không có chữ ký số');
    expect(documentWarnings(reader, [], [report('A', 'approver')], [], 1)).not.toContain(
      'no signature / không có chữ ký số',
    );
  });

  it('names the unembedded fonts of the signed pages only', () => {
    const fonts = (reports: SignatureReport[]) =>
      documentWarnings(reader, [], reports, [], reports.length).filter((w) => /fonts/.test(w));
    expect(fonts([report('A', 'approver')])).toEqual([
      expect.stringMatching(/^page 1 uses fonts .*Helvetica/),
    ]);
    expect(fonts([report('A', 'approver', [0, 0, 0, 0], null)])).toEqual([]);
  });
});

describe('document warnings: overlapping widgets', () => {
  it('warns on the later signature of an overlapping pair', () => {
    const a = report('A', 'copy', [100, 100, 50, 50]);
    const b = report('B', 'attachment', [140, 140, 50, 50]);
    expect(warnings([a, b])).toEqual(['the widgets of A and B overlap']);
    expect(b.warnings).toEqual(['the widgets of A and B overlap']);
    expect(a.warnings).toEqual([]);
  });

  it('compares every pair, not only neighbours', () => {
    const a = report('A', 'copy', [100, 100, 50, 50]);
    const b = report('B', 'copy', [400, 400, 50, 50]);
    const c = report('C', 'copy', [120, 120, 10, 10]);
    expect(warnings([a, b, c])).toEqual(['the widgets of A and C overlap']);
  });

  it('does not call widgets that only touch overlapping, on either axis and side', () => {
    const a = report('A', 'copy', [100, 100, 50, 50]);
    for (const rect of [
      [150, 100, 50, 50],
      [50, 100, 50, 50],
      [100, 150, 50, 50],
      [100, 50, 50, 50],
    ] as SignatureReport['rect'][]) {
      expect(warnings([a, report('B', 'copy', rect)])).toEqual([]);
    }
    for (const rect of [
      [149, 100, 50, 50],
      [51, 100, 50, 50],
      [100, 149, 50, 50],
      [100, 51, 50, 50],
    ] as SignatureReport['rect'][]) {
      expect(warnings([a, report('B', 'copy', rect)])).toHaveLength(1);
    }
  });

  it('compares widgets on the same page only', () => {
    const a = report('A', 'copy', [100, 100, 50, 50], 1);
    expect(warnings([a, report('B', 'copy', [100, 100, 50, 50], 2)])).toEqual([]);
    expect(
      warnings([
        report('A', 'copy', [100, 100, 50, 50], null),
        report('B', 'copy', [100, 100, 50, 50], null),
      ]),
    ).toEqual([]);
  });

  it('lets only a seal cover an approver', () => {
    const box: SignatureReport['rect'] = [100, 100, 50, 50];
    expect(warnings([report('A', 'approver', box), report('B', 'seal', box)])).toEqual([]);
    expect(warnings([report('A', 'seal', box), report('B', 'seal', box)])).toHaveLength(1);
    expect(warnings([report('A', 'approver', box), report('B', 'approver', box)])).toHaveLength(1);
  });
});

describe('document warnings: signing order', () => {
  it('warns when an organisation signature comes before the first person signature', () => {
    const seal = report('CoQuan', 'seal');
    const approver = report('CaNhan', 'approver');
    const line = 'the organisation signature CoQuan precedes the person signature CaNhan';
    expect(warnings([report('X', 'unknown'), seal, approver])).toEqual([line]);
    expect(seal.warnings).toEqual([line]);
    expect(approver.warnings).toEqual([]);
  });

  it('accepts the person first, and an organisation signature with no person at all', () => {
    expect(warnings([report('CaNhan', 'approver'), report('CoQuan', 'seal')])).toEqual([]);
    expect(warnings([report('CoQuan', 'seal')])).toEqual([]);
    expect(warnings([report('CaNhan', 'approver')])).toEqual([]);
  });

  it('counts copies and attachments as the organisation, an incoming-document stamp not', () => {
    expect(warnings([report('BanSao', 'copy'), report('CaNhan', 'approver')])).toHaveLength(1);
    expect(warnings([report('DinhKem', 'attachment'), report('CaNhan', 'approver')])).toHaveLength(1);
    expect(warnings([report('Den', 'income'), report('CaNhan', 'approver')])).toEqual([]);
  });

  it('names the first organisation and the first person signature', () => {
    const reports = [
      report('Den', 'income'),
      report('CoQuan', 'seal'),
      report('BanSao', 'copy'),
      report('CaNhan', 'approver'),
      report('CaNhan2', 'approver'),
    ];
    expect(warnings(reports)).toEqual([
      'the organisation signature CoQuan precedes the person signature CaNhan',
    ]);
  });
});

describe('document warnings: each signature’s kind', () => {
  const approverWarnings = (fields: SignatureFieldInfo[], leaves: (CertInfo | undefined)[] = []) => {
    const r = report('CaNhan', 'approver');
    warnings([r], fields, leaves);
    return r.warnings;
  };
  const NO_IMAGE = 'approver signature without a signature image';

  it('wants an image in the approver’s widget', () => {
    expect(approverWarnings([field('CaNhan', [widget(IMAGE)])])).toEqual([]);
    expect(approverWarnings([field('CaNhan', [widget(TEXT)])])).toEqual([NO_IMAGE]);
  });

  it('looks at the first widget with a width, else at the field itself', () => {
    expect(approverWarnings([field('CaNhan', [widget(IMAGE, [100, 0, 100, 20]), widget(TEXT)])])).toEqual([
      NO_IMAGE,
    ]);
    expect(approverWarnings([field('CaNhan', [widget(IMAGE, [200, 0, 100, 20]), widget(TEXT)])])).toEqual([
      NO_IMAGE,
    ]);
    expect(approverWarnings([field('CaNhan', [widget(TEXT, [100, 0, 100, 20]), widget(IMAGE)])])).toEqual([]);
    const imageField = reader.dict(IMAGE)!;
    expect(approverWarnings([field('CaNhan', [widget(TEXT, [0, 0, 0, 20])], imageField)])).toEqual([]);
    expect(approverWarnings([field('CaNhan', [widget(undefined)], imageField)])).toEqual([]);
    expect(approverWarnings([field('CaNhan', [])])).toEqual([NO_IMAGE]);
  });

  it('matches fields to reports by name, and leaves to fields by position', () => {
    const fields = [field('Other', [widget(TEXT)]), field('CaNhan', [widget(IMAGE)])];
    expect(approverWarnings(fields, [organisation, person])).toEqual([]);
    expect(approverWarnings(fields, [person, organisation])).toEqual([
      'approver signature made with an organisation certificate',
    ]);
  });

  it('wants a person’s certificate for an approver, the organisation’s for a seal', () => {
    const image = [field('CaNhan', [widget(IMAGE)])];
    expect(approverWarnings(image, [person])).toEqual([]);
    expect(approverWarnings(image, [organisation])).toEqual([
      'approver signature made with an organisation certificate',
    ]);
    expect(approverWarnings(image, [undefined])).toEqual([]);
    const seal = (leaf: CertInfo | undefined) => {
      const r = report('CoQuan', 'seal');
      warnings([r], [field('CoQuan', [widget(TEXT)])], [leaf]);
      return r.warnings;
    };
    expect(seal(organisation)).toEqual([]);
    expect(seal(person)).toEqual(['seal signature made with a personal certificate']);
    expect(seal(undefined)).toEqual([]);
  });

  it('checks neither image nor certificate of other roles', () => {
    const r = report('BanSao', 'copy');
    warnings([r], [field('BanSao', [widget(TEXT)])], [person]);
    expect(r.warnings).toEqual([]);
  });
});
