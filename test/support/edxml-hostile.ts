import { zipSync } from 'fflate';
import { buildEdoc } from '../../daemon/src/exchange/edxml/build.js';
import { EDXML_NS } from '../../daemon/src/exchange/edxml/constants.js';
import { PDF_BYTES, sampleAttachment, sampleHeader } from './axis/samples.js';

/**
 * Hostile edXML packages for the refusal tests: deep nesting, broken base64 and ZIP payloads whose
 * headers lie. Each starts from a package vanthu itself would write, so only the one defect differs.
 */

/** A document package from `from` to `to` whose one attachment carries `base64` verbatim. */
export function packageWithPayload(base64: string, from = '000.00.00.G22', to = '000.00.09.H13', n = 1) {
  const xml = buildEdoc(sampleHeader(from, [to], n), [sampleAttachment()]);
  return xml.replace(
    /(<edXML:ContentTransferEncoded>)[^<]*(<\/edXML:ContentTransferEncoded>)/,
    (_m, open: string, close: string) => `${open}${base64}${close}`,
  );
}

/** A package whose MessageHeader holds `depth` nested unknown elements. */
export function deeplyNestedPackage(depth: number): string {
  const deep = `${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}`;
  return `<edXML:edXML xmlns:edXML="${EDXML_NS}"><edXML:edXMLEnvelope><edXML:edXMLHeader><edXML:MessageHeader>${deep}</edXML:MessageHeader></edXML:edXMLHeader></edXML:edXMLEnvelope></edXML:edXML>`;
}

export const b64 = (data: Uint8Array) => Buffer.from(data).toString('base64');

/** A one-entry ZIP of the sample PDF, as the SDK sample wraps attachments. */
export function sampleZip(data: Uint8Array = PDF_BYTES, name = 'vb1.pdf'): Uint8Array {
  return zipSync({ [name]: data });
}

/** Offsets of the single entry's CRC-32 and sizes in the local header and in the central directory. */
function fieldOffsets(zip: Uint8Array) {
  const view = Buffer.from(zip);
  const eocd = view.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const central = view.readUInt32LE(eocd + 16);
  return {
    local: { crc: 14, compressedSize: 18, size: 22 },
    central: { crc: central + 16, compressedSize: central + 20, size: central + 24 },
  };
}

export type ZipField = 'crc' | 'compressedSize' | 'size';

/** A copy of `zip` with one field of its single entry rewritten in the local and/or central header. */
export function patchZip(
  zip: Uint8Array,
  field: ZipField,
  value: number,
  where: 'local' | 'central' | 'both',
) {
  const out = Buffer.from(zip);
  const at = fieldOffsets(zip);
  if (where !== 'central') out.writeUInt32LE(value >>> 0, at.local[field]);
  if (where !== 'local') out.writeUInt32LE(value >>> 0, at.central[field]);
  return new Uint8Array(out);
}

export function readZipField(zip: Uint8Array, field: ZipField): number {
  return Buffer.from(zip).readUInt32LE(fieldOffsets(zip).central[field]);
}

/** `size` zero bytes deflated into a one-entry ZIP: a ratio of about 1000:1. */
export function zerosZip(size: number): Uint8Array {
  return zipSync({ 'zeros.pdf': new Uint8Array(size) }, { level: 9 });
}
