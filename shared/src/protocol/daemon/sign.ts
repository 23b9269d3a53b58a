import { z } from 'zod';
import { documentRefSchema } from '../envelope.js';
import { base64, isoDateSchema, rectSchema, sha256HexSchema } from './common.js';

export const signRoleSchema = z.enum(['approver', 'seal', 'attachment', 'copy', 'income']);
export const copyFormSchema = z.enum(['SAO Y', 'SAO LỤC', 'TRÍCH SAO']);

/**
 * Signs the document that follows in binary frames; every role and option of `vanthu sign`.
 * The PIN comes from the extension's own window; the daemon uses it for one login and never logs
 * or stores it.
 */
export const signPayloadSchema = z
  .object({
    document: documentRefSchema,
    /** Key URI from tokens.list (pkcs11:… or p12:…); `pin-source`/`pin-value` are refused. */
    key: z
      .string()
      .min(6)
      .max(2048)
      .regex(/^(pkcs11|p12):/)
      .refine((u) => !/pin-(source|value)=/i.test(u), 'the PIN travels in `pin`, never in the key URI'),
    /** Token PIN (or PKCS#12 password), UTF-8; omitted when a batch session is still open. */
    pin: z.string().min(1).max(128).optional(),
    role: signRoleSchema,
    /** PNG, standard base64 (≤ 1 MiB decoded): blue signature (approver) or red seal (seal). */
    image: base64(1_400_000).optional(),
    /** 1-based page; negative counts from the end. */
    page: z
      .number()
      .int()
      .refine((n) => n !== 0, 'page 0 does not exist')
      .optional(),
    /** Placement [x, y, w, h] in PDF points (w, h > 0). */
    rect: rectSchema.refine((r) => r[2] > 0 && r[3] > 0, 'width and height must be positive').optional(),
    /** Title text to place the approver image under (e.g. "GIÁM ĐỐC"). */
    anchor: z.string().min(1).max(200).optional(),
    /** Seal diameter in millimetres, 10–80 (default 36). */
    sealMm: z.number().min(10).max(80).optional(),
    /** Organisation name and time next to the seal (default true). */
    sealText: z.boolean().optional(),
    /** Organisation shown in seal/copy/receipt text (default: the certificate's O, else CN). */
    organization: z.string().max(300).optional(),
    /** Document number and notation, e.g. "1637/QĐ-UBND" (required for attachment). */
    number: z.string().max(100).optional(),
    /** Issue date stamped on page 1. */
    date: isoDateSchema.optional(),
    /**
     * Role seal: the registry.reserve entry whose number and date the daemon stamps (then `number` and
     * `date` are not sent: the number never travels as free text).
     */
    reservationId: z.string().min(1).max(64).optional(),
    copyForm: copyFormSchema.optional(),
    arrivalNumber: z.string().max(50).optional(),
    arrivalDate: isoDateSchema.optional(),
    /** Fill this existing empty signature field. */
    field: z.string().max(200).optional(),
    /**
     * Certify the document (role approver, first signature only): DocMDP P = 1 no later change,
     * 2 form filling and signing, 3 also annotations.
     */
    certify: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
    reason: z.string().max(500).optional(),
    location: z.string().max(200).optional(),
    /** RFC 3161 TSA URL (http or https); implies level B-T. */
    tsa: z.string().url().max(2048).optional(),
    /**
     * B-LT adds the validation data (/DSS) after the timestamped signature, B-LTA also an archive
     * timestamp; both need `tsa`.
     */
    level: z.enum(['B-B', 'B-T', 'B-LT', 'B-LTA']).optional(),
    subFilter: z.enum(['ETSI.CAdES.detached', 'adbe.pkcs7.detached']).optional(),
    /** RSA-PSS instead of PKCS#1 v1.5. */
    pss: z.boolean().optional(),
    /**
     * The user explicitly agreed, in the extension window, to sign several documents with one PIN
     * entry; honoured only when the admin set a batch window (hello.pinPolicy).
     */
    batch: z.object({ consent: z.literal(true) }).optional(),
  })
  .refine((p) => p.reservationId === undefined || (p.role === 'seal' && !p.number && !p.date), {
    message: 'reservationId is for role seal, without number or date (the reservation gives them)',
  });
export type SignPayload = z.infer<typeof signPayloadSchema>;

export const signResultSchema = z.object({
  /** The signed PDF: sent in binary frames before this reply. */
  document: documentRefSchema.extend({ sha256: sha256HexSchema }),
  /** SHA-256 of the input document. */
  inputSha256: sha256HexSchema,
  field: z.string(),
  role: signRoleSchema,
  /** 1-based page of the visible signature. */
  page: z.number().int().positive(),
  rect: rectSchema,
  /** ISO 8601 with +07:00. */
  signingTime: z.string(),
  level: z.enum(['B-B', 'B-T', 'B-LT', 'B-LTA']),
  subFilter: z.enum(['ETSI.CAdES.detached', 'adbe.pkcs7.detached']),
  stampedFields: z.array(z.string()),
  warnings: z.array(z.string()),
  /** The signer's certificate: subject DN and serial (lowercase hex). */
  certificate: z.object({ subject: z.string(), serialNumber: z.string() }),
});
export type SignResult = z.infer<typeof signResultSchema>;
