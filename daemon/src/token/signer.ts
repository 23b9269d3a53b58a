/**
 * The one signing abstraction shared by hardware tokens (PKCS#11) and software keys (PKCS#12).
 * CMS builders call `sign` with the DER of the signed attributes; the signer hashes and signs.
 */
export type HashAlgorithm = 'SHA-256' | 'SHA-384' | 'SHA-512';
export type KeyAlgorithm = 'RSA' | 'EC';
/** RSA padding scheme; ignored for EC keys. */
export type RsaScheme = 'pkcs1' | 'pss';

export interface SignOptions {
  hash: HashAlgorithm;
  /** Default 'pkcs1'. */
  scheme?: RsaScheme;
}

export interface Signer {
  /** DER of the signer's certificate. */
  readonly certificate: Uint8Array;
  /** Further certificates the key store holds for the chain (DER, issuer order, may be empty). */
  readonly chain: readonly Uint8Array[];
  readonly keyAlgorithm: KeyAlgorithm;
  /** RSA modulus length or EC field size in bits. */
  readonly keyBits: number;
  /** Human label of where the key lives, e.g. "SoftHSM token vanthu-demo / id 01" (never includes a PIN). */
  readonly description: string;
  /**
   * Signs `data` (the message itself, not its digest). Returns the signature value as CMS carries it:
   * RSA raw bytes; ECDSA a DER-encoded Ecdsa-Sig-Value (SEQUENCE of r, s).
   */
  sign(data: Uint8Array, options: SignOptions): Promise<Uint8Array>;
  /** Logs out and releases the key (safe to call twice). */
  close(): Promise<void>;
}
