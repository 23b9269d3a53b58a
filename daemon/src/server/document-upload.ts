import { createHash } from 'node:crypto';
import { VanthuError } from '@vanthu/shared/errors/index';

/**
 * Collects the binary frames of one request into a buffer of the announced size. Resolves when
 * every byte has arrived (and the optional SHA-256 matches); rejects on overflow, mismatch, abort.
 */
export class DocumentUpload {
  readonly done: Promise<Uint8Array>;
  private readonly buffer: Buffer;
  private received = 0;
  private resolve!: (bytes: Uint8Array) => void;
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
    if (this.sha256 !== undefined) {
      const got = createHash('sha256').update(this.buffer).digest('hex');
      if (got !== this.sha256) {
        this.fail(new VanthuError('INVALID_INPUT', 'document SHA-256 does not match the announced value'));
        return;
      }
    }
    this.settled = true;
    this.resolve(this.buffer);
  }
}
