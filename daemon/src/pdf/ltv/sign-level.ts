import { VanthuError } from '@vanthu/shared/errors/index';
import type { Hash } from 'node:crypto';
import { signPdfFile, signPdfUpdate } from '../sign/engine.js';
import type { SignPdfOptions, SignResult } from '../sign/options.js';
import { type LtvOptions, type LtvResult, addValidationData, extendFile } from './extend.js';
import { GrowingDocument } from './growing-document.js';

/** Where validation data may come from when signing at B-LT or B-LTA (the trust config). */
export type LtvSources = Omit<LtvOptions, 'lta' | 'tsa' | 'stamp'> & Pick<LtvOptions, 'stamp'>;

export const isLtvLevel = (level: SignPdfOptions['level']): level is 'B-LT' | 'B-LTA' =>
  level === 'B-LT' || level === 'B-LTA';

function timestamped(options: SignPdfOptions): SignPdfOptions {
  if (!options.tsa && !options.timestamp)
    throw new VanthuError(
      'USAGE',
      `--level ${options.level} needs --tsa URL (the signature is timestamped first)`,
    );
  return { ...options, level: 'B-T' };
}

function ltvOptions(options: SignPdfOptions, sources: LtvSources): LtvOptions {
  return {
    ...sources,
    lta: options.level === 'B-LTA',
    ...(options.tsa ? { tsa: options.tsa } : {}),
  };
}

/**
 * Signs IN into OUT at B-LT or B-LTA: the B-T signature is written to OUT first; its validation
 * data (and the archive timestamp) are then added to a staged copy that replaces OUT only when
 * complete. When they cannot be had, the error names the certificate and OUT stays the B-T document.
 */
export async function signFileAtLevel(
  inPath: string,
  outPath: string,
  options: SignPdfOptions & { force?: boolean },
  sources: LtvSources,
): Promise<SignResult & { ltv?: LtvResult }> {
  if (!isLtvLevel(options.level)) return signPdfFile(inPath, outPath, options);
  const result = await signPdfFile(inPath, outPath, timestamped(options));
  const ltv = await extendFile(outPath, outPath, ltvOptions(options, sources));
  return { ...result, ltv };
}

/**
 * The in-memory form (daemon requests): the signing update followed by the validation-data
 * updates; the input bytes are not copied. On failure nothing is returned but the error.
 */
export async function signUpdatesAtLevel(
  input: Uint8Array,
  options: SignPdfOptions,
  sources: LtvSources,
  inputSha256?: Hash,
): Promise<{ updates: Buffer[]; result: SignResult; ltv?: LtvResult }> {
  if (!isLtvLevel(options.level)) {
    const { update, result } = await signPdfUpdate(input, options, inputSha256);
    return { updates: [update], result };
  }
  const { update, result } = await signPdfUpdate(input, timestamped(options), inputSha256);
  const doc = GrowingDocument.bytes([input, update]);
  const ltv = await addValidationData(doc, ltvOptions(options, sources));
  return { updates: doc.appendedParts.slice(1), result, ltv };
}
