// Object identifiers of CMS (RFC 5652), ESS (RFC 2634, RFC 5035) and RFC 3161 that the SignedData
// writer and reader share.
export const ID_DATA = '1.2.840.113549.1.7.1';
export const ID_SIGNED_DATA = '1.2.840.113549.1.7.2';
export const ID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
export const ID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
export const ID_SIGNING_TIME = '1.2.840.113549.1.9.5';
/** id-aa-signingCertificate (RFC 2634 §5.4, ESS v1 with SHA-1). */
export const ID_SIGNING_CERTIFICATE = '1.2.840.113549.1.9.16.2.12';
/** id-aa-signingCertificateV2 (RFC 5035 §3). */
export const ID_SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';
/** id-aa-signatureTimeStampToken (RFC 3161 Appendix A). */
export const ID_SIGNATURE_TIMESTAMP_TOKEN = '1.2.840.113549.1.9.16.2.14';
