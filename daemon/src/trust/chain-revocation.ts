import type { CertInfo } from './certificate.js';
import type { ChainResult } from './chain.js';
import {
  type RevocationOptions,
  type RevocationResult,
  type RevocationStatus,
  checkRevocation,
} from './revocation.js';

/** The revocation answer for one certificate of a path. */
export interface CertificateRevocation extends RevocationResult {
  certificate: CertInfo;
  /** 0 = the signer's certificate, 1 = its issuer, … */
  depth: number;
}

export interface ChainRevocation {
  /** The worst answer over the path: REVOKED, then UNKNOWN, then NOT_CHECKED, else GOOD. */
  status: RevocationStatus;
  /** Leaf first; only certificates whose issuer is on the path. */
  certificates: CertificateRevocation[];
}

const SEVERITY: Record<RevocationStatus, number> = { GOOD: 0, NOT_CHECKED: 1, UNKNOWN: 2, REVOKED: 3 };

/**
 * Revocation of every certificate of `chain` (leaf first) below its last element, each by its
 * issuer's CRL or OCSP (the anchor and a self-signed root are never checked). The links are asked
 * in parallel; they share the revocation cache, limits and time-outs. Nothing is fetched for a path
 * that does not reach a trust anchor: its URLs are the signer's to choose (installed CRLs and cached
 * answers still count).
 */
export async function checkChainRevocation(
  path: Pick<ChainResult, 'status' | 'chain'>,
  options: RevocationOptions,
): Promise<ChainRevocation> {
  const chain = path.chain;
  const opts: RevocationOptions =
    path.status === 'TRUSTED' || !options.online
      ? options
      : { ...options, online: false, offlineReason: 'not fetched: the chain does not reach a trusted root' };
  const links = chain.slice(0, -1).map((cert, depth) => ({ cert, issuer: chain[depth + 1]!, depth }));
  const certificates = await Promise.all(
    links.map(
      async ({ cert, issuer, depth }): Promise<CertificateRevocation> => ({
        ...(await checkRevocation(cert, issuer, opts)),
        certificate: cert,
        depth,
      }),
    ),
  );
  const status = certificates.reduce<RevocationStatus>(
    (worst, c) => (SEVERITY[c.status] > SEVERITY[worst] ? c.status : worst),
    certificates.length > 0 ? 'GOOD' : 'NOT_CHECKED',
  );
  return { status, certificates };
}
