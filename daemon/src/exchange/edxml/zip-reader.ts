import { crc32, inflateRawSync } from 'node:zlib';
import { VanthuError } from '@vanthu/shared/errors/index';

export interface ZipLimits {
  /** Cap on the sum of the entries' sizes once inflated. */
  maxBytes: number;
  /** Cap on inflated size ÷ archive size. */
  maxRatio: number;
}

export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;
const FLAG_ENCRYPTED = 0x1;
const FLAG_DESCRIPTOR = 0x8;
const STORED = 0;
const DEFLATED = 8;

interface CentralEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const malformed = (message: string) => new VanthuError('EDXML_MALFORMED', `ZIP attachment: ${message}`);

/** Little-endian reads that refuse to run past the end of the archive. */
class Bytes {
  private readonly view: DataView;
  constructor(readonly data: Uint8Array) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }
  private need(at: number, n: number) {
    if (at < 0 || at + n > this.data.length) throw malformed('a record runs past the end of the archive');
  }
  u16(at: number): number {
    this.need(at, 2);
    return this.view.getUint16(at, true);
  }
  u32(at: number): number {
    this.need(at, 4);
    return this.view.getUint32(at, true);
  }
  slice(at: number, n: number): Uint8Array {
    this.need(at, n);
    return this.data.subarray(at, at + n);
  }
  text(at: number, n: number): string {
    return new TextDecoder().decode(this.slice(at, n));
  }
}

function findEndOfCentralDirectory(b: Bytes): number {
  const last = b.data.length - 22;
  for (let at = last; at >= 0 && at >= last - 0xffff; at--) if (b.u32(at) === EOCD) return at;
  throw malformed('no end-of-central-directory record');
}

function readCentralDirectory(b: Bytes): { entries: CentralEntry[]; start: number } {
  const eocd = findEndOfCentralDirectory(b);
  if (b.u16(eocd + 4) !== 0 || b.u16(eocd + 6) !== 0) throw malformed('multi-part archives are refused');
  const count = b.u16(eocd + 10);
  const size = b.u32(eocd + 12);
  const start = b.u32(eocd + 16);
  if (count === 0xffff || start === 0xffffffff) throw malformed('ZIP64 archives are refused');
  if (b.u16(eocd + 8) !== count) throw malformed('entry counts disagree');
  if (start + size > eocd) throw malformed('central directory overlaps its end record');
  const entries: CentralEntry[] = [];
  let at = start;
  for (let i = 0; i < count; i++) {
    if (b.u32(at) !== CENTRAL) throw malformed(`central directory entry ${i + 1} is damaged`);
    const nameLength = b.u16(at + 28);
    const entry: CentralEntry = {
      flags: b.u16(at + 8),
      method: b.u16(at + 10),
      crc: b.u32(at + 16),
      compressedSize: b.u32(at + 20),
      size: b.u32(at + 24),
      localOffset: b.u32(at + 42),
      name: b.text(at + 46, nameLength),
    };
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff || entry.localOffset === 0xffffffff)
      throw malformed('ZIP64 archives are refused');
    entries.push(entry);
    at += 46 + nameLength + b.u16(at + 30) + b.u16(at + 32);
  }
  if (at > start + size) throw malformed('central directory is longer than declared');
  return { entries, start };
}

/** Where the entry's data starts, after checking the local header agrees with the central one. */
function checkLocalHeader(b: Bytes, e: CentralEntry): number {
  const at = e.localOffset;
  if (b.u32(at) !== LOCAL) throw malformed(`${e.name}: no local header at offset ${at}`);
  const flags = b.u16(at + 6);
  const nameLength = b.u16(at + 26);
  if (b.text(at + 30, nameLength) !== e.name) throw malformed(`${e.name}: local and central names differ`);
  if (b.u16(at + 8) !== e.method || (flags & FLAG_DESCRIPTOR) !== (e.flags & FLAG_DESCRIPTOR))
    throw malformed(`${e.name}: local and central headers differ`);
  if (!(flags & FLAG_DESCRIPTOR)) {
    const local = { crc: b.u32(at + 14), compressedSize: b.u32(at + 18), size: b.u32(at + 22) };
    if (local.crc !== e.crc || local.compressedSize !== e.compressedSize || local.size !== e.size)
      throw malformed(`${e.name}: CRC or sizes differ between the local and central headers`);
  }
  return at + 30 + nameLength + b.u16(at + 28);
}

/** The data descriptor that follows the data when flag bit 3 is set must repeat the central values. */
function checkDescriptor(b: Bytes, e: CentralEntry, dataEnd: number) {
  const at = b.u32(dataEnd) === DESCRIPTOR ? dataEnd + 4 : dataEnd;
  if (b.u32(at) !== e.crc || b.u32(at + 4) !== e.compressedSize || b.u32(at + 8) !== e.size)
    throw malformed(`${e.name}: data descriptor differs from the central directory`);
}

/** Checks one entry's headers without inflating it; returns where its data lies. */
function locate(b: Bytes, e: CentralEntry, centralStart: number): { dataStart: number; dataEnd: number } {
  if (e.flags & FLAG_ENCRYPTED) throw malformed(`${e.name}: encrypted entries are refused`);
  if (e.method !== STORED && e.method !== DEFLATED)
    throw malformed(`${e.name}: compression method ${e.method} is not supported`);
  if (e.method === STORED && e.compressedSize !== e.size)
    throw malformed(`${e.name}: stored entry with different sizes`);
  const dataStart = checkLocalHeader(b, e);
  const dataEnd = dataStart + e.compressedSize;
  if (dataEnd > centralStart) throw malformed(`${e.name}: data runs into the central directory`);
  if (e.flags & FLAG_DESCRIPTOR) checkDescriptor(b, e, dataEnd);
  return { dataStart, dataEnd };
}

function inflateEntry(e: CentralEntry, raw: Uint8Array): Uint8Array {
  if (e.method === STORED) return raw;
  try {
    // Never more than the declared size: a lying header cannot make us inflate a bomb.
    return new Uint8Array(inflateRawSync(raw, { maxOutputLength: Math.max(1, e.size) }));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      throw malformed(`${e.name}: inflates beyond its declared size of ${e.size} bytes`);
    throw malformed(`${e.name}: unreadable deflate data (${(error as Error).message})`);
  }
}

/**
 * Reads a ZIP archive and proves every entry: the local header, the central directory and (when
 * present) the data descriptor must agree on CRC-32 and sizes, the declared sizes must fit the caps
 * before anything is inflated, and the inflated bytes must have exactly the declared size and CRC.
 * Encrypted, ZIP64, multi-part and overlapping archives are refused. Directory entries are skipped.
 */
export function readZip(zip: Uint8Array, limits: ZipLimits): ZipEntry[] {
  const b = new Bytes(zip);
  const { entries, start } = readCentralDirectory(b);
  const declared = entries.reduce((n, e) => n + e.size, 0);
  if (declared > limits.maxBytes || declared > Math.max(zip.length, 1) * limits.maxRatio)
    throw new VanthuError(
      'EDXML_TOO_LARGE',
      `ZIP attachment declares ${declared} bytes inflated (cap ${limits.maxBytes} bytes, ratio ${limits.maxRatio}×)`,
    );
  const located = entries.map((e) => ({ e, ...locate(b, e, start) }));
  const byOffset = [...located].sort((x, y) => x.e.localOffset - y.e.localOffset);
  for (let i = 1; i < byOffset.length; i++)
    if (byOffset[i]!.e.localOffset < byOffset[i - 1]!.dataEnd)
      throw malformed(`${byOffset[i]!.e.name} overlaps ${byOffset[i - 1]!.e.name}`);
  const out: ZipEntry[] = [];
  for (const { e, dataStart } of located) {
    const data = inflateEntry(e, b.slice(dataStart, e.compressedSize));
    if (data.length !== e.size)
      throw malformed(`${e.name}: ${data.length} bytes inflated, header says ${e.size}`);
    if (crc32(data) !== e.crc) throw malformed(`${e.name}: CRC-32 mismatch`);
    if (!e.name.endsWith('/')) out.push({ name: e.name, data });
  }
  return out;
}
