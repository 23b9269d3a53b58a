import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BasicOCSPResponse, OCSPResponse } from '../../../daemon/src/asn1/ocsp.js';
import { AsnConvert } from '../../../daemon/src/asn1/schema.js';
import { DerFault } from '../../../daemon/src/cms/der.js';
import { type CertInfo, certInfo } from '../../../daemon/src/trust/certificate.js';
import { fetchBounded } from '../../../daemon/src/trust/fetch.js';
import { verificationFetchLimits } from '../../../daemon/src/trust/fetch-limits.js';
import { certIdDer } from '../../../daemon/src/trust/ocsp-answer.js';
import { readOcspResponse } from '../../../daemon/src/trust/ocsp-der.js';
import { certId, ocspRequest, readOcsp } from '../../../daemon/src/trust/ocsp.js';
import { type TestCa, makeTestCa } from '../../support/pdf-inputs-signer.js';
import { type RevocationServices, startRevocationServices } from '../../support/revocation.js';

// The OCSP reader of its own (trust/ocsp-der.ts) against the schema parser it replaced, on real
// `openssl ocsp` answers (good, revoked, unknown), and on damaged ones: every damage is a DerFault,
// which readOcsp turns into an UNKNOWN answer's reason, never another exception.
const DAY = 86400_000;
let ca: TestCa;
let rev: RevocationServices;
let root: CertInfo;
const certs: Record<'good' | 'revoked' | 'unknown', CertInfo> = {} as never;
const answers: Record<'good' | 'revoked' | 'unknown', Uint8Array> = {} as never;
const revokedAt = new Date(Math.floor((Date.now() - DAY) / 1000) * 1000);

const pemDer = (pem: string): Uint8Array =>
  new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
const ab = (u: Uint8Array): ArrayBuffer => new Uint8Array(u).buffer;

beforeAll(async () => {
  ca = await makeTestCa();
  root = certInfo(ca.rootDer);
  rev = await startRevocationServices(ca.rootPem, ca.rootKeyPem);
  for (const kind of ['good', 'revoked', 'unknown'] as const) {
    const issued = await ca.issue(`OCSP ${kind}`, { ocspUrl: rev.ocspUrl });
    certs[kind] = certInfo(pemDer(issued.certPem));
  }
  const notAfter = new Date(Date.now() + 90 * DAY);
  await rev.publish([
    { serialHex: certs.good.serialHex, notAfter },
    { serialHex: certs.revoked.serialHex, notAfter, revokedAt },
  ]);
  const limits = verificationFetchLimits({ fetch: { allowNetworks: ['127.0.0.0/8'] } });
  for (const kind of ['good', 'revoked', 'unknown'] as const)
    answers[kind] = new Uint8Array(
      await fetchBounded(rev.ocspUrl, limits, {
        body: ocspRequest(certId(certs[kind], root)).der,
        contentType: 'application/ocsp-request',
      }),
    );
});
afterAll(async () => {
  await rev?.close();
});

/** The same answer through @peculiar/asn1-ocsp, field by field as the reader gives them. */
function bySchema(der: Uint8Array) {
  const resp = AsnConvert.parse(ab(der), OCSPResponse);
  const basic = AsnConvert.parse(resp.responseBytes!.response.buffer, BasicOCSPResponse);
  const tbs = basic.tbsResponseData;
  return {
    tbs: new Uint8Array(basic.tbsResponseDataRaw!),
    responderId: tbs.responderID.byName
      ? { byName: new Uint8Array(AsnConvert.serialize(tbs.responderID.byName)) }
      : { byKey: new Uint8Array(tbs.responderID.byKey!.buffer) },
    producedAt: tbs.producedAt,
    responses: tbs.responses.map((r) => ({
      certIdDer: Buffer.from(AsnConvert.serialize(r.certID)),
      certStatus: r.certStatus.revoked
        ? { kind: 'revoked', revocationTime: r.certStatus.revoked.revocationTime }
        : { kind: r.certStatus.good !== undefined ? 'good' : 'unknown' },
      thisUpdate: r.thisUpdate,
      nextUpdate: r.nextUpdate,
    })),
    signatureAlgorithm: { oid: basic.signatureAlgorithm.algorithm, parameters: null },
    signature: new Uint8Array(basic.signature),
    certs: (basic.certs ?? []).map((c) => new Uint8Array(AsnConvert.serialize(c))),
  };
}

/** A copy of `der` with `bytes` written at `at`. */
function patched(der: Uint8Array, at: number, bytes: number[]): Uint8Array {
  const out = Uint8Array.from(der);
  out.set(bytes, at);
  return out;
}

/** Offset of the first `needle` in `der`. */
function find(der: Uint8Array, needle: number[]): number {
  const at = Buffer.from(der).indexOf(Buffer.from(needle));
  expect(at).toBeGreaterThanOrEqual(0);
  return at;
}

describe('reading real OCSP answers', () => {
  it('gives what the schema parser gives, for a good, a revoked and an unknown certificate', () => {
    for (const kind of ['good', 'revoked', 'unknown'] as const) {
      const read = readOcspResponse(answers[kind]);
      expect(read.status).toBe(0);
      expect(read.basic).toEqual(bySchema(answers[kind]));
    }
    expect(readOcspResponse(answers.good).basic!.responses[0]!.certStatus).toEqual({ kind: 'good' });
    expect(readOcspResponse(answers.revoked).basic!.responses[0]!.certStatus).toEqual({
      kind: 'revoked',
      revocationTime: revokedAt,
    });
    expect(readOcspResponse(answers.unknown).basic!.responses[0]!.certStatus).toEqual({ kind: 'unknown' });
    expect(readOcspResponse(answers.good).basic!.responderId).toEqual({
      byName: new Uint8Array(root.subjectDer),
    });
  });

  it('builds the CertID byte for byte as the request encoder does', () => {
    for (const cert of [certs.good, certs.revoked, root])
      expect(certIdDer(cert, root)).toEqual(Buffer.from(AsnConvert.serialize(certId(cert, root))));
    expect(readOcspResponse(answers.good).basic!.responses[0]!.certIdDer).toEqual(
      certIdDer(certs.good, root),
    );
  });

  it('passes on a non-successful status and a response type other than basic', () => {
    // OCSPResponse { responseStatus tryLater (3) }
    expect(readOcsp(Uint8Array.from([0x30, 0x03, 0x0a, 0x01, 0x03]))).toEqual({
      error: 'responder status 3',
    });
    // responseType 1.3.6.1.5.5.7.48.1.2 (the nonce OID, not id-pkix-ocsp-basic)
    const other = Uint8Array.from([
      0x30, 0x14, 0x0a, 0x01, 0x00, 0xa0, 0x0f, 0x30, 0x0d, 0x06, 0x09, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07,
      0x30, 0x01, 0x02, 0x04, 0x00,
    ]);
    expect(readOcsp(other)).toEqual({ error: 'not a basic OCSP response' });
  });
});

describe('refusing damaged answers with a DerFault', () => {
  const fault = (der: Uint8Array): string => {
    try {
      readOcspResponse(der);
    } catch (e) {
      expect(e).toBeInstanceOf(DerFault);
      return (e as Error).message;
    }
    throw new Error('no fault');
  };

  it('truncated anywhere', () => {
    const der = answers.good;
    for (let n = 0; n < der.length; n++) fault(der.subarray(0, n));
    expect(readOcsp(der.subarray(0, der.length - 1))).toMatchObject({
      error: expect.stringMatching(/^unreadable OCSP response: /),
    });
  });

  it('bytes after the response, an indefinite or overlong length', () => {
    const der = answers.good;
    expect(fault(Uint8Array.from([...der, 0]))).toBe('bytes after the DER element');
    // The outer SEQUENCE's length (0x82 hi lo) stretched past the end of the input.
    expect([...der.subarray(0, 2)]).toEqual([0x30, 0x82]);
    expect(fault(patched(der, 2, [0xff, 0xff]))).toBe('DER content beyond its container');
    expect(fault(Uint8Array.from([0x30, 0x85, 1, 0, 0, 0, 0, ...der.subarray(4)]))).toBe(
      'oversized DER length',
    );
    // OCSPResponse as BER: indefinite length with end-of-contents octets.
    expect(fault(Uint8Array.from([0x30, 0x80, ...der.subarray(4), 0, 0]))).toBe(
      'indefinite length (BER) where DER is required',
    );
  });

  it('wrong tags: status, responseBytes, certStatus, times, signature', () => {
    const der = answers.good;
    expect(fault(patched(der, 4, [0x02]))).toBe('OCSPResponse: responseStatus is not ENUMERATED');
    expect(fault(patched(der, 7, [0xa1]))).toBe('OCSPResponse: responseBytes is not [0]');
    // certStatus good is [0] IMPLICIT NULL (80 00) right after the CertID.
    const id = readOcspResponse(der).basic!.responses[0]!.certIdDer;
    const status = find(der, [...id]) + id.length;
    expect([...der.subarray(status, status + 2)]).toEqual([0x80, 0x00]);
    expect(fault(patched(der, status, [0x83]))).toBe('certStatus: not good, revoked or unknown');
    expect(fault(patched(der, status + 2, [0x17]))).toBe('SingleResponse: thisUpdate is not GeneralizedTime');
    const sig = readOcspResponse(der).basic!.signature;
    const bits = find(der, [...sig.subarray(0, 16)]) - 1;
    expect(fault(patched(der, bits, [0x01]))).toBe('BasicOCSPResponse: the signature has unused bits');
    expect(fault(patched(der, bits - 4, [0x04]))).toBe('BasicOCSPResponse: signature is not a BIT STRING');
  });

  it('a time that is not YYYYMMDDHHMMSSZ or not a real date', () => {
    const der = answers.good;
    const produced = readOcspResponse(der).basic!.producedAt;
    const text = `${produced.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
    const at = find(der, [0x18, 0x0f, ...Buffer.from(text)]) + 2;
    expect(fault(patched(der, at + 14, [0x2b]))).toMatch(/^malformed GeneralizedTime/);
    expect(fault(patched(der, at + 4, [0x31, 0x33]))).toMatch(/^time out of range/);
  });

  it('every single-byte change is read or refused, never a crash', () => {
    const der = answers.revoked;
    let refused = 0;
    for (let at = 0; at < der.length; at++) {
      for (const x of at % 3 === 0 ? [0x01, 0x80, 0xff] : [0x80]) {
        const copy = patched(der, at, [der[at]! ^ x]);
        try {
          readOcspResponse(copy);
        } catch (e) {
          if (!(e instanceof DerFault)) throw new Error(`byte ${at} ^ ${x}: ${(e as Error).stack}`);
          refused++;
        }
        // The whole judgement (certificates included) on a sample: X.509 parsing is the slow part.
        const r = at % 5 === 0 ? readOcsp(copy) : { certs: [] };
        if ('error' in r) expect(r.error).toMatch(/^(unreadable OCSP response|responder status|not a basic)/);
      }
    }
    expect(refused).toBeGreaterThan(0);
  });
});
