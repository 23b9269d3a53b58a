import { VanthuError } from '@vanthu/shared/errors/index';
import type { PdfReader } from '../reader/index.js';
import { FormEditor } from '../sign/form.js';
import { Raw, WritableDict, name, text } from '../writer/serialize.js';
import { IncrementalUpdate } from '../writer/update.js';
import type { GrowingDocument } from './growing-document.js';

/** Field name of an archive timestamp; a number is appended for the second and later ones. */
export const DOC_TIMESTAMP_FIELD = 'DauThoiGianLuuTru';
const BYTE_RANGE_WIDTH = 60;
const FIRST_CAPACITY = 12 * 1024;
const MAX_ATTEMPTS = 3;

/** Asks the TSA for a token over a digest of the byte ranges (SHA-256). */
export type StampDigest = (digest: Uint8Array) => Promise<Uint8Array>;

/**
 * Appends a document timestamp (PAdES B-LTA archive timestamp, ISO 32000-2 §12.8.5): an invisible
 * signature field whose value is /Type /DocTimeStamp, /SubFilter /ETSI.RFC3161, /Contents an RFC
 * 3161 token over every byte of the file except the token itself. Returns the token's /Contents
 * bytes as written (padded), for the /VRI key.
 */
export async function appendDocTimestamp(doc: GrowingDocument, stamp: StampDigest): Promise<Uint8Array> {
  let capacity = FIRST_CAPACITY;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const reader = doc.reader();
    let prepared: { bytes: Buffer; contents: { offset: number; length: number } };
    try {
      prepared = prepare(reader, capacity);
    } finally {
      reader.close();
    }
    const { bytes, contents } = prepared;
    const rel = contents.offset - doc.size;
    const h = await doc.hash('sha256');
    h.update(bytes.subarray(0, rel));
    h.update(bytes.subarray(rel + contents.length));
    const token = await stamp(h.digest());
    const hex = Buffer.from(token).toString('hex');
    if (hex.length > contents.length - 2) {
      capacity = Math.ceil(token.length * 1.25) + 1024;
      continue;
    }
    bytes.write(hex, rel + 1, 'latin1');
    await doc.append(bytes);
    const padded = Buffer.alloc(capacity);
    Buffer.from(token).copy(padded);
    return padded;
  }
  throw new VanthuError('SIGNATURE_TOO_LARGE', `timestamp token larger than ${capacity} bytes`);
}

function prepare(
  reader: PdfReader,
  capacity: number,
): { bytes: Buffer; contents: { offset: number; length: number } } {
  const update = new IncrementalUpdate(reader, reader.source.read(reader.size - 1, 1));
  const repaired = reader.repairedTable();
  if (repaired) update.listAllObjects(repaired);
  const form = new FormEditor(reader, update);
  const sigRef = update.add(
    WritableDict.of({
      Type: name('DocTimeStamp'),
      Filter: name('Adobe.PPKLite'),
      SubFilter: name('ETSI.RFC3161'),
      ByteRange: new Raw(`[0 0 0 0]${' '.repeat(BYTE_RANGE_WIDTH - 9)}`, 'byteRange'),
      Contents: new Raw(`<${'0'.repeat(capacity * 2)}>`, 'contents'),
    }),
  );
  const page = reader.page(0);
  const field = update.add(
    WritableDict.of({
      Type: name('Annot'),
      Subtype: name('Widget'),
      FT: name('Sig'),
      T: text(form.uniqueName(DOC_TIMESTAMP_FIELD)),
      V: sigRef,
      F: 132,
      Rect: [0, 0, 0, 0],
      P: page.ref,
    }),
  );
  form.addField(field);
  form.addWidget(page, field);
  form.markSignature();
  form.commit();
  const built = update.build(reader.size);
  const contents = built.marks.get('contents')!;
  const br = built.marks.get('byteRange')!;
  const total = reader.size + built.bytes.length;
  const a = contents.offset;
  const b = contents.offset + contents.length;
  const brText = `[0 ${a} ${b} ${total - b}]`.padEnd(BYTE_RANGE_WIDTH, ' ');
  if (brText.length !== br.length) throw new VanthuError('INTERNAL', 'ByteRange placeholder overflow');
  built.bytes.write(brText, br.offset - reader.size, 'latin1');
  return { bytes: built.bytes, contents };
}
