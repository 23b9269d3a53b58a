import { createHash } from 'node:crypto';
import { PdfReader } from '../pdf/reader/index.js';
import { roleOf } from '../verify/roles.js';

/**
 * What identifies the signed draft an issued document was sealed from: a SHA-256 over the /Contents
 * of every signature the document carried before its last one (document timestamps left out, so a
 * later B-LTA update changes nothing). Each seal gives new bytes, so the file's own hash cannot tell
 * that the same approved draft was numbered twice; its approvers' signature values can, since no two
 * signings give the same value. A copy (bản sao) or a receipt stamp signed over an issued document
 * issues nothing: it has no key, so two copies of one document are not taken for each other.
 * Undefined when the file is not a PDF, has fewer than two signatures (nothing was sealed over a
 * signed draft), ends with a copy or receipt signature, or cannot be read: the key only adds a
 * duplicate warning, it never refuses a file.
 */
export function draftKey(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) return undefined;
  let reader: PdfReader | undefined;
  try {
    reader = PdfReader.fromBuffer(bytes);
    const signed = reader
      .signatureFields()
      .filter((f) => f.contents && f.byteRange?.length === 4 && !isDocTimestamp(f.value, f.subFilter))
      .map((f) => ({ end: f.byteRange![2]! + f.byteRange![3]!, contents: f.contents!, field: f }))
      .sort((a, b) => a.end - b.end);
    if (signed.length < 2) return undefined;
    if (NOT_ISSUING.has(roleOf(reader, signed.at(-1)!.field))) return undefined;
    const hash = createHash('sha256');
    for (const s of signed.slice(0, -1)) hash.update(s.contents);
    return hash.digest('hex');
  } catch {
    return undefined;
  } finally {
    reader?.close();
  }
}

/** Signatures made over an issued document that issue nothing themselves. */
const NOT_ISSUING = new Set(['copy', 'income']);

function isDocTimestamp(value: { name(key: string): string | undefined } | undefined, subFilter?: string) {
  return subFilter === 'ETSI.RFC3161' || value?.name('Type') === 'DocTimeStamp';
}
