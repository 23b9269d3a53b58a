import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoOfficeSession, startDemoOffice } from '../../support/demo-office.js';
import { type Reply, TestClient } from '../../support/daemon-client.js';
import { makeVanBan } from '../../support/pdf-inputs.js';
import { VANTHU_BIN } from '../../support/vanthu-cli.js';

// `npm start` is a whole office with a counterpart: the local axis and two agencies, each with its
// own daemon, register, exchange identity and portal. A document the first signs, numbers and seals
// arrives at the second through the demo's axis; the second registers it and the first sees 03.

let office: DemoOfficeSession;
let ubnd: TestClient;
let snv: TestClient;
/** The document UBND sent and Sở Nội vụ registered (the recall test takes it back). */
let sentId: string;
let arrivalId: number;

// biome-ignore lint/suspicious/noExplicitAny: replies are plain JSON, checked field by field below.
type Json = Record<string, any>;
const ok = (r: Reply): Json => {
  if (!r.ok) throw new Error(`${r.error?.code}: ${r.error?.message}`);
  return r.result as Json;
};

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${office.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** `vanthu doctor --json` in an agency's environment: each check's id and status. */
const doctor = (env: NodeJS.ProcessEnv) =>
  new Promise<{ code: number; checks: { id: string; status: string; message: string }[] }>((resolve) =>
    execFile(process.execPath, [VANTHU_BIN, 'doctor', '--json', '--lang', 'en'], { env }, (error, stdout) =>
      resolve({ code: error ? Number(error.code) : 0, checks: JSON.parse(stdout).checks }),
    ),
  );

beforeAll(async () => {
  office = await startDemoOffice();
  ubnd = await TestClient.connect(office.ubnd.daemonPort);
  ok(await ubnd.pair(office.ubnd.pairingSecret()));
  snv = await TestClient.connect(office.snv.daemonPort);
  ok(await snv.pair(office.snv.pairingSecret()));
}, 300_000);

afterAll(async () => {
  ubnd?.close();
  snv?.close();
  await office?.stop();
}, 60_000);

describe('the demo office: two agencies and the local axis', () => {
  it('names both agencies and the axis; vanthu doctor passes for each agency’s configuration', async () => {
    expect(office.output()).toContain(`Ủy ban nhân dân thành phố Cần Thơ (000.00.00.H13)`);
    expect(office.output()).toContain(`Sở Nội vụ thành phố Cần Thơ (000.00.09.H13)`);
    expect(office.output()).toContain(`ws://127.0.0.1:${office.snv.daemonPort}/`);
    expect(office.output()).toContain(`Demo exchange axis: ${office.axisUrl}`);
    for (const agency of [office.ubnd, office.snv]) {
      const { code, checks } = await doctor(agency.env);
      expect(checks.filter((c) => c.status === 'fail')).toEqual([]);
      expect(code).toBe(0);
      expect(checks.find((c) => c.id === 'office')).toMatchObject({ status: 'ok' });
      expect(checks.find((c) => c.id === 'daemon')?.message).toContain(`127.0.0.1:${agency.daemonPort}`);
    }
    // Each agency's token holds its own keys only.
    const tokens = async (c: TestClient) =>
      (ok(await c.request('tokens.list', {})).tokens as Json[]).map((t) => t.label);
    expect(await tokens(ubnd)).toContain('vanthu-demo');
    expect(await tokens(ubnd)).not.toContain('vanthu-demo-snv');
    expect(await tokens(snv)).toContain('vanthu-demo-snv');
    expect(await tokens(snv)).not.toContain('vanthu-demo');
  }, 120_000);

  it('keeps each agency’s browser profile (the portal session’s cookies) private, 0700', () => {
    for (const agency of [office.ubnd, office.snv]) {
      for (const dir of [
        join(agency.home, 'data', 'demo'),
        join(agency.home, 'data', 'demo', 'chromium-profile'),
      ]) {
        expect((statSync(dir).mode & 0o777).toString(8), dir).toBe('700');
      }
    }
  });

  it('each portal names its agency, and its menu switches the user without a new login', async () => {
    for (const [agency, header, clerk] of [
      [office.ubnd, 'UBND THÀNH PHỐ CẦN THƠ', 'Lê Thị Hoa'],
      [office.snv, 'SỞ NỘI VỤ THÀNH PHỐ CẦN THƠ', 'Võ Thị Mai'],
    ] as const) {
      const login = await fetch(`${agency.portalUrl}/dang-nhap`, {
        method: 'POST',
        body: new URLSearchParams({ ten_dang_nhap: 'lanhdao', mat_khau: '123456' }),
        redirect: 'manual',
      });
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const page = async () => (await fetch(`${agency.portalUrl}/du-thao`, { headers: { cookie } })).text();
      expect(await page()).toContain(`<span class="co-quan">${header}</span>`);
      await fetch(`${agency.portalUrl}/doi-nguoi-dung`, {
        method: 'POST',
        headers: { cookie },
        body: new URLSearchParams({ ten_dang_nhap: 'vanthu' }),
        redirect: 'manual',
      });
      expect(await page()).toContain(`<span class="vai-tro">Văn thư</span> — ${clerk}</b>`);
    }
  });

  it('UBND numbers from its register, seals and sends; Sở Nội vụ registers the arrival; UBND receives 03', async () => {
    const { demo } = office;
    // Each knows the other as a recipient: the axis' list of agencies, in each one's directory.
    const directory = async (c: TestClient, query: string) =>
      (ok(await c.request('exchange.agencies', { query, refresh: true })).agencies as Json[]).map(
        (a) => a.code,
      );
    expect(await directory(ubnd, 'so noi vu can tho')).toEqual([office.snv.organId]);
    expect(await directory(snv, 'uy ban nhan dan can tho')).toEqual([office.ubnd.organId]);
    const reserved = ok(await ubnd.request('registry.reserve', { codeNotation: 'QĐ-UBND' })).entry;
    expect(reserved.fields.CodeNumber).toMatch(/^\d+$/);
    const sign = async (pdf: Uint8Array, role: 'approver' | 'seal', extra: Json = {}) => {
      const image = role === 'approver' ? demo.signaturePng : demo.sealPng;
      const reply = await ubnd.request(
        'sign',
        {
          document: { bytes: pdf.length },
          key: role === 'approver' ? demo.approver.keyUri : demo.seal.keyUri,
          pin: demo.pin,
          role,
          image: readFileSync(image).toString('base64'),
          ...extra,
        },
        pdf,
      );
      ok(reply);
      return new Uint8Array(ubnd.received(reply.id));
    };
    const approved = await sign(await makeVanBan(), 'approver');
    const sealed = await sign(approved, 'seal', { reservationId: reserved.id });
    const issued = ok(
      await ubnd.request(
        'registry.register',
        {
          kind: 'outgoing',
          reservationId: reserved.id,
          fields: { TypeName: 'Quyết định', Subject: 'Về việc ban hành Quy chế công tác văn thư' },
          document: { bytes: sealed.length },
          fileName: 'qd.pdf',
        },
        sealed,
      ),
    ).entry;
    expect(issued).toMatchObject({ id: reserved.id, state: 'issued', number: reserved.number });
    const sent = ok(
      await ubnd.request('exchange.send', {
        entryId: issued.id,
        recipients: [{ organId: office.snv.organId, organName: office.snv.organName }],
      }),
    );
    expect(sent.documentId).toBe(
      `${office.ubnd.organId},${issued.fields.IssuedDate.replaceAll('-', '/')},${reserved.fields.CodeNumber}/QĐ-UBND`,
    );

    // Through the demo's axis, polled by Sở Nội vụ's daemon: verified green (the demo root is trusted).
    const arrival = await until('the arrival at Sở Nội vụ', async () =>
      (ok(await snv.request('exchange.inbox', {})).items as Json[]).find(
        (a) => a.documentId === sent.documentId,
      ),
    );
    expect(arrival.from).toBe(office.ubnd.organId);
    expect(arrival.verification.map((v: Json) => v.valid)).toEqual([true]);
    const pre = ok(await snv.request('registry.prefill', { kind: 'incoming', arrivalId: arrival.id }));
    const registered = ok(
      await snv.request('registry.register', { kind: 'incoming', fields: pre.fields, arrivalId: arrival.id }),
    ).entry;
    expect(registered).toMatchObject({ state: 'registered', arrivalId: arrival.id, number: 1 });

    const delivery = await until('status 03 back at UBND', async () => {
      const items = ok(await ubnd.request('exchange.outbox', {})).items as Json[];
      const item = items.find((i) => i.documentId === sent.documentId && i.messageType === 'edoc');
      const d = item?.deliveries.find((x: Json) => x.recipient === office.snv.organId);
      return d?.receiverStatus === '03' ? d : undefined;
    });
    expect(delivery.receiverStatus).toBe('03');
    sentId = sent.documentId;
    arrivalId = arrival.id;
  }, 240_000);

  it('UBND recalls it (13); Sở Nội vụ is asked, agrees (15), and UBND sees the answer', async () => {
    const recalled = ok(
      await ubnd.request('exchange.recall', { documentId: sentId, reason: 'Ban hành nhầm' }),
    );
    expect(recalled.recipients).toEqual([office.snv.organId]);
    const asked = await until('the recall request at Sở Nội vụ', async () =>
      (ok(await snv.request('exchange.inbox', {})).items as Json[]).find(
        (a) => a.id === arrivalId && a.state === 'recall_requested',
      ),
    );
    expect(asked.recallReason).toBe('Ban hành nhầm');
    ok(await snv.request('exchange.recallAnswer', { arrivalId, accept: true }));
    await until('status 15 back at UBND', async () => {
      const items = ok(await ubnd.request('exchange.outbox', {})).items as Json[];
      const item = items.find((i) => i.documentId === sentId && i.messageType === 'edoc');
      return item?.deliveries.find((d: Json) => d.recipient === office.snv.organId)?.receiverStatus === '15'
        ? item
        : undefined;
    });
  }, 180_000);
});
