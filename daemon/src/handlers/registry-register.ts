import { VanthuError } from '@vanthu/shared/errors/index';
import type { FieldObject } from '@vanthu/shared/domain/index';
import type { RegistryRegisterPayload } from '@vanthu/shared/protocol/index';
import type { AttachmentInput } from '../registry/entries.js';
import { arrivalFiles } from './arrival-files.js';
import type { Handler, RequestContext } from './context.js';
import type { Office } from './office.js';

type Files = {
  file?: { name: string; bytes: Uint8Array };
  attachments?: AttachmentInput[];
  documentId?: string;
};

/** The document and phụ lục files: uploaded in the request's frames, or taken from an inbox arrival. */
async function filesOf(
  office: Office,
  payload: RegistryRegisterPayload,
  ctx: RequestContext,
): Promise<Files> {
  if (payload.arrivalId !== undefined) {
    const arrival = arrivalFiles(office, payload.arrivalId, payload.mainAttachment);
    return {
      ...(arrival.main ? { file: { name: arrival.main.name, bytes: arrival.main.bytes } } : {}),
      ...(arrival.others.length > 0 ? { attachments: arrival.others } : {}),
      // The arrival's DocumentId stays with the entry (duplicate check, later statuses).
      ...(arrival.header.documentId ? { documentId: arrival.header.documentId } : {}),
    };
  }
  const bytes = payload.document ? await ctx.document() : undefined;
  const uploaded = await ctx.attachments();
  const attachments = (payload.attachments ?? []).map((a, i) => {
    const part = uploaded[i];
    if (!part) throw new VanthuError('PROTOCOL_ERROR', `attachment ${i + 1} has no bytes`);
    return { name: a.name, bytes: part.bytes, ...(a.description ? { description: a.description } : {}) };
  });
  return {
    ...(bytes ? { file: { name: payload.fileName ?? 'document.pdf', bytes } } : {}),
    ...(attachments.length > 0 ? { attachments } : {}),
    ...(payload.documentId ? { documentId: payload.documentId } : {}),
  };
}

/** Validates, checks duplicates and assigns the next number of the book (one transaction). */
export const registryRegisterHandler = (office: Office): Handler<RegistryRegisterPayload> => ({
  async handle(payload, ctx) {
    const registry = await office.registry();
    const input = {
      fields: payload.fields as FieldObject,
      ...(payload.channel ? { channel: payload.channel } : {}),
      ...(payload.series !== undefined ? { series: payload.series } : {}),
      ...(await filesOf(office, payload, ctx)),
      ...(payload.clerk ? { clerk: payload.clerk } : {}),
      ...(payload.allowDuplicate ? { allowDuplicate: true } : {}),
    };
    const registered =
      payload.kind === 'incoming'
        ? await registry.registerIncoming(input)
        : await registry.registerOutgoing(input);
    ctx.services.log(
      `vanthu: registered ${payload.kind} ${registered.entry.year} #${registered.entry.number} (${registered.entry.id})`,
    );
    return { result: { entry: registered.entry, warnings: registered.warnings } };
  },
});
