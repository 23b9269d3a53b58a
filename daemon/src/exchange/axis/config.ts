import { VanthuError } from '@vanthu/shared/errors/index';
import type { AxisKind } from './types.js';

interface Common {
  kind: AxisKind;
  /** Base URL of the axis (https in production; http allowed for 127.0.0.1 only). */
  endpoint: string;
  /** Our OrganId as the axis knows it. */
  organId: string;
  /** Name of the credential in the OS keychain (the secret itself never appears in configuration). */
  secretRef: string;
  /** Per-request timeout (ms), default 30 000. */
  timeoutMs?: number;
}

export interface VdxpConfig extends Common {
  kind: 'vdxp';
  systemId: string;
  /** Send `hash-file` with the SDK's dropped leading zeros (for servers that compare the SDK string). */
  hashFileQuirk?: boolean;
  serviceType?: string;
}

export interface LgspConfig extends Common {
  kind: 'lgsp';
  /** OAuth2 token URL, default `<endpoint>/token`. */
  tokenUrl?: string;
  /** Consumer key for Basic auth at the token endpoint; the consumer secret is `secretRef`. */
  clientId: string;
  /** Keychain name of the per-unit secret sent on each call. */
  unitSecretRef: string;
  /** API base path, default `/truclienthong/v1.0.0`. */
  basePath?: string;
}

export interface BkavConfig extends Common {
  kind: 'bkav';
  basePath?: string;
}

export type AxisConfig = VdxpConfig | LgspConfig | BkavConfig;

/** Refuses configurations that would leak credentials or talk plain HTTP off the machine. */
export function checkAxisConfig(value: unknown): AxisConfig {
  const c = value as Partial<AxisConfig> & Record<string, unknown>;
  const bad = (why: string) => new VanthuError('CONFIG_INVALID', `exchange.axis: ${why}`);
  if (!c || typeof c !== 'object') throw bad('missing');
  if (!['vdxp', 'lgsp', 'bkav'].includes(c.kind as string)) throw bad('kind must be vdxp, lgsp or bkav');
  for (const key of ['secret', 'password', 'clientSecret', 'token']) {
    if (key in c)
      throw bad(`"${key}" must not be in the configuration; store it in the keychain and set secretRef`);
  }
  if (typeof c.endpoint !== 'string') throw bad('endpoint required');
  let url: URL;
  try {
    url = new URL(c.endpoint);
  } catch {
    throw bad(`endpoint "${c.endpoint}" is not a URL`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
    throw bad('endpoint must use https');
  if (typeof c.organId !== 'string' || !c.organId) throw bad('organId required');
  if (typeof c.secretRef !== 'string' || !c.secretRef) throw bad('secretRef required');
  if (c.kind === 'vdxp' && typeof c.systemId !== 'string') throw bad('systemId required for vdxp');
  if (c.kind === 'lgsp' && (typeof c.clientId !== 'string' || typeof c.unitSecretRef !== 'string'))
    throw bad('clientId and unitSecretRef required for lgsp');
  return c as AxisConfig;
}
