import { randomBytes } from 'node:crypto';
import { copyFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { VanthuError } from '@vanthu/shared/errors/index';
import { requestTimestampForDigest } from '../../cms/timestamp.js';
import type { FetchLimits } from '../../trust/fetch.js';
import type { TrustStore } from '../../trust/store.js';
import { type StampDigest, appendDocTimestamp } from './doc-timestamp.js';
import { buildDssUpdate, vriKey, vriKeys } from './dss.js';
import { GrowingDocument } from './growing-document.js';
import { type SignatureMaterial, collectSignatureMaterial } from './material.js';

export type LtvLevel = 'B-LT' | 'B-LTA';

export interface LtvOptions {
  /** Anchors and intermediates: validation data is collected only for chains that reach one. */
  store: TrustStore;
  /** Fetch rules for certificate URLs (address policy, URL budget, size and time caps). */
  limits: FetchLimits;
  /** The trust config's `online`: false forbids fetching from certificate URLs, so no data can be had. */
  online?: boolean;
  /** Add an archive timestamp (B-LTA) after the validation data. */
  lta: boolean;
  /** RFC 3161 TSA for the archive timestamp. */
  tsa?: string;
  /** Replaces the HTTP TSA client (daemon-side clients, tests). */
  stamp?: StampDigest;
  /** When the revocation answers must be current (default now). */
  now?: Date;
}

export interface LtvResult {
  level: LtvLevel;
  /** Signatures and document timestamps given validation data by this run (those without a /VRI entry). */
  signatures: number;
  /** Incremental updates appended (DSS, archive timestamp, DSS for its TSA). */
  updates: number;
}

/**
 * Adds to a signed document the validation data of every signature and document timestamp it
 * holds, in a /DSS update, and with `lta` an archive timestamp followed by its TSA's own data.
 * Everything is collected before the first byte is appended: a certificate without revocation data
 * fails with nothing written. Only appends; earlier bytes, and so earlier signatures, stay as they are.
 */
export async function addValidationData(doc: GrowingDocument, opts: LtvOptions): Promise<LtvResult> {
  if (opts.lta && !opts.tsa && !opts.stamp)
    throw new VanthuError('USAGE', 'an archive timestamp (B-LTA) needs a TSA URL (--tsa)');
  if (opts.online === false)
    throw new VanthuError(
      'REVOCATION_UNAVAILABLE',
      'the trust configuration is offline (trust.online: false): validation data cannot be fetched',
    );
  const material: SignatureMaterial[] = [];
  const reader = doc.reader();
  let dss: Buffer | undefined;
  try {
    const signed = reader.signatureFields().filter((f) => f.value && f.contents && f.contents.length > 0);
    if (signed.length === 0) throw new VanthuError('NO_SIGNATURE');
    // A signature the store already has a /VRI entry for keeps its data: its certificates may have
    // expired since, and renewing the archive timestamp must not depend on their CAs still answering.
    const covered = vriKeys(reader);
    for (const f of signed)
      if (!covered.has(vriKey(f.contents!)))
        material.push(await collectSignatureMaterial(f.contents!, collectOpts(opts)));
    if (material.length > 0) dss = buildDssUpdate(reader, material);
  } finally {
    reader.close();
  }
  let updates = 0;
  if (dss) {
    await doc.append(dss);
    updates++;
  }
  if (opts.lta) {
    const stamp: StampDigest =
      opts.stamp ?? ((digest) => requestTimestampForDigest(digest, { url: opts.tsa!, hash: 'SHA-256' }));
    const contents = await appendDocTimestamp(doc, stamp);
    updates++;
    // The archive timestamp's TSA chain and revocation answers, so the timestamp itself validates
    // offline; it is not covered by any timestamp until the next refresh (as in PAdES).
    const own = await collectSignatureMaterial(contents, collectOpts(opts));
    const r = doc.reader();
    let more: Buffer | undefined;
    try {
      more = buildDssUpdate(r, [own]);
    } finally {
      r.close();
    }
    if (more) {
      await doc.append(more);
      updates++;
    }
  }
  return { level: opts.lta ? 'B-LTA' : 'B-LT', signatures: material.length, updates };
}

function collectOpts(opts: LtvOptions): { store: TrustStore; limits: FetchLimits; now?: Date } {
  return { store: opts.store, limits: opts.limits, ...(opts.now ? { now: opts.now } : {}) };
}

/**
 * `vanthu ltv extend IN -o OUT`: IN copied next to OUT, extended there, flushed and renamed over
 * OUT. A failure leaves no output (and IN is never modified); IN may equal OUT, which then stays as
 * it was on failure.
 */
export async function extendFile(inPath: string, outPath: string, opts: LtvOptions): Promise<LtvResult> {
  let size: number;
  try {
    size = (await stat(inPath)).size;
  } catch (e) {
    throw new VanthuError('FILE_NOT_FOUND', inPath, undefined, { cause: e });
  }
  const tmp = join(dirname(outPath), `.${basename(outPath)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await copyFile(inPath, tmp);
    const result = await addValidationData(GrowingDocument.file(tmp, size), opts);
    await rename(tmp, outPath);
    return result;
  } catch (e) {
    await rm(tmp, { force: true });
    if (e instanceof VanthuError) throw e;
    throw new VanthuError('IO_ERROR', `${outPath}: ${(e as Error).message}`, undefined, { cause: e });
  }
}
