import type { FieldObject } from '@vanthu/shared/domain/index';
import type { RegistryRegisterPayload } from '@vanthu/shared/protocol/index';
import type { Handler } from './context.js';
import type { Office } from './office.js';

/** Validates, checks duplicates and assigns the next number of the book (one transaction). */
export const registryRegisterHandler = (office: Office): Handler<RegistryRegisterPayload> => ({
  async handle(payload, ctx) {
    const registry = await office.registry();
    const bytes = payload.document ? await ctx.document() : undefined;
    const input = {
      fields: payload.fields as FieldObject,
      ...(payload.channel ? { channel: payload.channel } : {}),
      ...(payload.series !== undefined ? { series: payload.series } : {}),
      ...(bytes ? { file: { name: payload.fileName ?? 'document.pdf', bytes } } : {}),
      ...(payload.documentId ? { documentId: payload.documentId } : {}),
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
