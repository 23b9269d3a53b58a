import { AsnConvert } from '../../asn1/schema.js';
import { TSTInfo } from '../../asn1/tsp.js';
import { parseCms } from '../../cms/parse.js';
import { certInfo } from '../../trust/certificate.js';
import { PdfReader } from '../reader/index.js';

/** How long a document's timestamps keep it verifiable: what `vanthu ltv check` lists. */
export interface ArchiveState {
  file: string;
  /** The newest timestamp is an archive (document) timestamp, only a signature timestamp, or none. */
  kind: 'archive' | 'signature' | 'none';
  /** genTime of that timestamp. */
  timestampAt: Date | undefined;
  /** notAfter of its TSA certificate: once passed, the timestamp proves nothing without a newer one. */
  expiresAt: Date | undefined;
}

/**
 * Reads the newest timestamp of a signed PDF: the last document timestamp (PAdES B-LTA) if there
 * is one, else the newest signature timestamp. No signature is validated here (`vanthu verify` does);
 * only the dates are read.
 */
export function archiveState(file: string): ArchiveState {
  const reader = PdfReader.fromFile(file, { relocate: true });
  try {
    let best: ArchiveState = { file, kind: 'none', timestampAt: undefined, expiresAt: undefined };
    for (const f of reader.signatureFields()) {
      if (!f.contents || f.contents.length === 0) continue;
      const docTs = f.subFilter === 'ETSI.RFC3161';
      let token: Uint8Array | undefined;
      try {
        token = docTs ? f.contents : parseCms(f.contents).timestampToken;
      } catch {
        continue;
      }
      const read = token ? readToken(token) : undefined;
      if (!read) continue;
      const kind = docTs ? 'archive' : 'signature';
      const better =
        best.kind === 'none' ||
        (kind === 'archive' && best.kind === 'signature') ||
        (kind === best.kind && read.genTime > (best.timestampAt ?? new Date(0)));
      if (better) best = { file, kind, timestampAt: read.genTime, expiresAt: read.notAfter };
    }
    return best;
  } finally {
    reader.close();
  }
}

function readToken(token: Uint8Array): { genTime: Date; notAfter: Date | undefined } | undefined {
  try {
    const cms = parseCms(token);
    if (!cms.eContent) return undefined;
    const tst = AsnConvert.parse(new Uint8Array(cms.eContent).buffer, TSTInfo);
    const notAfter = cms.signerCertificate ? certInfo(cms.signerCertificate).notAfter : undefined;
    return { genTime: tst.genTime, notAfter };
  } catch {
    return undefined;
  }
}

/** "6m", "30d", "2y", "8w" → the instant that far after `from`. */
export function windowEnd(spec: string, from: Date): Date | undefined {
  const m = /^(\d{1,4})([dwmy])$/.exec(spec.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const d = new Date(from);
  if (m[2] === 'd') d.setUTCDate(d.getUTCDate() + n);
  else if (m[2] === 'w') d.setUTCDate(d.getUTCDate() + 7 * n);
  else if (m[2] === 'm') d.setUTCMonth(d.getUTCMonth() + n);
  else d.setUTCFullYear(d.getUTCFullYear() + n);
  return d;
}

/** Needs a new archive timestamp before `until`: none yet, or its TSA certificate ends by then. */
export function needsRefresh(s: ArchiveState, until: Date): boolean {
  if (s.kind !== 'archive') return true;
  return s.expiresAt === undefined || s.expiresAt <= until;
}
