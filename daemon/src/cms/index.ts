/**
 * CMS for PDF signatures: PAdES (ETSI.CAdES.detached) and adbe.pkcs7.detached SignedData written
 * by the project's DER writer over the token layer's Signer, RFC 3161 timestamp requests, size estimates.
 */
export { buildSignedData, id_aa_signatureTimeStampToken, digest } from './signed-data.js';
export type { CmsOptions, SubFilter } from './signed-data.js';
export { requestTimestamp } from './timestamp.js';
export type { TimestampOptions } from './timestamp.js';
export { estimateCmsSize } from './estimate.js';
export { DIGEST_OID, NODE_HASH, digestAlgorithm, signatureAlgorithm } from './algorithms.js';
