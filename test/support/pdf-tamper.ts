import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PdfRef, PdfReader } from '../../daemon/src/pdf/reader/index.js';
import { Raw, WritableDict, name, text } from '../../daemon/src/pdf/writer/serialize.js';
import { IncrementalUpdate } from '../../daemon/src/pdf/writer/update.js';
import type { HashAlgorithm } from '../../daemon/src/token/signer.js';

/** Changes made after signing, as other tools (or forgers) would append them. */

function append(input: Uint8Array, edit: (r: PdfReader, u: IncrementalUpdate) => void): Uint8Array {
  const reader = PdfReader.fromBuffer(input);
  const update = new IncrementalUpdate(reader, input.subarray(Math.max(0, input.length - 64)));
  edit(reader, update);
  return Buffer.concat([input, update.build(input.length).bytes]);
}

/** Draws a red box and text onto page 1 in a new incremental update (its /Contents grows). */
export function drawOnPage1(input: Uint8Array): Uint8Array {
  return append(input, (r, u) => {
    const page = r.page(0);
    const body = Buffer.from(
      'q 1 0 0 rg 100 400 200 50 re f BT /F1 24 Tf 110 420 Td (FORGED) Tj ET Q\n',
      'latin1',
    );
    const stream = u.add(WritableDict.of({ Length: body.length }), body);
    const old = page.dict.get('Contents');
    const list = Array.isArray(old) ? [...old, stream] : old ? [old, stream] : [stream];
    u.put(page.ref, WritableDict.from(page.dict).set('Contents', list));
  });
}

/** Appends a blank page to the page tree in a new incremental update. */
export function addPage(input: Uint8Array): Uint8Array {
  return append(input, (r, u) => {
    const pagesRef = r.catalog.get('Pages') as PdfRef;
    const pages = r.dict(pagesRef)!;
    const page = u.add(
      WritableDict.of({ Type: name('Page'), Parent: pagesRef, MediaBox: [0, 0, 595.28, 841.89] }),
    );
    const kids = r.resolve(pages.get('Kids')) as PdfRef[];
    u.put(
      pagesRef,
      WritableDict.from(pages)
        .set('Kids', [...kids, page])
        .set('Count', (pages.number('Count') ?? kids.length) + 1),
    );
  });
}

/** Adds a sticky-note (/Text) annotation to page 1. */
export function addComment(input: Uint8Array): Uint8Array {
  return append(input, (r, u) => {
    const page = r.page(0);
    const note = u.add(
      WritableDict.of({
        Type: name('Annot'),
        Subtype: name('Text'),
        Rect: [50, 50, 70, 70],
        Contents: text('Đã xem'),
        P: page.ref,
      }),
    );
    const annots = r.resolve(page.dict.get('Annots'));
    const list = Array.isArray(annots) ? [...annots, note] : [note];
    if (page.dict.get('Annots') instanceof PdfRef) u.put(page.dict.get('Annots') as PdfRef, list);
    else u.put(page.ref, WritableDict.from(page.dict).set('Annots', list));
  });
}

/** A copy with the byte at `offset` changed. */
export function flipByte(input: Uint8Array, offset: number): Uint8Array {
  const out = Buffer.from(input);
  out[offset] = out[offset]! ^ 0x01;
  return out;
}

export type SpliceShape = 'normal' | 'gap-too-big' | 'uncovered-tail' | 'overlapping';

/**
 * A one-page PDF whose signature was made by `openssl cms -sign` over the bytes the (possibly
 * hostile) ByteRange names and spliced into the /Contents placeholder.
 */
export function splicedPdf(opts: {
  dir: string;
  certPem: string;
  keyPem: string;
  shape: SpliceShape;
  subFilter?: 'adbe.pkcs7.detached' | 'ETSI.CAdES.detached';
  /** `openssl cms -md` (default sha256; sha1 and md5 for the algorithm rules). */
  md?: 'sha256' | 'sha1' | 'md5';
  /** Objects whose xref offsets trade places before signing (a signer that wrote a wrong xref). */
  swapOffsets?: [number, number];
}): Uint8Array {
  const hexLen = 16384;
  const subFilter = opts.subFilter ?? 'adbe.pkcs7.detached';
  const parts: string[] = [];
  const offsets: number[] = [];
  let pos = 0;
  const w = (s: string): void => {
    parts.push(s);
    pos += Buffer.byteLength(s, 'latin1');
  };
  const obj = (n: number, body: string): void => {
    offsets[n] = pos;
    w(`${n} 0 obj\n${body}\nendobj\n`);
  };
  w('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n');
  obj(1, '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] /SigFlags 3 >> >>');
  obj(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  obj(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [4 0 R] /Contents 6 0 R >>');
  obj(4, '<< /Type /Annot /Subtype /Widget /FT /Sig /T (ChuKy) /Rect [0 0 0 0] /F 132 /P 3 0 R /V 5 0 R >>');
  const brPlaceholder = `[${'0'.repeat(10)} ${'0'.repeat(10)} ${'0'.repeat(10)} ${'0'.repeat(10)}]`;
  offsets[5] = pos;
  w(
    `5 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /${subFilter} /M (D:20261124100000+07'00') /ByteRange `,
  );
  const brAt = pos;
  w(brPlaceholder);
  w(' /Contents ');
  const gapStart = pos;
  w(`<${'0'.repeat(hexLen)}>`);
  const gapEnd = pos;
  w(' >>\nendobj\n');
  const content = 'BT /F1 12 Tf 72 720 Td (Van ban) Tj ET';
  obj(6, `<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
  const xrefAt = pos;
  if (opts.swapOffsets) {
    const [a, b] = opts.swapOffsets;
    [offsets[a], offsets[b]] = [offsets[b]!, offsets[a]!];
  }
  w(`xref\n0 7\n0000000000 65535 f\r\n`);
  for (let n = 1; n <= 6; n++) w(`${String(offsets[n]).padStart(10, '0')} 00000 n\r\n`);
  w(`trailer\n<< /Size 7 /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`);
  const file = Buffer.from(parts.join(''), 'latin1');
  const size = file.length;
  let br: [number, number, number, number];
  switch (opts.shape) {
    case 'normal':
      br = [0, gapStart, gapEnd, size - gapEnd];
      break;
    case 'gap-too-big':
      br = [0, gapStart - 10, gapEnd, size - gapEnd];
      break;
    case 'uncovered-tail':
      br = [0, gapStart, gapEnd, size - gapEnd - 40];
      break;
    case 'overlapping':
      br = [0, gapStart, gapStart - 100, 50];
      break;
  }
  const brText = `[${br.map((n) => String(n).padStart(10, '0')).join(' ')}]`;
  file.write(brText, brAt, 'latin1');
  const signed = Buffer.concat([file.subarray(br[0], br[0] + br[1]), file.subarray(br[2], br[2] + br[3])]);
  const data = join(opts.dir, `splice-${opts.shape}.bin`);
  const cert = join(opts.dir, 'splice-cert.pem');
  const key = join(opts.dir, 'splice-key.pem');
  writeFileSync(data, signed);
  writeFileSync(cert, opts.certPem);
  writeFileSync(key, opts.keyPem, { mode: 0o600 });
  const args = [
    'cms',
    '-sign',
    '-binary',
    '-in',
    data,
    '-signer',
    cert,
    '-inkey',
    key,
    '-outform',
    'DER',
    '-md',
    opts.md ?? 'sha256',
    '-nosmimecap',
  ];
  if (subFilter === 'ETSI.CAdES.detached') args.push('-cades');
  const cms = execFileSync('openssl', args);
  const hex = cms.toString('hex');
  if (hex.length > hexLen) throw new Error('CMS larger than the placeholder');
  file.write(hex, gapStart + 1, 'latin1');
  return file;
}

/**
 * Appends a PAdES document timestamp (/SubFilter /ETSI.RFC3161): an invisible signature field whose
 * /Contents is an RFC 3161 token, from the TSA at `tsaUrl`, over the byte ranges (imprint `hash`,
 * default SHA-256).
 */
export async function addDocTimestamp(
  input: Uint8Array,
  tsaUrl: string,
  hash?: HashAlgorithm,
): Promise<Uint8Array> {
  const { requestTimestamp } = await import('../../daemon/src/cms/index.js');
  const hexLen = 16384;
  const reader = PdfReader.fromBuffer(input);
  const update = new IncrementalUpdate(reader, input.subarray(Math.max(0, input.length - 64)));
  const sig = update.add(
    WritableDict.of({
      Type: name('DocTimeStamp'),
      Filter: name('Adobe.PPKLite'),
      SubFilter: name('ETSI.RFC3161'),
      ByteRange: new Raw(`[0 0 0 0]${' '.repeat(40)}`, 'byteRange'),
      Contents: new Raw(`<${'0'.repeat(hexLen)}>`, 'contents'),
    }),
  );
  const page = reader.page(0);
  const field = update.add(
    WritableDict.of({
      Type: name('Annot'),
      Subtype: name('Widget'),
      FT: name('Sig'),
      T: text('DauThoiGian'),
      V: sig,
      F: 132,
      Rect: [0, 0, 0, 0],
      P: page.ref,
    }),
  );
  const acroRef = reader.catalog.get('AcroForm') as PdfRef;
  const acro = reader.dict(acroRef)!;
  const fields = reader.resolve(acro.get('Fields')) as PdfRef[];
  update.put(acroRef, WritableDict.from(acro).set('Fields', [...fields, field]));
  const built = update.build(input.length);
  const out = Buffer.concat([input, built.bytes]);
  const c = built.marks.get('contents')!;
  const br = built.marks.get('byteRange')!;
  const a = c.offset;
  const b = c.offset + c.length;
  out.write(`[0 ${a} ${b} ${out.length - b}]`.padEnd(br.length, ' '), br.offset, 'latin1');
  const token = await requestTimestamp(Buffer.concat([out.subarray(0, a), out.subarray(b)]), {
    url: tsaUrl,
    ...(hash ? { hash } : {}),
  });
  out.write(Buffer.from(token).toString('hex'), a + 1, 'latin1');
  return out;
}

/** Replaces /AcroForm by a new object: `edit` changes a copy of the current one. */
export function replaceAcroForm(
  input: Uint8Array,
  edit: (acro: WritableDict, r: PdfReader) => void,
): Uint8Array {
  return append(input, (r, u) => {
    const acro = WritableDict.from(r.acroForm!);
    edit(acro, r);
    const ref = u.add(acro);
    u.put(r.catalogRef, WritableDict.from(r.catalog).set('AcroForm', ref));
  });
}
