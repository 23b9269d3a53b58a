import type { CertInfo } from './certificate.js';
import type { ParsedOcsp } from './ocsp-answer.js';
import { type ParsedCrl, type RevocationAnswer, crlStatus } from './crl.js';

/** Revocation answers a document carries (its /DSS), collected when it was signed or extended. */
export interface EmbeddedRevocation {
  ocsps: readonly Uint8Array[];
  crls: readonly ParsedCrl[];
}

/**
 * Each embedded response is read once: every signature of the document, and every
 * certificate of its paths, is judged against the same few responses.
 */
const readOnce = new WeakMap<Uint8Array, ParsedOcsp | { error: string }>();

const decisive = (a: RevocationAnswer | undefined): a is RevocationAnswer =>
  a !== undefined && (a.status === 'GOOD' || a.status === 'REVOKED');

/**
 * The embedded answer for `cert` that speaks for `at` (the signature's proof of existence): an
 * answer current at `at`, or one issued after it, judged at its own issue time. An answer from
 * before `at` that had already lapsed says nothing about it. OCSP first, then CRLs; each answer
 * is verified against `issuer` exactly as a fetched one (each response is read, and its signature
 * checked per issuer, once). A REVOKED answer is decisive whenever it was issued.
 */
export async function embeddedAnswer(
  cert: CertInfo,
  issuer: CertInfo,
  data: EmbeddedRevocation,
  at: Date,
): Promise<RevocationAnswer | undefined> {
  if (data.ocsps.length > 0) {
    // The reader alone: a document's own answers never need the request encoder and its schema.
    const ocsp = await import('./ocsp-answer.js');
    for (const der of data.ocsps) {
      let parsed = readOnce.get(der);
      if (!parsed) {
        parsed = ocsp.readOcsp(der);
        readOnce.set(der, parsed);
      }
      // A response that does not name this certificate cannot answer for it: its signature is
      // checked only for the certificates it covers.
      if ('error' in parsed || ocsp.singleFor(parsed, cert, issuer) < 0) continue;
      let a = ocsp.ocspAnswer(parsed, cert, issuer, at, 'OCSP (DSS)');
      if (a.thisUpdate && a.thisUpdate > at)
        a = ocsp.ocspAnswer(parsed, cert, issuer, a.thisUpdate, 'OCSP (DSS)');
      if (decisive(a)) return a;
    }
  }
  for (const crl of data.crls) {
    if (!crl.issuerDer.equals(issuer.subjectDer)) continue;
    const when = crl.thisUpdate > at ? crl.thisUpdate : at;
    const a = crlStatus(crl, cert, issuer, when, 'CRL (DSS)');
    if (decisive(a)) return a;
  }
  return undefined;
}
