import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DocumentUpload } from '../../../daemon/src/server/document-upload.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('document upload of several documents', () => {
  it('splits frames that span documents, each with its own SHA-256', async () => {
    const docs = [randomBytes(1000), new Uint8Array(0), randomBytes(7), randomBytes(2500)];
    const upload = new DocumentUpload(
      docs.map((d, i) => ({ bytes: d.length, ...(i === 0 ? { sha256: sha(d) } : {}) })),
    );
    const all = Buffer.concat(docs);
    for (let at = 0; at < all.length; at += 333) upload.append(all.subarray(at, at + 333));
    const parts = await upload.done;
    expect(parts.map((p) => p.sha256)).toEqual(docs.map(sha));
    expect(parts.map((p) => Buffer.from(p.bytes))).toEqual(docs.map((d) => Buffer.from(d)));
    // The state continues the hash of that document alone (a signed output extends it).
    expect(parts[3]!.sha256State().update('x').digest('hex')).toBe(
      sha(Buffer.concat([docs[3]!, Buffer.from('x')])),
    );
  });

  it('refuses a document whose SHA-256 differs from the announced one, and bytes past the total', async () => {
    const a = randomBytes(10);
    const b = randomBytes(10);
    const wrong = new DocumentUpload([{ bytes: 10 }, { bytes: 10, sha256: sha(a) }]);
    wrong.append(Buffer.concat([a, b]));
    await expect(wrong.done).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const over = new DocumentUpload([{ bytes: 10 }, { bytes: 5 }]);
    expect(() => over.append(Buffer.concat([a, b]))).toThrow(
      expect.objectContaining({ code: 'MESSAGE_TOO_LARGE' }),
    );
    await expect(over.done).rejects.toMatchObject({ code: 'MESSAGE_TOO_LARGE' });
  });
});
