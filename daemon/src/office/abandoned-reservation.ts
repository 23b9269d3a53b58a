import { toVanthuError } from '@vanthu/shared/errors/index';
import type { Released } from '../registry/index.js';
import type { OfficeActor } from './office.js';
import { releaseNumber } from './outgoing.js';

/** The reason kept in the book for a number whose window went away before sealing. */
export const ABANDONED_REASON = 'Cửa sổ "Cấp số & đóng dấu" đóng (hoặc mất kết nối) trước khi đóng dấu';

/**
 * A number reserved by a window that closed or lost its connection: given back when nothing was
 * issued under it and no later number was taken, else voided with the reason. A number already
 * sealed, given back or voided is left alone; the release itself re-checks the state under the
 * entry's lock, so a registration finishing elsewhere cannot be undone by it.
 */
export async function releaseAbandoned(actor: OfficeActor, id: string): Promise<Released | undefined> {
  const registry = await actor.office.registry();
  const entry = await registry.get(id).catch((e: unknown) => {
    // Given back already: the row is gone, nothing is held.
    if (toVanthuError(e).code === 'REGISTRY_NOT_FOUND') return undefined;
    throw e;
  });
  if (entry?.state !== 'reserved') return undefined;
  return releaseNumber(actor, id, ABANDONED_REASON);
}
