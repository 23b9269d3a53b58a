import type { PdfReader, SignatureFieldInfo } from '../reader/index.js';

/** A signed field and the revision its byte range ends with (what its signer saw). */
export interface SignedField {
  field: SignatureFieldInfo;
  revision: number;
}

/** The document's signed fields, each with its signed revision; a field whose range fits no revision is left out. */
export function signedFields(reader: PdfReader): SignedField[] {
  const out: SignedField[] = [];
  for (const field of reader.signatureFields()) {
    const br = field.byteRange;
    if (!field.value || !br || br.length !== 4) continue;
    const end = br[2]! + br[3]!;
    // Trailing end-of-line bytes after %%EOF belong to the revision they follow.
    const revision = reader.revisions.findIndex((r) => r.endOffset >= end);
    if (revision >= 0) out.push({ field, revision });
  }
  return out;
}
