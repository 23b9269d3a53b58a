import { createHash, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { PDFDocument } from 'pdf-lib';
import { buildSignedData } from '../../daemon/src/cms/index.js';
import { parseCms } from '../../daemon/src/cms/parse.js';
import type { SubFilter } from '../../daemon/src/cms/signed-data.js';
import { DIGESTS } from '../../daemon/src/cms/verify-value.js';
import { PdfReader } from '../../daemon/src/pdf/reader/index.js';
import { name, text } from '../../daemon/src/pdf/writer/serialize.js';
import type { Signer } from '../../daemon/src/token/signer.js';
import { type ParsedCrl, parseCrl } from '../../daemon/src/trust/crl.js';
import { verificationFetchLimits } from '../../daemon/src/trust/fetch-limits.js';
import { TrustStore } from '../../daemon/src/trust/store.js';
import { checkByteRange } from '../../daemon/src/verify/byte-range.js';
import type { Policy } from '../../daemon/src/verify/types.js';
import type { SignatureInput, VerifyContext } from '../../daemon/src/verify/verify-signature.js';
import { acroFormWith, pageAnnotsWith } from './pdf-form-edits.js';
import { signatureField } from './pdf-hand-signing.js';
import { writeUpdate } from './pdf-update-writer.js';

/** A one-page PDF: the smallest document a signature can be placed on. */
export async function onePagePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([595.28, 841.89]);
  return doc.save({ useObjectStreams: false });
}

export interface HandSignOptions {
  subFilter?: SubFilter;
  /** Field name (default CaNhan, the approver's). */
  field?: string;
  /** Widget rectangle (PDF corners); invisible by default. */
  rect?: number[];
  /** /M of the signature dictionary; none by default. */
  claimedTime?: Date;
  /** CMS signing-time attribute (the builder writes it for adbe.pkcs7.detached only). */
  signingTime?: Date;
  /** RFC 3161 token over the signature value (PAdES B-T). */
  timestamp?: (signatureValue: Uint8Array) => Promise<Uint8Array>;
}

const pdfDate = (d: Date): string => `D:${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;

/**
 * `input` signed in one hand-written incremental update (a signature field on page 1 and its CMS
 * from the builder the engine uses): a signature in milliseconds, without layout or appearance.
 */
export async function handSigned(
  input: Uint8Array,
  signer: Signer,
  opts: HandSignOptions = {},
): Promise<Buffer> {
  const subFilter = opts.subFilter ?? 'ETSI.CAdES.detached';
  const written = writeUpdate(input, (r, next) => {
    const sigExtra = {
      SubFilter: name(subFilter),
      ...(opts.claimedTime ? { M: text(pdfDate(opts.claimedTime)) } : { M: null }),
    };
    const f = signatureField(r, next, {
      field: opts.field ?? 'CaNhan',
      ...(opts.rect ? { rect: opts.rect } : {}),
      sigExtra,
    });
    return {
      objects: [
        ...f.objects,
        ...pageAnnotsWith(r, 0, [f.widget]),
        ...acroFormWith(r, next, { fields: [f.widget], acro: (acro) => acro.set('SigFlags', 3) }),
      ],
    };
  });
  const out = Buffer.from(written.bytes);
  const contents = written.marks.get('contents')!;
  const br = written.marks.get('byteRange')!;
  const a = contents.offset;
  const b = contents.offset + contents.length;
  out.write(`[0 ${a} ${b} ${out.length - b}]`.padEnd(br.length, ' '), br.offset, 'latin1');
  const digest = createHash('sha256').update(out.subarray(0, a)).update(out.subarray(b)).digest();
  const cms = await buildSignedData({
    signer,
    contentDigest: digest,
    subFilter,
    ...(opts.signingTime ? { signingTime: opts.signingTime } : {}),
    ...(opts.timestamp ? { timestamp: opts.timestamp } : {}),
  });
  out.write(Buffer.from(cms).toString('hex'), a + 1, 'latin1');
  return out;
}

/**
 * The input verifySignature gets for the last signature of `pdf`, read the way verify-pdf.ts reads
 * it (byte ranges, strict CMS parse, digest of the ranges), with an unchanged revision: tests then
 * vary one part of it to state one rule of the per-signature checks.
 */
export async function signatureInputOf(pdf: Uint8Array): Promise<SignatureInput> {
  const reader = PdfReader.fromBuffer(pdf, { relocate: true });
  const field = reader
    .signatureFields()
    .filter((f) => f.value)
    .at(-1);
  if (!field?.contents || !field.byteRange) throw new Error('the PDF has no signature');
  const cms = parseCms(field.contents);
  const [a = 0, la = 0, b = 0, lb = 0] = field.byteRange;
  const signed = Buffer.concat([pdf.subarray(a, a + la), pdf.subarray(b, b + lb)]);
  let digestHash = DIGESTS[cms.digestOid]?.node;
  if (field.subFilter === 'ETSI.RFC3161' && cms.eContent) {
    const { tstImprintHash } = await import('../../daemon/src/trust/timestamp-token.js');
    digestHash = tstImprintHash(cms.eContent);
  }
  return {
    reader,
    field,
    range: checkByteRange(field.byteRange, field.contents, reader.source),
    cms,
    cmsError: undefined,
    digest: digestHash ? createHash(digestHash).update(signed).digest() : undefined,
    digestHash,
    revision: reader.revisions.length - 1,
    coverage: 'ENTIRE_FILE',
    coverageProblem: undefined,
    changes: { level: 'NONE', findings: [], pages: [], incomplete: false },
  };
}

export interface ContextOptions {
  /** Trust anchors (DER); none = nothing is trusted. */
  anchors?: readonly Uint8Array[];
  policy?: Policy;
  now?: Date;
  allowAnnotations?: boolean;
  /** Installed CRLs (config `trust.crls`). */
  crls?: readonly ParsedCrl[];
  /** CRLs the document carries in its /DSS. */
  dssCrls?: readonly ParsedCrl[];
  /** Fetch from certificate URLs (default false); loopback and private addresses stay refused. */
  online?: boolean;
}

/** A verification context, offline unless asked: revocation then comes only from the given CRLs. */
export function offlineContext(opts: ContextOptions = {}): VerifyContext {
  const store = new TrustStore();
  for (const der of opts.anchors ?? []) store.addAnchor(der);
  const limits = verificationFetchLimits({});
  return {
    policy: opts.policy ?? 'standard',
    allowAnnotations: opts.allowAnnotations ?? false,
    chain: { store, online: opts.online ?? false, limits },
    revocation: {
      online: opts.online ?? false,
      limits,
      crls: opts.crls ?? [],
      ...(opts.dssCrls ? { embedded: { ocsps: [], crls: opts.dssCrls } } : {}),
    },
    now: opts.now ?? new Date(),
  };
}

export interface CrlPlan {
  thisUpdate: Date;
  nextUpdate: Date;
  /** Revoked serial numbers (hex) and when. */
  revoked?: readonly { serialHex: string; at: Date }[];
}

/** A CRL signed by a test CA (its certificate DER and PKCS#8 key PEM), parsed as the verifier reads it. */
export async function crlBy(
  issuer: { certDer: Uint8Array; keyPem: string },
  plan: CrlPlan,
): Promise<ParsedCrl> {
  const pkcs8 = Buffer.from(issuer.keyPem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  const signingKey = await webcrypto.subtle.importKey('pkcs8', pkcs8, algorithm, false, ['sign']);
  const crl = await x509.X509CrlGenerator.create(
    {
      issuer: new x509.X509Certificate(Buffer.from(issuer.certDer)).subject,
      thisUpdate: plan.thisUpdate,
      nextUpdate: plan.nextUpdate,
      entries: (plan.revoked ?? []).map((r) => ({ serialNumber: r.serialHex, revocationDate: r.at })),
      signingKey,
      signingAlgorithm: algorithm,
    },
    webcrypto as unknown as Crypto,
  );
  return parseCrl(new Uint8Array(crl.rawData));
}
