import { createHash } from 'node:crypto';
import { verifySignatureValue } from '../cms/verify-value.js';
import { type CertInfo, EKU_OCSP_SIGNING, certInfo, issuedBy } from './certificate.js';
import type { RevocationAnswer } from './crl.js';
import { type BasicOcspDer, readOcspResponse } from './ocsp-der.js';

/** A basic OCSP response read once, to be judged for any certificate and time without re-reading. */
export interface ParsedOcsp {
  basic: BasicOcspDer;
  /** The certificates the response carries (a delegated responder's). */
  certs: CertInfo[];
  /** Which certificate's signature verified, per issuer fingerprint (null: none). */
  signerByIssuer: Map<string, CertInfo | null>;
}

/** Parses an OCSP response: a successful BasicOCSPResponse, or why it is not one. */
export function readOcsp(der: Uint8Array): ParsedOcsp | { error: string } {
  try {
    const resp = readOcspResponse(der);
    if (resp.status !== 0) return { error: `responder status ${resp.status}` };
    if (!resp.basic) return { error: 'not a basic OCSP response' };
    return {
      basic: resp.basic,
      certs: resp.basic.certs.map((c) => certInfo(c)),
      signerByIssuer: new Map(),
    };
  } catch (e) {
    return { error: `unreadable OCSP response: ${(e as Error).message}` };
  }
}

/** Per certificate and issuer: the DER of our SHA-1 CertID, computed once. */
const certIds = new WeakMap<CertInfo, WeakMap<CertInfo, Buffer>>();

/**
 * DER of CertID { sha1 with NULL parameters, SHA-1 of the issuer's name, SHA-1 of its public key,
 * the serial as the certificate encodes it }: byte for byte what ocsp.ts `certId` serializes, built
 * without the OCSP schema.
 */
export function certIdDer(cert: CertInfo, issuer: CertInfo): Buffer {
  let byIssuer = certIds.get(cert);
  const known = byIssuer?.get(issuer);
  if (known) return known;
  const sha1Null = Buffer.from('300906052b0e03021a0500', 'hex');
  const der = tlv(
    0x30,
    Buffer.concat([
      sha1Null,
      tlv(0x04, createHash('sha1').update(issuer.subjectDer).digest()),
      tlv(0x04, createHash('sha1').update(issuer.publicKeyBits).digest()),
      tlv(0x02, Buffer.from(cert.serial)),
    ]),
  );
  if (!byIssuer) {
    byIssuer = new WeakMap();
    certIds.set(cert, byIssuer);
  }
  byIssuer.set(issuer, der);
  return der;
}

function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const len =
    n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), len, content]);
}

/** The index of the single response for `cert` (issued by `issuer`), or -1. */
export function singleFor(parsed: ParsedOcsp, cert: CertInfo, issuer: CertInfo): number {
  const id = certIdDer(cert, issuer);
  return parsed.basic.responses.findIndex((r) => r.certIdDer.equals(id));
}

/**
 * The certificate whose key verifies the response: `issuer` itself or a responder certificate it
 * issued with id-kp-OCSPSigning. Verified once per issuer, however often the response is judged.
 */
function signerOf(parsed: ParsedOcsp, issuer: CertInfo): CertInfo | undefined {
  const known = parsed.signerByIssuer.get(issuer.fingerprint);
  if (known !== undefined) return known ?? undefined;
  const { basic } = parsed;
  const params = basic.signatureAlgorithm.parameters;
  const algorithm = {
    algorithm: basic.signatureAlgorithm.oid,
    parameters: params ? (new Uint8Array(params).buffer as ArrayBuffer) : null,
  };
  const candidates = [
    issuer,
    ...parsed.certs.filter((c) => issuedBy(c, issuer) && c.extendedKeyUsage.includes(EKU_OCSP_SIGNING)),
  ];
  const signer = candidates.find(
    (s) => verifySignatureValue(algorithm, undefined, s.node.publicKey, basic.tbs, basic.signature).valid,
  );
  parsed.signerByIssuer.set(issuer.fingerprint, signer ?? null);
  return signer;
}

/**
 * Reads an OCSP response for `cert`: status successful, a BasicOCSPResponse signed by the issuer or
 * by a responder certificate the issuer issued with id-kp-OCSPSigning, the single response for our
 * CertID, current at `now`.
 */
export function ocspStatus(
  der: Uint8Array,
  cert: CertInfo,
  issuer: CertInfo,
  now: Date,
  source: string,
): RevocationAnswer {
  const parsed = readOcsp(der);
  if ('error' in parsed) return { status: 'UNKNOWN', source, error: parsed.error };
  return ocspAnswer(parsed, cert, issuer, now, source);
}

/** {@link ocspStatus} on a response already read. */
export function ocspAnswer(
  parsed: ParsedOcsp,
  cert: CertInfo,
  issuer: CertInfo,
  now: Date,
  source: string,
): RevocationAnswer {
  const unknown = (error: string): RevocationAnswer => ({ status: 'UNKNOWN', source, error });
  const signer = signerOf(parsed, issuer);
  if (!signer)
    return unknown('OCSP response signature does not verify with the issuer or an authorised responder');
  if (signer !== issuer && (signer.notBefore > now || signer.notAfter < now))
    return unknown('OCSP responder certificate outside its validity');
  const single = parsed.basic.responses[singleFor(parsed, cert, issuer)];
  if (!single) return unknown('the response does not cover this certificate');
  const base = {
    source,
    thisUpdate: single.thisUpdate,
    ...(single.nextUpdate ? { nextUpdate: single.nextUpdate } : {}),
  };
  if (single.thisUpdate.getTime() > now.getTime() + 300_000)
    return { ...base, status: 'UNKNOWN', error: 'response from the future' };
  if (single.nextUpdate && single.nextUpdate.getTime() < now.getTime())
    return { ...base, status: 'UNKNOWN', error: 'response expired' };
  if (single.certStatus.kind === 'revoked')
    return { ...base, status: 'REVOKED', revokedAt: single.certStatus.revocationTime };
  if (single.certStatus.kind === 'unknown')
    return { ...base, status: 'UNKNOWN', error: 'the responder does not know this certificate' };
  return { ...base, status: 'GOOD' };
}
