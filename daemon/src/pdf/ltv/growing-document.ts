import { type Hash, createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { VanthuError } from '@vanthu/shared/errors/index';
import { type OpenOptions, PdfReader } from '../reader/index.js';
import { HASH_CHUNK } from '../sign/input-hash.js';

/** Opened as signing opens a file: wrong xref offsets are recovered, the update lists every object. */
const OPEN: OpenOptions = { relocate: true };

/**
 * A signed PDF being extended by incremental updates: either a staged file (appended in place,
 * renamed over the output by the caller) or the input bytes followed by the updates so far (the
 * daemon's in-memory signing). The bytes already there are never rewritten.
 */
export class GrowingDocument {
  private readonly parts: Buffer[];
  private size_: number;

  private constructor(
    private readonly path: string | undefined,
    parts: Buffer[],
    size: number,
  ) {
    this.parts = parts;
    this.size_ = size;
  }

  /** `path` is appended to; it must be a private staged copy. */
  static file(path: string, size: number): GrowingDocument {
    return new GrowingDocument(path, [], size);
  }

  static bytes(parts: readonly Uint8Array[]): GrowingDocument {
    const bufs = parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength));
    return new GrowingDocument(
      undefined,
      bufs,
      bufs.reduce((n, b) => n + b.length, 0),
    );
  }

  get size(): number {
    return this.size_;
  }

  /** The updates appended to an in-memory document, after the original parts. */
  get appendedParts(): Buffer[] {
    return this.parts;
  }

  reader(): PdfReader {
    if (this.path) return PdfReader.fromFile(this.path, OPEN);
    return PdfReader.fromBuffer(Buffer.concat(this.parts), OPEN);
  }

  async append(update: Buffer): Promise<void> {
    if (this.path) {
      const fh = await open(this.path, 'a');
      try {
        await fh.write(update);
        await fh.datasync();
      } catch (e) {
        throw new VanthuError('IO_ERROR', `${this.path}: ${(e as Error).message}`, undefined, { cause: e });
      } finally {
        await fh.close();
      }
    } else this.parts.push(update);
    this.size_ += update.length;
  }

  /** A hash state over every byte of the document as it stands (read in HASH_CHUNK reads). */
  async hash(algorithm: string): Promise<Hash> {
    const h = createHash(algorithm);
    if (!this.path) {
      for (const p of this.parts) h.update(p);
      return h;
    }
    const fh = await open(this.path, 'r');
    try {
      const chunk = Buffer.allocUnsafe(HASH_CHUNK);
      for (let pos = 0; pos < this.size_; ) {
        const { bytesRead } = await fh.read(chunk, 0, Math.min(chunk.length, this.size_ - pos), pos);
        if (bytesRead === 0) break;
        h.update(chunk.subarray(0, bytesRead));
        pos += bytesRead;
      }
      return h;
    } finally {
      await fh.close();
    }
  }
}
