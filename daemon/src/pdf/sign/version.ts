import { VanthuError } from '@vanthu/shared/errors/index';
import type { PdfReader } from '../reader/index.js';

/** Version written into the catalog when an older document is signed. */
export const UPGRADED_VERSION = '1.7';

/**
 * The catalog /Version an update must set, or undefined when the document is already PDF 1.4 or
 * later. Seed 9.5 asks for PDF ≥ 1.4; a signature update needs 1.4 features (alpha-blended
 * appearance images) and the 1.5+ signature dictionaries. PDF 1.0–1.3 are subsets of 1.7, so the
 * update upgrades them in place: ISO 32000-1 §7.7.2 lets a later catalog /Version override the
 * header, which an incremental update must never rewrite. A version below 1.0 is not a PDF version,
 * so there is nothing to upgrade from (encrypted files are refused earlier, when they are opened).
 */
export function versionUpgrade(reader: PdfReader): string | undefined {
  const header = Number.parseFloat(reader.headerVersion);
  const declared = Number.parseFloat(reader.catalog.name('Version') ?? '');
  const effective = Math.max(header, Number.isFinite(declared) ? declared : 0);
  if (!Number.isFinite(effective) || effective < 1) {
    throw new VanthuError(
      'PDF_TOO_OLD',
      `header %PDF-${reader.headerVersion} names no PDF version (1.0 or later); re-save the file with a PDF tool`,
    );
  }
  return effective < 1.4 ? UPGRADED_VERSION : undefined;
}
