import type { ExchangeService } from '../exchange/service.js';
import type { Organization } from '../exchange/edxml/types.js';
import type { RegistryService } from '../registry/index.js';

/** The exchange as the handlers use it: the service and this agency as written in From. */
export interface OfficeExchange {
  service: ExchangeService;
  self: Organization;
  /** Wakes the queue worker (no-op without an axis). */
  notify(): void;
}

/**
 * The registry and the exchange of this workstation's agency. Each accessor fails with a typed error
 * (CONFIG_INVALID, NOT_SUPPORTED) when its config section is missing, so requests say why.
 */
export interface Office {
  registry(): Promise<RegistryService>;
  exchange(): OfficeExchange;
}
