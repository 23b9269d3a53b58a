import { VanthuError } from '@vanthu/shared/errors/index';
import { decodeBinaryFrame, encodeBinaryHeader } from '@vanthu/shared/protocol/index';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { HIGH_WATER_BYTES, sendDocument } from '../../../daemon/src/server/send-document.js';
import { MemorySocket, tick } from '../../support/memory-connection.js';

/**
 * How a document goes back to the client: frames of at most one chunk, each one WebSocket message
 * in two fragments (header, then bytes), and backpressure past the high-water mark. The socket is
 * in memory so its queue and its write completions are under the test's control.
 */

const HEADER = encodeBinaryHeader('d');
const text = (s: string) => new TextEncoder().encode(s);
const socket = () => new MemorySocket();
const send = (
  ws: MemorySocket,
  parts: Uint8Array | readonly Uint8Array[],
  onProgress?: (sent: number) => void,
  signal?: AbortSignal,
  chunkBytes?: number,
) => sendDocument(ws as unknown as WebSocket, 'd', parts, onProgress, signal, chunkBytes);

/** The chunks sent, as strings, after checking each follows its header fragment. */
function chunks(ws: MemorySocket): string[] {
  const out: string[] = [];
  for (let i = 0; i < ws.fragments.length; i += 2) {
    const [header, body] = [ws.fragments[i]!, ws.fragments[i + 1]!];
    expect(Buffer.from(header.data)).toEqual(Buffer.from(HEADER));
    out.push(Buffer.from(body.data).toString());
  }
  return out;
}

describe('the frames of a document', () => {
  it('each frame is one binary message in two fragments: the header, then its bytes', async () => {
    const ws = socket();
    await send(ws, text('abc'));
    expect(ws.fragments.map(({ binary, fin }) => ({ binary, fin }))).toEqual([
      { binary: true, fin: false },
      { binary: true, fin: true },
    ]);
    const message = Buffer.concat(ws.fragments.map((f) => f.data));
    expect(decodeBinaryFrame(message)).toMatchObject({ id: 'd' });
  });

  it('a part longer than a chunk is cut in chunks, the last one short', async () => {
    const ws = socket();
    await send(ws, text('abcdefghij'), undefined, undefined, 4);
    expect(chunks(ws)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('a part exactly a chunk long is one frame, with no empty frame after it', async () => {
    const ws = socket();
    await send(ws, text('abcd'), undefined, undefined, 4);
    expect(chunks(ws)).toEqual(['abcd']);
  });

  it('a frame never spans two parts, and empty parts are skipped', async () => {
    const ws = socket();
    await send(ws, [text('abcde'), new Uint8Array(0), text('fg')], undefined, undefined, 4);
    expect(chunks(ws)).toEqual(['abcd', 'e', 'fg']);
  });

  it('an empty document is one empty frame, given as bytes or as parts', async () => {
    for (const empty of [new Uint8Array(0), [], [new Uint8Array(0)]]) {
      const ws = socket();
      await send(ws, empty);
      expect(chunks(ws)).toEqual(['']);
    }
  });

  it('progress counts the bytes sent so far, once per frame', async () => {
    const ws = socket();
    const progress: number[] = [];
    await send(ws, [text('abcde'), text('fg')], (sent) => progress.push(sent), undefined, 4);
    expect(progress).toEqual([4, 5, 7]);
  });
});

/**
 * Completes the socket's writes (with `error` when given) until `sending` settles, for at most 50
 * rounds, so that a sender that never stops fails the test at once instead of hanging it.
 */
async function drive(ws: MemorySocket, sending: Promise<void>, error?: Error) {
  let outcome: PromiseSettledResult<void> | undefined;
  void Promise.allSettled([sending]).then(([settled]) => {
    outcome = settled;
  });
  for (let i = 0; i < 50 && !outcome; i++) {
    ws.completeWrites(error);
    await tick();
  }
  return outcome;
}

/** A socket whose writes complete only when driven, with `buffered` bytes queued. */
function slowSocket(buffered: number): MemorySocket {
  const ws = socket();
  ws.holdWrites = true;
  ws.bufferedAmount = buffered;
  return ws;
}

describe('backpressure', () => {
  /** Sends 'abc' in 1-byte chunks; the frames sent before any write completed. */
  async function framesBeforeWrites(buffered: number) {
    const ws = slowSocket(buffered);
    const sending = send(ws, text('abc'), undefined, undefined, 1);
    await tick();
    const before = ws.fragments.length / 2;
    expect(await drive(ws, sending)).toMatchObject({ status: 'fulfilled' });
    return before;
  }

  it('past the high-water mark the next frame waits until the previous one is written', async () => {
    expect(await framesBeforeWrites(HIGH_WATER_BYTES + 1)).toBe(1);
  });

  it('at or under the high-water mark frames are sent without waiting', async () => {
    expect(await framesBeforeWrites(HIGH_WATER_BYTES)).toBe(3);
    expect(await framesBeforeWrites(0)).toBe(3);
  });

  it('a failed write that was waited for fails the sending with its error', async () => {
    const ws = slowSocket(HIGH_WATER_BYTES + 1);
    const sending = send(ws, text('ab'), undefined, undefined, 1);
    await tick();
    expect(await drive(ws, sending, new Error('EPIPE'))).toMatchObject({
      status: 'rejected',
      reason: { message: 'EPIPE' },
    });
    expect(chunks(ws)).toEqual(['a']);
  });

  it('a write that succeeded after a wait lets the sending finish', async () => {
    const ws = slowSocket(HIGH_WATER_BYTES + 1);
    const sending = send(ws, text('ab'), undefined, undefined, 1);
    expect(await drive(ws, sending)).toEqual({ status: 'fulfilled', value: undefined });
    expect(chunks(ws)).toEqual(['a', 'b']);
  });
});

describe('failed writes not waited for', () => {
  const unhandled: unknown[] = [];
  const record = (reason: unknown) => unhandled.push(reason);
  afterEach(() => {
    process.off('unhandledRejection', record);
    unhandled.length = 0;
  });

  it('are left to the socket (which closes): no rejection, no unhandled promise', async () => {
    process.on('unhandledRejection', record);
    const ws = socket();
    ws.holdWrites = true;
    await send(ws, text('ab'), undefined, undefined, 1);
    expect(ws.completeWrites(new Error('EPIPE'))).toBe(4);
    await new Promise((r) => setTimeout(r, 20));
    expect(unhandled).toEqual([]);
  });
});

describe('cancelling', () => {
  it('an aborted request sends nothing and fails with the abort reason', async () => {
    const ws = socket();
    const abort = new AbortController();
    abort.abort(new VanthuError('USER_CANCELLED'));
    await expect(send(ws, text('abc'), undefined, abort.signal)).rejects.toMatchObject({
      code: 'USER_CANCELLED',
    });
    expect(ws.fragments).toEqual([]);
  });

  it('an abort while waiting on the socket stops before the next frame', async () => {
    const ws = slowSocket(HIGH_WATER_BYTES + 1);
    const abort = new AbortController();
    const sending = send(ws, text('abc'), undefined, abort.signal, 1);
    await tick();
    abort.abort(new VanthuError('USER_CANCELLED'));
    expect(await drive(ws, sending)).toMatchObject({
      status: 'rejected',
      reason: { code: 'USER_CANCELLED' },
    });
    expect(chunks(ws)).toEqual(['a']);
  });
});
