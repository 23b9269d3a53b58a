import { VanthuError } from '@vanthu/shared/errors/index';
import { createAxisAdapter } from './axis/factory.js';
import type { SecretStore } from './axis/secret-store.js';
import type { ExchangeConfig } from './config.js';
import type { ArrivalVerifier } from './inbox/verifier.js';
import { ExchangeService } from './service.js';

/**
 * Builds the exchange service the daemon runs from its configuration: the axis adapter (credentials
 * from `secrets`, the OS keychain), the verifier for arrivals, queue and inbox settings.
 */
export async function createExchangeService(
  config: ExchangeConfig & { dbFile: string },
  secrets: SecretStore,
  verifier?: ArrivalVerifier,
): Promise<ExchangeService> {
  if (!config.self?.organId) throw new VanthuError('CONFIG_INVALID', 'exchange.self.organId is required');
  const adapter = config.axis === undefined ? undefined : await createAxisAdapter(config.axis, secrets);
  return new ExchangeService({
    dbFile: config.dbFile,
    self: config.self,
    ...(adapter ? { adapter } : {}),
    ...(verifier ? { verifier } : {}),
    ...(config.recallPolicy ? { recallPolicy: config.recallPolicy } : {}),
    ...(config.calendar ? { calendar: config.calendar } : {}),
    ...(config.limits ? { limits: config.limits } : {}),
    ...(config.queue
      ? {
          worker: {
            ...(config.queue.concurrency !== undefined ? { concurrency: config.queue.concurrency } : {}),
            ...(config.queue.maxAttempts !== undefined ? { maxAttempts: config.queue.maxAttempts } : {}),
            ...(config.queue.backoff ? { backoff: config.queue.backoff } : {}),
          },
        }
      : {}),
  });
}
