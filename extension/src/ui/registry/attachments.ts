import { MAX_ENTRY_ATTACHMENTS } from '@vanthu/shared/protocol/index';
import type { AttachmentUpload } from '@vanthu/shared/protocol/index';
import { sha256Hex } from '../../background/daemon/proof.js';

/** A phụ lục file the clerk added to the form, not yet registered. */
export interface PendingAttachment {
  name: string;
  bytes: Uint8Array<ArrayBuffer>;
  sha256: string;
  /** What the file is ("Phụ lục I: Danh sách đơn vị"); empty = none. */
  description: string;
}

/** Reads the chosen files; a file already in the list (same content) is not added twice. */
export async function addFiles(
  list: readonly PendingAttachment[],
  files: Iterable<{ name: string; arrayBuffer(): Promise<ArrayBuffer> }>,
): Promise<PendingAttachment[]> {
  const out = [...list];
  for (const file of files) {
    if (out.length >= MAX_ENTRY_ATTACHMENTS) break;
    const bytes = new Uint8Array(await file.arrayBuffer());
    const sha256 = await sha256Hex(bytes);
    if (out.some((a) => a.sha256 === sha256)) continue;
    out.push({ name: file.name, bytes, sha256, description: '' });
  }
  return out;
}

/** The `attachments` of registry.register; their bytes go in this order after the document's. */
export function attachmentRefs(list: readonly PendingAttachment[]): AttachmentUpload[] {
  return list.map((a) => ({
    document: { bytes: a.bytes.length, sha256: a.sha256 },
    name: a.name,
    ...(a.description.trim() ? { description: a.description.trim() } : {}),
  }));
}

/** "48 kB" / "1,2 MB": sizes the clerk reads. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${(bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
}
