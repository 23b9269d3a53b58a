import { z } from 'zod';

/** A certificate found on a token, with the key URI to sign with. */
export const certificateInfoSchema = z.object({
  /** Key URI for sign requests (pkcs11:… or p12:…), never carrying a PIN. */
  keyUri: z.string(),
  subject: z.string(),
  commonName: z.string().optional(),
  organization: z.string().optional(),
  /** Certificate serial number, lowercase hex. */
  serialNumber: z.string(),
  issuer: z.string(),
  /** ISO 8601 instants. */
  notBefore: z.string(),
  notAfter: z.string(),
  /** Key usage names (digitalSignature, nonRepudiation, …). */
  keyUsage: z.array(z.string()),
  /** DER of the certificate, standard base64. */
  der: z.string().optional(),
  /**
   * Set when the signer's chain cannot be completed up to a root (from the token, the configured
   * intermediates or AIA): names the missing issuer. Shown before the PIN is asked for.
   */
  chainWarning: z.string().optional(),
  /** With `chainWarning`: the distinguished name of the missing issuer alone. */
  chainMissingIssuer: z.string().optional(),
});
export type CertificateInfo = z.infer<typeof certificateInfoSchema>;

export const tokenInfoSchema = z.object({
  /** Token URI (pkcs11:token=…;serial=…) identifying the device. */
  uri: z.string(),
  label: z.string(),
  manufacturer: z.string().optional(),
  model: z.string().optional(),
  serial: z.string().optional(),
  /** Path of the PKCS#11 module serving it. */
  module: z.string().optional(),
  certificates: z.array(certificateInfoSchema),
});
export type TokenInfo = z.infer<typeof tokenInfoSchema>;

export const tokensListPayloadSchema = z.object({}).strict();
export const tokensListResultSchema = z.object({ tokens: z.array(tokenInfoSchema) });
export type TokensListResult = z.infer<typeof tokensListResultSchema>;
