import type { RegistryPrefillPayload } from '@vanthu/shared/protocol/index';
import { prefillRegistration } from '../registry/prefill/index.js';
import { arrivalFiles } from '../office/arrival-files.js';
import type { Handler } from './context.js';
import type { Office } from '../office/office.js';

/** Proposed form values from the document's signatures, its text and (axis arrivals) the edXML header. */
export const registryPrefillHandler = (office: Office): Handler<RegistryPrefillPayload> => ({
  async handle(payload, ctx) {
    const fromAxis =
      payload.arrivalId === undefined
        ? undefined
        : arrivalFiles(office, payload.arrivalId, payload.mainAttachment);
    const pdf = payload.document ? await ctx.document() : fromAxis?.main?.bytes;
    ctx.emit({ type: 'progress', payload: { id: ctx.id, stage: 'verifying' } });
    const result = await prefillRegistration({
      kind: payload.kind,
      ...(pdf ? { pdf } : {}),
      ...(fromAxis ? { header: fromAxis.header } : {}),
      verify: (bytes) => ctx.services.verifier.verify(bytes, {}),
    });
    return { result: { ...result, ...(fromAxis ? { arrivalFiles: fromAxis.list } : {}) } };
  },
});
