/**
 * Trust: anchors and intermediates (PEM/DER/P7B), chain building, revocation (CRL, OCSP) and RFC 3161
 * signature timestamps, for the signature verifier.
 */
export { TrustStore, parseCertificates, readCertificateFile, readCertificatePaths } from './store.js';
export { type CertInfo, certInfo, KU } from './certificate.js';
export { buildChain, type ChainOptions, type ChainResult, type ChainStatus } from './chain.js';
export {
  checkRevocation,
  type RevocationOptions,
  type RevocationResult,
  type RevocationStatus,
} from './revocation.js';
export {
  checkChainRevocation,
  type CertificateRevocation,
  type ChainRevocation,
} from './chain-revocation.js';
export { pathProblems } from './path-constraints.js';
export { parseCrl, type ParsedCrl } from './crl.js';
export { verifyTimestampToken, type TimestampResult } from './timestamp-token.js';
export { KNOWN_CERTIFICATES, OCSP_HOST_REMAP, knownCertificate } from './known-roots.js';
export { loadTrustConfig, type TrustConfig } from './config.js';
export type { FetchLimits } from './fetch.js';
