import type { Hash } from 'node:crypto';
import { X509Certificate } from '@peculiar/x509';
import { VanthuError, toVanthuError } from '@vanthu/shared/errors/index';
import type { SignPayload } from '@vanthu/shared/protocol/index';
import { PdfReader } from '../pdf/reader/index.js';
import {
  SIGNING_OPEN,
  type SignPdfOptions,
  type SignResult,
  probeSignable,
  isoVietnam,
  signPdfUpdate,
} from '../pdf/sign-pdf.js';
import type { LtvSources } from '../pdf/ltv/sign-level.js';
import { signWarningTexts } from '../pdf/sign/warnings.js';
import type { Handler } from './context.js';
import type { SignerSessions } from './signer-sessions.js';

const MAX_IMAGE_BYTES = 1024 * 1024;

/** The checks `vanthu sign` makes on its flags, applied to the request (before any PIN is used). */
function toOptions(p: SignPayload): Omit<SignPdfOptions, 'signer'> {
  if (p.role === 'attachment' && !p.number)
    throw new VanthuError('INVALID_INPUT', 'number is required for attachment');
  if ((p.role === 'approver' || p.role === 'seal') && !p.image) {
    throw new VanthuError('INVALID_INPUT', `image (PNG) is required for role ${p.role}`);
  }
  if (p.certify !== undefined && p.role !== 'approver')
    throw new VanthuError('INVALID_INPUT', 'certify is for role approver (the first signature)');
  const level = p.level ?? (p.tsa ? 'B-T' : 'B-B');
  if (level !== 'B-B' && !p.tsa) throw new VanthuError('INVALID_INPUT', `level ${level} needs tsa`);
  const image = p.image ? Buffer.from(p.image, 'base64') : undefined;
  if (image && image.length > MAX_IMAGE_BYTES)
    throw new VanthuError('IMAGE_INVALID', 'image larger than 1 MiB');
  return {
    role: p.role,
    ...(image ? { image } : {}),
    ...(p.page !== undefined ? { page: p.page } : {}),
    ...(p.rect ? { rect: p.rect } : {}),
    ...(p.anchor ? { anchor: p.anchor } : {}),
    ...(p.sealMm !== undefined ? { sealMm: p.sealMm } : {}),
    sealText: p.sealText ?? true,
    ...(p.organization ? { organization: p.organization } : {}),
    ...(p.number ? { number: p.number } : {}),
    ...(p.date ? { date: p.date } : {}),
    ...(p.copyForm ? { copyForm: p.copyForm } : {}),
    ...(p.arrivalNumber ? { arrivalNumber: p.arrivalNumber } : {}),
    ...(p.arrivalDate ? { arrivalDate: p.arrivalDate } : {}),
    ...(p.field ? { field: p.field } : {}),
    ...(p.certify !== undefined ? { certify: p.certify } : {}),
    ...(p.reason ? { reason: p.reason } : {}),
    ...(p.location ? { location: p.location } : {}),
    ...(p.tsa ? { tsa: p.tsa } : {}),
    level,
    subFilter: p.subFilter ?? 'ETSI.CAdES.detached',
    ...(p.pss ? { scheme: 'pss' as const } : {}),
  };
}

/** A seal for a reservation stamps the register's number and date, never ones sent as text. */
async function withReservedStamp(
  p: SignPayload,
  reservedStamp: ((id: string) => Promise<{ number: string; date: string }>) | undefined,
): Promise<SignPayload> {
  if (p.reservationId === undefined) return p;
  if (!reservedStamp) throw new VanthuError('NOT_SUPPORTED', 'this daemon has no register to number from');
  const { number, date } = await reservedStamp(p.reservationId);
  return { ...p, number, date };
}

/**
 * A level that needs a timestamp, asked without a TSA (the signing window's choice), uses the
 * office's TSA from config `signing.tsa`; without one the request is refused as before.
 */
function withOfficeTsa(p: SignPayload, officeTsa: string | undefined): SignPayload {
  const needsTsa = p.level !== undefined && p.level !== 'B-B';
  return needsTsa && !p.tsa && officeTsa ? { ...p, tsa: officeTsa } : p;
}

/**
 * The signing update, and at B-LT / B-LTA the validation-data updates after it (collected under
 * the trust configuration's anchors and fetch rules; that code loads only for those levels).
 */
async function signUpdates(
  input: Uint8Array,
  options: SignPdfOptions,
  inputSha256: Hash,
  ltvSources: (() => LtvSources) | undefined,
): Promise<{ updates: Buffer[]; result: SignResult }> {
  if (options.level !== 'B-LT' && options.level !== 'B-LTA') {
    const { update, result } = await signPdfUpdate(input, options, inputSha256);
    return { updates: [update], result };
  }
  const [{ signUpdatesAtLevel }, { signingChainOptions }] = await Promise.all([
    import('../pdf/ltv/sign-level.js'),
    import('../trust/signing-trust.js'),
  ]);
  return signUpdatesAtLevel(input, options, ltvSources?.() ?? signingChainOptions(), inputSha256);
}

/** Fails fast on a damaged, encrypted or already sealed PDF, before the token is touched. */
function probe(bytes: Uint8Array, options: Omit<SignPdfOptions, 'signer'>): void {
  probeSignable(PdfReader.fromBuffer(bytes, SIGNING_OPEN), options);
}

function certificateOf(der: Uint8Array): { subject: string; serialNumber: string } {
  const cert = new X509Certificate(der);
  return { subject: cert.subject, serialNumber: cert.serialNumber.toLowerCase() };
}

/**
 * Signs the uploaded PDF; the signed bytes go back in binary frames; one audit entry either way.
 * The document is hashed once, while it arrives: the signing engine and the output's SHA-256 both
 * extend that state, and the output is sent as the input followed by the update, never joined.
 */
export function signHandler(
  sessions: SignerSessions,
  /** The number and date of an open reservation (office/outgoing.ts reservedStamp). */
  reservedStamp?: (reservationId: string) => Promise<{ number: string; date: string }>,
): Handler<SignPayload> {
  return {
    async handle(payload, ctx) {
      const options = toOptions(
        withOfficeTsa(await withReservedStamp(payload, reservedStamp), ctx.services.signing?.tsa),
      );
      const upload = await ctx.upload();
      const input = upload.bytes;
      const inputSha256 = upload.sha256;
      let serial: string | undefined;
      try {
        probe(input, options);
        ctx.signal.throwIfAborted();
        ctx.emit({ type: 'progress', payload: { id: ctx.id, stage: 'signing' } });
        const session = await sessions.acquire(payload.key, payload.pin, payload.batch?.consent === true);
        try {
          const certificate = certificateOf(session.signer.certificate);
          serial = certificate.serialNumber;
          ctx.signal.throwIfAborted();
          const { updates, result } = await signUpdates(
            input,
            { ...options, signer: session.signer },
            upload.sha256State(),
            ctx.services.ltvSources?.bind(ctx.services),
          );
          ctx.signal.throwIfAborted();
          const outputHash = upload.sha256State();
          for (const u of updates) outputHash.update(u);
          const outputSha256 = outputHash.digest('hex');
          const outputBytes = updates.reduce((n, u) => n + u.length, input.length);
          ctx.services.audit.append({
            event: 'sign',
            origin: ctx.state.origin,
            documentSha256: inputSha256,
            role: payload.role,
            certificateSerial: serial,
            outputSha256,
            result: 'ok',
          });
          return {
            result: {
              document: { bytes: outputBytes, sha256: outputSha256 },
              inputSha256,
              field: result.fieldName,
              role: result.role,
              page: result.page,
              rect: result.rect,
              signingTime: isoVietnam(result.signingTime),
              level: options.level ?? 'B-B',
              subFilter: options.subFilter ?? 'ETSI.CAdES.detached',
              stampedFields: result.stampedFields,
              warnings: signWarningTexts(result.warnings, ctx.state.lang),
              certificate,
            },
            document: [input, ...updates],
          };
        } finally {
          await session.release();
        }
      } catch (error) {
        const reason: unknown = ctx.signal.aborted ? ctx.signal.reason : error;
        const e = reason instanceof VanthuError ? reason : toVanthuError(error);
        ctx.services.audit.append({
          event: 'sign',
          origin: ctx.state.origin,
          documentSha256: inputSha256,
          role: payload.role,
          ...(serial ? { certificateSerial: serial } : {}),
          result: e.code,
        });
        throw e;
      }
    },
  };
}
