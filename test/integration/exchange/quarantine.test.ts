import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildStatus } from '../../../daemon/src/exchange/edxml/build.js';
import { parseEdxml } from '../../../daemon/src/exchange/edxml/parse.js';
import type { AxisKind } from '../../../daemon/src/exchange/axis/types.js';
import type { ArrivalVerifier } from '../../../daemon/src/exchange/inbox/verifier.js';
import { ExchangeService } from '../../../daemon/src/exchange/service.js';
import { adapterFor } from '../../support/axis/adapters.js';
import { sampleAttachment, sampleHeader } from '../../support/axis/samples.js';
import { type LocalAxis, startLocalAxis, testAgency } from '../../support/axis/server.js';
import { deeplyNestedPackage, packageWithPayload } from '../../support/edxml-hostile.js';
import { runVanthu } from '../../support/vanthu-cli.js';

const A = testAgency('000.00.00.G22', 'Văn phòng Chính phủ');
const B = testAgency('000.00.09.H13', 'Sở Nội vụ Cần Thơ');

let axis: LocalAxis;
let dir: string;
const services: ExchangeService[] = [];

beforeEach(async () => {
  axis = await startLocalAxis({ agencies: [A, B] });
  dir = mkdtempSync(join(tmpdir(), 'vanthu-quarantine-'));
});
afterEach(async () => {
  for (const s of services.splice(0)) s.close();
  await axis.close();
  rmSync(dir, { recursive: true, force: true });
});

async function agency(kind: AxisKind, who: typeof A, verifier?: ArrivalVerifier) {
  const s = new ExchangeService({
    dbFile: join(dir, `${who.code}.sqlite`),
    adapter: await adapterFor(kind, axis.url, who, { timeoutMs: 5_000 }),
    self: { organId: who.code, organName: who.name },
    worker: { backoff: { baseMs: 1, maxMs: 5 }, maxAttempts: 5 },
    ...(verifier ? { verifier } : {}),
  });
  services.push(s);
  return s;
}

/** Runs A's queue until every package is on the axis (a slow machine may need a retry). */
async function flush(a: ExchangeService) {
  for (let i = 0; i < 50 && !a.queue.isDrained(); i++) {
    await a.worker.runOnce();
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Puts raw bytes on the axis from A to B, as a broken or hostile sender would. */
const depositFromA = (xml: string) =>
  axis.state.store({ messageType: 'edoc', from: A.code, to: [B.code], xml: Buffer.from(xml) }).docId;

const axisStatus = (docId: string) => axis.state.messages.find((m) => m.docId === docId)?.status;

describe.each<AxisKind>(['vdxp', 'lgsp', 'bkav'])('inbox quarantine through the %s axis', (kind) => {
  it('200,000 nested elements are quarantined and acked as failed; the package behind them arrives', async () => {
    const a = await agency(kind, A);
    const b = await agency(kind, B);
    const hostile = deeplyNestedPackage(200_000);
    const hostileId = depositFromA(hostile);
    const good = a.sendDocument(sampleHeader(A.code, [B.code], 2), [sampleAttachment()]);
    await flush(a);

    const r = await b.pollOnce();
    expect(r.documents).toBe(1);
    expect(r.refused).toEqual([
      expect.objectContaining({
        docId: hostileId,
        code: 'EDXML_MALFORMED',
        quarantineId: expect.any(Number),
      }),
    ]);
    expect(b.listInbox()).toEqual([
      expect.objectContaining({ documentId: sampleHeader(A.code, [], 2).documentId }),
    ]);
    const [q] = b.quarantine.list();
    expect(q).toMatchObject({ axisDocId: hostileId, from: A.code, code: 'EDXML_MALFORMED' });
    expect(q!.reason).toMatch(/nested deeper than 256/);
    expect(Buffer.from(b.quarantine.xml(q!.id)!).toString()).toBe(hostile);
    // Bkav has no "failed" acknowledgement: the item stays pending there and is never confirmed.
    expect(axisStatus(hostileId)).toBe(kind === 'bkav' ? 'initial' : 'fail');
    // The good one is answered 01 as usual and its sender sees it delivered.
    await flush(b);
    await a.pollOnce();
    expect(a.queue.deliveriesOf(good)[0]).toMatchObject({ state: 'delivered', receiverStatus: '01' });

    // A second round neither re-handles nor confirms it.
    const again = await b.pollOnce();
    expect(again).toMatchObject({ documents: 0, refused: [] });
    expect(b.quarantine.list()).toHaveLength(1);
    expect(axisStatus(hostileId)).toBe(kind === 'bkav' ? 'initial' : 'fail');
  });
});

describe('inbox quarantine', () => {
  it('an untyped failure while recording one package quarantines it with the reason; the rest flow', async () => {
    const a = await agency('vdxp', A);
    // A verifier with a bug: its result cannot be stored.
    let calls = 0;
    const buggy: ArrivalVerifier = async () => {
      calls += 1;
      return calls === 1
        ? ({ performed: true, valid: true, summary: 'ok', size: 1n } as never)
        : { performed: false, reason: 'not configured' };
    };
    const b = await agency('vdxp', B, buggy);
    a.sendDocument(sampleHeader(A.code, [B.code], 1), [sampleAttachment()]);
    a.sendDocument(sampleHeader(A.code, [B.code], 2), [sampleAttachment()]);
    await flush(a);
    const r = await b.pollOnce();
    expect(r.documents).toBe(1);
    expect(r.refused).toEqual([expect.objectContaining({ code: 'INTERNAL' })]);
    expect(b.quarantine.list()[0]!.reason).toMatch(/TypeError: .*BigInt/);
    expect(b.listInbox().map((x) => x.code)).toEqual(['2/UBND-VP']);
    // No receipt (01) went out for the quarantined one: only one status on the axis.
    expect(axis.state.messages.filter((m) => m.messageType === 'status')).toHaveLength(0);
    await flush(b);
    expect(axis.state.messages.filter((m) => m.messageType === 'status')).toHaveLength(1);
  });

  it('vanthu inbox retry handles a quarantined package again: recorded with its 01, or kept with the new reason', async () => {
    const a = await agency('vdxp', A);
    let calls = 0;
    const buggy: ArrivalVerifier = async () => {
      calls += 1;
      return { performed: true, valid: true, summary: 'ok', size: 1n } as never;
    };
    const b = await agency('vdxp', B, buggy);
    const hostileId = depositFromA(deeplyNestedPackage(200_000));
    a.sendDocument(sampleHeader(A.code, [B.code], 4), [sampleAttachment()]);
    await flush(a);
    const r = await b.pollOnce();
    expect(calls).toBe(1);
    expect(r.refused.map((x) => x.code).sort()).toEqual(['EDXML_MALFORMED', 'INTERNAL']);
    const bug = b.quarantine.list().find((q) => q.code === 'INTERNAL')!;
    const hostile = b.quarantine.list().find((q) => q.axisDocId === hostileId)!;
    services.splice(services.indexOf(b), 1);
    b.close();

    // The fixed version (here: the CLI's own verifier) handles the stored package again.
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ exchange: { self: { organId: B.code, organName: B.name } } }));
    const run = async (id: number) => {
      const r = await runVanthu(join(dir, 'home'), [
        'inbox',
        'retry',
        `Q${id}`,
        '--db',
        join(dir, `${B.code}.sqlite`),
        '--config',
        config,
        '--json',
      ]);
      return { code: r.code, out: JSON.parse(r.stdout) as Record<string, unknown> };
    };
    const fixed = await run(bug.id);
    expect(fixed).toEqual({
      code: 0,
      out: expect.objectContaining({ retried: bug.id, outcome: 'recorded' }),
    });
    const again = await run(hostile.id);
    expect(again.code).toBe(1);
    expect(again.out).toMatchObject({ outcome: 'quarantined', code: 'EDXML_MALFORMED' });

    const reopened = await agency('vdxp', B);
    expect(reopened.quarantine.list()).toEqual([
      expect.objectContaining({ id: hostile.id, axisDocId: hostileId }),
    ]);
    expect(reopened.listInbox()).toEqual([
      expect.objectContaining({
        code: '4/UBND-VP',
        verification: [expect.objectContaining({ performed: true })],
      }),
    ]);
    // Its receipt (01) goes out as for any arrival.
    await flush(reopened);
    expect(axis.state.messages.filter((m) => m.messageType === 'status' && m.from === B.code)).toHaveLength(
      1,
    );
  }, 60_000);

  it('a reason quoting what the sender wrote is kept short: a 200,000-character status code', async () => {
    const b = await agency('vdxp', B);
    const status = buildStatus({
      responseFor: {
        organId: B.code,
        code: '1/SNV-VP',
        promulgationDate: '2026/11/24',
        documentId: `${B.code},2026/11/24,1/SNV-VP`,
      },
      from: { organId: A.code, organName: A.name },
      statusCode: '03',
      timestamp: '2026/11/24 09:00:00',
    }).replace(/(<edXML:StatusCode>)03(<\/edXML:StatusCode>)/, `$1${'Z'.repeat(200_000)}$2`);
    expect(status.length).toBeGreaterThan(200_000);
    const id = axis.state.store({
      messageType: 'status',
      from: A.code,
      to: [B.code],
      xml: Buffer.from(status),
    }).docId;
    const r = await b.pollOnce();
    expect(r.refused).toEqual([expect.objectContaining({ docId: id, code: 'EDXML_INVALID' })]);
    const [q] = b.quarantine.list();
    expect(q!.reason).toMatch(/StatusCode: unknown status "ZZZZ/);
    expect(Array.from(q!.reason).length).toBeLessThanOrEqual(1000);
    expect(q!.reason.endsWith('…')).toBe(true);
    // The bytes are kept whole: only the reason is shortened.
    expect(Buffer.from(b.quarantine.xml(q!.id)!).toString()).toBe(status);
  });

  it('nothing is lost when the daemon stops between setting a package aside and acknowledging it', async () => {
    const a = await agency('vdxp', A);
    const b = await agency('vdxp', B);
    const hostileId = depositFromA(deeplyNestedPackage(200_000));
    a.sendDocument(sampleHeader(A.code, [B.code], 3), [sampleAttachment()]);
    await flush(a);
    axis.faults.inject('/updateStatus', { kind: 'reset' });
    await expect(b.pollOnce()).rejects.toMatchObject({ code: expect.stringMatching(/^AXIS_/) });
    expect(b.quarantine.list()).toHaveLength(1);
    expect(axisStatus(hostileId)).toBe('initial');
    services.splice(services.indexOf(b), 1);
    b.close();

    const restarted = await agency('vdxp', B);
    const r = await restarted.pollOnce();
    expect(r).toMatchObject({ documents: 1, refused: [] });
    expect(axisStatus(hostileId)).toBe('fail');
    expect(restarted.quarantine.list()).toEqual([expect.objectContaining({ axisDocId: hostileId })]);
    expect(restarted.listInbox()).toHaveLength(1);

    const cli = await runVanthu(join(dir, 'home'), [
      'inbox',
      'list',
      '--db',
      join(dir, `${B.code}.sqlite`),
      '--lang',
      'en',
    ]);
    expect(cli.stdout).toContain('Quarantined packages:');
    expect(cli.stdout).toMatch(new RegExp(`${hostileId}\\s+EDXML_MALFORMED .*nested deeper than 256`));
  });

  it('a document whose attachment does not decode is kept without 01, offers 02 with the reason, and a corrected resend replaces it', async () => {
    const a = await agency('vdxp', A);
    const b = await agency('vdxp', B);
    const brokenId = depositFromA(packageWithPayload('JVBERi0xLjQK*AAA', A.code, B.code, 5));
    const r = await b.pollOnce();
    expect(r.refused).toEqual([
      expect.objectContaining({ docId: brokenId, code: 'EDXML_MALFORMED', arrivalId: expect.any(Number) }),
    ]);
    expect(axisStatus(brokenId)).toBe('fail');
    const [arrival] = b.listInbox();
    expect(arrival).toMatchObject({ state: 'arrived', lastStatusSent: null, code: '5/UBND-VP' });
    expect(arrival!.defect).toMatch(/ContentTransferEncoded: invalid base64: character "\*"/);

    b.sendStatus(arrival!.id, '02');
    expect(b.inbox.get(arrival!.id)).toMatchObject({ state: 'refused', lastStatusSent: '02' });
    await flush(b);
    const sent = axis.state.messages.filter((m) => m.messageType === 'status');
    expect(sent).toHaveLength(1);
    const status = parseEdxml(sent[0]!.xml);
    if (status.kind !== 'status') throw new Error('expected a status package');
    expect(status.status).toMatchObject({
      statusCode: '02',
      responseFor: { documentId: arrival!.documentId },
    });
    expect(status.status.description).toMatch(/không đọc được.*invalid base64/);

    a.sendDocument(sampleHeader(A.code, [B.code], 5), [sampleAttachment()]);
    await flush(a);
    expect(await b.pollOnce()).toMatchObject({ documents: 1, refused: [] });
    expect(b.listInbox()).toEqual([
      expect.objectContaining({ documentId: arrival!.documentId, defect: null, lastStatusSent: '01' }),
    ]);
  });
});
