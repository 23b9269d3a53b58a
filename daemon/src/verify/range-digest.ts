import { type Hash, createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** One digest to compute: the concatenation of `ranges` ([offset, length], already clipped to the file). */
export interface DigestJob {
  id: number;
  /** node:crypto hash name. */
  hash: string;
  ranges: [number, number][];
}

export type ByteInput = { path: string } | { bytes: Uint8Array };

const CHUNK = 1024 * 1024;
const YIELD_EVERY = 16;

interface Pending {
  job: DigestJob;
  /** End of the first range (where the shared prefix state is copied). */
  a: number;
  b: number;
  end: number;
  state?: Hash;
}

/**
 * Digests of several signatures' byte ranges in one sequential pass. Signatures of the usual shape
 * [0 a b c] share the prefix [0, a): per hash algorithm one running state hashes the file once and
 * is copied (`hash.copy()`) at each signature's gap, so a 100 MB prefix is hashed once, not once per
 * signature. Other shapes (hostile ranges) are hashed range by range.
 */
export async function digestRanges(input: ByteInput, jobs: DigestJob[]): Promise<Map<number, Buffer>> {
  const out = new Map<number, Buffer>();
  const groups = new Map<string, Pending[]>();
  const odd: DigestJob[] = [];
  for (const job of jobs) {
    const [r0, r1] = job.ranges;
    if (job.ranges.length === 2 && r0 && r1 && r0[0] === 0 && r1[0] >= r0[1]) {
      const list = groups.get(job.hash) ?? [];
      list.push({ job, a: r0[1], b: r1[0], end: r1[0] + r1[1] });
      groups.set(job.hash, list);
    } else odd.push(job);
  }
  const reader = await openInput(input);
  try {
    const trunks = [...groups.entries()].map(([hash, list]) => ({
      state: createHash(hash),
      list: list.sort((x, y) => x.a - y.a),
      trunkEnd: Math.max(...list.map((p) => p.a)),
      next: 0,
    }));
    const all = trunks.flatMap((t) => t.list);
    const total = Math.max(0, ...all.map((p) => p.end), ...trunks.map((t) => t.trunkEnd));
    for await (const [p, data] of reader.chunks(0, total)) {
      const q = p + data.length;
      for (const t of trunks) {
        let pos = p;
        while (t.next < t.list.length && t.list[t.next]!.a <= q) {
          const pending = t.list[t.next]!;
          // Stryker disable next-line ConditionalExpression,EqualityOperator: the list is sorted and every gap up to the previous chunk's end was taken there, so pending.a >= pos; at equality the update is empty
          if (pending.a > pos) t.state.update(data.subarray(pos - p, pending.a - p));
          pos = Math.max(pos, pending.a);
          pending.state = t.state.copy();
          t.next++;
        }
        // Stryker disable next-line MethodExpression: trunkEnd below q means the trunk's last gap was in this chunk, so t.next is at the end and nothing more is hashed
        const stop = Math.min(q, t.trunkEnd);
        // Stryker disable next-line LogicalOperator,ConditionalExpression,EqualityOperator,ArithmeticOperator: while a gap remains ahead stop is q >= pos (equality: an empty update; subarray clamps stop + p to q); once none remains stop <= pos
        if (stop > pos && t.next < t.list.length) t.state.update(data.subarray(pos - p, stop - p));
      }
      for (const pending of all) {
        // Stryker disable next-line ConditionalExpression: a grouped job has b >= a, so before its gap's chunk copies the state no byte of its second range is in reach (e <= q < a <= b <= s)
        if (!pending.state) continue;
        const s = Math.max(p, pending.b);
        const e = Math.min(q, pending.end);
        // Stryker disable next-line EqualityOperator: at e === s the update is empty
        if (e > s) pending.state.update(data.subarray(s - p, e - p));
      }
    }
    for (const pending of all)
      out.set(pending.job.id, (pending.state ?? createHash(pending.job.hash)).digest());
    for (const job of odd) {
      const h = createHash(job.hash);
      for (const [start, len] of job.ranges) {
        for await (const [, data] of reader.chunks(start, start + len)) h.update(data);
      }
      out.set(job.id, h.digest());
    }
  } finally {
    await reader.close();
  }
  return out;
}

interface ChunkReader {
  chunks(from: number, to: number): AsyncIterable<[number, Uint8Array]>;
  close(): Promise<void>;
}

async function openInput(input: ByteInput): Promise<ChunkReader> {
  if ('bytes' in input) {
    const b = input.bytes;
    return {
      async *chunks(from, to) {
        const end = Math.min(to, b.length);
        // Stryker disable next-line EqualityOperator: at p === end the chunk is empty and hashes nothing
        for (let p = from; p < end; p += CHUNK) yield [p, b.subarray(p, Math.min(end, p + CHUNK))];
      },
      async close() {},
    };
  }
  const fd = openSync(input.path, 'r');
  const size = fstatSync(fd).size;
  return {
    // Synchronous 1 MiB reads into one buffer: each chunk is hashed while it is still in this core's
    // cache (a read in the thread pool lands in another core's, ~10 % slower on 100 MB). The loop
    // still yields to the event loop every YIELD_EVERY chunks, so the daemon keeps serving.
    async *chunks(from, to) {
      const end = Math.min(to, size);
      const buf = Buffer.allocUnsafe(Math.max(0, Math.min(CHUNK, end - from)));
      let n = 0;
      // Stryker disable next-line EqualityOperator: at p === end readSync reads 0 bytes and the loop returns
      for (let p = from; p < end; ) {
        const got = readSync(fd, buf, 0, Math.min(CHUNK, end - p), p);
        if (got === 0) return;
        yield [p, buf.subarray(0, got)];
        p += got;
        // Stryker disable next-line UpdateOperator: counting down reaches the multiples of YIELD_EVERY at the same chunks
        if (++n % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      }
    },
    async close() {
      closeSync(fd);
    },
  };
}
