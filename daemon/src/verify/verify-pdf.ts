import { readFileSync } from 'node:fs';
import { VanthuError } from '@vanthu/shared/errors/index';
import { CmsFormatError, type ParsedCms, parseCms } from '../cms/parse.js';
import { DIGESTS } from '../cms/verify-value.js';
import { PdfReader, type SignatureFieldInfo } from '../pdf/reader/index.js';
import { isoVietnam } from '../pdf/sign/time.js';
import { certInfo } from '../trust/certificate.js';
import { type ParsedCrl, parseCrl } from '../trust/crl.js';
import { type TrustFetchConfig, verificationFetchLimits } from '../trust/fetch-limits.js';
import { TrustStore } from '../trust/store.js';
import { type ByteRangeCheck, checkByteRange } from './byte-range.js';
import { type ChangeReport, analyseChanges } from './changes.js';
import { overall } from './indication.js';
import { type ByteInput, type DigestJob, digestRanges } from './range-digest.js';
import { documentWarnings } from './document-warnings.js';
import { readDss } from './dss-material.js';
import type { Coverage, Policy, SignatureReport, VerifyReport } from './types.js';
import {
  DOC_TIMESTAMP,
  type SignatureInput,
  type VerifyContext,
  verifySignature,
} from './verify-signature.js';

export interface VerifyOptions {
  /** A prepared trust store; otherwise one is built from `trustPaths` and `intermediatePaths`. */
  trust?: TrustStore;
  trustPaths?: readonly string[];
  intermediatePaths?: readonly string[];
  /** CRL files installed by the admin (DER or PEM). */
  crlPaths?: readonly string[];
  policy?: Policy;
  /** Fetch revocation data and missing issuers from certificate URLs (default true). */
  online?: boolean;
  /** Accept comments and other annotations added after signing (default false). */
  allowAnnotations?: boolean;
  /** Validation time (default now). */
  now?: Date;
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** Internal hosts/networks certificate URLs may reach and the per-verification URL cap (`trust.fetch`). */
  fetch?: TrustFetchConfig;
  cacheDir?: string;
  /** Name reported as `file` (default: the path, or "input.pdf" for bytes). */
  fileName?: string;
}

interface Candidate {
  field: SignatureFieldInfo;
  range: ByteRangeCheck;
  cms: ParsedCms | undefined;
  cmsError: string | undefined;
}

/**
 * Verifies every signature of a PDF (path or bytes) and returns the object `vanthu verify --json`
 * prints. Input errors (unreadable, malformed, encrypted PDF) throw VanthuError; a file without
 * signatures is a report with no signatures and indication INDETERMINATE.
 */
export async function verifyPdf(
  input: string | Uint8Array,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  // Wrong xref offsets are recovered by scanning (as viewers do); each signature then says so.
  const open = { relocate: true };
  const reader =
    typeof input === 'string' ? PdfReader.fromFile(input, open) : PdfReader.fromBuffer(input, open);
  try {
    return await verifyWithReader(
      reader,
      typeof input === 'string' ? { path: input } : { bytes: input },
      options,
      input,
    );
  } finally {
    reader.close();
  }
}

async function verifyWithReader(
  reader: PdfReader,
  bytes: ByteInput,
  options: VerifyOptions,
  input: string | Uint8Array,
): Promise<VerifyReport> {
  const now = options.now ?? new Date();
  const policy = options.policy ?? 'standard';
  const store = options.trust ?? new TrustStore();
  if (!options.trust) {
    store.loadAnchors(options.trustPaths ?? []);
    store.loadIntermediates(options.intermediatePaths ?? []);
  }
  const crls = loadCrls(options.crlPaths ?? []);
  const limits = verificationFetchLimits(options);
  const online = options.online ?? true;
  // The document's validation data (PAdES B-LT): its certificates help build paths, its answers
  // are asked before any other source, so an LTV document validates offline.
  const dss = readDss(reader);
  const ctx: VerifyContext = {
    policy,
    allowAnnotations: options.allowAnnotations ?? false,
    chain: { store: dss ? store.withIntermediates(dss.certs) : store, online, limits },
    revocation: {
      online,
      limits,
      crls,
      ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
      ...(dss ? { embedded: dss } : {}),
    },
    now,
  };

  const signed = reader.signatureFields().filter((f) => f.value);
  const candidates: Candidate[] = signed.map((field) => {
    const range = checkByteRange(field.byteRange, field.contents, reader.source);
    let cms: ParsedCms | undefined;
    let cmsError: string | undefined;
    if (!field.contents || field.contents.length === 0) cmsError = 'the signature has no /Contents';
    else {
      try {
        cms = parseCms(field.contents);
        if (field.subFilter === DOC_TIMESTAMP) {
          if (!cms.eContent) cmsError = 'the document timestamp holds no TSTInfo';
        } else if (cms.eContent) cmsError = 'the CMS is not detached (it encapsulates content)';
      } catch (e) {
        cmsError = e instanceof CmsFormatError ? e.message : `CMS does not parse: ${(e as Error).message}`;
      }
    }
    return { field, range, cms, cmsError };
  });
  markSharedGaps(candidates);

  const jobs: DigestJob[] = [
    {
      id: -1,
      hash: 'sha256',
      ranges: [
        [0, reader.size],
        [reader.size, 0],
      ],
    },
  ];
  // Timestamp code loads only when the file has a document timestamp.
  const imprintHash = candidates.some((c) => c.field.subFilter === DOC_TIMESTAMP)
    ? (await import('../trust/timestamp-token.js')).tstImprintHash
    : undefined;
  const hashes = candidates.map((c) => digestHashOf(c, imprintHash));
  candidates.forEach((c, i) => {
    const hash = hashes[i];
    if (hash && c.range.ranges.length > 0) jobs.push({ id: i, hash, ranges: c.range.ranges });
  });
  const digests = await digestRanges(bytes, jobs);

  const changesByRevision = new Map<number, ChangeReport>();
  const reports: SignatureReport[] = [];
  // Document timestamps first: a valid one is the proof of existence of every earlier signature.
  const order = [...candidates.entries()].sort(
    ([, a], [, b]) =>
      Number(b.field.subFilter === DOC_TIMESTAMP) - Number(a.field.subFilter === DOC_TIMESTAMP),
  );
  const archive: { revision: number; genTime: Date }[] = [];
  for (const [i, c] of order) {
    const { revision, coverage, problem } = coverageOf(reader, c.range.end);
    let changes = changesByRevision.get(revision);
    if (!changes) {
      changes = analyseChanges(reader, revision);
      changesByRevision.set(revision, changes);
    }
    const sigInput: SignatureInput = {
      reader,
      field: c.field,
      range: c.range,
      cms: c.cms,
      cmsError: c.cmsError,
      digest: digests.get(i),
      digestHash: hashes[i],
      revision,
      coverage,
      coverageProblem: problem,
      changes,
      archivePoe: archivePoeOf(archive, revision),
    };
    const report = await verifySignature(sigInput, ctx);
    reports.push(report);
    if (
      c.field.subFilter === DOC_TIMESTAMP &&
      report.indication === 'TOTAL_PASSED' &&
      // Stryker disable next-line OptionalChaining: a document timestamp is TOTAL_PASSED only with a verified token, so `timestamp` is set
      report.timestamp?.genTime
    )
      archive.push({ revision, genTime: new Date(report.timestamp.genTime) });
  }
  reports.sort((a, b) => a.revision - b.revision);
  const leafKinds = candidates.map((c) => {
    try {
      // Stryker disable next-line OptionalChaining: without a CMS, reading it throws and the catch answers undefined the same
      return c.cms?.signerCertificate ? certInfo(c.cms.signerCertificate) : undefined;
    } catch {
      return undefined;
    }
  });
  const warnings = documentWarnings(
    reader,
    candidates.map((c) => c.field),
    reports,
    leafKinds,
    signed.length,
  );
  // A signature whose own revision has wrong xref offsets: what its signer saw is not certain.
  const damaged = new Map<number, boolean>();
  for (const r of reports) {
    let d = damaged.get(r.revision);
    if (d === undefined) {
      d = reader.misplacedAt(r.revision).length > 0;
      damaged.set(r.revision, d);
    }
    if (d) {
      r.warnings.push(
        'the file was repaired: the xref of the signed revision points at wrong objects, so what the signer saw cannot be fully established / tệp đã được sửa: bảng tham chiếu chéo của phiên bản được ký trỏ sai đối tượng',
      );
    }
  }
  if (reader.repaired || [...damaged.values()].some(Boolean)) {
    warnings.push(
      'the cross-reference data is damaged: objects were found by scanning the file / bảng tham chiếu chéo bị hỏng, đối tượng được tìm bằng cách quét tệp',
    );
  }
  return {
    file: options.fileName ?? (typeof input === 'string' ? input : 'input.pdf'),
    sha256: digests.get(-1)!.toString('hex'),
    indication: overall(reports.map((r) => r.indication)),
    signatures: reports,
    revisions: reader.revisions.length,
    order: reports.map((r) => r.field),
    warnings,
    policy,
    validatedAt: isoVietnam(now),
  };
}

/** The earliest archive timestamp in a revision after `revision`. */
function archivePoeOf(
  archive: readonly { revision: number; genTime: Date }[],
  revision: number,
): Date | undefined {
  let best: Date | undefined;
  for (const a of archive) if (a.revision > revision && (!best || a.genTime < best)) best = a.genTime;
  return best;
}

/** The hash the byte ranges need: the CMS digest, or a document timestamp's imprint algorithm. */
function digestHashOf(
  c: Candidate,
  tstImprintHash: ((eContent: Uint8Array) => string | undefined) | undefined,
): string | undefined {
  if (!c.cms) return undefined;
  if (c.field.subFilter === DOC_TIMESTAMP) {
    try {
      return c.cms.eContent && tstImprintHash ? tstImprintHash(c.cms.eContent) : undefined;
    } catch {
      return undefined;
    }
  }
  // Stryker disable next-line OptionalChaining: parseCms refuses a digest algorithm DIGESTS does not know
  return DIGESTS[c.cms.digestOid]?.node;
}

function loadCrls(paths: readonly string[]): ParsedCrl[] {
  const out: ParsedCrl[] = [];
  for (const p of paths) {
    for (const der of readCrlFile(p)) out.push(parseCrl(der));
  }
  return out;
}

function readCrlFile(path: string): Uint8Array[] {
  try {
    const bytes = new Uint8Array(readFileSync(path));
    const text = Buffer.from(bytes).toString('latin1');
    const pem = [...text.matchAll(/-----BEGIN X509 CRL-----([\s\S]*?)-----END X509 CRL-----/g)];
    const list =
      pem.length > 0
        ? pem.map((m) => new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64')))
        : [bytes];
    for (const der of list) parseCrl(der);
    return list;
  } catch (e) {
    if (e instanceof VanthuError) throw e;
    throw new VanthuError('TRUST_STORE_INVALID', `${path}: ${(e as Error).message}`);
  }
}

/** Two signatures sharing (part of) one excluded gap cannot both be what they claim. */
function markSharedGaps(list: Candidate[]): void {
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i]!.range.gap;
      const b = list[j]!.range.gap;
      if (a && b && a[0] < b[1] && b[0] < a[1]) {
        list[i]!.range.problems.push(`its gap overlaps the gap of ${list[j]!.field.name}`);
        list[j]!.range.problems.push(`its gap overlaps the gap of ${list[i]!.field.name}`);
      }
    }
  }
}

/** Which revision a ByteRange ends at, and whether the bytes after it are whole revisions. */
function coverageOf(
  reader: PdfReader,
  end: number,
): { revision: number; coverage: Coverage; problem: string | undefined } {
  const revs = reader.revisions;
  const last = revs[revs.length - 1]!;
  const isBlank = (from: number, to: number): boolean =>
    to <= from ||
    (to - from <= 4096 &&
      Buffer.from(reader.source.read(from, to - from)).every(
        (b) => b === 0x0a || b === 0x0d || b === 0x20 || b === 0x00,
      ));
  let idx = revs.findIndex(
    (r) => r.endOffset === end || (end < r.endOffset && r.endOffset - end <= 2 && isBlank(end, r.endOffset)),
  );
  if (end === reader.size) {
    return { revision: idx >= 0 ? idx : revs.length - 1, coverage: 'ENTIRE_FILE', problem: undefined };
  }
  const tailOk = last.endOffset >= reader.size || isBlank(last.endOffset, reader.size);
  if (idx >= 0 && tailOk) return { revision: idx, coverage: 'ENTIRE_REVISION', problem: undefined };
  if (idx < 0) {
    idx = 0;
    for (let i = 0; i < revs.length; i++) if (revs[i]!.endOffset <= end) idx = i;
  }
  return {
    revision: idx,
    coverage: 'PARTIAL',
    problem: tailOk
      ? 'the signature stops inside a revision: bytes it does not cover are not an incremental update'
      : 'bytes after the last revision are not covered by any signature',
  };
}
