import { describe, expect, it } from 'vitest';
import {
  appendRevision,
  basePdf,
  changesOf,
  sigDict,
  signedPdf,
  stream,
  widget,
} from '../../../support/pdf-change-builder.js';

/**
 * changes.ts, objects rewritten in place after signing: the Info dictionary, the catalog's
 * /Metadata and /DSS (allowed, even under a P=1 certification), cross-reference and object streams
 * (skipped: what they list is checked entry by entry), and every other object (OTHER).
 */

const CATALOG = '/Type /Catalog /Pages 2 0 R /AcroForm 6 0 R';
const WITH_INFO = '/Root 1 0 R /Info 12 0 R';
const P1 =
  '/Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P 1 /V /1.2 >> >>]';

/** Signed in revision 1 with an Info dictionary (12), metadata (13) and DSS (14); `certify` adds /Perms. */
function signedWithLandmarks(certify = false): Buffer {
  const catalog = `<< ${CATALOG} /Metadata 13 0 R /DSS 14 0 R${certify ? ' /Perms << /DocMDP 11 0 R >>' : ''} >>`;
  return appendRevision(
    basePdf({
      1: catalog,
      12: '<< /Producer (vanthu) >>',
      13: stream('/Type /Metadata /Subtype /XML', '<x:xmpmeta/>'),
      14: '<< /Certs [] >>',
    }),
    {
      7: '[10 0 R]',
      9: '[10 0 R]',
      10: widget({ ft: 'Sig', t: 'CaNhan', v: '11 0 R' }),
      11: sigDict(certify ? P1 : ''),
    },
    { trailer: WITH_INFO },
  );
}

describe('landmarks rewritten in place', () => {
  it.each([
    ['the Info dictionary', { 12: '<< /Producer (vanthu) /ModDate (D:20260101000000Z) >>' }],
    ['the metadata stream', { 13: stream('/Type /Metadata /Subtype /XML', '<x:xmpmeta>2</x:xmpmeta>') }],
    ['the DSS', { 14: '<< /Certs [] /OCSPs [] >>' }],
  ])('%s may change, even on a document certified with P=1', (_what, objects) => {
    for (const certify of [false, true]) {
      const report = changesOf(appendRevision(signedWithLandmarks(certify), objects, { trailer: WITH_INFO }));
      expect(report).toMatchObject({ level: 'SIGNATURES_AND_FORMS', findings: [] });
    }
  });

  it('an object that is no landmark, changed, is OTHER', () => {
    const report = changesOf(
      appendRevision(
        signedWithLandmarks(),
        { 8: '<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>' },
        {
          trailer: WITH_INFO,
        },
      ),
    );
    expect(report.level).toBe('OTHER');
    expect(report.findings).toContain('revision 2: object 8 (/Font) changed');
  });
});

describe('cross-reference and object streams', () => {
  const xrefStream = (w: string) =>
    stream(`/Type /XRef /W [1 2 1] /Size 1 /Index [0 1] ${w}`, '\x00\x00\x00\xff');

  it('an xref stream written again under the same number is not a change', () => {
    const signed = signedPdf({ 12: xrefStream('') });
    expect(changesOf(appendRevision(signed, { 12: xrefStream('/Prev 0') })).level).toBe('NONE');
  });

  it('another stream under that number is', () => {
    const signed = signedPdf({ 12: stream('/Type /EmbeddedFile', 'a') });
    const report = changesOf(appendRevision(signed, { 12: stream('/Type /EmbeddedFile', 'b') }));
    expect(report.level).toBe('OTHER');
    expect(report.findings).toContain('revision 2: object 12 (/EmbeddedFile stream) changed');
  });
});

describe('findings name what the changed object was', () => {
  it.each([
    ['/Font', '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'],
    ['/Link', '<< /Subtype /Link /Rect [0 0 1 1] >>'],
    ['/Tx', '<< /FT /Tx /T (Ghi) >>'],
    ['/EmbeddedFile stream', stream('/Type /EmbeddedFile', 'a')],
    ['stream', stream('', 'a')],
    ['object', '<< /X 1 >>'],
    ['array', '[1 2]'],
    ['object', '42'],
  ])('%s', (label, before) => {
    const report = changesOf(appendRevision(signedPdf({ 12: before }), { 12: '(replaced)' }));
    expect(report.findings).toEqual([`revision 2: object 12 (${label}) changed`]);
  });
});
