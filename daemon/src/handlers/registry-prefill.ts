import { VanthuError } from '@vanthu/shared/errors/index';
import type { RegistryPrefillPayload } from '@vanthu/shared/protocol/index';
import { parseEdxml } from '../exchange/edxml/parse.js';
import type { EdocHeader } from '../exchange/edxml/types.js';
import { prefillRegistration } from '../registry/prefill/index.js';
import type { Handler } from './context.js';
import type { Office } from './office.js';

/** Header and first PDF attachment of an inbox arrival. */
function arrivalPackage(office: Office, arrivalId: number): { header: EdocHeader; pdf?: Uint8Array } {
  const xml = office.exchange().service.inbox.xml(arrivalId);
  if (!xml) throw new VanthuError('QUEUE_NOT_FOUND', `arrival ${arrivalId}`);
  const parsed = parseEdxml(xml);
  if (parsed.kind !== 'edoc')
    throw new VanthuError('EDXML_INVALID', `arrival ${arrivalId} is not a document`);
  const pdf = parsed.attachments.find((a) => a.contentType === 'application/pdf')?.data;
  return { header: parsed.header, ...(pdf ? { pdf } : {}) };
}

/** Proposed form values from the document's signatures, its text and (axis arrivals) the edXML header. */
export const registryPrefillHandler = (office: Office): Handler<RegistryPrefillPayload> => ({
  async handle(payload, ctx) {
    const fromAxis = payload.arrivalId === undefined ? undefined : arrivalPackage(office, payload.arrivalId);
    const pdf = payload.document ? await ctx.document() : fromAxis?.pdf;
    ctx.emit({ type: 'progress', payload: { id: ctx.id, stage: 'verifying' } });
    const result = await prefillRegistration({
      kind: payload.kind,
      ...(pdf ? { pdf } : {}),
      ...(fromAxis ? { header: fromAxis.header } : {}),
      verify: (bytes) => ctx.services.verifier.verify(bytes, {}),
    });
    return { result };
  },
});
