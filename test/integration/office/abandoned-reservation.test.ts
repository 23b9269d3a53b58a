import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VanthuError } from '@vanthu/shared/errors/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ABANDONED_REASON } from '../../../daemon/src/office/abandoned-reservation.js';
import type { KeyProvider } from '../../../daemon/src/handlers/services.js';
import { signPdf } from '../../../daemon/src/pdf/sign-pdf.js';
import type { RunningDaemon } from '../../../daemon/src/service/daemon.js';
import { engineVerifier } from '../../../daemon/src/service/engines.js';
import { type Reply, TestClient } from '../../support/daemon-client.js';
import { makeVanBan, tempDir } from '../../support/pdf-inputs.js';
import { makeInkPng, makeTestCa } from '../../support/pdf-inputs-signer.js';
import { startTestDaemon } from '../../support/test-daemon.js';

// A number reserved by a "Cấp số & đóng dấu" window that closes, or whose connection drops, before
// sealing goes back to the book (or is voided with the reason when a later number was taken); a
// number sealed and kept is never released under it (the ordering with a registration still running
// is test/unit/daemon/connection-close-tasks.test.ts).

const tmp = tempDir('vanthu-abandoned-reservation-');
const KEY = 'p12:/test/seal.p12';
const PIN = '1234';
let daemon: RunningDaemon;
let secret: string;
let approved: Uint8Array;

// biome-ignore lint/suspicious/noExplicitAny: replies are plain JSON, checked field by field below.
type Json = Record<string, any>;
const ok = (r: Reply): Json => {
  if (!r.ok) throw new Error(`${r.error?.code}: ${r.error?.message}`);
  return r.result as Json;
};

beforeAll(async () => {
  const ca = await makeTestCa();
  const person = await ca.issue('Trần Văn Minh');
  const org = await ca.issue('UBND thành phố Cần Thơ', { org: 'Ủy ban nhân dân thành phố Cần Thơ' });
  approved = await signPdf(await makeVanBan(), {
    signer: person.signer,
    role: 'approver',
    image: makeInkPng('signature'),
  });
  const keys: KeyProvider = {
    async listTokens() {
      return [{ uri: KEY, label: 'seal.p12', certificates: [] }];
    },
    async openSigner(uri, pin) {
      if (uri !== KEY || pin !== PIN) throw new VanthuError('KEY_NOT_FOUND', uri);
      return org.signer;
    },
  };
  mkdirSync(join(tmp.dir, 'config'), { recursive: true });
  writeFileSync(
    join(tmp.dir, 'config', 'config.json'),
    JSON.stringify({ registry: { organId: '000.00.00.H23', organName: 'UBND thành phố Cần Thơ' } }),
  );
  ({ daemon, secret } = await startTestDaemon(tmp.dir, { keys, verifier: engineVerifier() }));
}, 60_000);
afterAll(async () => {
  await daemon?.stop();
  tmp.cleanup();
});

async function window(): Promise<TestClient> {
  const c = await TestClient.connect(daemon.port);
  expect((await c.pair(secret)).ok).toBe(true);
  return c;
}

async function closeWindow(c: TestClient): Promise<void> {
  const closed = c.closed();
  c.close();
  await closed;
}

const reserve = async (c: TestClient, notation: string): Promise<Json> =>
  ok(await c.request('registry.reserve', { codeNotation: notation })).entry;

async function outgoing(c: TestClient, notation: string): Promise<Json[]> {
  const { entries } = ok(await c.request('registry.list', { kind: 'outgoing' }));
  return (entries as Json[]).filter((e) => e.fields.CodeNotation === notation);
}

/** The book as another clerk sees it, once the daemon has settled what the closed window left. */
async function bookAfterClose(notation: string, settled: (entries: Json[]) => boolean): Promise<Json[]> {
  const clerk = await window();
  try {
    let entries: Json[] = [];
    await expect
      .poll(
        async () => {
          entries = await outgoing(clerk, notation);
          return settled(entries);
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    return entries;
  } finally {
    clerk.close();
  }
}

async function sealed(c: TestClient, reservationId: string): Promise<Buffer> {
  const reply = await c.request(
    'sign',
    {
      document: { bytes: approved.length },
      key: KEY,
      pin: PIN,
      role: 'seal',
      image: Buffer.from(makeInkPng('seal')).toString('base64'),
      reservationId,
    },
    approved,
  );
  ok(reply);
  return c.received(reply.id);
}

const registration = (reservationId: string, pdf: Uint8Array) => ({
  kind: 'outgoing',
  reservationId,
  fields: { TypeName: 'Quyết định', Subject: 'Quyết định thử giữ số' },
  document: { bytes: pdf.length },
  fileName: 'qd.pdf',
});

describe('numbers held by a window that goes away', () => {
  it('a window closed after "Lấy số": the next clerk gets the same number back, no gap left', async () => {
    const first = await window();
    const held = await reserve(first, 'QĐ-DONG');
    await closeWindow(first);
    const book = await bookAfterClose('QĐ-DONG', (entries) => entries.every((e) => e.id !== held.id));
    expect(book).toEqual([]);
    const next = await window();
    const again = await reserve(next, 'QĐ-DONG');
    expect(again.fields.CodeNumber).toBe(held.fields.CodeNumber);
    await closeWindow(next);
  });

  it('a dropped connection whose number was followed by another: voided with the recorded reason', async () => {
    const dropped = await window();
    const other = await window();
    const held = await reserve(dropped, 'QĐ-MAT');
    const later = await reserve(other, 'QĐ-MAT');
    expect(later.number).toBe(held.number + 1);
    dropped.ws.terminate();
    const book = await bookAfterClose('QĐ-MAT', (entries) =>
      entries.some((e) => e.id === held.id && e.state === 'voided'),
    );
    expect(book.find((e) => e.id === held.id)).toMatchObject({
      state: 'voided',
      stateReason: ABANDONED_REASON,
      fields: { CodeNumber: held.fields.CodeNumber },
    });
    // The later number is still held by the window that is open.
    expect(book.find((e) => e.id === later.id)?.state).toBe('reserved');
    await closeWindow(other);
  });

  it('a number sealed and kept stays issued when its window closes', async () => {
    const c = await window();
    const held = await reserve(c, 'QĐ-GIU');
    const pdf = await sealed(c, held.id);
    ok(await c.request('registry.register', registration(held.id, pdf), pdf));
    await closeWindow(c);
    const next = await window();
    const after = await reserve(next, 'QĐ-GIU');
    expect(after.number).toBe(held.number + 1);
    const book = await outgoing(next, 'QĐ-GIU');
    expect(book.find((e) => e.id === held.id)?.state).toBe('issued');
    await closeWindow(next);
  });
});
