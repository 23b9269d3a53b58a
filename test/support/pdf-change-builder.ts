import { PdfReader } from '../../daemon/src/pdf/reader/index.js';
import { type ChangeReport, analyseChanges } from '../../daemon/src/verify/changes.js';

/**
 * Tiny PDFs written as text, revision by revision, for unit tests of the change analysis: each
 * object is given as its PDF source (`null` frees it), each revision gets a classic xref table.
 * Signatures are fake — a /ByteRange placeholder filled with the end it should cover and a short
 * hex /Contents — which is all the change analysis reads of them (no CMS, no PKI).
 */

export type Objects = Record<number, string | null>;

/** /ByteRange ending where the revision that writes it ends (filled when it is appended). */
export const BR = '[0 1 2 @@@@@@@@@@]';
/** /ByteRange ending 20 bytes before its revision's end (a signature that does not cover it). */
export const BR_SHORT = '[0 1 2 !!!!!!!!!!]';
/** /ByteRange ending where the whole file ends (filled by `finish`). */
export const BR_FINAL = '[0 1 2 &&&&&&&&&&]';

/** A stream object's source; `data` is written as latin1. */
export function stream(dict: string, data: string): string {
  return `<< ${dict} /Length ${Buffer.byteLength(data, 'latin1')} >>\nstream\n${data}\nendstream`;
}

/** A signature dictionary whose ByteRange is `br`, with `extra` entries. */
export function sigDict(extra = '', br = BR): string {
  return `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange ${br} /Contents <0000> ${extra}>>`;
}

export interface WidgetPlan {
  /** Partial name; none for a kid widget. */
  t?: string;
  ft?: string;
  v?: string;
  rect?: string;
  f?: number;
  /** Normal appearance reference, e.g. '30 0 R'. */
  ap?: string;
  page?: string;
  parent?: string;
  extra?: string;
}

/** A widget annotation merged with its field (unless it has no /T). */
export function widget(p: WidgetPlan): string {
  const parts = ['/Type /Annot /Subtype /Widget'];
  if (p.ft) parts.push(`/FT /${p.ft}`);
  if (p.t !== undefined) parts.push(`/T (${p.t})`);
  if (p.v) parts.push(`/V ${p.v}`);
  parts.push(`/F ${p.f ?? (p.ap ? 4 : 132)}`, `/Rect ${p.rect ?? '[0 0 0 0]'}`, `/P ${p.page ?? '3 0 R'}`);
  if (p.ap) parts.push(`/AP << /N ${p.ap} >>`);
  if (p.parent) parts.push(`/Parent ${p.parent}`);
  if (p.extra) parts.push(p.extra);
  return `<< ${parts.join(' ')} >>`;
}

/** A form XObject that draws `ops` (an appearance stream), with Helvetica as /F1 unless told. */
export function formStream(
  ops: string,
  bbox = '[0 0 100 20]',
  resources = '<< /Font << /F1 8 0 R >> >>',
): string {
  return stream(`/Type /XObject /Subtype /Form /BBox ${bbox} /Resources ${resources}`, ops);
}

/**
 * The document every test starts from: one 600 × 800 pt page whose /Resources (5) name Helvetica
 * (8) as /F1, drawn by its content (4); indirect /Annots (7) and /Fields (9) arrays, both empty;
 * /AcroForm is object 6. `objects` replace or add to these.
 */
export function basePdf(objects: Objects = {}): Buffer {
  const all: Objects = {
    1: '<< /Type /Catalog /Pages 2 0 R /AcroForm 6 0 R >>',
    2: '<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 600 800] >>',
    3: '<< /Type /Page /Parent 2 0 R /Resources 5 0 R /Contents 4 0 R /Annots 7 0 R >>',
    4: stream('', 'BT /F1 12 Tf 72 700 Td (Hello) Tj ET'),
    5: '<< /Font << /F1 8 0 R >> >>',
    6: '<< /Fields 9 0 R >>',
    7: '[]',
    8: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    9: '[]',
    ...objects,
  };
  let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets = new Map<number, number>();
  const nums = Object.keys(all)
    .map(Number)
    .sort((a, b) => a - b);
  for (const n of nums) {
    if (all[n] === null) continue;
    offsets.set(n, Buffer.byteLength(out, 'latin1'));
    out += `${n} 0 obj\n${all[n]}\nendobj\n`;
  }
  const size = nums[nums.length - 1]! + 1;
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${size}\n`;
  for (let n = 0; n < size; n++) {
    const at = offsets.get(n);
    out += at === undefined ? '0000000000 65535 f\r\n' : `${String(at).padStart(10, '0')} 00000 n\r\n`;
  }
  out += `trailer\n<< /Size ${size} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return fillByteRanges(Buffer.from(out, 'latin1'));
}

export interface RevisionOptions {
  /** Trailer entries instead of `/Root 1 0 R`. */
  trailer?: string;
}

/** Appends one incremental update writing `objects` (null frees the object). */
export function appendRevision(input: Uint8Array, objects: Objects, opts: RevisionOptions = {}): Buffer {
  const base = Buffer.from(input);
  const tail = base.subarray(Math.max(0, base.length - 64)).toString('latin1');
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail)?.[1]);
  if (!Number.isFinite(prev)) throw new Error('input does not end with startxref');
  const size = Number(/\/Size (\d+)/.exec(lastTrailer(base))?.[1] ?? 0);
  let out = '';
  const rows: string[] = [];
  const nums = Object.keys(objects)
    .map(Number)
    .sort((a, b) => a - b);
  for (const n of nums) {
    const src = objects[n];
    if (src === null) {
      rows.push(`${n} 1\n0000000000 00001 f\r\n`);
      continue;
    }
    rows.push(
      `${n} 1\n${String(base.length + Buffer.byteLength(out, 'latin1')).padStart(10, '0')} 00000 n\r\n`,
    );
    out += `${n} 0 obj\n${src}\nendobj\n`;
  }
  const xref = base.length + Buffer.byteLength(out, 'latin1');
  const newSize = Math.max(size, ...nums.map((n) => n + 1));
  out += `xref\n0 1\n0000000000 65535 f\r\n${rows.join('')}`;
  out += `trailer\n<< /Size ${newSize} ${opts.trailer ?? '/Root 1 0 R'} /Prev ${prev} >>\nstartxref\n${xref}\n%%EOF\n`;
  return fillByteRanges(Buffer.concat([base, Buffer.from(out, 'latin1')]));
}

function lastTrailer(b: Buffer): string {
  const s = b.toString('latin1');
  return s.slice(s.lastIndexOf('trailer'));
}

/** Fills the own-revision and short placeholders with the current end of `b`. */
function fillByteRanges(b: Buffer): Buffer {
  const end = b.length;
  fill(b, '@', end);
  fill(b, '!', end - 20);
  return b;
}

/** Fills the whole-file placeholders: call on the last revision. */
export function finish(b: Buffer): Buffer {
  fill(b, '&', b.length);
  return b;
}

function fill(b: Buffer, mark: string, end: number): void {
  const needle = Buffer.from(mark.repeat(10), 'latin1');
  for (let at = b.indexOf(needle); at >= 0; at = b.indexOf(needle, at)) {
    // [0 1 2 N]: the second range starts at 2, so it ends at `end` when N = end - 2.
    b.write(String(end - 2).padStart(10, '0'), at, 'latin1');
  }
}

/**
 * The base document with one signature in revision 1: the invisible field "CaNhan" (10) whose /V
 * is the signature dictionary 11, listed in /Annots and /Fields. `objects` add to that revision.
 */
export function signedPdf(base: Objects = {}, rev1: Objects = {}): Buffer {
  return appendRevision(basePdf(base), {
    7: '[10 0 R]',
    9: '[10 0 R]',
    10: widget({ ft: 'Sig', t: 'CaNhan', v: '11 0 R' }),
    11: sigDict(),
    ...rev1,
  });
}

/** The change analysis of every revision after `signed` (1 by default). */
export function changesOf(bytes: Uint8Array, signed = 1): ChangeReport {
  return analyseChanges(PdfReader.fromBuffer(bytes), signed);
}
