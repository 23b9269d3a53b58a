/**
 * Browser native-messaging framing: each message is a 32-bit length in the host's byte order
 * (little-endian on every platform browsers ship for) followed by that many bytes of UTF-8 JSON.
 */
export const MAX_NATIVE_MESSAGE_BYTES = 64 * 1024;

export function encodeNativeMessage(value: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  const header = Buffer.alloc(4);
  header.writeUInt32LE(body.length, 0);
  return Buffer.concat([header, body]);
}

/** Splits a byte stream into messages; a length over the limit is an error (not a huge allocation). */
export class NativeMessageReader {
  private pending = Buffer.alloc(0);

  /** Feeds bytes; returns the complete JSON texts now available. */
  push(chunk: Buffer): string[] {
    this.pending = Buffer.concat([this.pending, chunk]);
    const out: string[] = [];
    while (this.pending.length >= 4) {
      const length = this.pending.readUInt32LE(0);
      if (length > MAX_NATIVE_MESSAGE_BYTES)
        throw new RangeError(`native message of ${length} bytes is over the limit`);
      if (this.pending.length < 4 + length) break;
      out.push(this.pending.subarray(4, 4 + length).toString('utf8'));
      this.pending = this.pending.subarray(4 + length);
    }
    return out;
  }
}
