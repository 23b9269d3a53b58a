import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { VanthuError } from '@vanthu/shared/errors/index';
import { type CertInfo, certInfo, pemCertificates } from './certificate.js';
import { type KnownCertificate, knownCertificate } from './known-roots.js';
import { p7Certificates } from './p7b.js';

const CERT_FILE = /\.(pem|crt|cer|der|p7b|p7c)$/i;
const MAX_FILES = 5000;

/**
 * Trust anchors (what the admin or `--trust` names) and a pool of intermediates used only to build
 * chains for PDFs that embed the signer's certificate alone.
 */
export class TrustStore {
  private readonly anchorsByFp = new Map<string, CertInfo>();
  private readonly pool = new Map<string, CertInfo>();

  get anchors(): CertInfo[] {
    return [...this.anchorsByFp.values()];
  }

  get intermediates(): CertInfo[] {
    return [...this.pool.values()];
  }

  addAnchor(der: Uint8Array): CertInfo {
    const c = certInfo(der);
    this.anchorsByFp.set(c.fingerprint, c);
    return c;
  }

  addIntermediate(der: Uint8Array): void {
    const c = certInfo(der);
    if (!this.anchorsByFp.has(c.fingerprint)) this.pool.set(c.fingerprint, c);
  }

  /**
   * A copy that also holds `extra` as intermediates (a document's /DSS certificates): they help
   * build a path, never end one.
   */
  withIntermediates(extra: readonly CertInfo[]): TrustStore {
    const copy = new TrustStore();
    for (const [fp, c] of this.anchorsByFp) copy.anchorsByFp.set(fp, c);
    for (const [fp, c] of this.pool) copy.pool.set(fp, c);
    for (const c of extra) if (!copy.anchorsByFp.has(c.fingerprint)) copy.pool.set(c.fingerprint, c);
    return copy;
  }

  isAnchor(c: CertInfo): boolean {
    return this.anchorsByFp.has(c.fingerprint);
  }

  /** Candidate issuers of `c` among anchors and intermediates (name match; the caller verifies). */
  issuersOf(c: CertInfo): CertInfo[] {
    const out: CertInfo[] = [];
    for (const x of this.anchorsByFp.values()) if (x.subjectDer.equals(c.issuerDer)) out.push(x);
    for (const x of this.pool.values()) if (x.subjectDer.equals(c.issuerDer)) out.push(x);
    return out;
  }

  /** The government/national name of an installed certificate, when it is one of standards.md §7. */
  known(c: CertInfo): KnownCertificate | undefined {
    return knownCertificate(c.fingerprint);
  }

  /** Loads anchors from files or directories (PEM, DER, P7B). */
  loadAnchors(paths: readonly string[]): void {
    for (const der of readCertificatePaths(paths)) this.addAnchor(der);
  }

  loadIntermediates(paths: readonly string[]): void {
    for (const der of readCertificatePaths(paths)) this.addIntermediate(der);
  }
}

/** Every certificate in the given files and directories (one level deep); unreadable → TRUST_STORE_INVALID. */
export function readCertificatePaths(paths: readonly string[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch (e) {
      throw new VanthuError('TRUST_STORE_INVALID', `${p}: ${(e as Error).message}`);
    }
    const files = isDir
      ? readdirSync(p)
          .filter((n) => CERT_FILE.test(n))
          .slice(0, MAX_FILES)
          .map((n) => join(p, n))
      : [p];
    for (const f of files) out.push(...readCertificateFile(f));
  }
  return out;
}

export function readCertificateFile(file: string): Uint8Array[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new VanthuError('TRUST_STORE_INVALID', `${file}: ${(e as Error).message}`);
  }
  try {
    return parseCertificates(bytes);
  } catch (e) {
    throw new VanthuError('TRUST_STORE_INVALID', `${file}: ${(e as Error).message}`);
  }
}

/** PEM (certificates or PKCS7), DER certificate or DER PKCS#7 certs-only bundle. */
export function parseCertificates(bytes: Uint8Array): Uint8Array[] {
  const text = Buffer.from(bytes).toString('latin1');
  if (text.includes('-----BEGIN')) {
    const certs = pemCertificates(text);
    const p7 = /-----BEGIN PKCS7-----([\s\S]*?)-----END PKCS7-----/.exec(text);
    if (p7) certs.push(...p7Certificates(Buffer.from(p7[1]!.replace(/\s+/g, ''), 'base64')));
    if (certs.length === 0) throw new Error('no certificate in the PEM file');
    for (const c of certs) certInfo(c);
    return certs;
  }
  try {
    certInfo(bytes);
    return [new Uint8Array(bytes)];
  } catch {
    return p7Certificates(bytes);
  }
}
