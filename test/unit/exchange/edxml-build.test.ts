import { describe, expect, it } from 'vitest';
import { buildEdoc, buildStatus } from '../../../daemon/src/exchange/edxml/build.js';
import { EDXML_NS, STATUS_CODES, type StatusCode } from '../../../daemon/src/exchange/edxml/constants.js';
import { buildDocumentId, parseDocumentId } from '../../../daemon/src/exchange/edxml/document-id.js';
import { parseEdxml } from '../../../daemon/src/exchange/edxml/parse.js';
import { sampleAttachment, sampleHeader } from '../../support/axis/samples.js';

const A = '000.00.00.G22';
const B = '000.00.09.H13';

describe('edXML strict writing', () => {
  it('writes the namespace, the edXML: prefix, Bussiness and the attachment quirk', () => {
    const xml = buildEdoc(sampleHeader(A, [B]), [sampleAttachment()]);
    expect(xml).toContain(`<edXML:edXML xmlns:edXML="${EDXML_NS}">`);
    expect(xml).toContain('<edXML:Bussiness><edXML:BussinessDocType>0</edXML:BussinessDocType>');
    expect(xml).not.toContain('Business>');
    expect(xml).toContain('<edXML:ContentId>cid:vb1</edXML:ContentId>');
    expect(xml).toMatch(
      /<edXML:Attachment><ContentId>cid:vb1<\/ContentId>.*<edXML:ContentTransferEncoded>JVBER/,
    );
  });

  it('round-trips a document, a recall, an update and a replacement', () => {
    const kinds = [
      sampleHeader(A, [B], 1),
      sampleHeader(A, [B], 2, {
        bussiness: {
          bussinessDocType: 1,
          documentId: `${A},2026/11/24,1/UBND-VP`,
          bussinessDocReason: 'Sai thể thức',
        },
      }),
      sampleHeader(A, [B], 3, {
        bussiness: { bussinessDocType: 2, documentId: `${A},2026/11/24,1/UBND-VP` },
      }),
      sampleHeader(A, [B], 4, {
        bussiness: {
          bussinessDocType: 3,
          documentId: `${A},2026/11/24,1/UBND-VP`,
          replacementInfoList: [{ documentId: `${A},2026/11/24,1/UBND-VP`, organIds: [B] }],
        },
      }),
    ];
    for (const h of kinds) {
      const p = parseEdxml(buildEdoc(h, [sampleAttachment()], { zipAttachments: h.codeNumber === '2' }));
      if (p.kind !== 'edoc') throw new Error('expected a document');
      expect(p.warnings).toEqual([]);
      expect(p.header.bussiness).toEqual(h.bussiness);
      expect(p.header.documentId).toBe(h.documentId);
      expect(p.attachments[0]!.data).toEqual(sampleAttachment().data);
    }
  });

  it('round-trips every status code', () => {
    for (const code of Object.keys(STATUS_CODES) as StatusCode[]) {
      const s = {
        responseFor: {
          organId: A,
          code: '1/UBND-VP',
          promulgationDate: '2026/11/24',
          documentId: `${A},2026/11/24,1/UBND-VP`,
        },
        from: { organId: B, organName: 'Sở Nội vụ' },
        statusCode: code,
        timestamp: '2026/11/24 09:00:00',
        ...(code === '02' ? { description: 'Sai nơi nhận' } : {}),
      };
      const p = parseEdxml(buildStatus(s));
      if (p.kind !== 'status') throw new Error('expected status');
      expect(p.status).toEqual(s);
      expect(p.warnings).toEqual([]);
    }
  });

  it('refuses what it must not write', () => {
    const ref = {
      organId: A,
      code: '1/X',
      promulgationDate: '2026/11/24',
      documentId: `${A},2026/11/24,1/X`,
    };
    expect(() =>
      buildStatus({
        responseFor: ref,
        from: { organId: B },
        statusCode: '02',
        timestamp: '2026/11/24 09:00:00',
      }),
    ).toThrow(expect.objectContaining({ code: 'EDXML_INVALID' }));
    expect(() => buildEdoc(sampleHeader(A, [B], 1, { securityLevel: 'Mật' }), [])).toThrow(
      expect.objectContaining({ code: 'SECRET_DOCUMENT_REFUSED' }),
    );
    expect(() => buildEdoc(sampleHeader(A, [B, B]), [])).toThrow(
      expect.objectContaining({ code: 'EDXML_INVALID' }),
    );
    expect(() => buildEdoc(sampleHeader(A, [B], 1, { documentId: `${A},2026-11-24,1/UBND-VP` }), [])).toThrow(
      /yyyy\/MM\/dd/,
    );
    expect(() => buildEdoc(sampleHeader(A, [B], 1, { subject: 'x'.repeat(501) }), [])).toThrow(/Subject/);
    expect(() => buildEdoc(sampleHeader(A, [B], 1, { priority: 9 as 0 }), [])).toThrow(/Priority/);
    expect(() =>
      buildEdoc(sampleHeader(A, [B], 1, { bussiness: { bussinessDocType: 1, documentId: 'x' } }), []),
    ).toThrow(/reason/);
    // Irregular but real agency codes are warned about, never refused.
    expect(() =>
      buildEdoc(sampleHeader('H37.DN.001', [B], 1, { documentId: 'H37.DN.001,2026/11/24,1/UBND-VP' }), []),
    ).not.toThrow();
  });

  it('builds and reads DocumentId', () => {
    expect(buildDocumentId(A, '2015/09/30', '7816', 'VPCP-TTĐT')).toBe(
      '000.00.00.G22,2015/09/30,7816/VPCP-TTĐT',
    );
    expect(parseDocumentId('000.00.00.G22,2015/09/30,7816/VPCP-TTĐT')).toMatchObject({
      codeNumber: '7816',
      codeNotation: 'VPCP-TTĐT',
      oddDate: false,
    });
    expect(parseDocumentId('000.00.00.G22,2015-09-30,7816/VPCP')?.oddDate).toBe(true);
    expect(parseDocumentId('nonsense')).toBeUndefined();
  });
});

describe('large packages', () => {
  it('round-trips a 10 MiB PDF and refuses the same package under a smaller cap', () => {
    const big = new Uint8Array(10 * 1024 * 1024);
    big.set(Buffer.from('%PDF-1.7\n'));
    for (let i = 9; i < big.length; i++) big[i] = (i * 7) & 0xff;
    const xml = buildEdoc(sampleHeader(A, [B]), [
      { contentId: 'big', name: 'big.pdf', contentType: 'application/pdf', data: big },
    ]);
    const p = parseEdxml(xml);
    if (p.kind !== 'edoc') throw new Error('expected a document');
    expect(Buffer.compare(Buffer.from(p.attachments[0]!.data), Buffer.from(big))).toBe(0);
    expect(() => parseEdxml(xml, { maxPackageBytes: 8 * 1024 * 1024 })).toThrow(
      expect.objectContaining({ code: 'EDXML_TOO_LARGE' }),
    );
  });
});
