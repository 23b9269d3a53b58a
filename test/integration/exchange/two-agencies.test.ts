import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AxisKind } from '../../../daemon/src/exchange/axis/types.js';
import { ExchangeService } from '../../../daemon/src/exchange/service.js';
import { toInboxView, toOutboxView } from '../../../daemon/src/exchange/views.js';
import { createExchangeService } from '../../../daemon/src/exchange/bootstrap.js';
import { adapterFor, axisConfigFor, secretsFor } from '../../support/axis/adapters.js';
import { sampleAttachment, sampleHeader } from '../../support/axis/samples.js';
import { type LocalAxis, startLocalAxis, testAgency } from '../../support/axis/server.js';

const A = testAgency('000.00.00.G22', 'Văn phòng Chính phủ');
const B = testAgency('000.00.09.H13', 'Sở Nội vụ Cần Thơ');
const C = testAgency('000.00.00.H41', 'UBND tỉnh Nghệ An');

let axis: LocalAxis;
let dir: string;
const services: ExchangeService[] = [];

beforeEach(async () => {
  axis = await startLocalAxis({ agencies: [A, B, C] });
  dir = mkdtempSync(join(tmpdir(), 'vanthu-exchange-'));
});
afterEach(async () => {
  for (const s of services.splice(0)) s.close();
  await axis.close();
  rmSync(dir, { recursive: true, force: true });
});

async function agency(
  kind: AxisKind,
  who: typeof A,
  extra: Partial<ConstructorParameters<typeof ExchangeService>[0]> = {},
) {
  const s = new ExchangeService({
    dbFile: join(dir, `${who.code}.sqlite`),
    adapter: await adapterFor(kind, axis.url, who, { timeoutMs: 500 }),
    self: { organId: who.code, organName: who.name },
    worker: { backoff: { baseMs: 1, maxMs: 5 }, maxAttempts: 5 },
    ...extra,
  });
  services.push(s);
  return s;
}

/** Drives both sides until nothing moves: sender's queue, receiver's inbox, receiver's queue, sender's inbox. */
async function settle(...sides: ExchangeService[]) {
  for (let round = 0; round < 20; round++) {
    let moved = 0;
    for (const s of sides) {
      moved += await s.worker.runOnce();
      const r = await s.pollOnce();
      moved += r.documents + r.statuses + r.duplicates;
    }
    if (moved === 0 && sides.every((s) => s.queue.isDrained())) return;
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.each<AxisKind>(['vdxp', 'lgsp', 'bkav'])('two agencies exchange through the %s axis', (kind) => {
  it('document → 01 automatically → clerk 03…06 → sender sees each status', async () => {
    const a = await agency(kind, A);
    const b = await agency(kind, B);
    const header = sampleHeader(A.code, [B.code, C.code], 7);
    const pkg = a.sendDocument(header, [sampleAttachment()]);
    await settle(a, b);
    const [arrival] = b.listInbox();
    expect(arrival).toMatchObject({
      from: A.code,
      documentId: header.documentId,
      state: 'arrived',
      lastStatusSent: '01',
    });
    expect(arrival!.verification).toEqual([
      { performed: false, reason: expect.stringContaining('no signature verification') },
    ]);
    expect(arrival!.deadline).toMatchObject({ overdue: false });
    const toB = () => a.queue.deliveriesOf(pkg).find((d) => d.recipient === B.code)!;
    expect(toB()).toMatchObject({ state: 'delivered', receiverStatus: '01' });
    for (const code of ['03', '04', '05', '06'] as const) {
      b.sendStatus(arrival!.id, code);
      await settle(b, a);
      expect(toB()).toMatchObject({ state: 'acknowledged', receiverStatus: code });
    }
    expect(b.inbox.get(arrival!.id)!.state).toBe('finished');
    // What the extension panel receives.
    const view = toOutboxView(a.queue.packagesOfDocument(header.documentId)[0]!);
    expect(view.deliveries.find((d) => d.recipient === B.code)).toMatchObject({
      state: 'acknowledged',
      receiverStatus: '06',
    });
    expect(toInboxView(b.listInbox()[0]!)).toMatchObject({
      state: 'finished',
      verification: [{ performed: false }],
      deadline: null,
    });
    // C never polled: its delivery stays "sent".
    expect(a.queue.deliveriesOf(pkg).find((d) => d.recipient === C.code)!.state).toBe('sent');
  });

  it('refusal 02 carries its reason back', async () => {
    const a = await agency(kind, A);
    const b = await agency(kind, B);
    const pkg = a.sendDocument(sampleHeader(A.code, [B.code], 8), [sampleAttachment()]);
    await settle(a, b);
    const [arrival] = b.listInbox();
    expect(() => b.sendStatus(arrival!.id, '02')).toThrow(expect.objectContaining({ code: 'EDXML_INVALID' }));
    b.sendStatus(arrival!.id, '02', 'Gửi nhầm nơi nhận');
    await settle(b, a);
    expect(a.queue.deliveriesOf(pkg)[0]).toMatchObject({
      state: 'acknowledged',
      receiverStatus: '02',
      receiverStatusDescription: 'Gửi nhầm nơi nhận',
    });
  });

  it('recall by status 13: sender freezes, receiver voids and answers 15', async () => {
    const a = await agency(kind, A);
    const b = await agency(kind, B);
    const header = sampleHeader(A.code, [B.code], 9);
    const pkg = a.sendDocument(header, [sampleAttachment()]);
    await settle(a, b);
    a.recall(header.documentId, 'Sai thể thức, ban hành lại');
    expect(a.queue.getPackage(pkg)!.frozen).toBe(true);
    await settle(a, b);
    const arrival = b.inbox.findByDocument(header.documentId)[0]!;
    expect(arrival.state).toBe('voided');
    expect(b.inbox.xml(arrival.id)).toBeUndefined();
    expect(a.queue.deliveriesOf(pkg)[0]).toMatchObject({ state: 'acknowledged', receiverStatus: '15' });
  });

  it('recall by BussinessDocType 1 under the ask policy: the clerk refuses with 16', async () => {
    const a = await agency(kind, A);
    const b = await agency(kind, B, { recallPolicy: 'ask' });
    const original = sampleHeader(A.code, [B.code], 10);
    const pkg = a.sendDocument(original, [sampleAttachment()]);
    await settle(a, b);
    a.sendDocument(
      sampleHeader(A.code, [B.code], 11, {
        bussiness: {
          bussinessDocType: 1,
          documentId: original.documentId,
          bussinessDocReason: 'Thu hồi để sửa',
        },
      }),
      [],
    );
    await settle(a, b);
    const arrival = b.inbox.findByDocument(original.documentId)[0]!;
    expect(arrival).toMatchObject({ state: 'recall_requested', recallReason: 'Thu hồi để sửa' });
    b.answerRecall(arrival.id, false, 'Đã phát hành cho cấp dưới');
    await settle(b, a);
    expect(b.inbox.get(arrival.id)!.state).toBe('arrived');
    expect(a.queue.deliveriesOf(pkg)[0]).toMatchObject({
      receiverStatus: '16',
      receiverStatusDescription: 'Đã phát hành cho cấp dưới',
    });
  });

  it('update (2) and replacement (3) mark the earlier arrival', async () => {
    const a = await agency(kind, A);
    const b = await agency(kind, B);
    const first = sampleHeader(A.code, [B.code], 12);
    const second = sampleHeader(A.code, [B.code], 13);
    a.sendDocument(first, [sampleAttachment()]);
    a.sendDocument(second, [sampleAttachment()]);
    await settle(a, b);
    a.sendDocument(
      sampleHeader(A.code, [B.code], 14, {
        bussiness: { bussinessDocType: 2, documentId: first.documentId },
      }),
      [sampleAttachment()],
    );
    a.sendDocument(
      sampleHeader(A.code, [B.code], 15, {
        bussiness: {
          bussinessDocType: 3,
          documentId: second.documentId,
          replacementInfoList: [{ documentId: second.documentId, organIds: [B.code] }],
        },
      }),
      [sampleAttachment()],
    );
    await settle(a, b);
    expect(b.inbox.findByDocument(first.documentId)[0]!.state).toBe('updated');
    expect(b.inbox.findByDocument(second.documentId)[0]!.state).toBe('replaced');
    expect(b.listInbox().filter((x) => x.state === 'arrived')).toHaveLength(2);
  });
});

describe('faults through the queue (vdxp)', () => {
  it('a reply lost after the axis stored the package: re-sent with the same key, delivered once', async () => {
    const a = await agency('vdxp', A);
    const b = await agency('vdxp', B);
    axis.faults.inject('/sendEdoc', { kind: 'lostResponse' });
    const pkg = a.sendDocument(sampleHeader(A.code, [B.code], 20), [sampleAttachment()]);
    await a.worker.runOnce();
    expect(a.queue.deliveriesOf(pkg)[0]).toMatchObject({ state: 'failed', outcomeUnknown: true });
    await settle(a, b);
    expect(a.queue.deliveriesOf(pkg)[0]!.state).toBe('delivered');
    expect(b.listInbox()).toHaveLength(1);
    expect(axis.state.messages.filter((m) => m.messageType === 'edoc')).toHaveLength(1);
  });

  it('500, reset, timeout and slow answers are retried until delivered', async () => {
    const a = await agency('vdxp', A);
    const b = await agency('vdxp', B);
    axis.faults
      .inject('/sendEdoc', { kind: 'status500' })
      .inject('/sendEdoc', { kind: 'reset' })
      .inject('/sendEdoc', { kind: 'timeout' });
    axis.faults.inject('/sendEdoc', { kind: 'slow', ms: 100 });
    const pkg = a.sendDocument(sampleHeader(A.code, [B.code], 21), [sampleAttachment()]);
    await settle(a, b);
    expect(a.queue.deliveriesOf(pkg)[0]).toMatchObject({ state: 'delivered', attempts: 4 });
    expect(axis.faults.injected.map((f) => f.kind)).toEqual(['status500', 'reset', 'timeout', 'slow']);
    expect(b.listInbox()).toHaveLength(1);
  });

  it('the axis delivering a package twice yields one arrival and one 01', async () => {
    const a = await agency('vdxp', A);
    const b = await agency('vdxp', B);
    axis.faults.inject('/sendEdoc', { kind: 'duplicate' });
    const pkg = a.sendDocument(sampleHeader(A.code, [B.code], 22), [sampleAttachment()]);
    await a.worker.runOnce();
    const r = await b.pollOnce();
    expect(r).toMatchObject({ documents: 1, duplicates: 1 });
    await settle(a, b);
    expect(b.listInbox()).toHaveLength(1);
    expect(axis.state.messages.filter((m) => m.messageType === 'status')).toHaveLength(1);
    expect(a.queue.deliveriesOf(pkg)[0]!.state).toBe('delivered');
  });

  it('a malformed arrival is refused and acknowledged as fail, not retried forever', async () => {
    const b = await agency('vdxp', B);
    axis.state.store({
      messageType: 'edoc',
      from: A.code,
      to: [B.code],
      xml: Buffer.from('<edXML:edXML><oops'),
    });
    const r = await b.pollOnce();
    expect(r.refused).toEqual([expect.objectContaining({ code: 'EDXML_MALFORMED' })]);
    expect(axis.state.pendingFor(B.code)).toHaveLength(0);
    expect(axis.state.messages[0]!.status).toBe('fail');
  });

  it('permanent rejection goes to the dead-letter list with its reason', async () => {
    const a = await agency('vdxp', A);
    axis.state.agencies.delete(C.code);
    const pkg = a.sendDocument(sampleHeader(A.code, [C.code], 23), [sampleAttachment()]);
    await a.worker.runOnce();
    expect(a.queue.deliveriesOf(pkg)[0]).toMatchObject({
      state: 'dead',
      deadReason: expect.stringContaining('unknown agency'),
    });
    expect(a.queue.deadLetters()).toHaveLength(1);
  });
});

describe('daemon mode', () => {
  it('two running services exchange a document and its statuses on their own', async () => {
    const a = await agency('vdxp', A, { worker: { idleMs: 20, backoff: { baseMs: 5, maxMs: 20 } } });
    const b = await agency('vdxp', B, { worker: { idleMs: 20, backoff: { baseMs: 5, maxMs: 20 } } });
    a.start(0.05);
    b.start(0.05);
    try {
      const pkg = a.sendDocument(sampleHeader(A.code, [B.code], 30), [sampleAttachment()]);
      const until = async (check: () => boolean) => {
        for (let i = 0; i < 1000 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
        expect(check()).toBe(true);
      };
      await until(() => a.queue.deliveriesOf(pkg)[0]!.state === 'delivered');
      const [arrival] = b.listInbox();
      b.sendStatus(arrival!.id, '03');
      await until(() => a.queue.deliveriesOf(pkg)[0]!.receiverStatus === '03');
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});

describe('configuration', () => {
  it('builds the service from config + keychain secrets and refuses a config without credentials', async () => {
    const config = {
      self: { organId: A.code, organName: A.name },
      axis: axisConfigFor('lgsp', axis.url, A),
      dbFile: join(dir, 'configured.sqlite'),
      queue: { concurrency: 2, backoff: { baseMs: 1, maxMs: 2 } },
    };
    const s = await createExchangeService(config, secretsFor(A));
    services.push(s);
    const pkg = s.sendDocument(sampleHeader(A.code, [B.code], 40), [sampleAttachment()]);
    await s.worker.runOnce();
    expect(s.queue.deliveriesOf(pkg)[0]!.state).toBe('sent');
    const empty = secretsFor(A);
    await empty.delete(`axis/${A.code}`);
    await expect(createExchangeService(config, empty)).rejects.toMatchObject({ code: 'AXIS_AUTH_FAILED' });
    await expect(
      createExchangeService({ ...config, axis: { ...config.axis, secret: 'x' } }, secretsFor(A)),
    ).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
    });
  });
});
