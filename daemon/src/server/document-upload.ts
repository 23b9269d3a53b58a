import { type Hash, createHash } from 'node:crypto';
import { VanthuError } from '@vanthu/shared/errors/index';
import type { DocumentRef } from '@vanthu/shared/protocol/index';
import type { UploadedDocument } from '../handlers/context.js';

interface Part {
  ref: DocumentRef;
  start: number;
  hash: Hash;
}

/**
 * Collects the binary frames of one request into a buffer of the announced size, hashing each
 * chunk as it arrives (the hash runs while the client is still sending, and it is the only pass
 * over the document: handlers reuse its state). A request may announce several documents, sent one
 * after the other: each is a slice of the buffer with its own hash. Resolves when every byte has
 * arrived (and each optional SHA-256 matches); rejects on overflow, mismatch, abort.
 */
export class DocumentUpload {
  readonly done: Promise<UploadedDocument[]>;
  readonly bytes: number;
  private readonly buffer: Buffer;
  private readonly parts: Part[];
  private received = 0;
  private resolve!: (documents: UploadedDocument[]) => void;
  private reject!: (error: VanthuError) => void;
  private settled = false;

  constructor(
    refs: readonly DocumentRef[],
    private readonly onProgress: (received: number) => void = () => {},
  ) {
    let start = 0;
    this.parts = refs.map((ref) => {
      const part = { ref, start, hash: createHash('sha256') };
      start += ref.bytes;
      return part;
    });
    this.bytes = start;
    this.buffer = Buffer.allocUnsafe(start);
    this.done = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // Unobserved rejections (request aborted before the handler awaited) are not crashes.
    this.done.catch(() => {});
    if (start === 0) this.finish();
  }

  get complete(): boolean {
    return this.settled;
  }

  /** Appends one chunk; throws MESSAGE_TOO_LARGE past the announced size. */
  append(chunk: Uint8Array): void {
    if (this.settled) throw new VanthuError('PROTOCOL_ERROR', 'binary frame after the document was complete');
    if (this.received + chunk.length > this.bytes) {
      const error = new VanthuError(
        'MESSAGE_TOO_LARGE',
        `document exceeds the announced ${this.bytes} bytes`,
      );
      this.fail(error);
      throw error;
    }
    this.buffer.set(chunk, this.received);
    // A chunk may end one document and begin the next: each part hashes its own bytes.
    for (const part of this.parts) {
      const from = Math.max(part.start, this.received);
      const to = Math.min(part.start + part.ref.bytes, this.received + chunk.length);
      // Stryker disable next-line EqualityOperator: at from === to the slice is empty and hashing nothing changes no digest
      if (from < to) part.hash.update(chunk.subarray(from - this.received, to - this.received));
    }
    this.received += chunk.length;
    this.onProgress(this.received);
    if (this.received === this.bytes) this.finish();
  }

  fail(error: VanthuError): void {
    // Stryker disable next-line ConditionalExpression: a settled promise ignores a later reject, and settled is already true
    if (this.settled) return;
    this.settled = true;
    this.reject(error);
  }

  private finish(): void {
    const documents: UploadedDocument[] = [];
    for (const part of this.parts) {
      const state = part.hash;
      const sha256 = state.copy().digest('hex');
      if (part.ref.sha256 !== undefined && sha256 !== part.ref.sha256) {
        this.fail(new VanthuError('INVALID_INPUT', 'document SHA-256 does not match the announced value'));
        return;
      }
      documents.push({
        bytes: this.buffer.subarray(part.start, part.start + part.ref.bytes),
        sha256,
        sha256State: () => state.copy(),
      });
    }
    this.settled = true;
    this.resolve(documents);
  }
}
