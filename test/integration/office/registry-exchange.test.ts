import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VanthuError } from '@vanthu/shared/errors/index';
import { DAEMON_REQUESTS, type DaemonRequestType } from '@vanthu/shared/protocol/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEdxml } from '../../../daemon/src/exchange/edxml/index.js';
import { ExchangeService } from '../../../daemon/src/exchange/service.js';
import { FileSecretStore } from '../../../daemon/src/pairing/secret-store.js';
import { loadRegistryConfig } from '../../../daemon/src/registry/config.js';
import { RegistryService } from '../../../daemon/src/registry/index.js';
import { engineVerifier } from '../../../daemon/src/service/engines.js';
import { type RunningDaemon, startDaemon } from '../../../daemon/src/service/daemon.js';
import { openStore } from '../../../daemon/src/store/index.js';
import { adapterFor, axisConfigFor, secretsFor } from '../../support/axis/adapters.js';
import { deeplyNestedPackage } from '../../support/edxml-hostile.js';
import { sampleHeader } from '../../support/axis/samples.js';
import { type LocalAxis, startLocalAxis, testAgency } from '../../support/axis/server.js';
import { type Reply, TestClient } from '../../support/daemon-client.js';
import { makeVanBan, tempDir } from '../../support/pdf-inputs.js';
import { makeTestCa, type TestCa } from '../../support/pdf-inputs-signer.js';
import type { Verifier } from '../../../daemon/src/handlers/services.js';
import { signVanBan, vietnamDaysAgo } from '../../support/signed-van-ban.js';

const US = testAgency('000.00.09.H13', 'Sở Nội vụ Cần Thơ');
const PEER = testAgency('000.00.00.H23', 'Ủy ban nhân dân thành phố Cần Thơ');
const OTHER = testAgency('000.00.00.H41', 'UBND tỉnh Nghệ An');

const tmp = tempDir('vanthu-office-');
let axis: LocalAxis;
let daemon: RunningDaemon;
let peer: ExchangeService;
let c: TestClient;
let signed: Uint8Array;
let ca: TestCa;
let engine: Verifier;
const issued = vietnamDaysAgo(2);

// biome-ignore lint/suspicious/noExplicitAny: replies are plain JSON, checked field by field below.
type Json = Record<string, any>;
const ok = (r: Reply): Json => {
  if (!r.ok) throw new Error(`${r.error?.code}: ${r.error?.message}`);
  return r.result as Json;
};

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 8_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The peer agency's round: its queue, then its inbox. */
async function peerRound() {
  await peer.worker.runOnce();
  await peer.pollOnce();
  await peer.worker.runOnce();
}

/** One request; a successful result must also match the protocol's result schema (the extension checks it). */
async function call(type: DaemonRequestType, payload: unknown, document?: Uint8Array): Promise<Reply> {
  const r = await c.request(type, payload, document);
  if (r.ok) DAEMON_REQUESTS[type].result.parse(r.result);
  return r;
}

/** Opens a record outside the danh mục, kept by the Phòng Văn thư. */
const openRecord = async (notation: string, title: string): Promise<Json> =>
  ok(
    await call('records.create', {
      fields: {
        FileCode: { FileNotation: notation },
        Title: title,
        Maintenance: '10 năm',
        Creator: 'Phòng Văn thư',
        StartDate: issued,
      },
    }),
  ).record;

const outboxItem = async (documentId: string) =>
  (ok(await call('exchange.outbox', {})).items as Json[]).find(
    (i) => i.documentId === documentId && i.messageType === 'edoc',
  );

beforeAll(async () => {
  ca = await makeTestCa();
  engine = await engineVerifier();
  axis = await startLocalAxis({ agencies: [US, PEER, OTHER] });
  const env = { ...process.env, VANTHU_HOME: tmp.dir, VANTHU_SYSTEM_CONFIG: join(tmp.dir, 'none.json') };
  const configPath = join(tmp.dir, 'config.json');
  mkdirSync(tmp.dir, { recursive: true });
  writeFileSync(
    configPath,
    JSON.stringify({
      registry: { organId: US.code, organName: US.name },
      exchange: {
        self: { organId: US.code, organName: US.name },
        axis: axisConfigFor('vdxp', axis.url, US, 1_000),
        pollSeconds: 0.1,
        queue: { maxAttempts: 2, backoff: { baseMs: 1, maxMs: 5 } },
      },
    }),
  );
  daemon = await startDaemon({
    env,
    configPath,
    // No token is needed to register or exchange.
    keys: {
      listTokens: async () => [],
      openSigner: async (uri) => Promise.reject(new VanthuError('KEY_NOT_FOUND', uri)),
    },
    // The test CA is this office's trust anchor: sending checks the document's own signatures.
    verifier: {
      verify: (document, options) =>
        engine.verify(document, { ...options, trust: [...(options.trust ?? []), ca.rootPem] }),
    },
    port: 0,
    secretStore: new FileSecretStore(join(tmp.dir, 'secret')),
    axisSecrets: secretsFor(US),
    log: () => {},
  });
  peer = new ExchangeService({
    dbFile: join(tmp.dir, 'peer.sqlite'),
    adapter: await adapterFor('vdxp', axis.url, PEER, { timeoutMs: 1_000 }),
    self: { organId: PEER.code, organName: PEER.name },
    worker: { backoff: { baseMs: 1, maxMs: 5 } },
  });
  signed = await signVanBan(ca, await makeVanBan(), { number: '15/QĐ-UBND', date: issued });
  c = await TestClient.connect(daemon.port);
  ok(await c.pair(daemon.secretStore.get()!));
});

afterAll(async () => {
  c?.close();
  await daemon?.stop();
  peer?.close();
  await axis?.close();
  tmp.cleanup();
});

describe('registration through the daemon', () => {
  let incomingId: string;

  it('pre-fills an incoming form from a document signed by our engine', async () => {
    const r = ok(
      await call('registry.prefill', { kind: 'incoming', document: { bytes: signed.length } }, signed),
    );
    expect(r.fields).toMatchObject({
      CodeNumber: '15',
      CodeNotation: 'QĐ-UBND',
      IssuedDate: issued,
      TypeName: 'Quyết định',
      Subject: 'Về việc ban hành Quy chế quản lý văn bản điện tử',
      OrganName: 'Ủy ban nhân dân thành phố Cần Thơ',
      SignerInfo: { FullName: 'Trần Văn Minh' },
    });
    expect(r.sources).toMatchObject({ CodeNumber: 'text', SignerInfo: 'signature', OrganName: 'signature' });
    expect(r.signatures.map((s: Json) => [s.role, s.commonName])).toEqual([
      ['approver', 'Trần Văn Minh'],
      ['seal', 'UBND thành phố Cần Thơ'],
    ]);
  });

  it('registers incoming documents with continuous arrival numbers and warns of a duplicate', async () => {
    const fields = ok(
      await call('registry.prefill', { kind: 'incoming', document: { bytes: signed.length } }, signed),
    ).fields;
    const before = ok(await call('registry.check', { kind: 'incoming', fields }));
    expect(before).toEqual({ issues: [], warnings: [], duplicates: [] });
    const first = ok(
      await call(
        'registry.register',
        { kind: 'incoming', fields, document: { bytes: signed.length }, fileName: '15-QD-UBND.pdf' },
        signed,
      ),
    );
    expect(first.entry).toMatchObject({ kind: 'incoming', number: 1, state: 'registered' });
    expect(first.entry.fields).toMatchObject({ ArrivalNumber: 1, PageAmount: 1, CodeNumber: '15' });
    expect(first.entry.file).toMatchObject({ name: '15-QD-UBND.pdf', pages: 1 });
    incomingId = first.entry.id;

    const after = ok(await call('registry.check', { kind: 'incoming', fields }));
    expect(after.duplicates.map((d: Json) => d.id)).toEqual([incomingId]);
    const refused = await call('registry.register', { kind: 'incoming', fields });
    expect(refused.error?.code).toBe('REGISTRY_DUPLICATE');
    const other = ok(
      await call('registry.register', {
        kind: 'incoming',
        fields: { ...fields, CodeNumber: '16' },
        channel: 'paper',
      }),
    );
    expect(other.entry.number).toBe(2);
    const bad = await call('registry.register', {
      kind: 'incoming',
      fields: { ...fields, CodeNotation: 'qđ ubnd' },
    });
    expect(bad.error?.code).toBe('FIELD_INVALID');
    const issues = ok(
      await call('registry.check', { kind: 'incoming', fields: { CodeNotation: 'qđ ubnd' } }),
    ).issues;
    expect(issues.map((i: Json) => i.path)).toContain('CodeNotation');
  });

  it('assigns, recalls and files entries into a record', async () => {
    const assigned = ok(
      await call('registry.assign', {
        id: incomingId,
        text: 'Giao Phòng Văn thư',
        lead: 'Phòng Văn thư',
        dueWorkingDays: 3,
      }),
    );
    expect(assigned.entry.state).toBe('assigned');
    expect(assigned.entry.directions.at(-1)).toMatchObject({ kind: 'distribution', lead: 'Phòng Văn thư' });
    const record = await openRecord('07-VT', 'Hồ sơ văn bản đến về văn bản điện tử');
    const filed = ok(await call('records.add', { record: record.code, entryId: incomingId })).record;
    expect(filed.fields).toMatchObject({ DocTotal: 1, PageTotal: 1 });
    const listed = ok(await call('records.list', {})).records as Json[];
    expect(listed.map((r) => r.code)).toContain(record.code);
    expect(ok(await call('records.close', { record: record.id })).record.state).toBe('closed');
    const entries = ok(await call('registry.list', { kind: 'incoming' })).entries as Json[];
    expect(entries.map((e) => e.number)).toEqual([1, 2]);
    const recalled = ok(await call('registry.recall', { id: entries[1]!.id, reason: 'Vào sổ nhầm' }));
    expect(recalled.entry).toMatchObject({ state: 'recalled', number: 2, stateReason: 'Vào sổ nhầm' });
    expect((await call('registry.recall', { id: 'nope', reason: 'x' })).error?.code).toBe(
      'REGISTRY_NOT_FOUND',
    );
  });
});

describe('exchange through the daemon and the local axis', () => {
  let documentId: string;
  let packageId: string;

  it('sends an issued document to two agencies and shows each recipient’s status', async () => {
    const outgoing = ok(
      await call(
        'registry.register',
        {
          kind: 'outgoing',
          fields: {
            TypeName: 'Công văn',
            CodeNotation: 'SNV-VP',
            Subject: 'V/v triển khai văn bản điện tử',
            SignerInfo: { Position: 'Giám đốc', FullName: 'Lê Văn An' },
          },
          document: { bytes: signed.length },
        },
        signed,
      ),
    ).entry;
    expect(outgoing.fields.CodeNumber).toBe('01');
    const sent = ok(
      await call('exchange.send', {
        entryId: outgoing.id,
        recipients: [{ organId: PEER.code, organName: PEER.name }, { organId: OTHER.code }],
      }),
    );
    ({ documentId, packageId } = sent as { documentId: string; packageId: string });
    expect(documentId).toMatch(
      new RegExp(`^${US.code.replaceAll('.', '\\.')},\\d{4}/\\d{2}/\\d{2},01/SNV-VP$`),
    );
    await until('both deliveries on the axis', async () => {
      const item = await outboxItem(documentId);
      return item?.deliveries.every((d: Json) => ['sent', 'delivered', 'acknowledged'].includes(d.state))
        ? item
        : undefined;
    });
    await peerRound();
    const arrival = peer.listInbox().find((a) => a.documentId === documentId);
    expect(arrival?.state).toBe('arrived');
    peer.sendStatus(arrival!.id, '03');
    await peerRound();
    const item = await until('status 03 from the peer', async () => {
      const i = await outboxItem(documentId);
      return i?.deliveries.find((d: Json) => d.recipient === PEER.code)?.receiverStatus === '03'
        ? i
        : undefined;
    });
    const byRecipient = Object.fromEntries(item.deliveries.map((d: Json) => [d.recipient, d.receiverStatus]));
    expect(byRecipient).toEqual({ [PEER.code]: '03', [OTHER.code]: null });
    // The register entry shows the delivery state of each recipient.
    const listed = (ok(await call('registry.list', { kind: 'outgoing' })).entries as Json[]).find(
      (e) => e.id === outgoing.id,
    );
    expect(
      Object.fromEntries(((listed?.deliveries ?? []) as Json[]).map((d) => [d.recipient, d.receiverStatus])),
    ).toEqual(byRecipient);
    expect(
      (await call('exchange.send', { entryId: 'missing', recipients: [{ organId: PEER.code }] })).error?.code,
    ).toBe('REGISTRY_NOT_FOUND');
  });

  it('offers the axis agencies to the recipient picker: fetched once, cached with its age, refreshed on demand', async () => {
    const first = ok(await call('exchange.agencies', { query: 'uy ban can tho' }));
    expect(first.agencies).toEqual([{ code: PEER.code, name: PEER.name, regular: true }]);
    expect(first.fetchedAt).toBeGreaterThan(0);
    const calls = axis.calls.get('/getAgenciesList');
    const cached = ok(await call('exchange.agencies', { query: 'H41' }));
    expect(cached.agencies.map((a: Json) => a.code)).toEqual([OTHER.code]);
    expect(cached.fetchedAt).toBe(first.fetchedAt);
    expect(axis.calls.get('/getAgenciesList')).toBe(calls);
    ok(await call('exchange.agencies', { refresh: true }));
    expect(axis.calls.get('/getAgenciesList')).toBe((calls ?? 0) + 1);
    expect((await call('exchange.agencies', { limit: 0 })).error?.code).toBe('INVALID_INPUT');
  });

  it('dispatches the phụ lục files of an entry as further attachments of the edXML package', async () => {
    // The daemon's own registry file, opened beside it (WAL) to register an entry with appendices.
    const config = loadRegistryConfig(join(tmp.dir, 'config.json'), { ...process.env, VANTHU_HOME: tmp.dir });
    const registry = await RegistryService.open(openStore(config.store), config);
    const sheet = new TextEncoder().encode('STT,Đơn vị\n1,Văn phòng\n');
    let entryId: string;
    try {
      ({
        entry: { id: entryId },
      } = await registry.registerOutgoing({
        fields: { TypeName: 'Công văn', CodeNotation: 'SNV-VP', Subject: 'V/v gửi kèm phụ lục' },
        file: { name: 'cv.pdf', bytes: signed },
        // The signed file is already in the book: the clerk confirms.
        allowDuplicate: true,
        attachments: [
          { name: 'phu-luc.pdf', bytes: signed, description: 'Phụ lục I' },
          { name: 'danh-sach.csv', bytes: sheet },
        ],
      }));
    } finally {
      await registry.close();
    }
    const sent = ok(await call('exchange.send', { entryId, recipients: [{ organId: PEER.code }] }));
    await until('the delivery', async () => {
      const i = await outboxItem(sent.documentId);
      return ['sent', 'delivered', 'acknowledged'].includes(i?.deliveries[0]?.state) ? i : undefined;
    });
    await peerRound();
    const arrival = peer.listInbox().find((a) => a.documentId === sent.documentId);
    const parsed = parseEdxml(peer.inbox.xml(arrival!.id)!);
    if (parsed.kind !== 'edoc') throw new Error('expected a document package');
    expect(parsed.attachments.map((a) => [a.name, a.contentType, a.description])).toEqual([
      ['cv.pdf', 'application/pdf', undefined],
      ['phu-luc.pdf', 'application/pdf', 'Phụ lục I'],
      ['danh-sach.csv', 'application/octet-stream', undefined],
    ]);
    expect(Buffer.from(parsed.attachments[2]!.data)).toEqual(Buffer.from(sheet));
    // Each PDF carries its own signatures and is checked on arrival.
    expect(arrival!.verification as unknown[]).toHaveLength(2);
  });

  it('retries a delivery that gave up, and refuses a retry with nothing to retry', async () => {
    expect((await call('exchange.retry', { packageId })).error?.code).toBe('QUEUE_STATE');
    const entry = ok(
      await call(
        'registry.register',
        {
          kind: 'outgoing',
          fields: { TypeName: 'Công văn', CodeNotation: 'SNV-VP', Subject: 'V/v thử lại' },
          document: { bytes: signed.length },
          // The same signed file again: the clerk confirms the duplicate warning.
          confirmDuplicate: true,
        },
        signed,
      ),
    ).entry;
    axis.faults.inject('/sendEdoc', { kind: 'status500' }).inject('/sendEdoc', { kind: 'status500' });
    const sent = ok(await call('exchange.send', { entryId: entry.id, recipients: [{ organId: PEER.code }] }));
    await until('the delivery to give up', async () => {
      const i = await outboxItem(sent.documentId);
      return i?.deliveries[0]?.state === 'dead' ? i : undefined;
    });
    expect(ok(await call('exchange.retry', { packageId: sent.packageId })).changed).toBe(1);
    await until('the retried delivery', async () => {
      const i = await outboxItem(sent.documentId);
      return ['sent', 'delivered', 'acknowledged'].includes(i?.deliveries[0]?.state) ? i : undefined;
    });
  });

  it('recalls the document: status 13 to the recipients, 15 back from the peer, our copy frozen', async () => {
    const recalled = ok(await call('exchange.recall', { documentId, reason: 'Ban hành nhầm' }));
    expect(recalled.recipients.sort()).toEqual([PEER.code, OTHER.code].sort());
    await until('status 13 on the axis', async () => {
      const items = ok(await call('exchange.outbox', {})).items as Json[];
      const thirteen = items.filter((i) => i.statusCode === '13' && i.documentId === documentId);
      return thirteen.length === 2 && thirteen.every((i) => i.deliveries[0].state !== 'queued')
        ? thirteen
        : undefined;
    });
    await peerRound();
    expect(peer.inbox.findByDocument(documentId)[0]?.state).toBe('voided');
    const item = await until('status 15 from the peer', async () => {
      const i = await outboxItem(documentId);
      return i?.deliveries.find((d: Json) => d.recipient === PEER.code)?.receiverStatus === '15'
        ? i
        : undefined;
    });
    expect(item.frozen).toBe(true);
  });

  it('receives a document, lists it with its signature check, pre-fills from the edXML header and answers', async () => {
    const header = sampleHeader(PEER.code, [US.code], 87, {
      codeNotation: 'QĐ-UBND',
      documentId: `${PEER.code},2026/10/28,87/QĐ-UBND`,
      promulgationDate: '2026/10/28',
      documentType: { type: 1, typeName: 'Quyết định' },
      subject: 'Về việc giao chỉ tiêu kế hoạch năm 2027',
      signerInfo: { position: 'Chủ tịch', fullName: 'Nguyễn Thị Lan' },
    });
    peer.sendDocument(header, [
      { contentId: 'vb1', name: 'qd.pdf', contentType: 'application/pdf', data: signed },
    ]);
    await peerRound();
    const arrival = await until('the arrival in the daemon inbox', async () =>
      (ok(await call('exchange.inbox', {})).items as Json[]).find((a) => a.documentId === header.documentId),
    );
    expect(arrival).toMatchObject({ from: PEER.code, code: '87/QĐ-UBND', lastStatusSent: '01' });
    expect(arrival.verification[0]).toMatchObject({ performed: true });
    expect(arrival.verification[0].summary).toContain('Trần Văn Minh');
    const pre = ok(await call('registry.prefill', { kind: 'incoming', arrivalId: arrival.id }));
    expect(pre.documentId).toBe(header.documentId);
    expect(pre.fields).toMatchObject({
      CodeNumber: '87',
      Subject: 'Về việc giao chỉ tiêu kế hoạch năm 2027',
      SignerInfo: { Position: 'Chủ tịch', FullName: 'Nguyễn Thị Lan' },
      IssuedDate: '2026-10-28',
    });
    expect(pre.sources).toMatchObject({ Subject: 'edxml', CodeNumber: 'edxml' });
    expect((await call('exchange.status', { arrivalId: arrival.id, code: '02' })).error?.code).toBe(
      'INVALID_INPUT',
    );
    ok(await call('exchange.status', { arrivalId: arrival.id, code: '02', reason: 'Gửi nhầm nơi nhận' }));
    await until('the refusal at the peer', async () => {
      await peerRound();
      const d = peer.queue.packagesOfDocument(header.documentId)[0]?.deliveries[0];
      return d?.receiverStatus === '02' ? d : undefined;
    });
    const after = (ok(await call('exchange.inbox', {})).items as Json[]).find((a) => a.id === arrival.id);
    expect(after).toMatchObject({ state: 'refused', lastStatusSent: '02' });
  });
});

describe('numbering from the register through the daemon', () => {
  it('reserves the next number, keeps the sealed document under it, gives back or voids an unused one', async () => {
    const reserved = ok(await call('registry.reserve', { codeNotation: 'TB-SNV' })).entry;
    expect(reserved).toMatchObject({ state: 'reserved', fields: { CodeNotation: 'TB-SNV' } });
    expect(reserved.fields.IssuedDate).toBe(reserved.registeredAt.slice(0, 10));
    // Sealed with exactly the reserved number and date: the register checks the stamps.
    const pdf = await signVanBan(ca, await makeVanBan({ pages: 4 }), {
      number: `${reserved.fields.CodeNumber}/TB-SNV`,
      date: reserved.fields.IssuedDate,
    });
    const kept = ok(
      await call(
        'registry.register',
        {
          kind: 'outgoing',
          reservationId: reserved.id,
          fields: { TypeName: 'Thông báo', Subject: 'Thông báo lịch họp', CodeNotation: 'KHÁC' },
          document: { bytes: pdf.length },
          fileName: 'tb.pdf',
        },
        pdf,
      ),
    ).entry;
    // The number, ký hiệu and date are the reservation's, whatever the form said.
    expect(kept).toMatchObject({ id: reserved.id, state: 'issued', number: reserved.number });
    expect(kept.fields).toMatchObject({ CodeNumber: reserved.fields.CodeNumber, CodeNotation: 'TB-SNV' });
    const twice = await call(
      'registry.register',
      { kind: 'outgoing', reservationId: reserved.id, fields: {}, document: { bytes: pdf.length } },
      pdf,
    );
    expect(twice.error?.code).toBe('OFFICE_TRANSITION_REFUSED');
    const next = ok(await call('registry.reserve', { codeNotation: 'TB-SNV' })).entry;
    expect(next.number).toBe(reserved.number + 1);
    expect(ok(await call('registry.release', { id: next.id, reason: 'Đóng dấu không thành công' }))).toEqual({
      outcome: 'given_back',
    });
    const again = ok(await call('registry.reserve', { codeNotation: 'TB-SNV' })).entry;
    expect(again.number).toBe(next.number);
    ok(await call('registry.reserve', { codeNotation: 'TB-SNV' }));
    const voided = ok(await call('registry.release', { id: again.id, reason: 'Dự thảo bị rút' }));
    expect(voided).toMatchObject({
      outcome: 'voided',
      entry: { state: 'voided', stateReason: 'Dự thảo bị rút' },
    });
  });
});

describe('the incoming workflow through the daemon and the local axis', () => {
  it('registers an arrival (03), assigns it per Điều 7.2 (04), handles (05) and completes it (06): each status reaches the sender once, in order', async () => {
    const header = sampleHeader(PEER.code, [US.code], 88, {
      codeNotation: 'UBND-VP',
      documentId: `${PEER.code},2026/10/29,88/UBND-VP`,
      promulgationDate: '2026/10/29',
      subject: 'V/v báo cáo tình hình thực hiện',
    });
    const pdf = await makeVanBan({ pages: 2 });
    peer.sendDocument(header, [
      { contentId: 'vb1', name: 'cv-88.pdf', contentType: 'application/pdf', data: pdf },
    ]);
    await peerRound();
    const arrival = await until('the arrival', async () =>
      (ok(await call('exchange.inbox', {})).items as Json[]).find((a) => a.documentId === header.documentId),
    );
    const pre = ok(await call('registry.prefill', { kind: 'incoming', arrivalId: arrival.id }));
    const { entry } = ok(
      await call('registry.register', { kind: 'incoming', fields: pre.fields, arrivalId: arrival.id }),
    );
    expect(entry).toMatchObject({ state: 'registered', arrivalId: arrival.id });
    // The inbox links the registered arrival to its entry, where assignment and handling go on.
    const listed = (ok(await call('exchange.inbox', {})).items as Json[]).find((a) => a.id === arrival.id);
    expect(listed).toMatchObject({ state: 'registered', entryId: entry.id });
    // Not in order: 06 before the handling started is accepted (a short answer), 05 after 06 never.
    const assigned = ok(
      await call('registry.assign', {
        id: entry.id,
        text: 'Giám đốc chỉ đạo: Phòng Tổ chức chủ trì, Văn phòng phối hợp',
        author: 'Giám đốc',
        assignees: [
          { unit: 'Phòng Tổ chức', role: 'lead', dueDate: '2026-12-20' },
          { unit: 'Văn phòng', role: 'coordinator', dueDate: '2026-12-15' },
        ],
      }),
    ).entry;
    expect(assigned.directions.at(-1)).toMatchObject({
      lead: 'Phòng Tổ chức',
      coordinators: ['Văn phòng'],
      dueDate: '2026-12-20',
      assignees: [
        { unit: 'Phòng Tổ chức', role: 'lead', dueDate: '2026-12-20' },
        { unit: 'Văn phòng', role: 'coordinator', dueDate: '2026-12-15' },
      ],
    });
    ok(await call('exchange.status', { arrivalId: arrival.id, code: '05' }));
    ok(await call('exchange.status', { arrivalId: arrival.id, code: '06' }));
    const late = await call('exchange.status', { arrivalId: arrival.id, code: '05' });
    expect(late.error?.code).toBe('OFFICE_TRANSITION_REFUSED');
    expect(late.error?.message).toContain('incoming.start');
    await until('the 06 at the peer', async () => {
      await peerRound();
      const d = peer.queue.packagesOfDocument(header.documentId)[0]?.deliveries[0];
      return d?.receiverStatus === '06' ? d : undefined;
    });
    const sent = axis.state.messages
      .filter((m) => m.messageType === 'status' && m.from === US.code)
      .map((m) => parseEdxml(m.xml))
      .flatMap((p) =>
        p.kind === 'status' && p.status.responseFor.documentId === header.documentId
          ? [p.status.statusCode]
          : [],
      );
    expect(sent).toEqual(['01', '03', '04', '05', '06']);
    const done = ok(await call('registry.list', { kind: 'incoming', state: 'done' })).entries as Json[];
    expect(done.map((e) => e.id)).toContain(entry.id);
  });
});

describe('quarantine through the daemon', () => {
  it('lists a package set aside with its reason; handling it again answers "still quarantined" and keeps one row', async () => {
    const docId = axis.state.store({
      messageType: 'edoc',
      from: PEER.code,
      to: [US.code],
      xml: Buffer.from(deeplyNestedPackage(1_000)),
    }).docId;
    const q = await until('the package in the quarantine', async () =>
      (ok(await call('exchange.inbox', {})).quarantined as Json[]).find((p) => p.axisDocId === docId),
    );
    expect(q).toMatchObject({
      from: PEER.code,
      messageType: 'edoc',
      code: 'EDXML_MALFORMED',
      retryable: true,
    });
    expect(q.reason).toMatch(/256/);

    const again = ok(await call('exchange.quarantineRetry', { id: q.id }));
    expect(again).toMatchObject({ outcome: 'quarantined', code: 'EDXML_MALFORMED' });
    const listed = (ok(await call('exchange.inbox', {})).quarantined as Json[]).filter(
      (p) => p.axisDocId === docId,
    );
    expect(listed).toEqual([expect.objectContaining({ id: q.id })]);
    expect(listed[0]!.at).toBeGreaterThanOrEqual(q.at);

    expect((await call('exchange.quarantineRetry', { id: q.id + 1000 })).error?.code).toBe('QUEUE_NOT_FOUND');
    expect((await call('exchange.quarantineRetry', { id: -1 })).error?.code).toBe('INVALID_INPUT');
  });
});

describe('phụ lục files through the daemon', () => {
  const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

  it('registers a document with its phụ lục files uploaded in the same request, counted in the record', async () => {
    const annex = await makeVanBan({ pages: 2 });
    const sheet = new TextEncoder().encode('STT,Đơn vị\n1,Văn phòng\n');
    const fields = {
      TypeName: 'Công văn',
      CodeNumber: '41',
      CodeNotation: 'UBND-VP',
      IssuedDate: issued,
      OrganName: 'Ủy ban nhân dân thành phố Cần Thơ',
      Subject: 'V/v gửi kèm phụ lục danh sách',
    };
    const payload = {
      kind: 'incoming',
      fields,
      document: { bytes: signed.length, sha256: sha(signed) },
      fileName: 'cv-41.pdf',
      confirmDuplicate: true,
      attachments: [
        {
          document: { bytes: annex.length, sha256: sha(annex) },
          name: 'phu-luc-I.pdf',
          description: 'Phụ lục I',
        },
        { document: { bytes: sheet.length }, name: 'danh-sach.csv' },
      ],
    };
    // One frame that ends the document and carries both attachments: the daemon splits it.
    const frames = Buffer.concat([signed, annex, sheet]);
    const mismatched = {
      ...payload,
      attachments: [{ ...payload.attachments[0]!, document: { bytes: annex.length, sha256: sha(sheet) } }],
    };
    expect((await call('registry.register', mismatched, Buffer.concat([signed, annex]))).error?.code).toBe(
      'INVALID_INPUT',
    );
    const { entry } = ok(await call('registry.register', payload, frames));
    expect(entry.file).toMatchObject({ name: 'cv-41.pdf', sha256: sha(signed), pages: 1 });
    expect(entry.attachments).toEqual([
      {
        seq: 1,
        name: 'phu-luc-I.pdf',
        sha256: sha(annex),
        size: annex.length,
        pages: 2,
        description: 'Phụ lục I',
      },
      { seq: 2, name: 'danh-sach.csv', sha256: sha(sheet), size: sheet.length },
    ]);
    expect(entry.fields.PageAmount).toBe(1);
    const record = await openRecord('08-PL', 'Hồ sơ văn bản có phụ lục');
    // Tổng số trang: the document's page and its phụ lục's two.
    expect(
      ok(await call('records.add', { record: record.id, entryId: entry.id })).record.fields,
    ).toMatchObject({
      DocTotal: 1,
      PageTotal: 3,
    });
    const unnamed = { ...payload, attachments: [{ document: { bytes: sheet.length }, name: ' ' }] };
    expect((await call('registry.register', unnamed, Buffer.concat([signed, sheet]))).error?.code).toBe(
      'INVALID_INPUT',
    );
  });

  it('registers an arrival with several attachments: the first PDF (or the picked one) is the document, the others its phụ lục', async () => {
    const annex = await makeVanBan({ pages: 3 });
    const sheet = new TextEncoder().encode('STT,Xã\n1,An Bình\n');
    const header = sampleHeader(PEER.code, [US.code], 93, {
      codeNotation: 'UBND-KT',
      documentId: `${PEER.code},2026/10/30,93/UBND-KT`,
      promulgationDate: '2026/10/30',
      subject: 'V/v phân bổ kinh phí kèm phụ lục',
    });
    peer.sendDocument(header, [
      { contentId: 'pl0', name: 'bang-tong-hop.csv', contentType: 'text/csv', data: sheet },
      { contentId: 'vb1', name: 'cv-93.pdf', contentType: 'application/pdf', data: signed },
      {
        contentId: 'pl1',
        name: 'phu-luc.pdf',
        contentType: 'application/pdf',
        data: annex,
        description: 'Phụ lục kinh phí',
      },
    ]);
    await peerRound();
    const arrival = await until('the arrival with attachments', async () =>
      (ok(await call('exchange.inbox', {})).items as Json[]).find((a) => a.documentId === header.documentId),
    );
    const pre = ok(await call('registry.prefill', { kind: 'incoming', arrivalId: arrival.id }));
    expect(pre.arrivalFiles.map((f: Json) => [f.index, f.name, f.main])).toEqual([
      [0, 'bang-tong-hop.csv', false],
      [1, 'cv-93.pdf', true],
      [2, 'phu-luc.pdf', false],
    ]);
    expect(pre.sha256).toBe(sha(signed));
    const out = await call('registry.register', {
      kind: 'incoming',
      fields: pre.fields,
      arrivalId: arrival.id,
      mainAttachment: 3,
    });
    expect(out.error?.code).toBe('INVALID_INPUT');
    const { entry } = ok(
      await call('registry.register', {
        kind: 'incoming',
        fields: pre.fields,
        arrivalId: arrival.id,
        // cv-93.pdf is the file registered first in this book.
        confirmDuplicate: true,
      }),
    );
    expect(entry.documentId).toBe(header.documentId);
    expect(entry.file).toMatchObject({ name: 'cv-93.pdf', sha256: sha(signed), pages: 1 });
    expect(entry.attachments.map((a: Json) => [a.seq, a.name, a.sha256, a.pages, a.description])).toEqual([
      [1, 'bang-tong-hop.csv', sha(sheet), undefined, undefined],
      [2, 'phu-luc.pdf', sha(annex), 3, 'Phụ lục kinh phí'],
    ]);

    // The clerk may pick the other PDF as the document before registering…
    const picked = ok(
      await call('registry.prefill', { kind: 'incoming', arrivalId: arrival.id, mainAttachment: 2 }),
    );
    expect(picked.sha256).toBe(sha(annex));
    // …but an arrival is registered once: it is linked to its entry and its 03 went out.
    const again = await call('registry.register', {
      kind: 'incoming',
      fields: pre.fields,
      arrivalId: arrival.id,
      mainAttachment: 2,
      confirmDuplicate: true,
    });
    expect(again.error?.code).toBe('OFFICE_TRANSITION_REFUSED');
    expect(entry.arrivalId).toBe(arrival.id);
    const both = await call(
      'registry.register',
      { kind: 'incoming', fields: pre.fields, arrivalId: arrival.id, document: { bytes: signed.length } },
      signed,
    );
    expect(both.error?.code).toBe('INVALID_INPUT');
  });
});
