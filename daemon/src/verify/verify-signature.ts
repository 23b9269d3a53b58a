import { checkSigner } from '../cms/check-signer.js';
import { type ParsedCms, essMatches } from '../cms/parse.js';
import type { PdfReader, SignatureFieldInfo } from '../pdf/reader/index.js';
import { isoVietnam } from '../pdf/sign/time.js';
import { type CertInfo, KU, certInfo } from '../trust/certificate.js';
import { type ChainRevocation, checkChainRevocation } from '../trust/chain-revocation.js';
import { type ChainOptions, type ChainResult, buildChain } from '../trust/chain.js';
import type { RevocationOptions } from '../trust/revocation.js';
import type { TimestampResult } from '../trust/timestamp-token.js';
import type { ByteRangeCheck } from './byte-range.js';
import type { ChangeReport } from './changes.js';
import { cryptoConstraints } from './crypto-constraints.js';
import { type Findings, decide } from './indication.js';
import { roleOf } from './roles.js';
import { parsePdfDate, signingTimeWarning } from './signing-time.js';
import type { Coverage, Policy, SignatureReport } from './types.js';

export interface VerifyContext {
  policy: Policy;
  allowAnnotations: boolean;
  chain: ChainOptions;
  revocation: Omit<RevocationOptions, 'now'>;
  /** Validation time. */
  now: Date;
}

/** What the document-level pass found for one signature. */
export interface SignatureInput {
  reader: PdfReader;
  field: SignatureFieldInfo;
  range: ByteRangeCheck;
  cms: ParsedCms | undefined;
  cmsError: string | undefined;
  /** Digest of the byte ranges with the CMS digest algorithm (a document timestamp: its imprint's). */
  digest: Buffer | undefined;
  /** node:crypto name of that digest. */
  digestHash: string | undefined;
  revision: number;
  coverage: Coverage;
  coverageProblem: string | undefined;
  changes: ChangeReport;
  /**
   * genTime of the earliest valid document timestamp in a later revision: proof that the signature
   * existed then (PAdES B-LTA), when it has no signature timestamp of its own or to extend it.
   */
  archivePoe?: Date | undefined;
}

const PADES = 'ETSI.CAdES.detached';
/** Document timestamp (PAdES B-LTA): the CMS is an RFC 3161 token over the byte ranges. */
export const DOC_TIMESTAMP = 'ETSI.RFC3161';
const PKCS7 = 'adbe.pkcs7.detached';

/** Runs every per-signature check and builds its report entry. */
export async function verifySignature(input: SignatureInput, ctx: VerifyContext): Promise<SignatureReport> {
  const { field, cms } = input;
  const warnings: string[] = [];
  const errors: string[] = [];
  const format = [...input.range.problems];
  if (input.cmsError) format.push(input.cmsError);
  if (input.coverageProblem) format.push(input.coverageProblem);
  const subFilter = field.subFilter ?? null;
  const docTs = subFilter === DOC_TIMESTAMP;
  if (subFilter !== PADES && subFilter !== PKCS7 && !docTs)
    format.push(`unsupported /SubFilter ${subFilter ?? '(none)'}`);
  if (cms?.trailingBytes) warnings.push('non-zero bytes follow the CMS inside /Contents');
  if (cms) warnings.push(...cms.warnings);

  const leaf = cms?.signerCertificate ? safeCert(cms.signerCertificate) : undefined;
  if (cms && !leaf) format.push('the signer certificate is not embedded in the signature');
  let hashOk = false;
  let cryptoOk = false;
  let algorithm: string | null = null;
  /** Digests the signature relies on: the CMS digestAlgorithm and the one of the signature value. */
  const signatureDigests: string[] = cms ? [cms.digestOid] : [];
  let ts: TimestampResult | undefined;
  if (docTs && cms && leaf && field.contents) {
    const digest = input.digest;
    // Timestamp code (and @peculiar/asn1-tsp) loads only for a signature that carries a token.
    const { verifyTimestampImprint } = await import('../trust/timestamp-token.js');
    ts = await verifyTimestampImprint(
      cms,
      (h) => (h === input.digestHash ? digest : undefined),
      ctx.chain,
      'the signed byte ranges',
    );
    hashOk = ts.imprintOk;
    cryptoOk = ts.signatureOk;
    if (ts.imprintOk && ts.signatureOk) warnings.push(...ts.problems.map((p) => `timestamp: ${p}`));
    else errors.push(...ts.problems);
    warnings.push('document timestamp');
  } else if (cms && leaf && input.digest) {
    const s = checkSigner(cms, input.digest, leaf.node.publicKey);
    hashOk = s.digestMatches;
    cryptoOk = s.signatureValid;
    algorithm = s.algorithm || null;
    signatureDigests.push(s.digestOid);
    errors.push(...s.problems);
    if (!cms.signedAttrsDer) format.push('the CMS has no signed attributes');
  }
  let signingCertificateOk = leaf !== undefined;
  if (cms && leaf && !docTs) {
    if (cms.ess) {
      if (!essMatches(cms.ess, leaf.der)) {
        signingCertificateOk = false;
        errors.push('signing-certificate attribute does not name the signer certificate');
      }
    } else if (subFilter === PADES) {
      signingCertificateOk = false;
      errors.push('PAdES signature without signing-certificate-v2');
    }
    if (subFilter === PADES && cms.signingTime)
      warnings.push('PAdES signature carries a CMS signing-time attribute');
  }

  // Time: the timestamp's genTime when it verifies, else the claimed time (/M, CMS signing-time).
  const claimed = cms?.signingTime ?? parsePdfDate(field.signingTime);
  if (cms?.timestampToken && cryptoOk && !docTs) {
    const { verifyTimestampToken } = await import('../trust/timestamp-token.js');
    ts = await verifyTimestampToken(cms.timestampToken, cms.signatureValue, ctx.chain);
    warnings.push(...ts.problems.map((p) => `timestamp: ${p}`));
  }
  const tsTime = ts?.valid ? ts.genTime : undefined;
  const signingTime = tsTime ?? claimed;
  // Best proof of existence: the signature timestamp, else a later document timestamp.
  const poeTime = tsTime ?? (docTs ? undefined : input.archivePoe);
  if (claimed) {
    const w = signingTimeWarning(claimed, tsTime ?? ctx.now, tsTime !== undefined);
    if (w) warnings.push(w);
  }
  let timestampProblem: string | undefined;
  // Stryker disable next-line StringLiteral: a broken token carries exactly one problem (the check stops at it), so no separator is ever written
  if (ts?.broken && !docTs) timestampProblem = ts.problems.join('; ');

  let chain: ChainResult | undefined;
  let revocation: ChainRevocation = { status: 'NOT_CHECKED', certificates: [] };
  let validity: Findings['validity'] = 'ok';
  let keyUsageOk = true;
  let cryptoFailures: string[] = [];
  let expiredNowWithoutPoe = false;
  if (leaf && cryptoOk) {
    // Stryker disable next-line OptionalChaining,ArrayDeclaration: a leaf comes from the CMS, whose certificate list is always an array
    const embedded = (cms?.certificates ?? []).map(safeCert).filter((c): c is CertInfo => c !== undefined);
    chain = await buildChain(leaf, embedded, ctx.chain);
    // An issuer that could not be fetched is why the chain stopped short: say so.
    if (chain.status !== 'TRUSTED') warnings.push(...chain.unfetched);
    const at = signingTime ?? ctx.now;
    if (at < leaf.notBefore) validity = 'not-yet-valid';
    else if (at > leaf.notAfter) validity = 'expired';
    else if (!poeTime && ctx.now > leaf.notAfter) {
      expiredNowWithoutPoe = true;
      warnings.push('the certificate has expired since signing and no timestamp proves the signing time');
    }
    for (const ca of chain.chain.slice(1)) {
      if (at < ca.notBefore || at > ca.notAfter)
        warnings.push(`CA certificate ${ca.subjectDn} was not valid at the signing time`);
    }
    const ku = leaf.keyUsage;
    if (ku !== undefined && (ku & (KU.digitalSignature | KU.nonRepudiation)) === 0) {
      keyUsageOk = false;
      errors.push('the certificate key usage allows neither non-repudiation nor digital signature');
    } else if (ku !== undefined && (ku & KU.nonRepudiation) === 0) {
      warnings.push('the certificate lacks non-repudiation (digital signature only)');
    }
    const crypto = cryptoConstraints(signatureDigests, chain.chain, ctx.policy);
    cryptoFailures = crypto.failures;
    warnings.push(...crypto.warnings);
    // The document's own answers (/DSS) must speak for the time the signature is proven to exist.
    revocation = await checkChainRevocation(chain, {
      ...ctx.revocation,
      now: ctx.now,
      embeddedAt: poeTime ?? signingTime ?? ctx.now,
    });
    for (const c of revocation.certificates)
      if (c.status === 'UNKNOWN') warnings.push(...c.errors.map((e) => `revocation${certLabel(c)}: ${e}`));
  }
  const revoked = revocation.certificates.filter((c) => c.status === 'REVOKED');
  const revokedBeforeSigning = revoked.some(
    (c) => !c.revokedAt || !signingTime || c.revokedAt <= signingTime,
  );
  // Once the certificate has expired its CA no longer answers for it: only an answer issued while
  // it was still valid (kept in the /DSS, or a revocation) establishes its status.
  const leafRevocation = revocation.certificates.find((c) => c.depth === 0);
  const revocationOutOfBounds =
    leaf !== undefined &&
    chain !== undefined &&
    ctx.now > leaf.notAfter &&
    !(
      leafRevocation?.status === 'REVOKED' ||
      (leafRevocation?.status === 'GOOD' &&
        leafRevocation.thisUpdate !== undefined &&
        leafRevocation.thisUpdate <= leaf.notAfter)
    );
  if (revocationOutOfBounds)
    warnings.push(
      'the certificate has expired and no revocation data from before its expiry is available (the document carries no LTV data for it)',
    );
  const ltv =
    chain?.status === 'TRUSTED' &&
    revocation.certificates.length > 0 &&
    revocation.certificates.every((c) => c.source?.endsWith('(DSS)') === true);
  const findings: Findings = {
    policy: ctx.policy,
    allowAnnotations: ctx.allowAnnotations,
    format,
    hashOk,
    cryptoOk,
    signingCertificateOk,
    changes: input.changes.level,
    changesIncomplete: input.changes.incomplete,
    timestampProblem,
    poe: poeTime !== undefined && revoked.every((c) => c.revokedAt !== undefined && c.revokedAt > poeTime),
    revocationOutOfBounds,
    validity,
    expiredNowWithoutPoe,
    // Stryker disable next-line StringLiteral: without a chain the signature has already failed on its CMS, digest or signature value, which the verdict judges first
    chain: chain?.status ?? 'NO_CHAIN',
    // Stryker disable next-line ArrayDeclaration: without a chain the signature has already failed on its CMS, digest or signature value, which the verdict judges first
    chainProblems: chain?.problems ?? [],
    keyUsageOk,
    revocation: revocation.status,
    revokedBeforeSigning,
    revokedCaOnly: revoked.length > 0 && revoked.every((c) => c.depth > 0),
    // Stryker disable next-line StringLiteral: the verdict reads only whether there is a failure; the failures themselves go to the errors one by one
    cryptoConstraint: cryptoFailures.length > 0 ? cryptoFailures.join('; ') : undefined,
  };
  const verdict = decide(findings);
  errors.push(...format, ...input.changes.findings, ...(chain?.problems ?? []));
  if (timestampProblem) errors.push(`timestamp: ${timestampProblem}`);
  if (revocationOutOfBounds)
    errors.push('the certificate has expired and its revocation status before expiry is not established');
  if (validity !== 'ok')
    errors.push(
      `the certificate was ${validity === 'expired' ? 'expired' : 'not yet valid'} at the signing time`,
    );
  if (chain && chain.status !== 'TRUSTED')
    errors.push(
      chain.status === 'UNTRUSTED'
        ? 'the root certificate is not trusted'
        : 'no certificate chain to a trusted root',
    );
  for (const c of revoked)
    errors.push(
      `${c.depth === 0 ? 'the certificate' : `CA certificate ${c.certificate.subjectDn}`} is revoked${c.revokedAt ? ` since ${isoVietnam(c.revokedAt)}` : ''} (${c.source ?? ''})`,
    );
  errors.push(...cryptoFailures);
  if (input.changes.level === 'ANNOTATIONS' && ctx.allowAnnotations)
    warnings.push('annotations were added after signing (allowed by policy)');
  if (ctx.policy === 'strict' && revocation.status !== 'GOOD' && revocation.status !== 'REVOKED')
    if (revocation.certificates.length === 0) errors.push(`revocation status ${revocation.status}`);
    else
      for (const c of revocation.certificates)
        if (c.status !== 'GOOD') errors.push(`revocation status${certLabel(c)} ${c.status}`);

  const widget = field.widgets.find((w) => w.rect[2] - w.rect[0] > 0 && w.rect[3] - w.rect[1] > 0);
  const pageIndex = widget?.pageRef ? input.reader.pageIndexOf(widget.pageRef) : undefined;
  return {
    field: field.name,
    role: roleOf(input.reader, field),
    subFilter,
    signer: {
      commonName: leaf?.subject['CN'] ?? null,
      organization: leaf?.subject['O'] ?? null,
      serialNumber: leaf?.serialHex ?? null,
      issuer: leaf?.issuerDn ?? null,
    },
    signingTime: signingTime ? isoVietnam(signingTime) : null,
    signingTimeSource: tsTime ? 'timestamp' : signingTime ? 'claimed' : 'none',
    level: docTs ? null : !cms?.timestampToken ? 'B-B' : !ltv ? 'B-T' : input.archivePoe ? 'B-LTA' : 'B-LT',
    ltv,
    proofOfExistence: poeTime ? isoVietnam(poeTime) : null,
    timestamp: ts
      ? {
          genTime: ts.genTime ? isoVietnam(ts.genTime) : null,
          tsa: ts.tsa ?? null,
          valid: ts.valid,
          chain: ts.chain,
        }
      : null,
    indication: verdict.indication,
    subIndication: verdict.subIndication,
    integrity: hashOk && cryptoOk,
    coverage: input.coverage,
    modificationsAfter: input.changes.level,
    changedPages: input.changes.pages,
    chain: chain?.status ?? 'NO_CHAIN',
    revocation: revocation.status,
    chainRevocation: revocation.certificates.map((c) => ({
      subject: c.certificate.subjectDn,
      serialNumber: c.certificate.serialHex,
      status: c.status,
      source: c.source ?? null,
      revokedAt: c.revokedAt ? isoVietnam(c.revokedAt) : null,
    })),
    page: widget && pageIndex !== undefined ? pageIndex + 1 : null,
    rect: widget ? xywh(widget.rect) : [0, 0, 0, 0],
    warnings,
    errors: verdict.indication === 'TOTAL_PASSED' ? [] : [...new Set(errors)],
    revision: input.revision,
    algorithm,
    certificate: leaf
      ? {
          notBefore: isoVietnam(leaf.notBefore),
          notAfter: isoVietnam(leaf.notAfter),
          sha256: leaf.fingerprint,
        }
      : null,
    trustAnchor: chain?.anchor ? (ctx.chain.store.known(chain.anchor)?.name ?? chain.anchor.subjectDn) : null,
  };
}

function safeCert(der: Uint8Array): CertInfo | undefined {
  try {
    return certInfo(der);
  } catch {
    return undefined;
  }
}

/** " of CA certificate CN=…" for a CA's revocation lines; nothing for the signer's own. */
function certLabel(c: ChainRevocation['certificates'][number]): string {
  return c.depth === 0 ? '' : ` of CA certificate ${c.certificate.subjectDn}`;
}

/** PDF /Rect corners → [x, y, width, height], the form `vanthu sign --rect` and its JSON use. */
function xywh([llx, lly, urx, ury]: readonly number[]): [number, number, number, number] {
  const x = Math.min(llx ?? 0, urx ?? 0);
  const y = Math.min(lly ?? 0, ury ?? 0);
  return [x, y, Math.abs((urx ?? 0) - (llx ?? 0)), Math.abs((ury ?? 0) - (lly ?? 0))];
}
