import { createHash } from 'node:crypto';
import { AsnConvert } from '../asn1/schema.js';
import { TSTInfo } from '../asn1/tsp.js';
import { checkSigner, cmsDigest } from '../cms/check-signer.js';
import { CmsFormatError, type ParsedCms, essMatches, parseCms } from '../cms/parse.js';
import { DIGESTS } from '../cms/verify-value.js';
import { type CertInfo, EKU_TIME_STAMPING, certInfo } from './certificate.js';
import { type ChainOptions, type ChainStatus, buildChain } from './chain.js';

const id_ct_TSTInfo = '1.2.840.113549.1.9.16.1.4';

export interface TimestampResult {
  valid: boolean;
  /** The imprint equals the digest of what the token should cover. */
  imprintOk: boolean;
  /** The token's SignedData verifies with the TSA certificate. */
  signatureOk: boolean;
  /** The token itself is wrong (structure, imprint, signature), not merely untrusted. */
  broken: boolean;
  genTime: Date | undefined;
  /** TSA certificate subject. */
  tsa: string | undefined;
  chain: ChainStatus;
  problems: string[];
}

/**
 * An RFC 3161 signature timestamp (PAdES B-T): a valid SignedData over a TSTInfo whose imprint is
 * the digest of `signatureValue`, signed by a certificate with id-kp-timeStamping that chains to a
 * trust anchor and was valid at genTime.
 */
export async function verifyTimestampToken(
  token: Uint8Array,
  signatureValue: Uint8Array,
  opts: ChainOptions,
): Promise<TimestampResult> {
  return verifyTimestampImprint(
    token,
    (hash) => createHash(hash).update(signatureValue).digest(),
    opts,
    'the signature value',
  );
}

/** The imprint hash (node:crypto name) of a TSTInfo, for document timestamps hashed with the ranges. */
export function tstImprintHash(eContent: Uint8Array): string | undefined {
  return DIGESTS[readTstInfo(eContent).messageImprint.hashAlgorithm.algorithm]?.node;
}

/** A document timestamp's TSTInfo is read for its imprint hash, then again to check it: parsed once. */
const tstInfos = new WeakMap<Uint8Array, TSTInfo>();

function readTstInfo(eContent: Uint8Array): TSTInfo {
  let tst = tstInfos.get(eContent);
  if (!tst) {
    tst = AsnConvert.parse(new Uint8Array(eContent).buffer, TSTInfo);
    tstInfos.set(eContent, tst);
  }
  return tst;
}

/**
 * The token checks with the imprint compared against `imprintOf(hash)`: the digest, with the
 * token's imprint algorithm, of what it should cover (a signature value, or for a document
 * timestamp the PDF byte ranges). A document timestamp's token is the signature's own CMS, which
 * the caller has already parsed (strictly, by the same parseCms): it is passed as such.
 */
export async function verifyTimestampImprint(
  token: Uint8Array | ParsedCms,
  imprintOf: (nodeHash: string) => Uint8Array | undefined,
  opts: ChainOptions,
  covered: string,
): Promise<TimestampResult> {
  const problems: string[] = [];
  let imprintOk = false;
  let signatureOk = false;
  const fail = (p: string, genTime?: Date): TimestampResult => ({
    valid: false,
    imprintOk,
    signatureOk,
    broken: true,
    genTime,
    tsa: undefined,
    chain: 'NO_CHAIN',
    problems: [...problems, p],
  });
  let parsed: ReturnType<typeof parseCms>;
  let tst: TSTInfo;
  try {
    parsed = token instanceof Uint8Array ? parseCms(token) : token;
    if (parsed.eContentType !== id_ct_TSTInfo || !parsed.eContent)
      return fail('the token does not hold a TSTInfo');
    tst = readTstInfo(parsed.eContent);
  } catch (e) {
    return fail(
      `unreadable timestamp token: ${e instanceof CmsFormatError ? e.message : (e as Error).message}`,
    );
  }
  const genTime = tst.genTime;
  const imprintAlg = DIGESTS[tst.messageImprint.hashAlgorithm.algorithm];
  if (!imprintAlg) return fail(`unknown imprint hash ${tst.messageImprint.hashAlgorithm.algorithm}`, genTime);
  const expected = imprintOf(imprintAlg.node);
  if (!expected || !Buffer.from(expected).equals(Buffer.from(tst.messageImprint.hashedMessage.buffer)))
    return fail(`the timestamp imprint does not match ${covered}`, genTime);
  imprintOk = true;
  if (!parsed.signerCertificate) return fail('the TSA certificate is not in the token', genTime);
  const tsa: CertInfo = certInfo(parsed.signerCertificate);
  const signer = checkSigner(parsed, cmsDigest(parsed, parsed.eContent), tsa.node.publicKey);
  if (!signer.digestMatches || !signer.signatureValid)
    return fail(`timestamp signature: ${signer.problems.join('; ')}`, genTime);
  signatureOk = true;
  if (!tsa.extendedKeyUsage.includes(EKU_TIME_STAMPING))
    problems.push('the TSA certificate lacks id-kp-timeStamping');
  if (parsed.ess && !essMatches(parsed.ess, parsed.signerCertificate))
    problems.push('the token signing-certificate does not name the TSA certificate');
  if (genTime < tsa.notBefore || genTime > tsa.notAfter)
    problems.push('the TSA certificate was not valid at genTime');
  const chain = await buildChain(
    tsa,
    parsed.certificates.map((d) => certInfo(d)),
    opts,
  );
  problems.push(...chain.problems.map((p) => `TSA chain: ${p}`));
  if (chain.status !== 'TRUSTED') problems.push(...chain.unfetched.map((u) => `TSA chain: ${u}`));
  return {
    valid: problems.length === 0 && chain.status === 'TRUSTED',
    imprintOk,
    signatureOk,
    broken: false,
    genTime,
    tsa: tsa.subjectDn,
    chain: chain.status,
    problems: chain.status === 'TRUSTED' ? problems : [...problems, `TSA chain ${chain.status}`],
  };
}
