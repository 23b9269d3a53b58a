import { CATALOGUES, type FieldObject, validateFields } from '@vanthu/shared/domain/index';
import type { RegistryCheckPayload } from '@vanthu/shared/protocol/index';
import type { Handler } from './context.js';
import type { Office } from '../office/office.js';

/** What saving would say, without saving: field problems and the duplicate warning. */
export const registryCheckHandler = (office: Office): Handler<RegistryCheckPayload> => ({
  async handle(payload, _ctx) {
    const registry = await office.registry();
    const fields = payload.fields as FieldObject;
    const { issues, warnings } = validateFields(CATALOGUES[payload.kind], fields);
    const duplicates = await registry.duplicates(payload.kind, fields, payload.documentId);
    return { result: { issues, warnings, duplicates } };
  },
});
