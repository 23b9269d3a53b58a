import type { SubFilter } from '../../cms/index.js';
import type { HashAlgorithm, RsaScheme, Signer } from '../../token/signer.js';
import type { SignWarning } from './warnings.js';

/** DocMDP access permissions: 1 no changes; 2 form filling and signing; 3 also annotations. */
export type DocMdpPermission = 1 | 2 | 3;
export const DOC_MDP_PERMISSIONS: readonly DocMdpPermission[] = [1, 2, 3];

export type SignRole = 'approver' | 'seal' | 'attachment' | 'copy' | 'income';
export const SIGN_ROLES: readonly SignRole[] = ['approver', 'seal', 'attachment', 'copy', 'income'];
export type CopyForm = 'SAO Y' | 'SAO LỤC' | 'TRÍCH SAO';
export const COPY_FORMS: readonly CopyForm[] = ['SAO Y', 'SAO LỤC', 'TRÍCH SAO'];
/** B-LT adds a /DSS with the validation data after the signature; B-LTA also an archive timestamp. */
/** The PAdES levels vanthu signs at, in order (the config, the CLI and the engine share this list). */
export const PADES_LEVELS = ['B-B', 'B-T', 'B-LT', 'B-LTA'] as const;
export type PadesLevel = (typeof PADES_LEVELS)[number];

/** Field name prefix per role; the verifier reads a signature's role back from it. */
export const ROLE_FIELD: Record<SignRole, string> = {
  approver: 'CaNhan',
  seal: 'CoQuan',
  attachment: 'PhuLuc',
  copy: 'BanSao',
  income: 'Den',
};

export interface SignPdfOptions {
  signer: Signer;
  role: SignRole;
  /** PNG bytes: blue signature (approver) or red seal (seal). */
  image?: Uint8Array;
  /** 1-based page; negative counts from the end. */
  page?: number;
  /** [x, y, w, h] in PDF points. */
  rect?: [number, number, number, number];
  /** Title text the approver image is placed under. */
  anchor?: string;
  /** Seal diameter in millimetres (default 36). */
  sealMm?: number;
  /** Organisation name and time next to the seal (default true). */
  sealText?: boolean;
  /** Organisation shown in seal/copy/receipt text (default: the certificate's O, else CN). */
  organization?: string;
  /** Document number and notation, e.g. "1637/QĐ-UBND". */
  number?: string;
  /** Issue date YYYY-MM-DD. */
  date?: string;
  copyForm?: CopyForm;
  arrivalNumber?: string;
  /** YYYY-MM-DD. */
  arrivalDate?: string;
  /**
   * Certify the document (approver only, first signature): DocMDP P = 1 no later change, 2 form
   * filling and signing, 3 also annotations (ISO 32000-2 §12.8.2.2).
   */
  certify?: DocMdpPermission;
  /** Fill this existing empty signature field instead of creating one. */
  field?: string;
  reason?: string;
  location?: string;
  /** RFC 3161 TSA URL (PAdES B-T). */
  tsa?: string;
  level?: PadesLevel;
  subFilter?: SubFilter;
  hash?: HashAlgorithm;
  scheme?: RsaScheme;
  /** Signing instant (default now); /M and the visible time use it, to the second. */
  now?: Date;
  /** First /Contents placeholder size in bytes (default: estimated from the signer); grown on overflow. */
  placeholderBytes?: number;
  /** Replaces the HTTP TSA client (tests, daemon-side caching). */
  timestamp?: (signatureValue: Uint8Array) => Promise<Uint8Array>;
}

export interface SignResult {
  fieldName: string;
  role: SignRole;
  /** 1-based page of the visible signature. */
  page: number;
  /** Widget rectangle [x, y, w, h]. */
  rect: [number, number, number, number];
  signingTime: Date;
  /** Bytes of the /Contents placeholder and of the CMS placed in it. */
  placeholderBytes: number;
  cmsBytes: number;
  /** Worded for the user with signWarningText, in the user's language. */
  warnings: SignWarning[];
  /** Extra read-only text fields created (number, date). */
  stampedFields: string[];
}
