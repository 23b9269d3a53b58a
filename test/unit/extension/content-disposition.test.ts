import { describe, expect, it } from 'vitest';
import { contentDispositionFilename } from '../../../extension/src/net/content-disposition.js';
import { documentName } from '../../../extension/src/net/document-name.js';

const NAME = 'Quyết định số 215 về Tổ công tác.pdf';
/** A header value as fetch exposes it: each byte one Latin-1 character. */
const asHeaderBytes = (s: string) => String.fromCharCode(...new TextEncoder().encode(s));

describe('Content-Disposition file name (RFC 6266)', () => {
  it('prefers filename* (UTF-8, percent-encoded) over filename', () => {
    const header = `attachment; filename="Quyet dinh so 215.pdf"; filename*=UTF-8''${encodeURIComponent(NAME)}`;
    expect(contentDispositionFilename(header)).toBe(NAME);
    const first = `attachment; filename*=utf-8'vi'${encodeURIComponent(NAME)}; filename="x.pdf"`;
    expect(contentDispositionFilename(first)).toBe(NAME);
  });

  it('reads a quoted filename with escapes, and a token filename', () => {
    expect(contentDispositionFilename('inline; filename="a \\"b\\".pdf"')).toBe('a "b".pdf');
    expect(contentDispositionFilename('attachment; filename=qd-12.pdf')).toBe('qd-12.pdf');
    expect(contentDispositionFilename('ATTACHMENT; FILENAME = "x.pdf" ; size=3')).toBe('x.pdf');
  });

  it('decodes a raw UTF-8 filename and an IE-style percent-encoded one', () => {
    expect(contentDispositionFilename(`attachment; filename="${asHeaderBytes(NAME)}"`)).toBe(NAME);
    expect(contentDispositionFilename(`attachment; filename="${encodeURIComponent(NAME)}"`)).toBe(NAME);
  });

  it('falls back to filename when filename* is malformed or in an unknown charset', () => {
    expect(contentDispositionFilename(`attachment; filename*=UTF-8''%E1%BA; filename="b.pdf"`)).toBe('b.pdf');
    expect(contentDispositionFilename(`attachment; filename*=koi8-r''%C1; filename="b.pdf"`)).toBe('b.pdf');
    expect(contentDispositionFilename(`attachment; filename*=iso-8859-1''caf%E9.pdf`)).toBe('café.pdf');
    expect(contentDispositionFilename('attachment')).toBeUndefined();
    expect(contentDispositionFilename(null)).toBeUndefined();
  });
});

describe('name of a fetched document', () => {
  const HANDLER = 'http://qlvb.example/Handlers/DownloadFile.ashx?fid=3';

  it('uses the Content-Disposition name, never the handler name', () => {
    expect(documentName(`attachment; filename*=UTF-8''${encodeURIComponent(NAME)}`, HANDLER)).toBe(NAME);
    expect(documentName(null, HANDLER)).toBe('van-ban.pdf');
    expect(documentName(null, HANDLER, '  Quyết định\n 215 ')).toBe('Quyết định 215.pdf');
  });

  it('invents no extension for a name the server gave', () => {
    expect(documentName('attachment; filename="vb_102.dat"', HANDLER)).toBe('vb_102.dat');
    expect(documentName('attachment; filename=to-trinh', HANDLER)).toBe('to-trinh');
    const long = `${'a'.repeat(300)}.docx.pdf`;
    expect(documentName(`attachment; filename="${long}"`, HANDLER)).toMatch(/^a{176}\.pdf$/);
  });

  it('keeps the URL name of a .pdf path, and strips directories and control characters', () => {
    expect(documentName(null, 'http://qlvb.example/tep/dt-001.pdf')).toBe('dt-001.pdf');
    expect(documentName('attachment; filename="../../etc/qd\u0001.pdf"', HANDLER)).toBe('qd.pdf');
    expect(documentName('attachment; filename="C:\\\\temp\\\\to trinh"', HANDLER)).toBe('to trinh');
    expect(documentName('attachment; filename=".pdf"', HANDLER)).toBe('van-ban.pdf');
  });
});
