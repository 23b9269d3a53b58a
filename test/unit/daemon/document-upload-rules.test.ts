import { createHash, randomBytes } from 'node:crypto';
import { VanthuError } from '@vanthu/shared/errors/index';
import { describe, expect, it } from 'vitest';
import { DocumentUpload } from '../../../daemon/src/server/document-upload.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('DocumentUpload: one rule each', () => {
  it('an upload of no bytes is complete at once with its empty documents', async () => {
    const upload = new DocumentUpload([{ bytes: 0 }, { bytes: 0 }]);
    expect(upload.bytes).toBe(0);
    expect(upload.complete).toBe(true);
    const parts = await upload.done;
    expect(parts.map((p) => p.sha256)).toEqual([sha(new Uint8Array(0)), sha(new Uint8Array(0))]);
  });

  it('is not complete until the last announced byte arrives, then completes', async () => {
    const doc = randomBytes(20);
    const upload = new DocumentUpload([{ bytes: 20 }]);
    expect(upload.bytes).toBe(20);
    upload.append(doc.subarray(0, 19));
    expect(upload.complete).toBe(false);
    upload.append(doc.subarray(19));
    expect(upload.complete).toBe(true);
    expect(Buffer.from((await upload.done)[0]!.bytes)).toEqual(doc);
  });

  it('reports the running total of bytes received after each frame', () => {
    const seen: number[] = [];
    const upload = new DocumentUpload([{ bytes: 6 }, { bytes: 4 }], (received) => seen.push(received));
    upload.append(randomBytes(3));
    upload.append(randomBytes(5));
    upload.append(randomBytes(2));
    expect(seen).toEqual([3, 8, 10]);
  });

  it('accepts a matching announced SHA-256 on every document', async () => {
    const a = randomBytes(9);
    const b = randomBytes(4);
    const upload = new DocumentUpload([
      { bytes: 9, sha256: sha(a) },
      { bytes: 4, sha256: sha(b) },
    ]);
    upload.append(Buffer.concat([a, b]));
    expect((await upload.done).map((p) => p.sha256)).toEqual([sha(a), sha(b)]);
  });

  it('a frame after the document was complete is a PROTOCOL_ERROR', () => {
    const upload = new DocumentUpload([{ bytes: 2 }]);
    upload.append(randomBytes(2));
    expect(() => upload.append(randomBytes(1))).toThrow(
      expect.objectContaining({
        code: 'PROTOCOL_ERROR',
        message: expect.stringContaining('binary frame after the document was complete'),
      }),
    );
  });

  it('an empty frame after completion is refused too, not counted as fitting', () => {
    const upload = new DocumentUpload([{ bytes: 2 }]);
    upload.append(randomBytes(2));
    expect(() => upload.append(new Uint8Array(0))).toThrow(
      expect.objectContaining({ code: 'PROTOCOL_ERROR' }),
    );
  });

  it('one byte past the announced size is MESSAGE_TOO_LARGE naming the size, and ends the upload', async () => {
    const upload = new DocumentUpload([{ bytes: 4 }]);
    upload.append(randomBytes(3));
    expect(() => upload.append(randomBytes(2))).toThrow(
      expect.objectContaining({
        code: 'MESSAGE_TOO_LARGE',
        message: expect.stringContaining('document exceeds the announced 4 bytes'),
      }),
    );
    expect(upload.complete).toBe(true);
    await expect(upload.done).rejects.toMatchObject({ code: 'MESSAGE_TOO_LARGE' });
  });

  it('a SHA-256 mismatch says so and leaves the upload settled', async () => {
    const upload = new DocumentUpload([{ bytes: 3, sha256: sha(Buffer.from('abc')) }]);
    upload.append(Buffer.from('abd'));
    await expect(upload.done).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('document SHA-256 does not match the announced value'),
    });
    expect(upload.complete).toBe(true);
    expect(() => upload.append(new Uint8Array(0))).toThrow(
      expect.objectContaining({ code: 'PROTOCOL_ERROR' }),
    );
  });

  it('fail rejects an upload in progress and settles it', async () => {
    const upload = new DocumentUpload([{ bytes: 5 }]);
    upload.append(randomBytes(1));
    upload.fail(new VanthuError('USER_CANCELLED', 'aborted'));
    expect(upload.complete).toBe(true);
    await expect(upload.done).rejects.toMatchObject({ code: 'USER_CANCELLED' });
  });

  it('fail after completion changes nothing: the documents stay delivered', async () => {
    const doc = randomBytes(5);
    const upload = new DocumentUpload([{ bytes: 5 }]);
    upload.append(doc);
    upload.fail(new VanthuError('USER_CANCELLED', 'late'));
    expect(Buffer.from((await upload.done)[0]!.bytes)).toEqual(doc);
  });

  it('each state hands out a fresh copy: using one does not disturb the next', async () => {
    const doc = randomBytes(8);
    const upload = new DocumentUpload([{ bytes: 8 }]);
    upload.append(doc);
    const [part] = await upload.done;
    part!.sha256State().update('first').digest();
    expect(part!.sha256State().digest('hex')).toBe(sha(doc));
  });
});
