import { VanthuError } from '@vanthu/shared/errors/index';
import {
  Lexer,
  type PdfObject,
  PdfRef,
  type PdfReader,
  PdfStream,
  type Revision,
  type XrefEntry,
} from '../pdf/reader/index.js';

const MAX_REF_CHAIN = 32;
const MAX_OBJSTM_DECODED = 64 * 1024 * 1024;
/** Decoded object streams kept at once; the oldest are dropped first. */
const MAX_CACHED_BYTES = 128 * 1024 * 1024;

interface ParsedObjStm {
  offsets: Map<number, number>;
  data: Uint8Array;
  first: number;
}

/**
 * Objects as each revision saw them, with the analysis's own budget: decoded object streams are
 * held under a byte cap and dropped oldest first, and a member is read from the object stream as
 * that revision has it (an update may rewrite a stream under the same number).
 */
export class RevisionView {
  private readonly streams = new Map<string, ParsedObjStm>();
  private readonly members = new Map<string, PdfObject>();
  private cachedBytes = 0;

  constructor(readonly reader: PdfReader) {}

  get revisions(): readonly Revision[] {
    return this.reader.revisions;
  }

  entry(num: number, revision: number): XrefEntry | undefined {
    return this.reader.entry(num, revision);
  }

  streamRaw(stream: PdfStream): Uint8Array {
    return this.reader.streamRaw(stream);
  }

  resolveAt(obj: PdfObject | undefined, revision: number): PdfObject | undefined {
    let cur = obj;
    for (let hop = 0; cur instanceof PdfRef; hop++) {
      if (hop >= MAX_REF_CHAIN) throw malformed('reference chain too long');
      cur = this.load(cur, revision);
    }
    return cur;
  }

  /** Object numbers an object stream holds at `revision` (empty if it is not one). */
  objStmMembers(streamNum: number, revision: number): number[] {
    const os = this.objStm(streamNum, revision);
    return os ? [...os.offsets.keys()] : [];
  }

  private load(ref: PdfRef, revision: number): PdfObject {
    const entry = this.reader.entry(ref.num, revision);
    if (entry?.type !== 'compressed') return this.reader.resolveAt(ref, revision) ?? null;
    const os = this.objStm(entry.stream, revision);
    if (!os) throw malformed(`object stream ${entry.stream} missing`);
    const key = `${this.streamKey(entry.stream, revision)}#${ref.num}`;
    const hit = this.members.get(key);
    if (hit !== undefined) return hit;
    const off = os.offsets.get(ref.num);
    if (off === undefined || os.first + off >= os.data.length)
      throw malformed(`object ${ref.num} not found in object stream ${entry.stream}`);
    const value = new Lexer(os.data, 0, os.first + off, true).parseObject();
    this.members.set(key, value);
    return value;
  }

  /** Identifies one version of an object stream: where that revision's xref puts it. */
  private streamKey(streamNum: number, revision: number): string {
    const e = this.reader.entry(streamNum, revision);
    return e?.type === 'offset' ? `${streamNum}@${e.offset}` : `${streamNum}@none`;
  }

  private objStm(streamNum: number, revision: number): ParsedObjStm | undefined {
    const key = this.streamKey(streamNum, revision);
    const cached = this.streams.get(key);
    if (cached) return cached;
    const stream = this.reader.resolveAt(new PdfRef(streamNum, 0), revision);
    if (!(stream instanceof PdfStream) || stream.dict.name('Type') !== 'ObjStm') return undefined;
    const n = stream.dict.number('N');
    const first = stream.dict.number('First');
    if (n === undefined || first === undefined || n < 0 || first < 0 || n > 1_000_000)
      throw malformed(`object stream ${streamNum} has bad /N or /First`);
    const data = this.reader.streamData(stream, MAX_OBJSTM_DECODED);
    if (first > data.length) throw malformed(`object stream ${streamNum} /First beyond its data`);
    const lx = new Lexer(data.subarray(0, first), 0, 0, true);
    const offsets = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const num = lx.tryInteger();
      const off = lx.tryInteger();
      if (num === undefined || off === undefined)
        throw malformed(`object stream ${streamNum} header damaged`);
      if (!offsets.has(num)) offsets.set(num, off);
    }
    const parsed = { offsets, data, first };
    this.cachedBytes += data.length;
    for (const [k, v] of this.streams) {
      if (this.cachedBytes <= MAX_CACHED_BYTES) break;
      this.streams.delete(k);
      this.cachedBytes -= v.data.length;
    }
    this.streams.set(key, parsed);
    return parsed;
  }
}

function malformed(message: string): VanthuError {
  return new VanthuError('PDF_MALFORMED', message);
}
