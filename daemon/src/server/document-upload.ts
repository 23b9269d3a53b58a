import { type Hash, createHash } from 'node:crypto';
import { VanthuError } from '@vanthu/shared/errors/index';
import type { UploadedDocument } from '../handlers/context.js';

/**
 * Collects the binary frames of one request into a buffer of the announced size, hashing each
 * chunk as it arrives (the hash runs while the client is still sending, and it is the only pass
 * over the document: handlers reuse its state). Resolves when every byte has arrived (and the
 * optional SHA-256 matches); rejects on overflow, mismatch, abort.
 */
export class DocumentUpload {
  readonly done: Promise<UploadedDocument>;
  private readonly buffer: Buffer;
  private readonly hash: Hash = createHash('sha256');
  private received = 0;
  private resolve!: (document: UploadedDocument) => void;
  private reject!: (error: VanthuError) => void;
  private settled = false;

  constructor(
    readonly bytes: number,
    private readonly sha256: string | undefined,
    private readonly onProgress: (received: number) => void = () => {},
  ) {
    this.buffer = Buffer.allocUnsafe(bytes);
    this.done = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // Unobserved rejections (request aborted before the handler awaited) are not crashes.
    this.done.catch(() => {});
    if (bytes === 0) this.finish();
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
    this.hash.update(chunk);
    this.received += chunk.length;
    this.onProgress(this.received);
    if (this.received === this.bytes) this.finish();
  }

  fail(error: VanthuError): void {
    if (this.settled) return;
    this.settled = true;
    this.reject(error);
  }

  private finish(): void {
    const state = this.hash;
    const sha256 = state.copy().digest('hex');
    if (this.sha256 !== undefined && sha256 !== this.sha256) {
      this.fail(new VanthuError('INVALID_INPUT', 'document SHA-256 does not match the announced value'));
      return;
    }
    this.settled = true;
    this.resolve({ bytes: this.buffer, sha256, sha256State: () => state.copy() });
  }
}
