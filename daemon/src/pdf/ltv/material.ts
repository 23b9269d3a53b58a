import { VanthuError, isVanthuError } from '@vanthu/shared/errors/index';
import { BasicOCSPResponse, OCSPResponse } from '../../asn1/ocsp.js';
import { AsnConvert } from '../../asn1/schema.js';
import { type ParsedCms, parseCms } from '../../cms/parse.js';
import { type CertInfo, certInfo } from '../../trust/certificate.js';
import { buildChain } from '../../trust/chain.js';
import { type RevocationAnswer, crlStatus, parseCrl } from '../../trust/crl.js';
import { type FetchLimits, fetchBounded } from '../../trust/fetch.js';
import type { TrustStore } from '../../trust/store.js';

/** DER blobs for a /DSS: certificates, OCSP responses and CRLs (ETSI EN 319 142-1 §5.4.2). */
export interface ValidationMaterial {
  certs: Uint8Array[];
  ocsps: Uint8Array[];
  crls: Uint8Array[];
}

/** What one signature (or document timestamp) needs to be validated without a network. */
export interface SignatureMaterial extends ValidationMaterial {
  /** The /Contents bytes whose SHA-1 keys the /VRI entry. */
  contents: Uint8Array;
}

export interface MaterialOptions {
  store: TrustStore;
  limits: FetchLimits;
  /** When the revocation answers must be current (default now). */
  now?: Date;
}

/** A certificate that needs validation data, and the certificates its signature carries. */
interface Target {
  leaf: CertInfo;
  embedded: CertInfo[];
  /** "the signer", "the timestamp authority", for the error message. */
  role: string;
}

/**
 * Collects the chain of the signer and of every timestamp authority involved (the signature
 * timestamp, or the document timestamp itself), each up to a trust anchor, with one decisive
 * revocation answer (OCSP, else CRL) per certificate below the anchor. Certificate URLs are fetched
 * under the verification rules: the address policy, the URL budget, the size and time caps.
 * Throws CERT_INVALID for a chain that reaches no anchor (its URLs are not ours to follow), and
 * REVOCATION_UNAVAILABLE naming the certificate whose status could not be had.
 */
export async function collectSignatureMaterial(
  contents: Uint8Array,
  opts: MaterialOptions,
): Promise<SignatureMaterial> {
  const cms = parseCms(contents);
  const targets: Target[] = [];
  const leaf = cms.signerCertificate ? certInfo(cms.signerCertificate) : undefined;
  if (!leaf)
    throw new VanthuError('VERIFY_FAILED', 'the signer certificate is not embedded in the signature');
  const isTimestamp = cms.eContent !== undefined;
  targets.push({
    leaf,
    embedded: certsOf(cms),
    role: isTimestamp ? 'the timestamp authority' : 'the signer',
  });
  if (cms.timestampToken) {
    const token = parseCms(cms.timestampToken);
    if (token.signerCertificate)
      targets.push({
        leaf: certInfo(token.signerCertificate),
        embedded: certsOf(token),
        role: 'the timestamp authority',
      });
  }
  const out: SignatureMaterial = { contents, certs: [], ocsps: [], crls: [] };
  for (const t of targets) await addTarget(t, out, opts);
  return out;
}

function certsOf(cms: ParsedCms): CertInfo[] {
  return cms.certificates.flatMap((d) => {
    try {
      return [certInfo(d)];
    } catch {
      return [];
    }
  });
}

async function addTarget(t: Target, out: ValidationMaterial, opts: MaterialOptions): Promise<void> {
  const chain = await buildChain(t.leaf, t.embedded, {
    store: opts.store,
    online: true,
    limits: opts.limits,
  });
  if (chain.status !== 'TRUSTED')
    throw new VanthuError(
      'CERT_INVALID',
      `${t.role}: ${t.leaf.subjectDn} has no chain to a trusted root; validation data is only collected for anchored chains${chain.unfetched.length > 0 ? ` (${chain.unfetched.join('; ')})` : ''}`,
    );
  const now = opts.now ?? new Date();
  // The anchor itself is what the verifier trusts; it is embedded too so the DSS is complete.
  for (const c of chain.chain) pushUnique(out.certs, c.der);
  for (let i = 0; i + 1 < chain.chain.length; i++) {
    const cert = chain.chain[i]!;
    const issuer = chain.chain[i + 1]!;
    const got = await revocationFor(cert, issuer, now, opts.limits);
    if (got.kind === 'ocsp') {
      pushUnique(out.ocsps, got.der);
      for (const r of got.responderCerts) pushUnique(out.certs, r);
    } else pushUnique(out.crls, got.der);
  }
}

type Fetched =
  | { kind: 'ocsp'; der: Uint8Array; responderCerts: Uint8Array[] }
  | { kind: 'crl'; der: Uint8Array };

/** One verified, decisive answer for `cert`: OCSP from its AIA first, then its CRL. */
async function revocationFor(
  cert: CertInfo,
  issuer: CertInfo,
  now: Date,
  limits: FetchLimits,
): Promise<Fetched> {
  const problems: string[] = [];
  const decisive = (a: RevocationAnswer): boolean => a.status === 'GOOD' || a.status === 'REVOKED';
  if (cert.ocspUrls.length > 0) {
    const ocsp = await import('../../trust/ocsp.js');
    const id = ocsp.certId(cert, issuer);
    for (const url of cert.ocspUrls.slice(0, 2)) {
      try {
        const der = await fetchBounded(url, limits, {
          body: ocsp.ocspRequest(id).der,
          contentType: 'application/ocsp-request',
        });
        const a = ocsp.ocspStatus(der, cert, issuer, now, `OCSP ${url}`);
        if (decisive(a)) return { kind: 'ocsp', der, responderCerts: responderCertificates(der) };
        problems.push(`OCSP ${url}: ${a.error ?? a.status}`);
      } catch (e) {
        problems.push(`OCSP ${url}: ${reason(e)}`);
      }
    }
  }
  for (const url of cert.crlUrls.slice(0, 2)) {
    try {
      const der = await fetchBounded(url, limits);
      const a = crlStatus(parseCrl(der), cert, issuer, now, `CRL ${url}`);
      if (decisive(a)) return { kind: 'crl', der };
      problems.push(`CRL ${url}: ${a.error ?? a.status}`);
    } catch (e) {
      problems.push(`CRL ${url}: ${reason(e)}`);
    }
  }
  if (problems.length === 0) problems.push('the certificate names no OCSP responder and no CRL');
  throw new VanthuError(
    'REVOCATION_UNAVAILABLE',
    `no revocation data for ${cert.subjectDn} (serial ${cert.serialHex}): ${problems.join('; ')}`,
    { certificate: cert.subjectDn, serialNumber: cert.serialHex },
  );
}

/** The certificates a basic OCSP response carries (a delegated responder's), DER. */
function responderCertificates(der: Uint8Array): Uint8Array[] {
  try {
    const resp = AsnConvert.parse(new Uint8Array(der).buffer, OCSPResponse);
    if (!resp.responseBytes) return [];
    const basic = AsnConvert.parse(resp.responseBytes.response.buffer, BasicOCSPResponse);
    return (basic.certs ?? []).map((c) => new Uint8Array(AsnConvert.serialize(c)));
  } catch {
    return [];
  }
}

function pushUnique(list: Uint8Array[], der: Uint8Array): void {
  const b = Buffer.from(der);
  if (!list.some((x) => b.equals(Buffer.from(x)))) list.push(der);
}

function reason(e: unknown): string {
  return isVanthuError(e) ? String(e.details?.['detail'] ?? e.message) : (e as Error).message;
}
