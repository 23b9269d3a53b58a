import { type CertInfo, KU } from './certificate.js';

/**
 * Extensions whose meaning vanthu applies when it validates a path. certificatePolicies is among
 * them because paths are validated with the any-policy initial set and no explicit-policy
 * requirement, where policies alone never change the outcome; the extensions that would
 * (policyConstraints, policyMappings, inhibitAnyPolicy) and nameConstraints are not processed, so
 * a critical one makes the path invalid.
 */
const PROCESSED_EXTENSIONS = new Set([
  '2.5.29.14', // subjectKeyIdentifier
  '2.5.29.15', // keyUsage
  '2.5.29.17', // subjectAltName
  '2.5.29.18', // issuerAltName
  '2.5.29.19', // basicConstraints
  '2.5.29.31', // cRLDistributionPoints
  '2.5.29.32', // certificatePolicies
  '2.5.29.35', // authorityKeyIdentifier
  '2.5.29.37', // extKeyUsage
  '1.3.6.1.5.5.7.1.1', // authorityInfoAccess
]);

/**
 * RFC 5280 path constraints of a chain (leaf first): no certificate carries a critical extension
 * vanthu does not process (§4.2); every issuer is a CA (basicConstraints cA) that may sign
 * certificates (keyCertSign when keyUsage is present) and whose pathLenConstraint admits the
 * non-self-issued intermediates below it (§4.2.1.9, §6.1.4 (l)–(n)). The anchor's constraints are
 * applied too, as OpenSSL does.
 */
export function pathProblems(chain: readonly CertInfo[]): string[] {
  const out: string[] = [];
  chain.forEach((cert, i) => {
    for (const oid of cert.criticalExtensions)
      if (!PROCESSED_EXTENSIONS.has(oid))
        out.push(`${cert.subjectDn} has an unknown critical extension ${oid}`);
    if (i === 0) return;
    if (!cert.isCa) out.push(`${cert.subjectDn} is not a CA certificate`);
    else if (cert.keyUsage !== undefined && (cert.keyUsage & KU.keyCertSign) === 0)
      out.push(`${cert.subjectDn} may not sign certificates`);
    const below = chain.slice(1, i).filter((c) => !c.selfIssued).length;
    if (cert.pathLen !== undefined && below > cert.pathLen)
      out.push(
        `${cert.subjectDn} allows ${cert.pathLen} intermediate CA${cert.pathLen === 1 ? '' : 's'} below it, the path has ${below}`,
      );
  });
  return out;
}
