import type { RegistryEntry } from '@vanthu/shared/protocol/index';
import type { DaemonClient } from '../../background/daemon/client.js';
import type { OutgoingFields } from './NumberReservation.js';
import type { SignedDocument } from './sign-documents.js';

/**
 * Keeps the sealed document in the outgoing book under the reserved number (the daemon checks that
 * the stamps say that number and date). If it cannot be kept, the daemon voids the number with the
 * reason; when the same file is already in the book it answers REGISTRY_DUPLICATE and keeps the
 * number reserved until the clerk confirms (`confirmDuplicate`) or cancels.
 */
export async function registerSealed(
  client: DaemonClient,
  reservationId: string,
  sealed: SignedDocument,
  fields: OutgoingFields,
  confirmDuplicate = false,
): Promise<RegistryEntry> {
  const { result } = await client.request(
    'registry.register',
    {
      kind: 'outgoing',
      reservationId,
      fields: { TypeName: fields.typeName.trim(), Subject: fields.subject.trim() },
      document: { bytes: sealed.bytes.length, sha256: sealed.result.document.sha256 },
      fileName: sealed.doc.name,
      ...(confirmDuplicate ? { confirmDuplicate: true } : {}),
    },
    { document: sealed.bytes },
  );
  return result.entry;
}
