import { DOMParser, type Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { unwrapZip } from '../../../daemon/src/exchange/edxml/attachments.js';
import { decodeBase64Strict } from '../../../daemon/src/exchange/edxml/base64.js';
import { descendants, serialize } from '../../../daemon/src/exchange/edxml/dom.js';
import { parseEdxml } from '../../../daemon/src/exchange/edxml/parse.js';
import { validateEdxml } from '../../../daemon/src/exchange/edxml/validate.js';
import { PDF_BYTES } from '../../support/axis/samples.js';
import {
  b64,
  deeplyNestedPackage,
  packageWithPayload,
  patchZip,
  readZipField,
  sampleZip,
  zerosZip,
} from '../../support/edxml-hostile.js';

const malformed = (detail: RegExp) =>
  expect.objectContaining({ code: 'EDXML_MALFORMED', message: expect.stringMatching(detail) });

describe('edXML nesting', () => {
  it('refuses 200,000 nested elements quickly with a typed error, not a stack overflow', () => {
    const started = performance.now();
    let caught: unknown;
    try {
      parseEdxml(deeplyNestedPackage(200_000));
    } catch (error) {
      caught = error;
    }
    expect(caught).not.toBeInstanceOf(RangeError);
    expect(caught).toEqual(malformed(/nested deeper than 256/));
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('reads nesting up to the limit, and counts comments, CDATA and quoted ">" correctly', () => {
    expect(parseEdxml(deeplyNestedPackage(250)).unknownElements[0]!.path).toBe('MessageHeader/x');
    const tricky = deeplyNestedPackage(300).replace(/<x>/g, '<x a="/>"><!-- <y> --><![CDATA[<z>]]>');
    expect(() => parseEdxml(tricky)).toThrow(malformed(/nested deeper than 256/));
    const flat = deeplyNestedPackage(1).replace('<x></x>', '<x/>'.repeat(100_000));
    expect(() => parseEdxml(flat)).not.toThrow(/nested/);
  });

  it('walks and serialises a 50,000-deep tree without recursion', () => {
    const depth = 50_000;
    const xml = `<r>${'<x>'.repeat(depth)}<edXML:SignatureMethod xmlns:edXML="urn:x"/>${'</x>'.repeat(depth)}</r>`;
    const root = new DOMParser().parseFromString(xml, 'text/xml').documentElement as unknown as Element;
    expect(descendants(root, new Set(['SignatureMethod']))).toHaveLength(1);
    expect(serialize(root)).toHaveLength(xml.length);
  });
});

describe('edXML attachment base64', () => {
  const pdf = b64(PDF_BYTES);

  it.each([
    ['a character outside the alphabet', `${pdf.slice(0, 8)}*${pdf.slice(9)}`, /character "\*"/],
    ['padding in the middle', `QQ==${pdf}`, /padding/],
    ['three padding characters', `${pdf.slice(0, pdf.length - 4)}A===`, /padding/],
    ['a length that is not a multiple of 4', `${pdf}QUJ`, /multiple of 4/],
    ['an empty payload', '   ', /empty attachment/],
  ])('refuses %s with EDXML_MALFORMED naming the element', (_what, payload, detail) => {
    expect(() => parseEdxml(packageWithPayload(payload))).toThrow(malformed(detail));
    expect(() => parseEdxml(packageWithPayload(payload))).toThrow(
      /AttachmentEncoded\/Attachment\[1\]\/ContentTransferEncoded/,
    );
    const report = validateEdxml(packageWithPayload(payload));
    expect(report.ok).toBe(false);
    expect(report.refused?.code).toBe('EDXML_MALFORMED');
  });

  it('keeps the header of a defective package for the inbox when asked', () => {
    const p = parseEdxml(packageWithPayload('not base64!'), { keepDefective: true });
    if (p.kind !== 'edoc') throw new Error('expected a document');
    expect(p.header.documentId).toBe('000.00.00.G22,2026/11/24,1/UBND-VP');
    expect(p.attachments).toEqual([]);
    expect(p.defects).toEqual([
      {
        path: 'AttachmentEncoded/Attachment[1]/ContentTransferEncoded',
        code: 'EDXML_MALFORMED',
        message: expect.stringContaining('invalid base64'),
      },
    ]);
  });

  it('decodes strictly, yet accepts whitespace anywhere in the payload', () => {
    const wrapped = pdf.replace(/(.{8})/g, '$1\r\n\t  ');
    const p = parseEdxml(packageWithPayload(wrapped));
    if (p.kind !== 'edoc') throw new Error('expected a document');
    expect(Buffer.from(p.attachments[0]!.data).equals(Buffer.from(PDF_BYTES))).toBe(true);
    expect(Buffer.from(decodeBase64Strict('QUJD\nREVG')).toString()).toBe('ABCDEF');
    expect(() => decodeBase64Strict('QUJ')).toThrow(malformed(/multiple of 4/));
    expect(() => decodeBase64Strict('QU=D')).toThrow(malformed(/padding/));
  });
});

describe('edXML ZIP payloads', () => {
  const zip = sampleZip();

  it('opens an honest ZIP but refuses a CRC-32 that does not match the bytes', () => {
    expect(unwrapZip(zip)).toEqual([{ name: 'vb1.pdf', data: PDF_BYTES }]);
    const p = parseEdxml(packageWithPayload(b64(zip)));
    if (p.kind !== 'edoc') throw new Error('expected a document');
    expect(p.attachments[0]).toMatchObject({ name: 'vb1.pdf', contentType: 'application/pdf', zipped: true });
    const bad = patchZip(zip, 'crc', readZipField(zip, 'crc') ^ 1, 'both');
    expect(() => unwrapZip(bad)).toThrow(malformed(/CRC-32 mismatch/));
    expect(() => parseEdxml(packageWithPayload(b64(bad)))).toThrow(malformed(/CRC-32 mismatch/));
  });

  it('refuses local and central headers that disagree on the CRC or the sizes', () => {
    for (const field of ['crc', 'size', 'compressedSize'] as const) {
      const bad = patchZip(zip, field, readZipField(zip, field) + 1, 'local');
      expect(() => unwrapZip(bad)).toThrow(malformed(/differ between the local and central/));
    }
  });

  it('refuses real sizes that differ from the declared ones', () => {
    const size = readZipField(zip, 'size');
    expect(() => unwrapZip(patchZip(zip, 'size', size - 5, 'both'))).toThrow(
      malformed(/inflates beyond its declared size/),
    );
    expect(() => unwrapZip(patchZip(zip, 'size', size + 5, 'both'))).toThrow(
      malformed(new RegExp(`${size} bytes inflated, header says ${size + 5}`)),
    );
    const stored = sampleZip(new Uint8Array(0), 'empty.pdf');
    expect(() => unwrapZip(patchZip(stored, 'compressedSize', 4, 'both'))).toThrow(/ZIP attachment/);
  });

  it('refuses a zip bomb by its ratio before inflating, and one that hides its size', () => {
    const bomb = zerosZip(20 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(100 * 1024);
    expect(() => unwrapZip(bomb)).toThrow(
      expect.objectContaining({ code: 'EDXML_TOO_LARGE', message: expect.stringMatching(/ratio 100×/) }),
    );
    const hidden = patchZip(bomb, 'size', 1000, 'both');
    const started = performance.now();
    expect(() => unwrapZip(hidden)).toThrow(malformed(/inflates beyond its declared size of 1000/));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(() => parseEdxml(packageWithPayload(b64(bomb)))).toThrow(
      expect.objectContaining({ code: 'EDXML_TOO_LARGE' }),
    );
  });

  it('refuses an archive with no central directory', () => {
    expect(() => unwrapZip(zip.subarray(0, 40))).toThrow(malformed(/no end-of-central-directory/));
  });
});
