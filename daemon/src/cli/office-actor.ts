import { VanthuError } from '@vanthu/shared/errors/index';
import { openAuditKeyring } from '../audit/keyring.js';
import { AuditLog } from '../audit/log.js';
import { loadConfig } from '../config/loader.js';
import { loadExchangeConfig } from '../exchange/config.js';
import { ExchangeService } from '../exchange/service.js';
import type { OfficeActor, OfficeExchange } from '../office/office.js';
import { configuredSecretOpener } from '../pairing/named-secrets.js';
import type { RegistryService } from '../registry/index.js';
import { auditDir } from '../service/daemon.js';
import { engineVerifier } from '../service/engines.js';
import type { CommandContext } from './command.js';
import { openRegistry } from './commands/registry-open.js';

/**
 * The office as a CLI command takes its steps: the same workflow functions as the daemon, the same
 * audit log, the registry and exchange of the config. The exchange is offline here: statuses are
 * queued and the daemon's worker sends them.
 */
export function cliOfficeActor(
  ctx: CommandContext,
  given: { registry?: RegistryService; exchange?: ExchangeService } = {},
): OfficeActor & { close(): Promise<void> } {
  const env = process.env;
  const loaded = loadConfig(ctx.configPath ? { configPath: ctx.configPath } : {});
  const dir = auditDir(loaded, env);
  const audit = new AuditLog(dir, openAuditKeyring(dir, configuredSecretOpener(loaded, env)));
  let registry = given.registry ? Promise.resolve(given.registry) : undefined;
  let exchange: OfficeExchange | undefined;
  const opened: ExchangeService[] = [];
  return {
    origin: 'cli',
    audit,
    office: {
      registry: () => {
        registry ??= openRegistry(ctx);
        return registry;
      },
      exchange() {
        if (exchange) return exchange;
        const config = loadExchangeConfig(ctx.configPath, env);
        if (!config.self?.organId)
          throw new VanthuError('NOT_SUPPORTED', 'document exchange is not configured (exchange.self)');
        const service =
          given.exchange ??
          new ExchangeService({
            dbFile: config.dbFile,
            self: config.self,
            ...(config.recallPolicy ? { recallPolicy: config.recallPolicy } : {}),
          });
        if (!given.exchange) opened.push(service);
        exchange = { service, self: config.self, notify: () => {} };
        return exchange;
      },
      verify: (pdf) => engineVerifier(ctx.configPath).verify(pdf, {}),
    },
    async close() {
      for (const s of opened) s.close();
      if (!given.registry) await (await registry?.catch(() => undefined))?.close();
    },
  };
}
