import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signVdxpHeaders, vdxpHashFile, vdxpTimestamp } from '../../../daemon/src/exchange/axis/vdxp-sign.js';
import { adapterFor } from '../../support/axis/adapters.js';
import { type LocalAxis, startLocalAxis, testAgency } from '../../support/axis/server.js';

const A = testAgency('000.00.00.G22', 'Văn phòng Chính phủ');
const B = testAgency('000.00.09.H13', 'Sở Nội vụ Cần Thơ');
let axis: LocalAxis;
beforeAll(async () => {
  axis = await startLocalAxis({ agencies: [A, B] });
});
afterAll(() => axis.close());

/** A raw VDXP call signed as agency `who`. */
async function call(who: typeof A, path: string, method: 'GET' | 'POST', headers: Record<string, string>) {
  const signed = signVdxpHeaders(headers, {
    systemId: who.systemId,
    secret: who.secret,
    timestamp: vdxpTimestamp(new Date()),
  });
  const res = await fetch(`${axis.url}${path}`, { method, headers: signed });
  return { status: res.status, body: await res.text() };
}

describe('local national axis (VDXP)', () => {
  it('refuses unsigned or tampered calls and a wrong hash-file', async () => {
    expect((await fetch(`${axis.url}/getAgenciesList`, { method: 'POST' })).status).toBe(401);
    const signed = signVdxpHeaders(
      { 'Content-Type': 'application/json' },
      { systemId: A.systemId, secret: A.secret, timestamp: 'x' },
    );
    signed['XroadVnpt-systemid'] = B.systemId;
    expect((await fetch(`${axis.url}/getAgenciesList`, { method: 'POST', headers: signed })).status).toBe(
      401,
    );
    const xml = new TextEncoder().encode('<x/>');
    // Sending as another agency is refused.
    const r = await call(A, '/sendEdoc', 'POST', {
      'Content-Type': 'multipart/form-data; boundary=b',
      messagetype: 'edoc',
      servicetype: 'eDoc',
      from: B.code,
      to: JSON.stringify([A.code]),
      'hash-file': vdxpHashFile(xml),
    });
    expect(r.status).toBe(403);
  });

  it('counts, downloads raw edXML, lists QĐ20 codes and deletes agencies', async () => {
    const a = await adapterFor('vdxp', axis.url, A);
    const xml = new TextEncoder().encode(
      '<edXML:edXML xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016"/>',
    );
    const { docId } = await a.send({
      messageType: 'edoc',
      from: A.code,
      to: [B.code],
      xml,
      idempotencyKey: 'c1',
    });
    await a.send({ messageType: 'status', from: A.code, to: [B.code], xml, idempotencyKey: 'c2' });
    expect(JSON.parse((await call(B, '/countReceiveEdoc', 'GET', {})).body).count).toBe(1);
    expect(JSON.parse((await call(B, '/countReceiveStatus', 'GET', {})).body).count).toBe(1);
    const raw = await call(B, '/downloadEdoc', 'GET', { docId });
    expect(raw.body).toBe(new TextDecoder().decode(xml));
    expect(JSON.parse((await call(A, '/getAgenciesListQD20', 'POST', {})).body).data).toHaveLength(2);
    const reg = await call(A, '/registerAgency', 'POST', { 'Content-Type': 'application/json' });
    expect(reg.status).toBe(400);
    expect((await call(A, '/deleteAgency', 'POST', { AgencyCode: '999.99.99.Z99' })).status).toBe(404);
  });
});
