import { VanthuError, isVanthuError } from '@vanthu/shared/errors/index';

/** Long-term validation of the PDFs of a handover package (PAdES B-LTA before they leave). */
export interface HandoverLtvOptions {
  /**
   * Extends one PDF to B-LTA and returns the extended bytes; throws with the reason it cannot.
   * Undefined when no TSA is configured: no file can be extended.
   */
  extend: ((pdf: Uint8Array) => Promise<Uint8Array>) | undefined;
  /** Export even when some PDF could not be extended; the report says so. */
  allowNonLtv: boolean;
}

export interface HandoverFileLtv {
  member: string;
  level: 'B-LTA' | 'not extended';
  /** Why it was not extended. */
  reason?: string;
}

/** What the package's LTV.json says and the export result carries. */
export interface HandoverLtvReport {
  allLtv: boolean;
  /** The export went ahead although not every PDF is LTV (the explicit flag). */
  exportedWithoutLtv: boolean;
  files: HandoverFileLtv[];
}

const isPdf = (name: string, bytes: Uint8Array): boolean =>
  name.toLowerCase().endsWith('.pdf') && Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-');

/**
 * Extends each PDF member to B-LTA (other files are left as they are). A member that cannot be
 * extended keeps its bytes and is reported with the reason; unless `allowNonLtv`, any such member
 * stops the export (REGISTRY_STATE naming them), before anything is written.
 */
export async function extendHandoverMembers(
  members: Record<string, Uint8Array>,
  opts: HandoverLtvOptions,
): Promise<HandoverLtvReport> {
  const files: HandoverFileLtv[] = [];
  for (const [member, bytes] of Object.entries(members)) {
    if (!isPdf(member, bytes)) continue;
    if (!opts.extend) {
      files.push({
        member,
        level: 'not extended',
        reason: 'no TSA configured for archive timestamps (--tsa)',
      });
      continue;
    }
    try {
      members[member] = await opts.extend(bytes);
      files.push({ member, level: 'B-LTA' });
    } catch (e) {
      const reason = isVanthuError(e) ? `${e.code}: ${e.message}` : (e as Error).message;
      files.push({ member, level: 'not extended', reason });
    }
  }
  const missing = files.filter((f) => f.level !== 'B-LTA');
  if (missing.length > 0 && !opts.allowNonLtv)
    throw new VanthuError(
      'REGISTRY_STATE',
      `not every PDF could be extended to B-LTA (${missing.map((f) => `${f.member}: ${f.reason}`).join('; ')}); export with --allow-non-ltv to hand it over as it is`,
    );
  return { allLtv: missing.length === 0, exportedWithoutLtv: missing.length > 0, files };
}
