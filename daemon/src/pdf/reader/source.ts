import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/**
 * Random access to the bytes of a PDF. The reader only ever asks for small windows (tail, object
 * headers, xref sections), so a file handle never needs the whole file in memory.
 */
export interface ByteSource {
  readonly size: number;
  /** Up to `length` bytes from `offset` (fewer at the end of the source). */
  read(offset: number, length: number): Uint8Array;
  close(): void;
}

export class BufferSource implements ByteSource {
  constructor(readonly buffer: Uint8Array) {}
  get size(): number {
    return this.buffer.length;
  }
  read(offset: number, length: number): Uint8Array {
    const start = Math.max(0, Math.min(offset, this.buffer.length));
    return this.buffer.subarray(start, Math.min(this.buffer.length, start + Math.max(0, length)));
  }
  close(): void {}
}

export class FileSource implements ByteSource {
  readonly size: number;
  private fd: number | undefined;
  private constructor(fd: number) {
    this.fd = fd;
    this.size = fstatSync(fd).size;
  }
  static open(path: string): FileSource {
    return new FileSource(openSync(path, 'r'));
  }
  read(offset: number, length: number): Uint8Array {
    if (this.fd === undefined) throw new Error('source closed');
    const start = Math.max(0, Math.min(offset, this.size));
    const n = Math.min(this.size - start, Math.max(0, length));
    const out = Buffer.allocUnsafe(n);
    let done = 0;
    while (done < n) {
      const got = readSync(this.fd, out, done, n - done, start + done);
      if (got <= 0) break;
      done += got;
    }
    return done === n ? out : out.subarray(0, done);
  }
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
