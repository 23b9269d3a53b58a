import { type Hash, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type DigestJob, digestRanges } from '../../../daemon/src/verify/range-digest.js';
import { tempDir } from '../../support/pdf-inputs.js';

const tmp = tempDir('vanthu-digest-pass-');
afterAll(() => tmp.cleanup());

/** Bytes given to Hash#update and read with fs.readSync while `run` runs. */
async function counting<T>(run: () => Promise<T>): Promise<{ result: T; hashed: number; read: number }> {
  const proto = Object.getPrototypeOf(createHash('sha256')) as Hash;
  // digestRanges only ever hashes byte views.
  const update = proto.update as (this: Hash, data: NodeJS.ArrayBufferView) => Hash;
  const readSync = fs.readSync;
  let hashed = 0;
  let read = 0;
  proto.update = function (this: Hash, data: NodeJS.ArrayBufferView) {
    hashed += data.byteLength;
    return update.call(this, data);
  } as unknown as Hash['update'];
  fs.readSync = ((...args: Parameters<typeof fs.readSync>) => {
    const n = readSync(...args);
    read += n;
    return n;
  }) as typeof fs.readSync;
  syncBuiltinESMExports();
  try {
    return { result: await run(), hashed, read };
  } finally {
    proto.update = update as unknown as Hash['update'];
    fs.readSync = readSync;
    syncBuiltinESMExports();
  }
}

describe('digestRanges reads and hashes a two-signature file once', () => {
  it('the shared prefix is hashed once for both signatures and the file SHA-256', async () => {
    const MB = 1024 * 1024;
    const bytes = randomBytes(12 * MB + 777);
    const file = join(tmp.dir, 'two-signatures.bin');
    fs.writeFileSync(file, bytes);
    const size = bytes.length;
    // The usual incremental shape: signature 1 covers revision 1, signature 2 the whole file.
    const [a1, b1, c1, a2, b2] = [9 * MB + 5, 9 * MB + 20_005, 10 * MB + 3, 11 * MB + 1, 11 * MB + 20_001];
    const jobs: DigestJob[] = [
      {
        id: -1,
        hash: 'sha256',
        ranges: [
          [0, size],
          [size, 0],
        ],
      },
      {
        id: 1,
        hash: 'sha256',
        ranges: [
          [0, a1],
          [b1, c1 - b1],
        ],
      },
      {
        id: 2,
        hash: 'sha256',
        ranges: [
          [0, a2],
          [b2, size - b2],
        ],
      },
    ];
    const { result, hashed, read } = await counting(() => digestRanges({ path: file }, jobs));
    for (const job of jobs) {
      const h = createHash(job.hash);
      for (const [s, l] of job.ranges) h.update(bytes.subarray(s, s + l));
      expect(result.get(job.id)?.toString('hex')).toBe(h.digest('hex'));
    }
    // One running state over the file; each signature adds only its bytes after its own gap.
    expect(hashed).toBe(size + (c1 - b1) + (size - b2));
    expect(read).toBe(size);
  });
});
