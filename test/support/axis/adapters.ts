import { MemorySecretStore } from '../../../daemon/src/exchange/axis/secret-store.js';
import { createAxisAdapter } from '../../../daemon/src/exchange/axis/factory.js';
import type { AxisAdapter, AxisKind } from '../../../daemon/src/exchange/axis/types.js';
import type { AxisAgency } from './state.js';

/** The axis configuration an agency would have for `kind` (credentials go to the secret store). */
export function axisConfigFor(kind: AxisKind, url: string, agency: AxisAgency, timeoutMs = 2_000) {
  const common = { endpoint: url, organId: agency.code, secretRef: `axis/${agency.code}`, timeoutMs };
  if (kind === 'vdxp') return { ...common, kind, systemId: agency.systemId };
  if (kind === 'lgsp')
    return { ...common, kind, clientId: agency.systemId, unitSecretRef: `axis/${agency.code}/unit` };
  return { ...common, kind };
}

export function secretsFor(agency: AxisAgency, overrideSecret?: string) {
  return new MemorySecretStore({
    [`axis/${agency.code}`]: overrideSecret ?? agency.secret,
    [`axis/${agency.code}/unit`]: `unit-${overrideSecret ?? agency.secret}`,
  });
}

export function adapterFor(
  kind: AxisKind,
  url: string,
  agency: AxisAgency,
  opts: { timeoutMs?: number; secret?: string } = {},
): Promise<AxisAdapter> {
  return createAxisAdapter(axisConfigFor(kind, url, agency, opts.timeoutMs), secretsFor(agency, opts.secret));
}
