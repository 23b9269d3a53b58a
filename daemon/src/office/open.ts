import { toVanthuError, VanthuError } from '@vanthu/shared/errors/index';
import type { VerifyResult } from '@vanthu/shared/protocol/index';
import { KeychainAxisSecrets } from '../exchange/axis/keychain-secrets.js';
import type { SecretStore } from '../exchange/axis/secret-store.js';
import { createExchangeService } from '../exchange/bootstrap.js';
import { loadExchangeConfig } from '../exchange/config.js';
import { engineArrivalVerifier } from '../exchange/inbox/engine-verifier.js';
import type { ExchangeService } from '../exchange/service.js';
import type { DaemonLog } from '../i18n/daemon-log.js';
import type { Office, OfficeAudit, OfficeExchange } from './office.js';
import { loadRegistryConfig } from '../registry/config.js';
import { RegistryService } from '../registry/index.js';
import { openStore } from '../store/index.js';
import { markReceivedRecalls } from './incoming.js';

export interface OfficeOptions {
  configPath?: string;
  env: NodeJS.ProcessEnv;
  /** This workstation's verification engine (arrivals are checked with it, and sending too). */
  verify: (pdf: Uint8Array) => Promise<VerifyResult>;
  log: DaemonLog;
  /** Where the steps noted on their own (a received recall) write their audit record. */
  audit: OfficeAudit;
  /** Replaces the OS keychain for axis credentials (tests). */
  axisSecrets?: SecretStore;
}

export interface RunningOffice extends Office {
  /**
   * Starts the exchange's queue worker and inbox polling (when an axis is configured). Separate from
   * opening: the daemon calls it only once it holds its data directory and listens, so a daemon that
   * cannot start never touches the queue (its start-up recovery would take over the other's sends).
   */
  startWorkers(): void;
  close(): Promise<void>;
}

/**
 * The registry (SQLite by default, opened on first use so a missing `registry` section only fails
 * the registry requests, with the reason) and the exchange (started when `exchange.self` is set;
 * its queue worker and inbox polling run only when `exchange.axis` is configured too).
 */
export async function openOffice(options: OfficeOptions): Promise<RunningOffice> {
  let registry: Promise<RegistryService> | undefined;
  const openRegistry = async () => {
    const config = loadRegistryConfig(options.configPath, options.env);
    return RegistryService.open(openStore(config.store), config);
  };
  let exchange: OfficeExchange | undefined;
  let service: ExchangeService | undefined;
  // A broken exchange set-up (missing keychain entry, bad axis config) must not stop signing:
  // it is logged, and the exchange requests answer with its error.
  let exchangeError: unknown;
  let startWorkers = () => {};
  try {
    const config = loadExchangeConfig(options.configPath, options.env);
    const self = config.self;
    if (self?.organId) {
      const verify = options.verify;
      const running = await createExchangeService(
        config,
        options.axisSecrets ?? new KeychainAxisSecrets(),
        engineArrivalVerifier(verify),
      );
      service = running;
      const online = config.axis !== undefined;
      if (online)
        startWorkers = () =>
          running.start(
            config.pollSeconds ?? 60,
            (error) => options.log.failure('không hỏi được trục liên thông', 'exchange poll failed', error),
            // A recall received in the round marks the register entry it concerns.
            () =>
              void markReceivedRecalls(office, options.audit).catch((error: unknown) =>
                options.log.failure(
                  'chưa ghi được việc thu hồi vào sổ',
                  'recall not noted in the register',
                  error,
                ),
              ),
          );
      exchange = { service: running, self, notify: () => online && running.worker.notify() };
    }
  } catch (error) {
    const e = toVanthuError(error);
    exchangeError = e;
    options.log.failure('chưa dùng được trao đổi văn bản', 'document exchange unavailable', e);
  }
  const office: RunningOffice = {
    verify: options.verify,
    registry() {
      registry ??= openRegistry().catch((error: unknown) => {
        registry = undefined; // A corrected config is picked up by the next request.
        throw error;
      });
      return registry;
    },
    exchange() {
      if (exchangeError) throw exchangeError;
      if (!exchange)
        throw new VanthuError(
          'NOT_SUPPORTED',
          'document exchange is not configured (exchange.self, exchange.axis)',
        );
      return exchange;
    },
    startWorkers: () => startWorkers(),
    async close() {
      await service?.stop().catch(() => undefined);
      service?.close();
      const r = await registry?.catch(() => undefined);
      await r?.close();
    },
  };
  return office;
}
