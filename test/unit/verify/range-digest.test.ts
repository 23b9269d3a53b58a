import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type DigestJob, digestRanges } from '../../../daemon/src/verify/range-digest.js';
import { tempDir } from '../../support/pdf-inputs.js';

const tmp = tempDir('vanthu-digest-');
afterAll(() => tmp.cleanup());

function naive(bytes: Uint8Array, job: DigestJob): string {
  const h = createHash(job.hash);
  for (const [s, l] of job.ranges) h.update(bytes.subarray(s, s + l));
  return h.digest('hex');
}

describe('digestRanges', () => {
  // 20 MB so that ranges cross the 1 MiB read chunks.
  const bytes = randomBytes(20 * 1024 * 1024 + 123);
  const file = join(tmp.dir, 'data.bin');
  writeFileSync(file, bytes);
  const size = bytes.length;
  const jobs: DigestJob[] = [
    {
      id: 1,
      hash: 'sha256',
      ranges: [
        [0, 9_000_000],
        [9_010_000, 3_000_000],
      ],
    },
    {
      id: 2,
      hash: 'sha256',
      ranges: [
        [0, 16_800_000],
        [16_810_000, size - 16_810_000],
      ],
    },
    {
      id: 3,
      hash: 'sha512',
      ranges: [
        [0, 8 * 1024 * 1024],
        [8 * 1024 * 1024 + 10, 5],
      ],
    },
    {
      id: 4,
      hash: 'sha256',
      ranges: [
        [0, size],
        [size, 0],
      ],
    },
    {
      id: 5,
      hash: 'sha256',
      ranges: [
        [0, 0],
        [0, 10],
      ],
    },
    // Hostile shapes take the range-by-range path.
    {
      id: 6,
      hash: 'sha256',
      ranges: [
        [100, 50],
        [0, 10],
      ],
    },
    {
      id: 7,
      hash: 'sha384',
      ranges: [
        [0, 10],
        [5, 10],
        [30, 1],
      ],
    },
  ];

  it.each([
    ['a file', { path: file }],
    ['bytes', { bytes }],
  ])('equals hashing each signature separately (%s)', async (_label, input) => {
    const got = await digestRanges(input, jobs);
    for (const job of jobs) expect(got.get(job.id)!.toString('hex'), `job ${job.id}`).toBe(naive(bytes, job));
  });
});
