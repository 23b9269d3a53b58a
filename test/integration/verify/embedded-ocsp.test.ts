import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CertInfo, certInfo } from '../../../daemon/src/trust/certificate.js';
import { embeddedAnswer } from '../../../daemon/src/trust/embedded-revocation.js';
import { fetchBounded } from '../../../daemon/src/trust/fetch.js';
import { verificationFetchLimits } from '../../../daemon/src/trust/fetch-limits.js';
import {
  type ParsedOcsp,
  certId,
  ocspAnswer,
  ocspRequest,
  readOcsp,
} from '../../../daemon/src/trust/ocsp.js';
import { type TestCa, makeTestCa } from '../../support/pdf-inputs-signer.js';
import { type RevocationServices, startRevocationServices } from '../../support/revocation.js';

// A /DSS answer is read once and judged for several certificates and times (every signature of a
// B-LTA document, at its proof of existence): what is kept between judgements must not carry one
// judgement's result into another. Real responses from `openssl ocsp`.
const DAY = 86400_000;
let ca: TestCa;
let rev: RevocationServices;
let root: CertInfo;
let signer: CertInfo;
let tsa: CertInfo;
let signerOcsp: Uint8Array;
let tsaOcsp: Uint8Array;

const pemDer = (pem: string): Uint8Array =>
  new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));

async function ocspFor(cert: CertInfo): Promise<Uint8Array> {
  return fetchBounded(rev.ocspUrl, verificationFetchLimits({ fetch: { allowNetworks: ['127.0.0.0/8'] } }), {
    body: ocspRequest(certId(cert, root)).der,
    contentType: 'application/ocsp-request',
  });
}

function read(der: Uint8Array): ParsedOcsp {
  const parsed = readOcsp(der);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed;
}

beforeAll(async () => {
  ca = await makeTestCa();
  root = certInfo(ca.rootDer);
  rev = await startRevocationServices(ca.rootPem, ca.rootKeyPem);
  const s = await ca.issue('Người Ký Lưu Trữ', { ocspUrl: rev.ocspUrl });
  const t = await ca.issue('TSA Lưu Trữ', { tsa: true, ocspUrl: rev.ocspUrl });
  signer = certInfo(pemDer(s.certPem));
  tsa = certInfo(pemDer(t.certPem));
  const notAfter = new Date(Date.now() + 90 * DAY);
  await rev.publish([
    { serialHex: s.serialHex, notAfter },
    { serialHex: t.serialHex, notAfter },
  ]);
  signerOcsp = await ocspFor(signer);
  tsaOcsp = await ocspFor(tsa);
});
afterAll(async () => {
  await rev?.close();
});

describe('an OCSP response read once, judged many times', () => {
  it('its signature is checked per issuer: verified with the CA, it is not taken as verified for another CA', async () => {
    const parsed = read(signerOcsp);
    expect(ocspAnswer(parsed, signer, root, new Date(), 'OCSP (DSS)')).toMatchObject({ status: 'GOOD' });
    const other = certInfo((await makeTestCa()).rootDer);
    expect(ocspAnswer(parsed, signer, other, new Date(), 'OCSP (DSS)')).toMatchObject({
      status: 'UNKNOWN',
      error: 'OCSP response signature does not verify with the issuer or an authorised responder',
    });
  });

  it('each judgement reads the time anew: GOOD now, from the future a day earlier', () => {
    const parsed = read(signerOcsp);
    expect(ocspAnswer(parsed, signer, root, new Date(), 'OCSP (DSS)').status).toBe('GOOD');
    expect(ocspAnswer(parsed, signer, root, new Date(Date.now() - DAY), 'OCSP (DSS)')).toMatchObject({
      status: 'UNKNOWN',
      error: 'response from the future',
    });
  });

  it('each response answers for the certificate it names, whatever the order in the store', async () => {
    const data = { ocsps: [tsaOcsp, signerOcsp], crls: [] };
    const thisUpdate = (der: Uint8Array) => read(der).basic.responses[0]!.thisUpdate;
    const forSigner = await embeddedAnswer(signer, root, data, new Date());
    const forTsa = await embeddedAnswer(tsa, root, data, new Date());
    expect(forSigner).toMatchObject({
      status: 'GOOD',
      source: 'OCSP (DSS)',
      thisUpdate: thisUpdate(signerOcsp),
    });
    expect(forTsa).toMatchObject({ status: 'GOOD', source: 'OCSP (DSS)', thisUpdate: thisUpdate(tsaOcsp) });
    // Asked again (the next signature of the document), the same answers, also for an earlier time.
    expect(await embeddedAnswer(signer, root, data, new Date(Date.now() - DAY))).toMatchObject({
      status: 'GOOD',
      thisUpdate: thisUpdate(signerOcsp),
    });
    expect(await embeddedAnswer(signer, root, { ocsps: [tsaOcsp], crls: [] }, new Date())).toBeUndefined();
  });
});
