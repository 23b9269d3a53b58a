import { VanthuError } from '@vanthu/shared/errors/index';
import { FilterFault, decodeStream } from './filters.js';
import { Lexer, NeedMoreBytes, SyntaxFault } from './lexer.js';
import { PdfDict, type PdfObject, PdfRef, PdfStream, PdfString } from './objects.js';
import { type ObjectScan, misplacedEntries, scanObjects, scannedBefore } from './recovery.js';
import { mergeSectionsOfOneRevision } from './revision-merge.js';
import { type ByteSource, BufferSource, FileSource } from './source.js';
import {
  EntryBudget,
  MAX_OBJECTS,
  type XrefEntry,
  type XrefSection,
  parseXrefStream,
  parseXrefTable,
} from './xref.js';

export interface Revision {
  /** 0 = the original document; the last one is the newest incremental update. */
  index: number;
  /** Absolute offset of this revision's xref section (`xref` keyword or xref stream object). */
  xrefOffset: number;
  kind: 'table' | 'stream';
  /** Trailer dictionary (for xref streams: the stream dictionary). */
  trailer: PdfDict;
  /** Entries of this section only (hybrid files: table entries merged with the /XRefStm ones). */
  entries: ReadonlyMap<number, XrefEntry>;
  /** Offset just past this revision's `%%EOF` and its end-of-line bytes (the revision's byte length). */
  endOffset: number;
  /** /XRefStm offset of a hybrid file, when present. */
  xrefStmOffset?: number;
}

export interface PageInfo {
  index: number;
  ref: PdfRef;
  dict: PdfDict;
  /** Inherited-aware MediaBox [llx, lly, urx, ury]. */
  mediaBox: [number, number, number, number];
  cropBox: [number, number, number, number];
  rotate: number;
  /** /Resources, inherited from the page tree when the page has none of its own. */
  resources: PdfObject | undefined;
}

export interface SignatureFieldInfo {
  /** Fully qualified field name (parent names joined with "."). */
  name: string;
  fieldRef: PdfRef | undefined;
  field: PdfDict;
  /** The signature dictionary (/V); undefined for an empty field. */
  value: PdfDict | undefined;
  valueRef: PdfRef | undefined;
  byteRange: number[] | undefined;
  contents: Uint8Array | undefined;
  subFilter: string | undefined;
  filter: string | undefined;
  /** Raw /M string, e.g. D:20261124100000+07'00'. */
  signingTime: string | undefined;
  reason: string | undefined;
  location: string | undefined;
  contactInfo: string | undefined;
  signerName: string | undefined;
  widgets: { ref: PdfRef | undefined; rect: [number, number, number, number]; pageRef: PdfRef | undefined }[];
}

export interface OpenOptions {
  /**
   * Rebuild the object table by scanning the file when the cross-reference data is unusable.
   * Default false: signing refuses such files (PDF_MALFORMED); viewers of a damaged file may opt in.
   */
  allowReconstruct?: boolean;
  /**
   * Find an object whose xref offset points at another object (or at nothing) by scanning the file
   * for its header, as qpdf, poppler and pdf.js do. Unlike allowReconstruct, the xref chain itself
   * must be readable: a file whose startxref or xref sections are unusable is still refused.
   */
  relocate?: boolean;
  /** Largest file accepted for a reconstruction scan (bytes). Default 512 MiB. */
  maxReconstructBytes?: number;
}

const TAIL = 64 * 1024;
const MAX_WINDOW = 64 * 1024 * 1024;
const MAX_REVISIONS = 10_000;
const MAX_REF_CHAIN = 32;
const MAX_PAGE_DEPTH = 64;
const MAX_PAGES = 1_000_000;
const MAX_FIELDS = 100_000;
/**
 * Decoded size of one object stream, and of all kept decoded: writers put ~100–200 small objects in
 * a stream (kilobytes), so 32 MiB is generous, and a flate bomb (~1000:1) stops there, not at 256 MiB.
 */
const MAX_OBJSTM_DECODED = 32 * 1024 * 1024;
const MAX_OBJSTM_CACHED = 128 * 1024 * 1024;
/** Parsed object streams kept at once (besides the byte cap). */
const MAX_OBJSTM_KEPT = 64;

/** A parsed object stream: member offsets (relative to `first`) and its decoded data. */
interface ObjStm {
  offsets: Map<number, number>;
  data: Uint8Array;
  first: number;
}

function malformed(detail: string, cause?: unknown): VanthuError {
  return new VanthuError('PDF_MALFORMED', detail, undefined, cause === undefined ? undefined : { cause });
}

/**
 * Lazy, bounded reader of a PDF: reads the tail, the xref sections and only the objects a caller
 * resolves. Every limit violation becomes PDF_MALFORMED; an /Encrypt entry becomes PDF_ENCRYPTED.
 */
export class PdfReader {
  readonly size: number;
  /** Offset of `%PDF-` (normally 0; some files carry junk before the header). */
  readonly headerOffset: number;
  /** Header version, e.g. "1.7". */
  readonly headerVersion: string;
  /** Oldest first. */
  readonly revisions: readonly Revision[];
  /** True when the object table was rebuilt by scanning (xref data unusable). */
  readonly reconstructed: boolean;
  private readonly latest = new Map<number, XrefEntry>();
  private readonly cache = new Map<string, PdfObject>();
  /** Parsed object streams by `objStmKey` (number and xref offset: a rewritten stream is another). */
  private readonly objStreams = new Map<string, ObjStm>();
  /** Decoded bytes held by `objStreams`. */
  private objStreamBytes = 0;
  private readonly resolving = new Set<string>();
  private pageRefs: PdfRef[] | undefined;
  /** Added to xref offsets when a file's offsets count from its (displaced) header. */
  private shift = 0;
  /** allowReconstruct or relocate: wrong offsets are looked up in a scan of the object headers. */
  private readonly recover: boolean;
  private scan: ObjectScan | undefined;
  /** Objects found by the scan because their xref offset pointed elsewhere. */
  private relocated = 0;

  private constructor(
    readonly source: ByteSource,
    options: OpenOptions,
  ) {
    this.size = source.size;
    if (this.size < 8) throw malformed('file too short to be a PDF');
    const head = Buffer.from(source.read(0, 1024)).toString('latin1');
    const h = head.indexOf('%PDF-');
    if (h < 0) throw malformed('no %PDF- header in the first 1024 bytes');
    this.headerOffset = h;
    this.headerVersion = /^%PDF-(\d\.\d)/.exec(head.slice(h))?.[1] ?? '1.4';
    this.recover = options.allowReconstruct === true || options.relocate === true;
    let revisions: Revision[];
    let reconstructed = false;
    try {
      revisions = this.readRevisions();
    } catch (e) {
      const damaged =
        e instanceof SyntaxFault ||
        e instanceof FilterFault ||
        e instanceof NeedMoreBytes ||
        (e instanceof VanthuError && e.code === 'PDF_MALFORMED');
      if (!options.allowReconstruct || !damaged) throw e;
      // Scanned offsets are absolute, whatever a partly read xref suggested.
      this.shift = 0;
      revisions = [this.reconstruct(options.maxReconstructBytes ?? 512 * 1024 * 1024)];
      reconstructed = true;
    }
    this.revisions = revisions;
    this.reconstructed = reconstructed;
    for (let i = revisions.length - 1; i >= 0; i--) {
      for (const [num, entry] of revisions[i]!.entries)
        if (!this.latest.has(num)) this.latest.set(num, entry);
    }
    for (const r of revisions) {
      if (r.trailer.has('Encrypt'))
        throw new VanthuError('PDF_ENCRYPTED', 'the trailer has an /Encrypt entry');
    }
    const root = this.trailer.get('Root');
    if (!(root instanceof PdfRef)) throw malformed('trailer has no /Root reference');
    if (!(this.resolve(root) instanceof PdfDict)) throw malformed('/Root is not a dictionary');
  }

  static fromBuffer(buffer: Uint8Array, options: OpenOptions = {}): PdfReader {
    return wrap(() => new PdfReader(new BufferSource(buffer), options));
  }

  /** Opens a file by path; only the needed windows are read. Call `close()` when done. */
  static fromFile(path: string, options: OpenOptions = {}): PdfReader {
    let source: FileSource;
    try {
      source = FileSource.open(path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'IO_ERROR';
      throw new VanthuError(code, path, undefined, { cause: e });
    }
    try {
      return wrap(() => new PdfReader(source, options));
    } catch (e) {
      source.close();
      throw e;
    }
  }

  close(): void {
    this.source.close();
  }

  /**
   * What xref offsets count from: 0 normally; the header's offset for files whose offsets ignore
   * junk bytes before `%PDF-`. An update must write its offsets the same way (absolute − this).
   */
  get offsetBase(): number {
    return this.shift;
  }

  /** True when the xref data was wrong somewhere and objects were found by scanning instead. */
  get repaired(): boolean {
    return this.reconstructed || this.relocated > 0;
  }

  /**
   * With allowReconstruct or relocate: the newest entry of every object, each wrong offset replaced by the one
   * a scan finds (offsets relative to `offsetBase`), for an update whose xref must stand on its
   * own; undefined when every entry already points at its object.
   */
  repairedTable(): ReadonlyMap<number, XrefEntry> | undefined {
    return wrap(() => {
      const bad = misplacedEntries(this.source, this.latest, this.shift);
      if (!this.reconstructed && bad.length === 0) return undefined;
      if (!this.recover) throw malformed(`xref offsets of objects ${bad.slice(0, 5).join(', ')} are wrong`);
      const table = new Map(this.latest);
      for (const num of bad) {
        const at = this.scannedOffset(num, this.size);
        const gen = this.scan?.get(num)?.at(-1)?.gen ?? 0;
        // An object no scan finds is gone: a free entry, as a reader treats a dangling reference.
        table.set(
          num,
          at === undefined ? { type: 'free' } : { type: 'offset', offset: at - this.shift, gen },
        );
      }
      return table;
    });
  }

  /**
   * Objects whose xref entry, as the document stood at `revision`, does not point at their own
   * header: what a signer of that revision saw cannot be established from the file's xref.
   */
  misplacedAt(revision: number): number[] {
    return wrap(() => {
      const entries = new Map<number, XrefEntry>();
      for (let i = Math.min(revision, this.revisions.length - 1); i >= 0; i--) {
        for (const [num, e] of this.revisions[i]!.entries) if (!entries.has(num)) entries.set(num, e);
      }
      return misplacedEntries(this.source, entries, this.shift);
    });
  }

  /** The newest trailer (what a viewer uses). */
  get trailer(): PdfDict {
    return this.revisions[this.revisions.length - 1]!.trailer;
  }

  get lastRevision(): Revision {
    return this.revisions[this.revisions.length - 1]!;
  }

  /** /Size for the next update: one past the highest object number in use. */
  get nextObjectNumber(): number {
    let max = 0;
    for (const r of this.revisions) max = Math.max(max, r.trailer.number('Size') ?? 0);
    for (const num of this.latest.keys()) max = Math.max(max, num + 1);
    return max;
  }

  /** Resolves a reference (or returns a direct object unchanged) in the newest revision. */
  resolve(obj: PdfObject | undefined): PdfObject | undefined {
    return wrap(() => this.resolveIn(obj, this.revisions.length - 1));
  }

  /** Resolves `obj` as the document stood at revision `revision` (0 = original). */
  resolveAt(obj: PdfObject | undefined, revision: number): PdfObject | undefined {
    return wrap(() => this.resolveIn(obj, revision));
  }

  /** Resolves to a dictionary (a stream's dictionary counts) or undefined. */
  dict(obj: PdfObject | undefined): PdfDict | undefined {
    const v = this.resolve(obj);
    if (v instanceof PdfDict) return v;
    if (v instanceof PdfStream) return v.dict;
    return undefined;
  }

  /** Entry for object `num` as of `revision` (default newest). */
  entry(num: number, revision = this.revisions.length - 1): XrefEntry | undefined {
    if (revision === this.revisions.length - 1) return this.latest.get(num);
    for (let i = revision; i >= 0; i--) {
      const e = this.revisions[i]!.entries.get(num);
      if (e) return e;
    }
    return undefined;
  }

  get catalog(): PdfDict {
    const c = this.dict(this.trailer.get('Root'));
    if (!c) throw malformed('catalog missing');
    return c;
  }

  get catalogRef(): PdfRef {
    return this.trailer.get('Root') as PdfRef;
  }

  /** Raw bytes of a stream's data, undecoded. */
  streamRaw(stream: PdfStream): Uint8Array {
    return this.source.read(stream.dataOffset, stream.dataLength);
  }

  /** Decoded stream data (FlateDecode and predictors only). */
  streamData(stream: PdfStream, limit?: number): Uint8Array {
    return wrap(() => decodeStream(stream.dict, this.streamRaw(stream), limit));
  }

  get pageCount(): number {
    const pages = this.dict(this.catalog.get('Pages'));
    const n = pages?.number('Count');
    if (!pages || n === undefined || !Number.isInteger(n) || n < 0 || n > MAX_PAGES) {
      throw malformed('page tree root missing or with a bad /Count');
    }
    return n;
  }

  /** Finds page `index` (0-based) by descending only the path to it, using the /Count of each node. */
  page(index: number): PageInfo {
    return wrap(() => {
      const count = this.pageCount;
      if (!Number.isInteger(index) || index < 0 || index >= count) {
        throw new VanthuError('PDF_PAGE_OUT_OF_RANGE', `page ${index + 1} of ${count}`);
      }
      let nodeRef: PdfObject | undefined = this.catalog.get('Pages');
      let remaining = index;
      const seen = new Set<string>();
      const inherited = new Map<string, PdfObject>();
      for (let depth = 0; depth < MAX_PAGE_DEPTH; depth++) {
        if (nodeRef instanceof PdfRef) {
          if (seen.has(nodeRef.key)) throw malformed('cycle in the page tree');
          seen.add(nodeRef.key);
        }
        const node = this.dict(nodeRef);
        if (!node) throw malformed('page tree node is not a dictionary');
        for (const k of ['MediaBox', 'CropBox', 'Rotate', 'Resources']) {
          const v = node.get(k);
          if (v !== undefined) inherited.set(k, v);
        }
        const kids = this.resolve(node.get('Kids'));
        if (!Array.isArray(kids)) throw malformed('page tree node without /Kids');
        let next: PdfObject | undefined;
        for (const kid of kids) {
          const k = this.dict(kid);
          if (!k) throw malformed('page tree kid is not a dictionary');
          const isNode = k.name('Type') === 'Pages' || (k.name('Type') !== 'Page' && k.has('Kids'));
          if (isNode) {
            const n = this.resolve(k.get('Count'));
            if (typeof n !== 'number' || n < 0 || n > MAX_PAGES)
              throw malformed('bad /Count in the page tree');
            if (remaining < n) {
              next = kid;
              break;
            }
            remaining -= n;
          } else {
            if (remaining === 0) {
              if (!(kid instanceof PdfRef)) throw malformed('page is not an indirect object');
              for (const key of ['MediaBox', 'CropBox', 'Rotate', 'Resources']) {
                const v = k.get(key);
                if (v !== undefined) inherited.set(key, v);
              }
              const media = this.box(inherited.get('MediaBox')) ?? [0, 0, 595.28, 841.89];
              const crop = this.box(inherited.get('CropBox')) ?? media;
              const rot = this.resolve(inherited.get('Rotate'));
              return {
                index,
                ref: kid,
                dict: k,
                mediaBox: media,
                cropBox: crop,
                resources: inherited.get('Resources'),
                rotate: typeof rot === 'number' ? (((Math.round(rot / 90) * 90) % 360) + 360) % 360 : 0,
              };
            }
            remaining -= 1;
          }
        }
        if (next === undefined) throw malformed('page tree /Count does not match its kids');
        nodeRef = next;
      }
      throw malformed('page tree deeper than the limit');
    });
  }

  /** 0-based index of the page `ref`, walking the tree once (cached); undefined if not a page. */
  pageIndexOf(ref: PdfRef): number | undefined {
    if (!this.pageRefs) {
      const out: PdfRef[] = [];
      const seen = new Set<string>();
      const walk = (node: PdfObject | undefined, depth: number): void => {
        if (depth > MAX_PAGE_DEPTH) throw malformed('page tree deeper than the limit');
        if (node instanceof PdfRef) {
          if (seen.has(node.key)) throw malformed('cycle in the page tree');
          seen.add(node.key);
        }
        const d = this.dict(node);
        if (!d) return;
        const kids = this.resolve(d.get('Kids'));
        if (Array.isArray(kids) && d.name('Type') !== 'Page') {
          for (const k of kids) walk(k, depth + 1);
        } else if (node instanceof PdfRef) {
          if (out.length >= MAX_PAGES) throw malformed('too many pages');
          out.push(node);
        }
      };
      wrap(() => walk(this.catalog.get('Pages'), 0));
      this.pageRefs = out;
    }
    const i = this.pageRefs.findIndex((r) => r.equals(ref));
    return i < 0 ? undefined : i;
  }

  get acroForm(): PdfDict | undefined {
    return this.dict(this.catalog.get('AcroForm'));
  }

  /** Every field of /AcroForm /Fields (terminal fields with their full names), bounded. */
  fields(): { name: string; ref: PdfRef | undefined; dict: PdfDict; type: string | undefined }[] {
    return wrap(() => {
      const out: { name: string; ref: PdfRef | undefined; dict: PdfDict; type: string | undefined }[] = [];
      const form = this.acroForm;
      if (!form) return out;
      const seen = new Set<string>();
      const walk = (obj: PdfObject, prefix: string, ft: string | undefined, depth: number): void => {
        if (depth > MAX_PAGE_DEPTH) throw malformed('form field tree deeper than the limit');
        if (out.length > MAX_FIELDS) throw malformed('too many form fields');
        const ref = obj instanceof PdfRef ? obj : undefined;
        if (ref) {
          if (seen.has(ref.key)) return;
          seen.add(ref.key);
        }
        const d = this.dict(obj);
        if (!d) return;
        const t = this.resolve(d.get('T'));
        const partial = t instanceof PdfString ? t.text() : undefined;
        const name = partial === undefined ? prefix : prefix ? `${prefix}.${partial}` : partial;
        const type = d.name('FT') ?? ft;
        const kids = this.resolve(d.get('Kids'));
        const fieldKids = Array.isArray(kids)
          ? kids.filter((k) => {
              const kd = this.dict(k);
              return kd?.has('T') === true;
            })
          : [];
        if (fieldKids.length > 0) {
          for (const k of fieldKids) walk(k, name, type, depth + 1);
        } else if (partial !== undefined || prefix) {
          out.push({ name, ref, dict: d, type });
        }
      };
      const fields = this.resolve(form.get('Fields'));
      if (Array.isArray(fields)) for (const f of fields) walk(f, '', undefined, 0);
      return out;
    });
  }

  /** Signature fields (/FT /Sig), signed or empty, with their values and widgets. */
  signatureFields(): SignatureFieldInfo[] {
    return wrap(() =>
      this.fields()
        .filter((f) => f.type === 'Sig')
        .map((f) => {
          const vRaw = f.dict.get('V');
          const value = this.dict(vRaw);
          const text = (k: string): string | undefined => {
            const v = value ? this.resolve(value.get(k)) : undefined;
            return v instanceof PdfString ? v.text() : undefined;
          };
          const br = value ? this.resolve(value.get('ByteRange')) : undefined;
          const contents = value ? this.resolve(value.get('Contents')) : undefined;
          const widgets: SignatureFieldInfo['widgets'] = [];
          const addWidget = (ref: PdfRef | undefined, d: PdfDict): void => {
            const rect = this.box(d.get('Rect')) ?? [0, 0, 0, 0];
            const p = d.get('P');
            widgets.push({ ref, rect, pageRef: p instanceof PdfRef ? p : undefined });
          };
          const kids = this.resolve(f.dict.get('Kids'));
          if (Array.isArray(kids) && kids.length > 0) {
            for (const k of kids.slice(0, 1000)) {
              const kd = this.dict(k);
              if (kd) addWidget(k instanceof PdfRef ? k : undefined, kd);
            }
          } else if (f.dict.has('Rect')) addWidget(f.ref, f.dict);
          return {
            name: f.name,
            fieldRef: f.ref,
            field: f.dict,
            value,
            valueRef: vRaw instanceof PdfRef ? vRaw : undefined,
            byteRange:
              Array.isArray(br) && br.every((n) => typeof n === 'number') ? (br as number[]) : undefined,
            contents: contents instanceof PdfString ? contents.bytes : undefined,
            subFilter: value?.name('SubFilter'),
            filter: value?.name('Filter'),
            signingTime: text('M'),
            reason: text('Reason'),
            location: text('Location'),
            contactInfo: text('ContactInfo'),
            signerName: text('Name'),
            widgets,
          };
        }),
    );
  }

  /** A rectangle array resolved to four numbers, normalised so llx ≤ urx and lly ≤ ury. */
  box(obj: PdfObject | undefined): [number, number, number, number] | undefined {
    const a = this.resolve(obj);
    if (!Array.isArray(a) || a.length !== 4) return undefined;
    const n = a.map((v) => this.resolve(v));
    if (!n.every((v) => typeof v === 'number' && Number.isFinite(v))) return undefined;
    const [x1, y1, x2, y2] = n as [number, number, number, number];
    return [Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)];
  }

  // ---- internals -------------------------------------------------------------------------------

  private readRevisions(): Revision[] {
    const tail = Buffer.from(this.source.read(Math.max(0, this.size - TAIL), TAIL)).toString('latin1');
    const at = tail.lastIndexOf('startxref');
    if (at < 0) throw malformed('no startxref near the end of the file');
    const m = /^startxref\s+(\d{1,15})/.exec(tail.slice(at));
    if (!m) throw malformed('startxref without an offset');
    let offset: number | undefined = Number(m[1]);
    const newestFirst: Revision[] = [];
    const visited = new Set<number>();
    const budget = new EntryBudget(this.size);
    while (offset !== undefined) {
      if (visited.has(offset)) throw malformed(`cycle in the /Prev chain at ${offset}`);
      if (visited.size >= MAX_REVISIONS) throw malformed('too many revisions');
      visited.add(offset);
      const { section, at: realOffset } = this.readSectionNear(offset, budget);
      if (realOffset !== offset) this.shift = realOffset - offset;
      let entries = section.entries;
      let xrefStmOffset: number | undefined;
      const stm = section.trailer.number('XRefStm');
      if (section.kind === 'table' && stm !== undefined) {
        const hybrid = this.readSectionNear(stm, budget).section;
        const merged = new Map(entries);
        for (const [num, e] of hybrid.entries) {
          const cur = merged.get(num);
          if (!cur || cur.type === 'free') merged.set(num, e);
        }
        entries = merged;
        xrefStmOffset = stm;
      }
      newestFirst.push({
        index: 0,
        xrefOffset: realOffset,
        kind: section.kind,
        trailer: section.trailer,
        entries,
        endOffset: this.eofAfter(realOffset),
        ...(xrefStmOffset === undefined ? {} : { xrefStmOffset }),
      });
      const prev = section.trailer.get('Prev');
      offset = typeof prev === 'number' && Number.isInteger(prev) && prev >= 0 ? prev : undefined;
    }
    const revisions = mergeSectionsOfOneRevision(newestFirst, (end) =>
      this.chainStartBefore(end, newestFirst),
    ).reverse();
    revisions.forEach((r, i) => {
      r.index = i;
    });
    return revisions;
  }

  /** The section (index into `sections`) named by the last startxref before `end`, if any. */
  private chainStartBefore(end: number, sections: readonly Revision[]): number | undefined {
    const from = Math.max(0, end - 1024);
    const tail = Buffer.from(this.source.read(from, end - from)).toString('latin1');
    const at = tail.lastIndexOf('startxref');
    const m = at < 0 ? null : /^startxref\s+(\d{1,15})/.exec(tail.slice(at));
    if (!m) return undefined;
    const raw = Number(m[1]);
    const i = sections.findIndex(
      (s) =>
        s.xrefOffset === raw || s.xrefOffset === raw + this.shift || s.xrefOffset === raw + this.headerOffset,
    );
    return i >= 0 ? i : undefined;
  }

  /** Reads an xref section at `offset`, retrying relative to the header when junk precedes it. */
  private readSectionNear(offset: number, budget: EntryBudget): { section: XrefSection; at: number } {
    try {
      return { section: this.readSection(offset, budget), at: offset };
    } catch (e) {
      if (this.headerOffset > 0) {
        try {
          const at = offset + this.headerOffset;
          return { section: this.readSection(at, budget), at };
        } catch {
          // report the first failure
        }
      }
      throw e;
    }
  }

  private readSection(offset: number, budget: EntryBudget): XrefSection {
    if (offset < 0 || offset >= this.size) throw malformed(`xref offset ${offset} outside the file`);
    const { section, trial } = this.withWindow(offset, (lx) => {
      const trial = budget.trial();
      lx.skipWhitespace();
      if (lx.tryKeyword('xref')) {
        lx.pos -= 4;
        return { section: parseXrefTable(lx, trial), trial };
      }
      const obj = this.parseIndirectAt(lx);
      if (!(obj.value instanceof PdfStream)) throw malformed(`no xref table or stream at ${offset}`);
      return { section: parseXrefStream(obj.value, this.streamRaw(obj.value), trial), trial };
    });
    budget.settle(trial);
    return section;
  }

  /** Offset just past the first `%%EOF` (and its EOL) after `from`; the file size if there is none. */
  private eofAfter(from: number): number {
    const chunk = 64 * 1024;
    for (let pos = from; pos < this.size; pos += chunk - 8) {
      const buf = Buffer.from(this.source.read(pos, chunk));
      const i = buf.indexOf('%%EOF');
      if (i >= 0) {
        let end = pos + i + 5;
        const after = this.source.read(end, 2);
        if (after[0] === 13) end += after[1] === 10 ? 2 : 1;
        else if (after[0] === 10) end += 1;
        return end;
      }
      if (buf.length < chunk) break;
    }
    return this.size;
  }

  /** Runs a parse over a growing window starting at `offset` until it no longer needs more bytes. */
  private withWindow<T>(offset: number, parse: (lx: Lexer) => T): T {
    let size = 4096;
    for (;;) {
      const buf = this.source.read(offset, size);
      const atEof = offset + buf.length >= this.size;
      try {
        return parse(new Lexer(buf, offset, 0, atEof));
      } catch (e) {
        if (e instanceof NeedMoreBytes && !atEof && size < MAX_WINDOW) {
          size *= 4;
          continue;
        }
        if (e instanceof NeedMoreBytes) throw malformed(`object at ${offset} larger than the limit`);
        throw e;
      }
    }
  }

  /** Parses `num gen obj … [stream]` at the lexer position; stream data is located, not read. */
  private parseIndirectAt(lx: Lexer, expect?: PdfRef): { num: number; gen: number; value: PdfObject } {
    const num = lx.tryInteger();
    const gen = lx.tryInteger();
    if (num === undefined || gen === undefined || !lx.tryKeyword('obj')) {
      throw new SyntaxFault(`no object header at ${lx.absolute}`);
    }
    if (expect && expect.num !== num) throw new SyntaxFault(`expected object ${expect.num}, found ${num}`);
    const value = lx.parseObject();
    if (value instanceof PdfDict && lx.tryKeyword('stream')) {
      if (lx.pos < lx.buf.length && lx.buf[lx.pos] === 13) lx.pos++;
      if (lx.pos < lx.buf.length && lx.buf[lx.pos] === 10) lx.pos++;
      const dataOffset = lx.absolute;
      return { num, gen, value: new PdfStream(value, dataOffset, this.streamLength(value, dataOffset)) };
    }
    return { num, gen, value };
  }

  /** /Length checked against the file; when it is wrong, the data ends at the next `endstream`. */
  private streamLength(dict: PdfDict, dataOffset: number): number {
    let len: PdfObject | undefined = dict.get('Length');
    // While the xref sections themselves are being read, an indirect /Length cannot be resolved yet.
    if (len instanceof PdfRef)
      len = this.revisions ? this.resolveIn(len, this.revisions.length - 1) : undefined;
    if (typeof len === 'number' && Number.isInteger(len) && len >= 0 && dataOffset + len <= this.size) {
      const after = Buffer.from(this.source.read(dataOffset + len, 32)).toString('latin1');
      if (/^\s*endstream/.test(after)) return len;
    }
    const found = this.findForward('endstream', dataOffset);
    if (found < 0) throw malformed(`stream at ${dataOffset} has no endstream`);
    let end = found;
    const eol = this.source.read(Math.max(dataOffset, end - 2), 2);
    if (eol.length === 2 && eol[1] === 10) end -= eol[0] === 13 ? 2 : 1;
    else if (eol.length >= 1 && eol[eol.length - 1] === 13) end -= 1;
    return Math.max(0, end - dataOffset);
  }

  private findForward(word: string, from: number): number {
    const chunk = 1024 * 1024;
    for (let pos = from; pos < this.size; pos += chunk - word.length) {
      const buf = Buffer.from(this.source.read(pos, chunk));
      const i = buf.indexOf(word);
      if (i >= 0) return pos + i;
      if (buf.length < chunk) break;
    }
    return -1;
  }

  private resolveIn(obj: PdfObject | undefined, revision: number): PdfObject | undefined {
    let cur = obj;
    for (let hop = 0; cur instanceof PdfRef; hop++) {
      if (hop >= MAX_REF_CHAIN) throw malformed('reference chain too long');
      cur = this.load(cur, revision);
    }
    return cur;
  }

  /** Loads the object a reference points to (null for free or missing entries, as the spec says). */
  private load(ref: PdfRef, revision: number): PdfObject {
    if (ref.num <= 0 || ref.num > MAX_OBJECTS) return null;
    const entry = this.entry(ref.num, revision);
    if (!entry || entry.type === 'free') return null;
    // The number is part of the key: a damaged xref may give two objects the same offset. A member
    // of an object stream is keyed by where that stream is at this revision: an update may rewrite
    // the stream under the same number, and each revision must see its own members.
    const key =
      entry.type === 'offset'
        ? `o${ref.num}@${entry.offset}`
        : `c${ref.num}@${this.objStmKey(entry.stream, revision)}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    if (this.resolving.has(key)) throw malformed(`reference cycle through object ${ref.num}`);
    this.resolving.add(key);
    try {
      let value: PdfObject;
      if (entry.type === 'offset') {
        value = this.loadAt(ref, entry.offset + this.shift, revision);
      } else {
        value = this.loadCompressed(ref.num, entry.stream, revision);
      }
      this.cache.set(key, value);
      return value;
    } finally {
      this.resolving.delete(key);
    }
  }

  /**
   * Parses object `ref` at `at`. With allowReconstruct, an offset that holds another object (or
   * none) is replaced by the newest header of `ref` the scan finds before the revision's end.
   */
  private loadAt(ref: PdfRef, at: number, revision: number): PdfObject {
    try {
      if (at < 0 || at >= this.size) throw malformed(`object ${ref.num} offset outside the file`);
      return this.withWindow(at, (lx) => this.parseIndirectAt(lx, ref).value);
    } catch (e) {
      const misplaced = e instanceof SyntaxFault || (e instanceof VanthuError && e.code === 'PDF_MALFORMED');
      if (!this.recover || !misplaced) throw e;
      const end = this.revisions?.[revision]?.endOffset ?? this.size;
      const found = this.scannedOffset(ref.num, end);
      if (found === undefined || found === at) throw e;
      const value = this.withWindow(found, (lx) => this.parseIndirectAt(lx, ref).value);
      this.relocated++;
      return value;
    }
  }

  /** Absolute offset of the newest `num G obj` header before `end`, from one scan of the file. */
  private scannedOffset(num: number, end: number): number | undefined {
    if (!this.scan) {
      if (this.size > 512 * 1024 * 1024)
        throw malformed('xref offsets wrong and the file is too large to scan');
      this.scan = scanObjects(this.source);
    }
    return scannedBefore(this.scan, num, end);
  }

  /** An object stream as one revision has it: its number and the offset of its xref entry there. */
  private objStmKey(streamNum: number, revision: number): string {
    const e = this.entry(streamNum, revision);
    return `${streamNum}@${e?.type === 'offset' ? e.offset : '-'}`;
  }

  /** Object numbers object stream `streamNum` holds at `revision` (empty when it is not one). */
  objStmMembers(streamNum: number, revision = this.revisions.length - 1): number[] {
    const os = wrap(() => this.objStm(streamNum, revision));
    return os ? [...os.offsets.keys()] : [];
  }

  /**
   * Object stream `streamNum` as `revision` has it, parsed once; undefined when that object is not
   * an object stream. Decoded streams are kept under a byte cap, the oldest dropped first.
   */
  private objStm(streamNum: number, revision: number): ObjStm | undefined {
    const key = this.objStmKey(streamNum, revision);
    const cached = this.objStreams.get(key);
    if (cached) return cached;
    const stream = this.resolveIn(new PdfRef(streamNum, 0), revision);
    if (!(stream instanceof PdfStream) || stream.dict.name('Type') !== 'ObjStm') return undefined;
    const n = stream.dict.number('N');
    const first = stream.dict.number('First');
    if (n === undefined || first === undefined || n < 0 || n > MAX_OBJECTS || first < 0) {
      throw malformed(`object stream ${streamNum} has bad /N or /First`);
    }
    const data = this.streamData(stream, MAX_OBJSTM_DECODED);
    if (first > data.length) throw malformed(`object stream ${streamNum} /First beyond its data`);
    const lx = new Lexer(data.subarray(0, first), 0, 0, true);
    const offsets = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const on = lx.tryInteger();
      const off = lx.tryInteger();
      if (on === undefined || off === undefined) throw malformed(`object stream ${streamNum} header damaged`);
      if (!offsets.has(on)) offsets.set(on, off);
    }
    const os = { offsets, data, first };
    this.objStreamBytes += data.length;
    for (const [k, v] of this.objStreams) {
      if (this.objStreams.size < MAX_OBJSTM_KEPT && this.objStreamBytes <= MAX_OBJSTM_CACHED) break;
      this.objStreams.delete(k);
      this.objStreamBytes -= v.data.length;
    }
    this.objStreams.set(key, os);
    return os;
  }

  /** Objects in a stream are found by number from its header (the xref index is only a hint). */
  private loadCompressed(num: number, streamNum: number, revision: number): PdfObject {
    const os = this.objStm(streamNum, revision);
    if (!os) throw malformed(`object stream ${streamNum} missing`);
    const off = os.offsets.get(num);
    if (off === undefined || os.first + off >= os.data.length) {
      throw malformed(`object ${num} not found in object stream ${streamNum}`);
    }
    const lx = new Lexer(os.data, 0, os.first + off, true);
    return lx.parseObject();
  }

  /** Bounded fallback: one linear scan for `N G obj` headers and the last trailer or catalog. */
  private reconstruct(maxBytes: number): Revision {
    if (this.size > maxBytes)
      throw malformed('cross-reference data unusable and the file is too large to scan');
    const entries = new Map<number, XrefEntry>();
    const chunk = 4 * 1024 * 1024;
    const re = /(?:^|[\r\n\s])(\d{1,7})\s+(\d{1,5})\s+obj\b/g;
    let trailer: PdfDict | undefined;
    let trailerAt = -1;
    for (let pos = 0; pos < this.size; pos += chunk - 64) {
      const text = Buffer.from(this.source.read(pos, chunk)).toString('latin1');
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const at = pos + m.index + (m[0].length - m[0].trimStart().length);
        const num = Number(m[1]);
        if (num > 0 && num <= MAX_OBJECTS)
          entries.set(num, { type: 'offset', offset: at, gen: Number(m[2]) });
      }
      re.lastIndex = 0;
      const t = text.lastIndexOf('trailer');
      if (t >= 0 && pos + t > trailerAt) trailerAt = pos + t;
      if (text.length < chunk) break;
    }
    if (trailerAt >= 0) {
      try {
        const t = this.withWindow(trailerAt + 7, (lx) => lx.parseObject());
        if (t instanceof PdfDict && t.has('Root')) trailer = t;
      } catch {
        trailer = undefined;
      }
    }
    if (!trailer) throw malformed('cross-reference data unusable and no trailer found by scanning');
    return { index: 0, xrefOffset: -1, kind: 'table', trailer, entries, endOffset: this.size };
  }
}

/** Turns parser faults and unexpected exceptions into PDF_MALFORMED; VanthuErrors pass through. */
function wrap<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof VanthuError) throw e;
    if (e instanceof SyntaxFault || e instanceof FilterFault) throw malformed(e.message, e);
    if (e instanceof RangeError) throw malformed(`limit exceeded: ${e.message}`, e);
    throw malformed((e as Error).message ?? String(e), e);
  }
}
