import { type Hash, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type DigestJob, digestRanges } from '../../../daemon/src/verify/range-digest.js';
import { tempDir } from '../../support/pdf-inputs.js';

/**
 * digestRanges beyond the usual [0 a b c] shape: every other shape is hashed range by range, the
 * shared running state stops at the last gap, the file is closed whatever happens, reads go in
 * 1 MiB chunks and yield to the event loop every 16 of them, and a file that shrinks ends the read.
 */

const MiB = 1024 * 1024;
const tmp = tempDir('vanthu-digest-shapes-');
afterAll(() => tmp.cleanup());

const bytes = randomBytes(3 * MiB + 77);
const file = join(tmp.dir, 'data.bin');
fs.writeFileSync(file, bytes);

function naive(job: DigestJob): string {
  const h = createHash(job.hash);
  for (const [s, l] of job.ranges) h.update(bytes.subarray(s, s + l));
  return h.digest('hex');
}

/** Replaces `object[name]` while `run` runs (node:fs exports included). */
async function patched<T, K extends keyof O, O extends object>(
  object: O,
  name: K,
  replacement: (original: O[K]) => O[K],
  run: () => Promise<T>,
): Promise<T> {
  const original = object[name];
  object[name] = replacement(original);
  syncBuiltinESMExports();
  try {
    return await run();
  } finally {
    object[name] = original;
    syncBuiltinESMExports();
  }
}

const job = (id: number, ranges: [number, number][], hash = 'sha256'): DigestJob => ({ id, hash, ranges });

describe('digestRanges: shapes other than [0 a b c]', () => {
  const jobs = [
    job(1, [
      [0, 10],
      [20, 10],
      [40, 5],
    ]),
    job(2, [
      [10, 20],
      [40, 5],
    ]),
    job(3, [[5, 100]]),
    // Overlapping, the second range far before the end of the first (another read chunk).
    job(4, [
      [0, 2 * MiB],
      [100, 10],
    ]),
    // A usual one beside them, so that the shared state runs too.
    job(5, [
      [0, 1000],
      [2000, 500],
    ]),
  ];

  it.each([
    ['a file', { path: file }],
    ['bytes', { bytes }],
  ])('each equals its ranges hashed one after the other (%s)', async (_label, input) => {
    const got = await digestRanges(input, jobs);
    for (const j of jobs) expect(got.get(j.id)?.toString('hex'), `job ${j.id}`).toBe(naive(j));
  });
});

describe('digestRanges: the work it does', () => {
  it('the shared running state hashes up to the last gap, not to the end of the file', async () => {
    const jobs = [
      job(1, [
        [0, MiB + 10],
        [MiB + 30, 5],
      ]),
      // Its second range is two read chunks past the last gap.
      job(2, [
        [0, MiB + 20],
        [3 * MiB, 50],
      ]),
    ];
    const proto = Object.getPrototypeOf(createHash('sha256')) as Hash;
    let hashed = 0;
    const got = await patched(
      proto,
      'update',
      (update) =>
        function (this: Hash, data: NodeJS.ArrayBufferView) {
          hashed += data.byteLength;
          return (update as (this: Hash, d: NodeJS.ArrayBufferView) => Hash).call(this, data);
        } as Hash['update'],
      () => digestRanges({ path: file }, jobs),
    );
    for (const j of jobs) expect(got.get(j.id)?.toString('hex')).toBe(naive(j));
    expect(hashed).toBe(MiB + 20 + 5 + 50);
  });

  it('reads in chunks of at most 1 MiB, a short range with a buffer of its size', async () => {
    const sizes: number[] = [];
    await patched(
      Buffer,
      'allocUnsafe',
      (alloc) => (size: number) => {
        sizes.push(size);
        return alloc(size);
      },
      () => digestRanges({ path: file }, [job(1, [[0, 3 * MiB]]), job(2, [[2 * MiB + 5, 10]])]),
    );
    // (The shared pass, with no usual shape to hash, reads nothing.)
    expect(sizes.filter((size) => size > 0)).toEqual([MiB, 10]);
  });

  it('yields to the event loop every 16 chunks while it reads a file', async () => {
    const big = join(tmp.dir, 'big.bin');
    fs.writeFileSync(big, Buffer.alloc(34 * MiB, 7));
    let turns = 0;
    let running = true;
    const tick = (): void => {
      turns++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    const before = turns;
    await digestRanges({ path: big }, [job(1, [[0, 34 * MiB]])]);
    const during = turns - before;
    running = false;
    // 34 chunks: a turn after the 16th and the 32nd, not one per chunk, not none.
    expect(during).toBeGreaterThanOrEqual(2);
    expect(during).toBeLessThanOrEqual(3);
  });

  it('a file that shrinks while it is read ends the read', async () => {
    const shrinking = join(tmp.dir, 'shrinking.bin');
    fs.writeFileSync(shrinking, bytes);
    let truncated = false;
    const got = await patched(
      fs,
      'readSync',
      (readSync) =>
        ((fd: number, ...rest: unknown[]) => {
          // Another program cuts the file to 1 MiB after it was opened and measured.
          if (!truncated) {
            truncated = true;
            fs.truncateSync(shrinking, MiB);
          }
          return (readSync as (fd: number, ...r: unknown[]) => number)(fd, ...rest);
        }) as typeof fs.readSync,
      () => digestRanges({ path: shrinking }, [job(1, [[0, 3 * MiB]])]),
    );
    expect(got.get(1)?.toString('hex')).toBe(
      createHash('sha256').update(bytes.subarray(0, MiB)).digest('hex'),
    );
  }, 5_000);
});

describe('digestRanges: the file is closed', () => {
  const openFiles = (): number => fs.readdirSync('/proc/self/fd').length;

  it('after hashing', async () => {
    const before = openFiles();
    await digestRanges({ path: file }, [
      job(1, [
        [0, 10],
        [20, 10],
      ]),
      job(2, [[5, 5]]),
    ]);
    expect(openFiles()).toBe(before);
  });

  it('when hashing fails', async () => {
    const before = openFiles();
    await expect(digestRanges({ path: file }, [job(1, [[0, 10]], 'no-such-hash')])).rejects.toThrow();
    expect(openFiles()).toBe(before);
  });
});
