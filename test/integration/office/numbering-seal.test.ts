import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VanthuError } from '@vanthu/shared/errors/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyProvider } from '../../../daemon/src/handlers/services.js';
import { signPdf } from '../../../daemon/src/pdf/sign-pdf.js';
import type { RunningDaemon } from '../../../daemon/src/service/daemon.js';
import { engineVerifier } from '../../../daemon/src/service/engines.js';
import { type Reply, TestClient } from '../../support/daemon-client.js';
import { makeVanBan, tempDir } from '../../support/pdf-inputs.js';
import { makeInkPng, makeTestCa } from '../../support/pdf-inputs-signer.js';
import { vietnamDaysAgo } from '../../support/signed-van-ban.js';
import { startTestDaemon } from '../../support/test-daemon.js';

// "Cấp số & đóng dấu" through the daemon: the seal stamps the reserved number itself, and the
// register keeps a sealed document under a reservation only when its stamps say that number and date.

const tmp = tempDir('vanthu-numbering-seal-');
const KEY = 'p12:/test/seal.p12';
const PIN = '1234';
const NOTATION = 'QĐ-UBND';
let daemon: RunningDaemon;
let c: TestClient;
let approved: Uint8Array;
let approve: () => Promise<Uint8Array>;

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
  approve = async () =>
    signPdf(await makeVanBan(), { signer: person.signer, role: 'approver', image: makeInkPng('signature') });
  approved = await approve();
  const keys: KeyProvider = {
    async listTokens() {
      return [{ uri: KEY, label: 'seal.p12', certificates: [] }];
    },
    async openSigner(uri, pin) {
      if (uri !== KEY) throw new VanthuError('KEY_NOT_FOUND', uri);
      if (pin !== PIN) throw new VanthuError('PIN_INCORRECT');
      return org.signer;
    },
  };
  mkdirSync(join(tmp.dir, 'config'), { recursive: true });
  writeFileSync(
    join(tmp.dir, 'config', 'config.json'),
    JSON.stringify({ registry: { organId: '000.00.00.H23', organName: 'UBND thành phố Cần Thơ' } }),
  );
  let secret: string;
  ({ daemon, secret } = await startTestDaemon(tmp.dir, { keys, verifier: engineVerifier() }));
  c = await TestClient.connect(daemon.port);
  expect((await c.pair(secret)).ok).toBe(true);
}, 60_000);
afterAll(async () => {
  c?.close();
  await daemon?.stop();
  tmp.cleanup();
});

const reserve = async (): Promise<Json> =>
  ok(await c.request('registry.reserve', { codeNotation: NOTATION })).entry;

const seal = async (
  extra: Record<string, unknown>,
  pin = PIN,
  draft: Uint8Array = approved,
): Promise<{ reply: Reply; pdf?: Buffer }> => {
  const reply = await c.request(
    'sign',
    {
      document: { bytes: draft.length },
      key: KEY,
      pin,
      role: 'seal',
      image: Buffer.from(makeInkPng('seal')).toString('base64'),
      ...extra,
    },
    draft,
  );
  return { reply, ...(reply.ok ? { pdf: c.received(reply.id) } : {}) };
};

const register = (reservationId: string, pdf: Uint8Array) =>
  c.request(
    'registry.register',
    {
      kind: 'outgoing',
      reservationId,
      fields: { TypeName: 'Quyết định', Subject: 'Quyết định về việc thử cấp số' },
      document: { bytes: pdf.length },
      fileName: 'qd.pdf',
    },
    pdf,
  );

const entry = async (id: string): Promise<Json> =>
  (ok(await c.request('registry.list', { kind: 'outgoing' })).entries as Json[]).find((e) => e.id === id)!;

describe('numbering and sealing from the register', () => {
  it('a seal for a reservation stamps its number and date; the register keeps it under that number', async () => {
    const reserved = await reserve();
    const { reply, pdf } = await seal({ reservationId: reserved.id });
    expect(reply.ok, JSON.stringify(reply.error)).toBe(true);
    expect(ok(reply).stampedFields).toEqual(
      expect.arrayContaining(['SoVanBan', 'NgayBanHanh.Ngay', 'NgayBanHanh.Thang']),
    );
    const kept = ok(await register(reserved.id, pdf!)).entry;
    expect(kept).toMatchObject({ id: reserved.id, state: 'issued', number: reserved.number });
    expect(kept.fields).toMatchObject({
      CodeNumber: reserved.fields.CodeNumber,
      CodeNotation: NOTATION,
      IssuedDate: reserved.fields.IssuedDate,
    });
  });

  it('refuses a reservation together with a number or date typed as text', async () => {
    const reserved = await reserve();
    const { reply } = await seal({ reservationId: reserved.id, number: `99/${NOTATION}` });
    expect(reply.error?.code).toBe('INVALID_INPUT');
    ok(await c.request('registry.release', { id: reserved.id, reason: 'Thử yêu cầu sai' }));
  });

  it('refuses to keep a document stamped with another number, or another date, or none; the number stays reserved', async () => {
    const reserved = await reserve();
    const today = String(reserved.fields.IssuedDate);
    // A draft of its own: the first test already issued `approved` (the same draft twice is a duplicate).
    const draft = await approve();
    const wrongNumber = (await seal({ number: `15/${NOTATION}`, date: today }, PIN, draft)).pdf!;
    const wrongDate = (
      await seal({ number: `${reserved.fields.CodeNumber}/${NOTATION}`, date: vietnamDaysAgo(1) }, PIN, draft)
    ).pdf!;
    const unstamped = (await seal({}, PIN, draft)).pdf!;
    for (const pdf of [wrongNumber, wrongDate, unstamped]) {
      const refused = await register(reserved.id, pdf);
      expect(refused.error?.code).toBe('OFFICE_STAMP_MISMATCH');
      expect((await entry(reserved.id)).state).toBe('reserved');
    }
    // The same number typed exactly as the register gives it is the reservation's document.
    const right = (
      await seal({ number: `${reserved.fields.CodeNumber}/${NOTATION}`, date: today }, PIN, draft)
    ).pdf!;
    expect(ok(await register(reserved.id, right)).entry.state).toBe('issued');
  });

  it('a seal that failed: the window gives the number back, or voids it with the reason once a later one was taken', async () => {
    const first = await reserve();
    const failed = await seal({ reservationId: first.id }, '0000');
    expect(failed.reply.error?.code).toBe('PIN_INCORRECT');
    const reason = 'Đóng dấu không thành công: PIN_INCORRECT';
    expect(ok(await c.request('registry.release', { id: first.id, reason }))).toEqual({
      outcome: 'given_back',
    });
    const again = await reserve();
    expect(again.number).toBe(first.number);
    const later = await reserve();
    expect((await seal({ reservationId: again.id }, '0000')).reply.error?.code).toBe('PIN_INCORRECT');
    const voided = ok(await c.request('registry.release', { id: again.id, reason }));
    expect(voided).toMatchObject({ outcome: 'voided', entry: { state: 'voided', stateReason: reason } });
    // A voided number cannot be sealed any more: the seal asks the register first.
    expect((await seal({ reservationId: again.id })).reply.error?.code).toBe('OFFICE_TRANSITION_REFUSED');
    expect((await entry(later.id)).state).toBe('reserved');
  });
});
