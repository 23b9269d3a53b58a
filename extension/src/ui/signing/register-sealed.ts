import type { RegistryEntry } from '@vanthu/shared/protocol/index';
import type { DaemonClient } from '../../background/daemon/client.js';
import type { OutgoingFields } from './NumberReservation.js';
import type { SignedDocument } from './sign-documents.js';

/**
 * Keeps the sealed document in the outgoing book under the reserved number (the daemon checks that
 * the stamps say that number and date). If it cannot be kept, the daemon voids the number with the reason.
 */
export async function registerSealed(
  client: DaemonClient,
  reservationId: string,
  sealed: SignedDocument,
  fields: OutgoingFields,
): Promise<RegistryEntry> {
  const { result } = await client.request(
    'registry.register',
    {
      kind: 'outgoing',
      reservationId,
      fields: { TypeName: fields.typeName.trim(), Subject: fields.subject.trim() },
      document: { bytes: sealed.bytes.length, sha256: sealed.result.document.sha256 },
      fileName: sealed.doc.name,
    },
    { document: sealed.bytes },
  );
  return result.entry;
}
