import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { isVanthuError } from '@vanthu/shared/errors/index';
import type { CertInfo } from './certificate.js';
import { type ParsedCrl, type RevocationAnswer, crlStatus, parseCrl } from './crl.js';
import { type EmbeddedRevocation, embeddedAnswer } from './embedded-revocation.js';
import { type FetchLimits, fetchBounded } from './fetch.js';

export type RevocationStatus = 'GOOD' | 'REVOKED' | 'UNKNOWN' | 'NOT_CHECKED';

export interface RevocationOptions {
  /** Fetch CRLs (CDP) and ask OCSP responders (AIA). Cached answers are used either way. */
  online: boolean;
  /** Why nothing is fetched when `online` is false (default "offline"), for the report. */
  offlineReason?: string;
  limits: FetchLimits;
  /** CRLs the admin installed (config `trust.crls`, `--crl`). */
  crls: readonly ParsedCrl[];
  /** Directory for fetched CRLs and OCSP responses; none = memory only. */
  cacheDir?: string;
  now: Date;
  /** Answers the document carries (/DSS): consulted before installed CRLs, the cache and the network. */
  embedded?: EmbeddedRevocation;
  /** The time embedded answers must speak for (the signature's proof of existence; default `now`). */
  embeddedAt?: Date;
}

export interface RevocationResult {
  status: RevocationStatus;
  revokedAt?: Date;
  /** Where the decisive answer came from. */
  source?: string;
  /** When the decisive answer was issued (OCSP thisUpdate, CRL thisUpdate). */
  thisUpdate?: Date;
  /** Every failed attempt, for the report. */
  errors: string[];
}

const memory = new Map<string, Uint8Array>();

function cacheKey(kind: string, id: string): string {
  return `${kind}-${createHash('sha256').update(id).digest('hex').slice(0, 32)}.der`;
}

function cacheGet(opts: RevocationOptions, key: string): Uint8Array | undefined {
  const hit = memory.get(key);
  if (hit || !opts.cacheDir) return hit;
  try {
    return readFileSync(join(opts.cacheDir, key));
  } catch {
    return undefined;
  }
}

function cachePut(opts: RevocationOptions, key: string, der: Uint8Array): void {
  if (memory.size > 500) memory.clear();
  memory.set(key, der);
  if (!opts.cacheDir) return;
  try {
    writeFileAtomic(join(opts.cacheDir, key), der, 0o600);
  } catch {
    // A cache that cannot be written only costs a refetch.
  }
}

/** One network source of revocation data (OCSP responder or CRL distribution point). */
interface Source {
  label: string;
  key: string;
  fetch(): Promise<Uint8Array>;
  answer(der: Uint8Array, source: string): RevocationAnswer;
}

/** A decisive answer from the cache (also offline) or, online, from the network; failures are noted. */
async function consult(
  src: Source,
  opts: RevocationOptions,
  errors: string[],
): Promise<RevocationAnswer | undefined> {
  const cached = cacheGet(opts, src.key);
  if (cached) {
    try {
      const a = src.answer(cached, `${src.label} (cached)`);
      if (decisive(a)) return a;
    } catch {
      // An unreadable cache entry only costs a refetch.
    }
  }
  if (!opts.online) {
    errors.push(`${src.label}: ${opts.offlineReason ?? 'offline'}`);
    return undefined;
  }
  try {
    const der = await src.fetch();
    const a = src.answer(der, src.label);
    if (decisive(a)) {
      cachePut(opts, src.key, der);
      return a;
    }
    errors.push(`${a.source}: ${a.error ?? a.status}`);
  } catch (e) {
    errors.push(`${src.label}: ${reason(e)}`);
  }
  return undefined;
}

/** The case detail of a fetch or parse failure, for the report. */
function reason(e: unknown): string {
  return isVanthuError(e) ? String(e.details?.['detail'] ?? e.message) : (e as Error).message;
}

const decisive = (a: RevocationAnswer): boolean => a.status === 'GOOD' || a.status === 'REVOKED';

/**
 * Revocation status of `cert` (issued by `issuer`) at `opts.now`: the document's own answers
 * (embedded-revocation.ts) first, then installed CRLs, then OCSP
 * from the AIA, then the CRL from the CDP, each answer verified against the issuer. NOT_CHECKED when
 * there is no source at all; UNKNOWN when every source failed (the policy decides what that means).
 */
export async function checkRevocation(
  cert: CertInfo,
  issuer: CertInfo,
  opts: RevocationOptions,
): Promise<RevocationResult> {
  const errors: string[] = [];
  let tried = false;
  const done = (a: RevocationAnswer): RevocationResult => ({
    status: a.status,
    ...(a.revokedAt ? { revokedAt: a.revokedAt } : {}),
    source: a.source,
    ...(a.thisUpdate ? { thisUpdate: a.thisUpdate } : {}),
    errors,
  });
  if (opts.embedded) {
    const a = await embeddedAnswer(cert, issuer, opts.embedded, opts.embeddedAt ?? opts.now);
    if (a) return done(a);
  }
  for (const crl of opts.crls) {
    if (!crl.issuerDer.equals(issuer.subjectDer)) continue;
    tried = true;
    const a = crlStatus(crl, cert, issuer, opts.now, 'CRL (installed)');
    if (decisive(a)) return done(a);
    errors.push(`${a.source}: ${a.error ?? a.status}`);
  }
  // OCSP code (and @peculiar/asn1-ocsp) loads only for a certificate that names a responder.
  const ocspUrls = cert.ocspUrls.slice(0, 2);
  const ocsp = ocspUrls.length > 0 ? await import('./ocsp.js') : undefined;
  const sources: Source[] = [
    ...ocspUrls.map((url): Source => {
      const { certId, certIdHex, ocspRequest, ocspStatus } = ocsp!;
      const id = certId(cert, issuer);
      return {
        label: `OCSP ${url}`,
        key: cacheKey('ocsp', certIdHex(id)),
        fetch: () =>
          fetchBounded(url, opts.limits, {
            body: ocspRequest(id).der,
            contentType: 'application/ocsp-request',
          }),
        answer: (der, source) => ocspStatus(der, cert, issuer, opts.now, source),
      };
    }),
    ...cert.crlUrls.slice(0, 2).map(
      (url): Source => ({
        label: `CRL ${url}`,
        key: cacheKey('crl', url),
        fetch: () => fetchBounded(url, opts.limits),
        answer: (der, source) => crlStatus(parseCrl(der), cert, issuer, opts.now, source),
      }),
    ),
  ];
  for (const src of sources) {
    tried = true;
    const a = await consult(src, opts, errors);
    if (a) return done(a);
  }
  return { status: tried ? 'UNKNOWN' : 'NOT_CHECKED', errors };
}
