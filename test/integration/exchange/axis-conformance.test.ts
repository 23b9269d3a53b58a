import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AxisError } from '../../../daemon/src/exchange/axis/errors.js';
import type { AxisKind } from '../../../daemon/src/exchange/axis/types.js';
import { adapterFor } from '../../support/axis/adapters.js';
import { type LocalAxis, startLocalAxis, testAgency } from '../../support/axis/server.js';

const A = testAgency('000.00.00.G22', 'Văn phòng Chính phủ');
const B = testAgency('000.00.09.H13', 'Sở Nội vụ Cần Thơ');
const xml = (n: number) =>
  new TextEncoder().encode(
    `<edXML:edXML xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016"><n>${n}</n></edXML:edXML>`,
  );

let axis: LocalAxis;
beforeAll(async () => {
  axis = await startLocalAxis({ agencies: [A, B], tokenTtlSeconds: 3600 });
});
afterAll(async () => {
  await axis.close();
});

/** One suite, every adapter: what the queue and the inbox rely on. */
describe.each<AxisKind>(['vdxp', 'lgsp', 'bkav'])('axis adapter conformance: %s', (kind) => {
  it('sends, lists, fetches and acknowledges a document and a status', async () => {
    const a = await adapterFor(kind, axis.url, A);
    const b = await adapterFor(kind, axis.url, B);
    const sent = await a.send({
      messageType: 'edoc',
      from: A.code,
      to: [B.code],
      xml: xml(1),
      idempotencyKey: `${kind}-k1`,
    });
    const st = await a.send({
      messageType: 'status',
      from: A.code,
      to: [B.code],
      xml: xml(2),
      idempotencyKey: `${kind}-k2`,
    });
    const pending = await b.listReceived();
    const doc = pending.find((p) => p.docId === sent.docId);
    expect(doc).toMatchObject({ messageType: 'edoc' });
    expect(pending.find((p) => p.docId === st.docId)).toMatchObject({ messageType: 'status' });
    expect(await b.fetch(sent.docId)).toEqual(xml(1));
    await b.ack(sent.docId, 'done');
    await b.ack(st.docId, 'done');
    const after = await b.listReceived();
    expect(after.find((p) => p.docId === sent.docId || p.docId === st.docId)).toBeUndefined();
  });

  it('drops a re-send that carries the same idempotency key', async () => {
    const a = await adapterFor(kind, axis.url, A);
    const b = await adapterFor(kind, axis.url, B);
    const m = {
      messageType: 'edoc' as const,
      from: A.code,
      to: [B.code],
      xml: xml(3),
      idempotencyKey: `${kind}-dup`,
    };
    const first = await a.send(m);
    const second = await a.send(m);
    expect(second.docId).toBe(first.docId);
    expect((await b.listReceived()).filter((p) => p.docId === first.docId)).toHaveLength(1);
    if (a.listSent)
      expect((await a.listSent()).find((s) => s.idempotencyKey === m.idempotencyKey)?.docId).toBe(
        first.docId,
      );
    await b.ack(first.docId, 'done');
  });

  it('lists the agencies of the axis', async () => {
    const a = await adapterFor(kind, axis.url, A);
    const codes = (await a.listAgencies()).map((x) => x.code);
    expect(codes).toEqual(expect.arrayContaining([A.code, B.code]));
  });

  it('types failures: bad credentials permanent, 500/reset/timeout retryable with unknown outcome', async () => {
    const bad = await adapterFor(kind, axis.url, A, { secret: 'wrong' });
    const m = {
      messageType: 'edoc' as const,
      from: A.code,
      to: [B.code],
      xml: xml(4),
      idempotencyKey: `${kind}-f`,
    };
    const badErr = await bad.send(m).catch((e: unknown) => e);
    expect(badErr).toBeInstanceOf(AxisError);
    expect(badErr).toMatchObject({ code: 'AXIS_AUTH_FAILED', retryable: false });
    const a = await adapterFor(kind, axis.url, A, { timeoutMs: 300 });
    await a.listAgencies(); // warm up (LGSP token)
    const op =
      kind === 'vdxp'
        ? '/sendEdoc'
        : kind === 'lgsp'
          ? '/truclienthong/v1.0.0/vanbans'
          : '/EdocService/sendDocument';
    for (const fault of [{ kind: 'status500' }, { kind: 'reset' }, { kind: 'timeout' }] as const) {
      axis.faults.inject(op, fault);
      const err = await a.send(m).catch((e: unknown) => e);
      expect(err, fault.kind).toMatchObject({
        code: 'AXIS_UNREACHABLE',
        retryable: true,
        outcomeUnknown: true,
      });
    }
    const unknownRecipient = await a
      .send({ ...m, to: ['999.99.99.Z99'], idempotencyKey: `${kind}-u` })
      .catch((e: unknown) => e);
    expect(unknownRecipient).toMatchObject({ retryable: false });
  });
});

describe('LGSP OAuth2', () => {
  it('fetches a new token when the old one is revoked', async () => {
    const a = await adapterFor('lgsp', axis.url, A);
    await a.listAgencies();
    const tokensBefore = axis.calls.get('/token') ?? 0;
    axis.revokeTokens();
    await a.listAgencies();
    expect(axis.calls.get('/token')).toBe(tokensBefore + 1);
  });
});
