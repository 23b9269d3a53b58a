import { describe, expect, it } from 'vitest';
import { fieldsFromEdxml } from '../../../daemon/src/registry/prefill/edxml-fields.js';
import { prefillRegistration } from '../../../daemon/src/registry/prefill/index.js';
import { fieldsFromSignatures } from '../../../daemon/src/registry/prefill/signature-fields.js';
import { fieldsFromText } from '../../../daemon/src/registry/prefill/text-fields.js';
import type { EdocHeader } from '../../../daemon/src/exchange/edxml/types.js';
import { contentInflateBomb } from '../../support/content-bomb.js';
import { renderPdf, SEED } from '../../support/portal/documents.js';

const decision = [
  'ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'THÀNH PHỐ CẦN THƠ Độc lập - Tự do - Hạnh phúc',
  'Số: 87/QĐ-UBND Cần Thơ, ngày 28 tháng 10 năm 2026',
  'QUYẾT ĐỊNH',
  'Về việc giao chỉ tiêu kế hoạch năm 2027',
  'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;',
];

describe('registration prefill', () => {
  it('reads số, ký hiệu, ngày, tên loại and trích yếu from the text of a decision', () => {
    expect(fieldsFromText(decision)).toEqual({
      CodeNumber: '87',
      CodeNotation: 'QĐ-UBND',
      IssuedDate: '2026-10-28',
      TypeName: 'Quyết định',
      Subject: 'Về việc giao chỉ tiêu kế hoạch năm 2027',
    });
  });

  it('keeps a wrapped trích yếu whole, and dates the document from the line under the quốc hiệu', () => {
    const draft = [
      'ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      // The text layer may give a date cited in the body before the header's own date line.
      'Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 19 tháng 6 năm 2015;',
      'THÀNH PHỐ CẦN THƠ Độc lập - Tự do - Hạnh phúc',
      'Số: /QĐ-UBND Cần Thơ, ngày 07 tháng 12 năm 2026',
      'QUYẾT ĐỊNH',
      'Về việc ban hành Quy chế công tác văn thư của Ủy ban nhân dân thành phố Cần',
      'Thơ',
      '________',
      'CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ',
    ];
    expect(fieldsFromText(draft)).toMatchObject({
      IssuedDate: '2026-12-07',
      Subject: 'Về việc ban hành Quy chế công tác văn thư của Ủy ban nhân dân thành phố Cần Thơ',
    });
    // A date cited in the body alone is not the document's date.
    expect(
      fieldsFromText(['QUYẾT ĐỊNH', 'Về việc X', 'Căn cứ Luật Y ngày 19 tháng 6 năm 2015;']),
    ).not.toHaveProperty('IssuedDate');
  });

  it('takes the V/v line of an official letter, and only the notation of an unnumbered draft', () => {
    const letter = ['Số:      /UBND-VP', 'V/v triển khai văn bản điện tử', 'Kính gửi: Sở Nội vụ'];
    expect(fieldsFromText(letter)).toEqual({
      CodeNotation: 'UBND-VP',
      Subject: 'V/v triển khai văn bản điện tử',
    });
    expect(fieldsFromText(['Điều 1. Nội dung'])).toEqual({});
  });

  it('uses the approver as signer, the seal organisation as issuer and its Vietnam date', () => {
    const base = {
      subFilter: null,
      timestamp: null,
      indication: 'TOTAL_PASSED' as const,
      subIndication: null,
      coverage: 'ENTIRE_FILE' as const,
      modificationsAfter: 'NONE' as const,
      chain: 'TRUSTED' as const,
      revocation: 'GOOD' as const,
      page: 1,
      rect: null,
      warnings: [],
    };
    const fields = fieldsFromSignatures([
      {
        ...base,
        field: 'CaNhan',
        role: 'approver',
        integrity: true,
        signingTime: '2026-10-28T08:00:00Z',
        signer: { commonName: 'Nguyễn Thị Lan', organization: 'UBND' },
      },
      {
        ...base,
        field: 'CoQuan',
        role: 'seal',
        integrity: true,
        signingTime: '2026-10-28T18:30:00Z',
        signer: { commonName: 'UBND', organization: 'Ủy ban nhân dân thành phố Cần Thơ' },
      },
      {
        ...base,
        field: 'X',
        role: 'approver',
        integrity: false,
        signingTime: null,
        signer: { commonName: 'Kẻ giả mạo' },
      },
    ]);
    expect(fields).toEqual({
      SignerInfo: { FullName: 'Nguyễn Thị Lan' },
      OrganName: 'Ủy ban nhân dân thành phố Cần Thơ',
      IssuedDate: '2026-10-29',
    });
  });

  it('maps the edXML header and lets it win over the PDF text', async () => {
    const header = {
      from: { organId: '000.00.00.H23', organName: 'Ủy ban nhân dân thành phố Cần Thơ' },
      to: [],
      documentId: '000.00.00.H23,2026/10/28,87/QĐ-UBND',
      codeNumber: '87',
      codeNotation: 'QĐ-UBND',
      place: 'Cần Thơ',
      promulgationDate: '2026/10/28',
      documentType: { type: 1, typeName: 'Quyết định' },
      subject: 'Về việc giao chỉ tiêu (theo gói tin)',
      signerInfo: { position: 'Chủ tịch', fullName: 'Nguyễn Thị Lan' },
      toPlaces: [],
      priority: 2,
      responseFor: [],
      bussiness: { bussinessDocType: 0 },
      traces: [],
    } as unknown as EdocHeader;
    expect(fieldsFromEdxml(header)).toMatchObject({
      SignerInfo: { Position: 'Chủ tịch', FullName: 'Nguyễn Thị Lan' },
      Priority: 2,
    });
    const seed = SEED.find((d) => d.id === 'den-001')!;
    const result = await prefillRegistration({ kind: 'incoming', pdf: await renderPdf(seed), header });
    expect(result.fields).toMatchObject({
      CodeNumber: '87',
      CodeNotation: 'QĐ-UBND',
      IssuedDate: '2026-10-28',
      Subject: 'Về việc giao chỉ tiêu (theo gói tin)',
      OrganName: 'Ủy ban nhân dân thành phố Cần Thơ',
    });
    expect(result.sources['Subject']).toBe('edxml');
    expect(result.documentId).toBe(header.documentId);
  }, 60_000);

  it('reads the portal PDF alone and leaves out system fields and what is not a PDF', async () => {
    const seed = SEED.find((d) => d.id === 'den-001')!;
    const result = await prefillRegistration({ kind: 'incoming', pdf: await renderPdf(seed) });
    expect(result.fields).toMatchObject({
      CodeNumber: '87',
      CodeNotation: 'QĐ-UBND',
      IssuedDate: '2026-10-28',
      TypeName: 'Quyết định',
    });
    expect(result.fields['Subject']).toMatch(/^Về việc giao chỉ tiêu/);
    expect(Object.values(result.sources).every((s) => s === 'text')).toBe(true);
    const junk = await prefillRegistration({ kind: 'incoming', pdf: new TextEncoder().encode('not a pdf') });
    expect(junk.fields).toEqual({});
    expect(junk.notes[0]).toMatch(/not a readable PDF/);
  }, 60_000);

  it('notes an inflate bomb in the first page and still fills from the edXML header', async () => {
    const header = {
      from: { organId: '000.00.00.H23', organName: 'Ủy ban nhân dân thành phố Cần Thơ' },
      to: [],
      documentId: '000.00.00.H23,2026/10/28,87/QĐ-UBND',
      codeNumber: '87',
      codeNotation: 'QĐ-UBND',
      promulgationDate: '2026/10/28',
      documentType: { type: 1, typeName: 'Quyết định' },
      subject: 'Về việc giao chỉ tiêu',
      toPlaces: [],
      responseFor: [],
      bussiness: { bussinessDocType: 0 },
      traces: [],
    } as unknown as EdocHeader;
    const result = await prefillRegistration({
      kind: 'incoming',
      pdf: await contentInflateBomb(1100),
      header,
    });
    expect(result.notes.join('\n')).toContain(
      "the first page's text could not be read: Malformed PDF: object 5: stream decodes to more than 64 MiB",
    );
    expect(result.fields).toMatchObject({ CodeNumber: '87', Subject: 'Về việc giao chỉ tiêu' });
  }, 60_000);
});
