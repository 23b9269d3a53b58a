import type { ExchangeSendPayload } from '@vanthu/shared/protocol/index';
import { sniffContentType } from '../exchange/edxml/attachments.js';
import { headerOfEntry } from '../exchange/entry-header.js';
import { storedAttachments, storedFile } from '../registry/stored-file.js';
import type { Handler } from './context.js';
import type { Office } from './office.js';

/** Sends an issued document (its registry entry and stored PDF) to other agencies through the queue. */
export const exchangeSendHandler = (office: Office): Handler<ExchangeSendPayload> => ({
  async handle(payload, _ctx) {
    const registry = await office.registry();
    const { service, self } = office.exchange();
    const entry = await registry.get(payload.entryId);
    const header = headerOfEntry(
      entry,
      self,
      payload.recipients.map((r) => ({
        organId: r.organId,
        ...(r.organName ? { organName: r.organName } : {}),
      })),
    );
    const file = await storedFile(registry.store, entry);
    // The main document first, then each phụ lục as a further attachment of the same package.
    const appendices = await storedAttachments(registry.store, entry);
    const packageId = service.sendDocument(header, [
      { contentId: 'vb1', name: file.name, contentType: 'application/pdf', data: file.bytes },
      ...appendices.map((a, i) => ({
        contentId: `pl${i + 1}`,
        name: a.name,
        contentType: sniffContentType(a.bytes) ?? 'application/octet-stream',
        ...(a.description ? { description: a.description } : {}),
        data: a.bytes,
      })),
    ]);
    return { result: { packageId, documentId: header.documentId } };
  },
});
