import type { ExchangeAgenciesPayload } from '@vanthu/shared/protocol/index';
import type { Handler } from './context.js';
import type { Office } from '../office/office.js';

/** The recipient picker's search over the cached agency list, refreshed from the axis on demand. */
export const exchangeAgenciesHandler = (office: Office): Handler<ExchangeAgenciesPayload> => ({
  async handle(payload, ctx) {
    const { service } = office.exchange();
    if (payload.refresh || service.agencies.fetchedAt === null) {
      const { stored, skipped } = await service.refreshAgencies();
      ctx.services.log.line(
        `đã cập nhật danh sách cơ quan từ trục (lưu ${stored}, bỏ qua ${skipped})`,
        `agency list refreshed from the axis (${stored} stored, ${skipped} skipped)`,
      );
    }
    return { result: { ...service.agencies.search(payload.query, payload.limit ?? 50) } };
  },
});
