import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isVanthuError, type VanthuError } from '@vanthu/shared/errors/index';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  answerRecall,
  arrivalStatus,
  assignEntry,
  completeHandling,
  fileEntry,
  markReceivedRecalls,
  recallEntry,
  refuseArrival,
  registerArrival,
  releaseNumber,
  reserveNumber,
  sealAndRegister,
  sendEntry,
  startHandling,
} from '../../../daemon/src/office/index.js';
import {
  arrivalFields,
  type OfficeFixture,
  openOfficeFixture,
  tinyPdf,
} from '../../support/office-fixture.js';

let dir: string;
let f: OfficeFixture;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vanthu-office-'));
  f = await openOfficeFixture(dir);
});
afterEach(async () => {
  await f.close();
  rmSync(dir, { recursive: true, force: true });
});

async function refusal(p: Promise<unknown>): Promise<VanthuError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isVanthuError(error)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

/** The refusal names the asked step and the current state, in Vietnamese and in English. */
async function expectRefused(p: Promise<unknown>, step: string, state: string) {
  const e = await refusal(p);
  expect(e.code).toBe('OFFICE_TRANSITION_REFUSED');
  expect(e.details).toMatchObject({ step, state });
  expect(e.localized('vi')).toContain('Không thực hiện được bước này');
  expect(e.localized('vi')).toContain(`(${state})`);
  expect(e.localized('en')).toContain(step);
}

const register = (arrivalId: number) =>
  registerArrival(f.actor, { arrivalId, fields: arrivalFields(arrivalId) });

describe('incoming workflow', () => {
  it('registers an arrival linked to its entry, then 03, 04, 05, 06 each queued once, in order', async () => {
    const a = await f.arrive(1);
    const { entry } = await register(a);
    expect(entry).toMatchObject({ state: 'registered', arrivalId: a, number: 1 });
    expect(entry.file?.name).toBe('vb1.pdf');
    await assignEntry(f.actor, entry.id, {
      text: 'Giao Phòng Tổ chức chủ trì',
      assignees: [
        { unit: 'Phòng Tổ chức', role: 'lead', dueDate: '2026-12-20' },
        { unit: 'Văn phòng', role: 'coordinator', dueDate: '2026-12-15' },
      ],
    });
    // A second direction is recorded; its 04 already went out.
    await assignEntry(f.actor, entry.id, { text: 'Bổ sung: báo cáo trước ngày 15' });
    await startHandling(f.actor, entry.id);
    const done = await completeHandling(f.actor, entry.id);
    expect(done.state).toBe('done');
    expect(f.statusesSent()).toEqual(['03', '04', '05', '06']);
    expect(f.exchange.inbox.get(a)).toMatchObject({ state: 'finished', lastStatusSent: '06' });
    expect(f.audits.map((r) => [r.event, r.transition, r.result])).toEqual([
      ['office', 'incoming.register', 'ok'],
      ['office', 'incoming.assign', 'ok'],
      ['office', 'incoming.assign', 'ok'],
      ['office', 'incoming.start', 'ok'],
      ['office', 'incoming.complete', 'ok'],
    ]);
  });

  it('refuses each step out of order, with a typed error and an audit record, and sends nothing for it', async () => {
    const a = await f.arrive(2);
    // Not yet registered: no handling status may go out.
    await expectRefused(arrivalStatus(f.actor, a, '05'), 'incoming.start', 'arrived');
    await expectRefused(answerRecall(f.actor, a, true), 'incoming.answerRecall', 'arrived');
    const { entry } = await register(a);
    await expectRefused(register(a), 'incoming.register', 'registered');
    await expectRefused(refuseArrival(f.actor, a, 'Gửi nhầm'), 'incoming.refuse', 'registered');
    await completeHandling(f.actor, entry.id);
    await expectRefused(startHandling(f.actor, entry.id), 'incoming.start', 'done');
    await expectRefused(assignEntry(f.actor, entry.id, { lead: 'Văn phòng' }), 'incoming.assign', 'done');
    await expectRefused(completeHandling(f.actor, entry.id), 'incoming.complete', 'done');
    expect(f.statusesSent()).toEqual(['03', '06']);
    const refusedSteps = f.audits.filter((r) => r.result === 'OFFICE_TRANSITION_REFUSED');
    expect(refusedSteps.map((r) => r.transition)).toEqual([
      'incoming.start',
      'incoming.answerRecall',
      'incoming.register',
      'incoming.refuse',
      'incoming.start',
      'incoming.assign',
      'incoming.complete',
    ]);
  });

  it('refuses an arrival with 02 and then refuses to register it', async () => {
    const a = await f.arrive(3);
    await refuseArrival(f.actor, a, 'Gửi nhầm nơi nhận');
    await expectRefused(register(a), 'incoming.register', 'refused');
    expect(f.statusesSent()).toEqual(['02']);
    expect(await f.registry.list({ kind: 'incoming' })).toEqual([]);
  });

  it('marks the entry recalled on a received 13, keeps its PDF, and answers 16 (entry current again) or 15', async () => {
    const kept = await f.arrive(4);
    const voided = await f.arrive(5);
    const one = (await register(kept)).entry;
    const two = (await register(voided)).entry;
    await assignEntry(f.actor, one.id, { lead: 'Văn phòng' });
    // What the inbox does with a 13 under the "ask" policy.
    f.exchange.inbox.requestRecall(kept, 'Ban hành nhầm');
    f.exchange.inbox.requestRecall(voided, 'Ban hành nhầm');
    const marked = await markReceivedRecalls(f.actor.office, f.actor.audit);
    expect(marked.map((e) => `${e.id} ${e.state}`).sort()).toEqual(
      [`${one.id} recalled`, `${two.id} recalled`].sort(),
    );
    // Noted once: a second round finds nothing new.
    expect(await markReceivedRecalls(f.actor.office, f.actor.audit)).toEqual([]);
    expect((await f.registry.get(one.id)).file?.sha256).toBe(one.file?.sha256);
    await expectRefused(startHandling(f.actor, one.id), 'incoming.start', 'recalled');
    expect((await refusal(answerRecall(f.actor, kept, false))).code).toBe('INVALID_INPUT');
    await answerRecall(f.actor, kept, false, 'Văn bản đang được xử lý');
    await answerRecall(f.actor, voided, true);
    expect((await f.registry.get(one.id)).state).toBe('assigned');
    expect((await f.registry.get(two.id)).state).toBe('recalled');
    expect(f.statusesSent()).toEqual(['03', '03', '04', '16', '15']);
    await expectRefused(answerRecall(f.actor, kept, true), 'incoming.answerRecall', 'assigned');
  });

  it('files an entry from the entry itself, and not a recalled one', async () => {
    const a = await f.arrive(6);
    const { entry } = await register(a);
    const record = await f.registry.createRecord({
      fields: {
        FileCode: { FileNotation: '01.VT' },
        Title: 'Hồ sơ văn bản đến',
        Maintenance: '10 năm',
        Creator: 'Văn phòng',
        StartDate: '2026-01-05',
      },
    });
    await recallEntry(f.actor, entry.id, 'Vào sổ nhầm');
    await expectRefused(fileEntry(f.actor, entry.id, record.id), 'entry.file', 'recalled');
    const other = (await register(await f.arrive(7))).entry;
    expect((await fileEntry(f.actor, other.id, record.id)).fields).toMatchObject({ DocTotal: 1 });
  });
});

describe('outgoing workflow', () => {
  it('seals exactly the reserved number and today’s date, and registers it with the seal', async () => {
    const reserved = await reserveNumber(f.actor, { codeNotation: 'QĐ-SNV' });
    const stamps: unknown[] = [];
    const entry = await sealAndRegister(f.actor, {
      reservationId: reserved.id,
      fileName: 'qd.pdf',
      fields: { TypeName: 'Quyết định', Subject: 'Về việc ban hành quy chế' },
      seal: async (stamp) => {
        stamps.push(stamp);
        return tinyPdf(stamp.number);
      },
    });
    expect(stamps).toEqual([{ number: '01/QĐ-SNV', date: reserved.fields['IssuedDate'] }]);
    expect(entry).toMatchObject({ state: 'issued', number: 1, fields: { CodeNumber: '01' } });
    await expectRefused(
      sealAndRegister(f.actor, {
        reservationId: entry.id,
        fileName: 'x.pdf',
        fields: {},
        seal: () => tinyPdf('x'),
      }),
      'outgoing.seal',
      'issued',
    );
  });

  it('gives the number back when the seal fails, voids it with the reason when a later number was taken', async () => {
    const first = await reserveNumber(f.actor, { codeNotation: 'QĐ-SNV' });
    const failing = (reservationId: string) =>
      sealAndRegister(f.actor, {
        reservationId,
        fileName: 'qd.pdf',
        fields: {},
        seal: async () => Promise.reject(new Error('token removed')),
      });
    await expect(failing(first.id)).rejects.toThrow('token removed');
    // Nothing was issued and nothing came after: the number is free again.
    const again = await reserveNumber(f.actor, { codeNotation: 'QĐ-SNV' });
    expect(again.number).toBe(1);
    const later = await reserveNumber(f.actor, { codeNotation: 'QĐ-SNV' });
    expect(later.number).toBe(2);
    await expect(failing(again.id)).rejects.toThrow('token removed');
    const voided = await f.registry.get(again.id);
    expect(voided).toMatchObject({ state: 'voided', number: 1 });
    expect(voided.stateReason).toContain('Đóng dấu không thành công');
    await expectRefused(fileEntry(f.actor, again.id, 'x'), 'entry.file', 'voided');
    expect((await reserveNumber(f.actor, { codeNotation: 'QĐ-SNV' })).number).toBe(3);
    const released = await releaseNumber(f.actor, later.id, 'Dự thảo chưa được duyệt');
    expect(released.outcome).toBe('voided');
  });

  it('refuses to send an entry that is not issued, or whose own verification lacks an approver or a seal', async () => {
    const reserved = await reserveNumber(f.actor, { codeNotation: 'CV-SNV' });
    const to = [{ organId: '000.00.00.H23' }];
    await expectRefused(sendEntry(f.actor, reserved.id, to), 'outgoing.send', 'reserved');
    const entry = await sealAndRegister(f.actor, {
      reservationId: reserved.id,
      fileName: 'cv.pdf',
      fields: { TypeName: 'Công văn', Subject: 'Về việc gửi báo cáo' },
      seal: () => tinyPdf('cv'),
    });
    const sig = (role: 'approver' | 'seal', indication: 'TOTAL_PASSED' | 'TOTAL_FAILED') =>
      ({ role, indication }) as (typeof f.report.signatures)[number];
    f.report = { ...f.report, signatures: [sig('approver', 'TOTAL_PASSED'), sig('seal', 'TOTAL_FAILED')] };
    const unsealed = await refusal(sendEntry(f.actor, entry.id, to));
    expect(unsealed.code).toBe('OFFICE_NOT_SIGNED');
    expect(unsealed.details).toMatchObject({ missing: ['seal'] });
    f.report = { ...f.report, signatures: [sig('seal', 'TOTAL_PASSED')] };
    expect((await refusal(sendEntry(f.actor, entry.id, to))).details).toMatchObject({
      missing: ['approver'],
    });
    f.report = { ...f.report, signatures: [sig('approver', 'TOTAL_PASSED'), sig('seal', 'TOTAL_PASSED')] };
    const sent = await sendEntry(f.actor, entry.id, to);
    expect(f.exchange.queue.packagesOfDocument(sent.documentId)).toHaveLength(1);
    const recalled = await recallEntry(f.actor, entry.id, 'Ban hành nhầm');
    expect(recalled.entry.state).toBe('recalled');
    await expectRefused(recallEntry(f.actor, entry.id, 'lần nữa'), 'outgoing.recall', 'recalled');
  });
});
