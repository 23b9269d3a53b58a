import { checkSigner } from '../cms/check-signer.js';
import { type ParsedCms, essMatches } from '../cms/parse.js';
import { DIGESTS } from '../cms/verify-value.js';
import type { PdfReader, SignatureFieldInfo } from '../pdf/reader/index.js';
import { isoVietnam } from '../pdf/sign/time.js';
import { type CertInfo, KU, certInfo } from '../trust/certificate.js';
import { type ChainOptions, type ChainResult, buildChain } from '../trust/chain.js';
import { type RevocationOptions, type RevocationResult, checkRevocation } from '../trust/revocation.js';
import {
  type TimestampResult,
  verifyTimestampImprint,
  verifyTimestampToken,
} from '../trust/timestamp-token.js';
import type { ByteRangeCheck } from './byte-range.js';
import type { ChangeReport } from './changes.js';
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

  const leaf = cms?.signerCertificate ? safeCert(cms.signerCertificate) : undefined;
  if (cms && !leaf) format.push('the signer certificate is not embedded in the signature');
  let hashOk = false;
  let cryptoOk = false;
  let algorithm: string | null = null;
  let ts: TimestampResult | undefined;
  if (docTs && cms && leaf && field.contents) {
    const digest = input.digest;
    ts = await verifyTimestampImprint(
      field.contents,
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
    ts = await verifyTimestampToken(cms.timestampToken, cms.signatureValue, ctx.chain);
    warnings.push(...ts.problems.map((p) => `timestamp: ${p}`));
  }
  const tsTime = ts?.valid ? ts.genTime : undefined;
  const signingTime = tsTime ?? claimed;
  if (claimed) {
    const w = signingTimeWarning(claimed, tsTime ?? ctx.now, tsTime !== undefined);
    if (w) warnings.push(w);
  }
  let timestampProblem: string | undefined;
  if (ts?.broken && !docTs) timestampProblem = ts.problems.join('; ');

  let chain: ChainResult | undefined;
  let revocation: RevocationResult = { status: 'NOT_CHECKED', errors: [] };
  let validity: Findings['validity'] = 'ok';
  let keyUsageOk = true;
  let cryptoConstraint: string | undefined;
  let expiredNowWithoutPoe = false;
  if (leaf && cryptoOk) {
    const embedded = (cms?.certificates ?? []).map(safeCert).filter((c): c is CertInfo => c !== undefined);
    chain = await buildChain(leaf, embedded, ctx.chain);
    const at = signingTime ?? ctx.now;
    if (at < leaf.notBefore) validity = 'not-yet-valid';
    else if (at > leaf.notAfter) validity = 'expired';
    else if (!tsTime && ctx.now > leaf.notAfter) {
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
    cryptoConstraint = cryptoConstraints(cms!, leaf, ctx.policy, warnings);
    const issuer = chain.chain[1];
    if (issuer) {
      revocation = await checkRevocation(leaf, issuer, { ...ctx.revocation, now: ctx.now });
      if (revocation.status === 'UNKNOWN') warnings.push(...revocation.errors.map((e) => `revocation: ${e}`));
    }
  }
  const revokedBeforeSigning =
    revocation.status === 'REVOKED' &&
    (!revocation.revokedAt || !signingTime || revocation.revokedAt <= signingTime);
  const findings: Findings = {
    policy: ctx.policy,
    allowAnnotations: ctx.allowAnnotations,
    format,
    hashOk,
    cryptoOk,
    signingCertificateOk,
    changes: input.changes.level,
    timestampProblem,
    poe: tsTime !== undefined,
    validity,
    expiredNowWithoutPoe,
    chain: chain?.status ?? 'NO_CHAIN',
    chainProblems: chain?.problems ?? [],
    keyUsageOk,
    revocation: revocation.status,
    revokedBeforeSigning,
    cryptoConstraint,
  };
  const verdict = decide(findings);
  errors.push(...format, ...input.changes.findings, ...(chain?.problems ?? []));
  if (timestampProblem) errors.push(`timestamp: ${timestampProblem}`);
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
  if (revocation.status === 'REVOKED')
    errors.push(
      `the certificate is revoked${revocation.revokedAt ? ` since ${isoVietnam(revocation.revokedAt)}` : ''} (${revocation.source ?? ''})`,
    );
  if (cryptoConstraint) errors.push(cryptoConstraint);
  if (input.changes.level === 'ANNOTATIONS' && ctx.allowAnnotations)
    warnings.push('annotations were added after signing (allowed by policy)');
  if (ctx.policy === 'strict' && revocation.status !== 'GOOD' && revocation.status !== 'REVOKED')
    errors.push(`revocation status ${revocation.status}`);

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
    chain: chain?.status ?? 'NO_CHAIN',
    revocation: revocation.status,
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

/** MD5 and RSA < 2048 are refused; SHA-1 is a warning under standard and refused under strict. */
function cryptoConstraints(
  cms: ParsedCms,
  leaf: CertInfo,
  policy: Policy,
  warnings: string[],
): string | undefined {
  const weak = DIGESTS[cms.digestOid]?.weak;
  if (weak === 'md5') return 'MD5 digest';
  if (leaf.keyBits !== undefined && leaf.keyBits < 2048)
    return `RSA key of ${leaf.keyBits} bits (at least 2048 required)`;
  if (weak === 'sha1') {
    if (policy === 'strict') return 'SHA-1 digest (refused under the strict policy)';
    warnings.push('SHA-1 digest');
  }
  return undefined;
}

/** PDF /Rect corners → [x, y, width, height], the form `vanthu sign --rect` and its JSON use. */
function xywh([llx, lly, urx, ury]: readonly number[]): [number, number, number, number] {
  const x = Math.min(llx ?? 0, urx ?? 0);
  const y = Math.min(lly ?? 0, ury ?? 0);
  return [x, y, Math.abs((urx ?? 0) - (llx ?? 0)), Math.abs((ury ?? 0) - (lly ?? 0))];
}
