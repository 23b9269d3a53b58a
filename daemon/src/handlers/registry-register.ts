import { VanthuError } from '@vanthu/shared/errors/index';
import type { FieldObject } from '@vanthu/shared/domain/index';
import type { RegistryRegisterPayload } from '@vanthu/shared/protocol/index';
import { registerArrival } from '../office/incoming.js';
import { registerSealed } from '../office/outgoing.js';
import type { Office } from '../office/office.js';
import type { Handler, RequestContext } from './context.js';
import { actorOf } from './office-actor.js';

/** The uploaded document and phụ lục files of the request's frames. */
async function uploadedFiles(payload: RegistryRegisterPayload, ctx: RequestContext) {
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

/**
 * Validates, checks duplicates (same số/ký hiệu and sender, same DocumentId, same file) and assigns the
 * next number of the book (one transaction). An inbox arrival is registered by the office workflow,
 * which links it to its entry and queues 03. A duplicate needs `confirmDuplicate` (or the older
 * `allowDuplicate`).
 */
export const registryRegisterHandler = (office: Office): Handler<RegistryRegisterPayload> => ({
  async handle(payload, ctx) {
    const confirmDuplicate = payload.confirmDuplicate === true || payload.allowDuplicate === true;
    const common = {
      fields: payload.fields as FieldObject,
      ...(payload.channel ? { channel: payload.channel } : {}),
      ...(payload.series !== undefined ? { series: payload.series } : {}),
      ...(payload.clerk ? { clerk: payload.clerk } : {}),
    };
    if (payload.reservationId !== undefined) {
      const { file, attachments } = await uploadedFiles(payload, ctx);
      const entry = await registerSealed(actorOf(office, ctx), payload.reservationId, {
        fields: common.fields,
        file: file!,
        ...(attachments ? { attachments } : {}),
        ...(payload.clerk ? { clerk: payload.clerk } : {}),
        confirmDuplicate,
      });
      return { result: { entry, warnings: [] } };
    }
    const registered =
      payload.arrivalId !== undefined
        ? await registerArrival(actorOf(office, ctx), {
            ...common,
            arrivalId: payload.arrivalId,
            ...(payload.mainAttachment !== undefined ? { mainAttachment: payload.mainAttachment } : {}),
            confirmDuplicate,
          })
        : await (async () => {
            const registry = await office.registry();
            const input = {
              ...common,
              ...(await uploadedFiles(payload, ctx)),
              ...(confirmDuplicate ? { allowDuplicate: true } : {}),
            };
            return payload.kind === 'incoming'
              ? registry.registerIncoming(input)
              : registry.registerOutgoing(input);
          })();
    const { year, number, id } = registered.entry;
    ctx.services.log.line(
      `đã vào sổ văn bản ${payload.kind === 'incoming' ? 'đến' : 'đi'} số ${number}/${year} (${id})`,
      `registered ${payload.kind} ${year} #${number} (${id})`,
    );
    return { result: { entry: registered.entry, warnings: registered.warnings } };
  },
});
