import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildSignedData, requestTimestamp } from '../../../daemon/src/cms/index.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { name } from '../../../daemon/src/pdf/writer/serialize.js';
import { type VerifyOptions, verifyPdf } from '../../../daemon/src/verify/index.js';
import { basePdf } from '../../support/pdf-change-builder.js';
import { tempDir } from '../../support/pdf-inputs.js';
import { type IssuedTestCertificate, makeTestCa } from '../../support/pdf-inputs-signer.js';
import { addDocTimestamp } from '../../support/pdf-tamper.js';
import { type LocalTsa, startTsa } from '../../support/tsa.js';
import { craftSignature } from '../../support/verify-pdf-craft.js';

/**
 * Document timestamps (PAdES B-LTA): checked on the imprint of their byte ranges, verified before
 * the signatures, and a valid one is the proof of existence of every signature in an earlier
 * revision (the earliest such timestamp counts).
 */

const tmp = tempDir('vanthu-verify-pdf-docts-');
let who: IssuedTestCertificate;
let signed: Buffer;
let opts: VerifyOptions;
let tsa: LocalTsa;
let strangerTsa: LocalTsa;

beforeAll(async () => {
  const ca = await makeTestCa();
  const rootPath = join(tmp.dir, 'root.pem');
  writeFileSync(rootPath, ca.rootPem);
  opts = { trustPaths: [rootPath], online: false };
  who = await ca.issue('Trần Thị Hoa', { org: 'Sở Nội vụ' });
  const t = await ca.issue('vanthu Test TSA', { tsa: true });
  tsa = await startTsa(t.certPem, t.keyPem, ca.rootPem);
  const stranger = await makeTestCa();
  const st = await stranger.issue('Untrusted TSA', { tsa: true });
  strangerTsa = await startTsa(st.certPem, st.keyPem, stranger.rootPem);
  signed = await craftSignature(basePdf(), who.signer, { field: 'CaNhan' });
});
afterAll(async () => {
  await tsa?.close();
  await strangerTsa?.close();
  tmp.cleanup();
});

describe('verifyPdf: document timestamps', () => {
  it('a valid document timestamp verifies on its imprint and proves the earlier signature existed', async () => {
    const r = await verifyPdf(await addDocTimestamp(signed, tsa.url), opts);
    expect(r.order).toEqual(['CaNhan', 'DauThoiGian']);
    const [sig, ts] = r.signatures;
    expect(ts).toMatchObject({ revision: 2, integrity: true, indication: 'TOTAL_PASSED' });
    expect(ts!.timestamp?.genTime).toMatch(/\+07:00$/);
    expect(sig).toMatchObject({ revision: 1, indication: 'TOTAL_PASSED' });
    expect(sig!.proofOfExistence).toBe(ts!.timestamp!.genTime);
    expect(r.indication).toBe('TOTAL_PASSED');
  });

  it('a document timestamp is hashed with its imprint algorithm, not its CMS digest', async () => {
    // The TSA signs with SHA-256; the imprint is SHA-384.
    const r = await verifyPdf(await addDocTimestamp(signed, tsa.url, 'SHA-384'), opts);
    expect(r.signatures[1]).toMatchObject({
      field: 'DauThoiGian',
      integrity: true,
      indication: 'TOTAL_PASSED',
    });
  });

  it('a document timestamp that does not verify proves nothing', async () => {
    const r = await verifyPdf(await addDocTimestamp(signed, strangerTsa.url), opts);
    const [sig, ts] = r.signatures;
    expect(ts!.indication).not.toBe('TOTAL_PASSED');
    expect(ts!.timestamp?.genTime).toBeTruthy();
    expect(sig!.proofOfExistence).toBeNull();
  });

  it('of two document timestamps listed in signing order the earlier one is the proof of existence', async () => {
    const once = await addDocTimestamp(signed, tsa.url);
    await sleep(1100);
    const r = await verifyPdf(await addDocTimestamp(once, tsa.url), opts);
    const [sig, first, second] = r.signatures;
    expect(first!.timestamp!.genTime).not.toBe(second!.timestamp!.genTime);
    expect([first!.indication, second!.indication]).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED']);
    expect(sig!.proofOfExistence).toBe(first!.timestamp!.genTime);
  });

  it('of two document timestamps the earlier one is the proof of existence, whatever their order in the form', async () => {
    const once = await addDocTimestamp(signed, tsa.url);
    await sleep(1100);
    // The later timestamp's field is listed first, so it is checked first.
    const twice = await craftSignature(once, who.signer, {
      field: 'DauThoiGianSau',
      listedFirst: true,
      sigExtra: { Type: name('DocTimeStamp'), SubFilter: name('ETSI.RFC3161') },
      contents: (data) => requestTimestamp(data, { url: tsa.url }),
    });
    const r = await verifyPdf(twice, opts);
    const [sig, first, second] = r.signatures;
    expect([first!.field, second!.field]).toEqual(['DauThoiGian', 'DauThoiGianSau']);
    expect(first!.timestamp!.genTime).not.toBe(second!.timestamp!.genTime);
    expect([first!.indication, second!.indication]).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED']);
    expect(sig!.proofOfExistence).toBe(first!.timestamp!.genTime);
  });

  it('a signature made after the document timestamp gets no proof of existence from it', async () => {
    const stamped = await addDocTimestamp(signed, tsa.url);
    const r = await verifyPdf(await craftSignature(stamped, who.signer, { field: 'Thu' }), opts);
    expect(r.order).toEqual(['CaNhan', 'DauThoiGian', 'Thu']);
    const later = r.signatures[2]!;
    expect(later).toMatchObject({ field: 'Thu', indication: 'TOTAL_PASSED', proofOfExistence: null });
    expect(r.signatures[0]!.proofOfExistence).toBe(r.signatures[1]!.timestamp!.genTime);
  });

  it('a signature timestamp of a later signature is no proof of existence for an earlier one', async () => {
    // The B-T signature (revision 2) is listed first, so it is checked before the one of revision 1.
    const bytes = await craftSignature(signed, who.signer, {
      field: 'Thu',
      listedFirst: true,
      contents: async (data) =>
        buildSignedData({
          signer: who.signer,
          contentDigest: createHash('sha256').update(data).digest(),
          subFilter: 'ETSI.CAdES.detached',
          timestamp: (value) => requestTimestamp(value, { url: tsa.url }),
        }),
    });
    const r = await verifyPdf(bytes, opts);
    const [earlier, later] = r.signatures;
    expect(later).toMatchObject({ field: 'Thu', level: 'B-T', indication: 'TOTAL_PASSED' });
    expect(later!.proofOfExistence).toBeTruthy();
    expect(earlier).toMatchObject({ field: 'CaNhan', proofOfExistence: null });
  });
});
