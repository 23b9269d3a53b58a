import { X509Certificate } from '@peculiar/x509';
import { VanthuError, toVanthuError } from '@vanthu/shared/errors/index';
import type { SignPayload } from '@vanthu/shared/protocol/index';
import { PdfReader } from '../pdf/reader/index.js';
import {
  SIGNING_OPEN,
  type SignPdfOptions,
  assertSignable,
  isoVietnam,
  signPdfUpdate,
} from '../pdf/sign-pdf.js';
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
  if (level === 'B-LT')
    throw new VanthuError('NOT_SUPPORTED', 'PAdES B-LT is not produced; use B-T with tsa');
  if (level === 'B-T' && !p.tsa) throw new VanthuError('INVALID_INPUT', 'level B-T needs tsa');
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

/** Fails fast on a damaged, encrypted or already sealed PDF, before the token is touched. */
function probe(bytes: Uint8Array, options: Omit<SignPdfOptions, 'signer'>): void {
  // Opened as the engine opens it: wrong xref offsets are recovered, not refused.
  const reader = PdfReader.fromBuffer(bytes, SIGNING_OPEN);
  try {
    reader.page(0);
    reader.page(reader.pageCount - 1);
    assertSignable(reader, options);
  } finally {
    reader.close();
  }
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
export function signHandler(sessions: SignerSessions): Handler<SignPayload> {
  return {
    async handle(payload, ctx) {
      const options = toOptions(payload);
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
          const { update, result } = await signPdfUpdate(
            input,
            { ...options, signer: session.signer },
            upload.sha256State(),
          );
          ctx.signal.throwIfAborted();
          const outputSha256 = upload.sha256State().update(update).digest('hex');
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
              document: { bytes: input.length + update.length, sha256: outputSha256 },
              inputSha256,
              field: result.fieldName,
              role: result.role,
              page: result.page,
              rect: result.rect,
              signingTime: isoVietnam(result.signingTime),
              level: options.level ?? 'B-B',
              subFilter: options.subFilter ?? 'ETSI.CAdES.detached',
              stampedFields: result.stampedFields,
              warnings: result.warnings,
              certificate,
            },
            document: [input, update],
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
