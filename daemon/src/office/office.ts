import type { VerifyResult } from '@vanthu/shared/protocol/index';
import type { AuditRecord } from '../audit/entry.js';
import type { Organization } from '../exchange/edxml/types.js';
import type { ExchangeService } from '../exchange/service.js';
import type { RegistryService } from '../registry/index.js';

/** The exchange as the office uses it: the service and this agency as written in From. */
export interface OfficeExchange {
  service: ExchangeService;
  self: Organization;
  /** Wakes the queue worker (no-op without an axis). */
  notify(): void;
}

/** Where each step's audit record goes (the daemon's audit log, or the CLI's). */
export interface OfficeAudit {
  append(record: AuditRecord): unknown;
}

/**
 * The registry and the exchange of this workstation's agency. Each accessor fails with a typed error
 * (CONFIG_INVALID, NOT_SUPPORTED) when its config section is missing, so requests say why.
 */
export interface Office {
  registry(): Promise<RegistryService>;
  exchange(): OfficeExchange;
  /** Verifies a document with this workstation's engine (sending checks its own signatures). */
  verify(pdf: Uint8Array): Promise<VerifyResult>;
}

/** Who takes a step: the office, where its audit goes, and the origin written in the record. */
export interface OfficeActor {
  office: Office;
  audit: OfficeAudit;
  /** The extension's Origin, or "cli". */
  origin: string;
}
