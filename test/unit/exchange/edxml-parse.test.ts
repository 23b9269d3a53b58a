import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEdxml } from '../../../daemon/src/exchange/edxml/parse.js';
import { validateEdxml } from '../../../daemon/src/exchange/edxml/validate.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/edxml/${name}`, import.meta.url));
const paths = (ws: { path: string }[]) => ws.map((w) => w.path);

describe('edXML lenient reading', () => {
  it('reads the valid sample with no warnings', () => {
    const p = parseEdxml(fixture('valid-document.xml'));
    expect(p.kind).toBe('edoc');
    if (p.kind !== 'edoc') return;
    expect(p.warnings).toEqual([]);
    expect(p.header.documentId).toBe('000.00.00.G22,2015/09/30,7816/VPCP-TTĐT');
    expect(p.header.from.organName).toBe('Văn phòng Chính phủ');
    expect(p.header.to.map((t) => t.organId)).toEqual(['000.00.09.H13']);
    expect(p.header.priority).toBe(1);
    expect(p.header.steeringType).toBe(1);
    expect(p.header.toPlaces).toEqual(['Như trên', 'Lưu: VT, TTĐT']);
    expect(p.header.bussiness.bussinessDocType).toBe(0);
    expect(p.header.traces[0]).toEqual({ organId: '000.00.00.G22', timestamp: '2015/09/30 10:15:00' });
    expect(p.attachments).toHaveLength(1);
    expect(p.attachments[0]!.contentId).toBe('vb7816');
    expect(p.attachments[0]!.contentType).toBe('application/pdf');
    expect(Buffer.from(p.attachments[0]!.data).toString('latin1').startsWith('%PDF-1.4')).toBe(true);
    expect(validateEdxml(fixture('valid-document.xml')).ok).toBe(true);
  });

  it('tolerates odd prefixes, Business, other date forms, bad priority, unknown elements — with warnings', () => {
    const p = parseEdxml(fixture('odd-prefixes.xml'));
    if (p.kind !== 'edoc') throw new Error('expected a document');
    expect(p.header.from.organId).toBe('000.00.00.H41');
    expect(p.header.promulgationDate).toBe('2024/03/05');
    expect(p.header.priority).toBe(0);
    expect(p.header.traces[0]!.timestamp).toBe('2024/03/05 08:00:00');
    expect(p.attachments[0]!.contentId).toBe('bc12');
    expect(p.attachments[0]!.contentType).toBe('application/pdf');
    const w = paths(p.warnings);
    expect(w).toContain('TraceHeaderList/Bussiness');
    expect(w).toContain('MessageHeader/OtherInfo/Priority');
    expect(w).toContain('MessageHeader/PromulgationInfo/PromulgationDate');
    expect(w).toContain('MessageHeader/DocumentId');
    expect(w).toContain('MessageHeader/PortalTrackingNumber');
    expect(w).toContain('AttachmentEncoded/Attachment[1]/ContentType');
    expect(p.unknownElements.map((u) => u.path)).toEqual(['MessageHeader/PortalTrackingNumber']);
    expect(p.unknownElements[0]!.xml).toContain('QLVB-88812');
    expect(p.warnings.find((x) => x.path === 'TraceHeaderList/Bussiness')!.message).toMatch(/Business/);
  });

  it('unwraps ZIP attachments and sniffs the inner type', () => {
    const p = parseEdxml(fixture('zipped-attachment.xml'));
    if (p.kind !== 'edoc') throw new Error('expected a document');
    expect(p.attachments).toHaveLength(1);
    expect(p.attachments[0]).toMatchObject({
      contentId: 'vb7816',
      name: 'qd-15.pdf',
      contentType: 'application/pdf',
      zipped: true,
    });
  });

  it('refuses a zip bomb', () => {
    expect(() => parseEdxml(fixture('zip-bomb.xml'))).toThrow(
      expect.objectContaining({ code: 'EDXML_TOO_LARGE' }),
    );
  });

  it('reports every missing field with its path', () => {
    const report = validateEdxml(fixture('missing-fields.xml'));
    expect(report.ok).toBe(false);
    const w = paths(report.warnings);
    for (const p of [
      'MessageHeader/To',
      'MessageHeader/Subject',
      'MessageHeader/Code/CodeNotation',
      'MessageHeader/PromulgationInfo/PromulgationDate',
      'edXMLHeader/TraceHeaderList',
      'MessageHeader/DocumentId',
      'edXMLManifest/Reference',
    ])
      expect(w).toContain(p);
    expect(paths(report.errors)).toEqual(
      expect.arrayContaining(['MessageHeader/To', 'MessageHeader/Subject', 'MessageHeader/DocumentId']),
    );
  });

  it('reads status "2" as 02 and flags the missing reason', () => {
    const report = validateEdxml(fixture('status-refused-no-reason.xml'));
    expect(report.kind).toBe('status');
    if (report.parsed?.kind !== 'status') throw new Error('expected status');
    expect(report.parsed.status.statusCode).toBe('02');
    expect(report.parsed.status.timestamp).toBe('2015/09/30 14:02:11');
    expect(paths(report.warnings)).toEqual(
      expect.arrayContaining(['MessageStatus/StatusCode', 'MessageStatus/Description']),
    );
    expect(report.ok).toBe(false);
    expect(paths(report.errors)).toContain('MessageStatus/Description');
  });

  it('refuses malformed XML, DOCTYPE/entities, huge input and secret documents', () => {
    expect(() => parseEdxml(fixture('malformed.xml'))).toThrow(
      expect.objectContaining({ code: 'EDXML_MALFORMED' }),
    );
    expect(() => parseEdxml(fixture('doctype-entities.xml'))).toThrow(
      expect.objectContaining({ code: 'EDXML_MALFORMED' }),
    );
    expect(() => parseEdxml('<a>not edxml</a>')).toThrow(
      expect.objectContaining({ code: 'EDXML_MALFORMED' }),
    );
    expect(() => parseEdxml('')).toThrow(expect.objectContaining({ code: 'EDXML_MALFORMED' }));
    expect(() => parseEdxml(fixture('valid-document.xml'), { maxPackageBytes: 1000 })).toThrow(
      expect.objectContaining({ code: 'EDXML_TOO_LARGE' }),
    );
    expect(() => parseEdxml(fixture('secret-document.xml'))).toThrow(
      expect.objectContaining({ code: 'SECRET_DOCUMENT_REFUSED' }),
    );
    expect(validateEdxml(fixture('malformed.xml')).refused?.code).toBe('EDXML_MALFORMED');
  });
});
