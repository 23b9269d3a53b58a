/**
 * Lazy PDF reader — public API (stable; the signing and verification engines build on it).
 *
 *   const r = PdfReader.fromBuffer(bytes)            // or PdfReader.fromFile(path) … r.close()
 *   r.revisions        // oldest first: { index, xrefOffset, kind: 'table'|'stream', trailer,
 *                      //   entries, endOffset (just past that revision's %%EOF + EOL), xrefStmOffset? }
 *   r.trailer, r.catalog, r.catalogRef, r.acroForm, r.headerOffset, r.headerVersion, r.size
 *   r.resolve(obj)               // follow references in the newest revision
 *   r.resolveAt(obj, revIndex)   // … as the document stood at revision `revIndex`
 *   r.dict(obj)                  // resolve to a PdfDict (a stream's dict counts) or undefined
 *   r.entry(num, revIndex?)      // raw xref entry: offset | compressed | free
 *   r.streamRaw(stream), r.streamData(stream)   // raw / FlateDecode-decoded data
 *   r.pageCount, r.page(i)       // 0-based; descends only the path to page i (inherited boxes)
 *   r.pageIndexOf(ref)           // page number of a page reference (walks the tree once)
 *   r.fields()                   // terminal AcroForm fields with full names
 *   r.signatureFields()          // /FT /Sig fields: value dict, ByteRange, Contents, SubFilter, /M,
 *                                //   reason, location, widgets {ref, rect, pageRef}
 *   r.nextObjectNumber           // first free object number for an update
 *   r.offsetBase                 // added to xref offsets (non-zero only for a displaced header)
 *   r.reconstructed              // true only with { allowReconstruct: true } on a damaged file
 *
 * Errors: VanthuError PDF_MALFORMED (structure, limits, cycles), PDF_ENCRYPTED (any /Encrypt),
 * PDF_PAGE_OUT_OF_RANGE. Hostile input is bounded: nesting ≤ 64, reference chains ≤ 32, page tree
 * depth ≤ 64, object numbers ≤ 8 388 607, parse windows ≤ 64 MiB, decoded structural streams ≤ 256 MiB.
 */
export { PdfReader } from './reader.js';
export type { OpenOptions, PageInfo, Revision, SignatureFieldInfo } from './reader.js';
export { PdfDict, PdfName, PdfRef, PdfStream, PdfString, isDict } from './objects.js';
export type { PdfObject } from './objects.js';
export type { XrefEntry } from './xref.js';
export { MAX_OBJECTS } from './xref.js';
export { type ByteSource, BufferSource, FileSource } from './source.js';
export { Lexer } from './lexer.js';
