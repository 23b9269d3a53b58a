import { createHash } from 'node:crypto';
import type { Attachment, EdocHeader } from '../edxml/types.js';

/** One attachment of an arrival as intake stored it: what the files list shows, and where its bytes are. */
export interface StoredAttachment {
  name: string;
  contentType: string;
  description?: string;
  size: number;
  /** Lowercase hex SHA-256 of the decoded file. */
  sha256: string;
  /** Offset of the file in the arrival's stored attachment bytes (they follow one another). */
  offset: number;
}

/** What the register needs of an arrival, taken from its package the one time it is parsed (intake). */
export interface ArrivalContents {
  header: EdocHeader;
  attachments: StoredAttachment[];
  /** The decoded attachments, one after another in the package's order. */
  bytes: Uint8Array;
}

/** The header and decoded attachments of a parsed package, laid out for the inbox. */
export function arrivalContents(header: EdocHeader, attachments: readonly Attachment[]): ArrivalContents {
  let offset = 0;
  const stored = attachments.map((a): StoredAttachment => {
    const entry = {
      name: a.name,
      contentType: a.contentType,
      ...(a.description ? { description: a.description } : {}),
      size: a.data.length,
      sha256: createHash('sha256').update(a.data).digest('hex'),
      offset,
    };
    offset += a.data.length;
    return entry;
  });
  const bytes = new Uint8Array(offset);
  for (const [i, a] of attachments.entries()) bytes.set(a.data, stored[i]!.offset);
  return { header, attachments: stored, bytes };
}
