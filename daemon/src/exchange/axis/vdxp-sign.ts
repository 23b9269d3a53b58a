import { createHash, createHmac } from 'node:crypto';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `ddMMyyyy'T'HHmmss+SSSS` in Vietnam time, as the VXP SDK writes it (the `+SSSS` is milliseconds). */
export function vdxpTimestamp(date: Date): string {
  const t = new Date(date.getTime() + 7 * 3600_000);
  return (
    `${pad(t.getUTCDate())}${pad(t.getUTCMonth() + 1)}${t.getUTCFullYear()}` +
    `T${pad(t.getUTCHours())}${pad(t.getUTCMinutes())}${pad(t.getUTCSeconds())}+${pad(t.getUTCMilliseconds(), 4)}`
  );
}

/**
 * SHA-256 of the file as hex. With `quirk` each byte is written without its leading zero, as the SDK's
 * `Integer.toHexString(b & 0xff)` loop does; servers built on the SDK compare that string.
 */
export function vdxpHashFile(data: Uint8Array, quirk = false): string {
  const digest = createHash('sha256').update(data).digest();
  return quirk ? [...digest].map((b) => b.toString(16)).join('') : digest.toString('hex');
}

export const VDXP_PREFIX = 'XroadVnpt-';
export const VDXP_USER_AGENT = 'JAVASDKAgent/1.0.0 XRoad/VPCP';
export const VDXP_VERSION = '3.0.201608';

/**
 * Signs one call: every header in `signed` (plus timestamp and systemid) goes out as `XroadVnpt-<name>`,
 * their names joined by `;` in `XroadVnpt-sign-header-key`, their JSON in `XroadVnpt-sign-header`, and
 * `XroadVnpt-hash-header` = hex HMAC-SHA256(secret, that JSON).
 */
export function signVdxpHeaders(
  signed: Record<string, string>,
  auth: { systemId: string; secret: string; timestamp: string },
): Record<string, string> {
  const all: Record<string, string> = { timestamp: auth.timestamp, systemid: auth.systemId, ...signed };
  const signHeader: Record<string, string> = {};
  for (const [name, value] of Object.entries(all)) signHeader[`${VDXP_PREFIX}${name}`] = value;
  const json = JSON.stringify(signHeader);
  const headers: Record<string, string> = {
    ...signHeader,
    [`${VDXP_PREFIX}sign-header-key`]: Object.keys(signHeader).join(';'),
    [`${VDXP_PREFIX}sign-header`]: json,
    [`${VDXP_PREFIX}hash-header`]: createHmac('sha256', Buffer.from(auth.secret, 'utf8'))
      .update(json)
      .digest('hex'),
    [`${VDXP_PREFIX}version`]: VDXP_VERSION,
    'User-Agent': VDXP_USER_AGENT,
  };
  // The call headers also travel plain (the axis routes on them); Content-Type plain is required.
  for (const [name, value] of Object.entries(signed)) headers[name] = value;
  return headers;
}

export interface VerifyResult {
  ok: boolean;
  reason?: string;
  systemId?: string;
  /** The signed header values, lower-cased names without the prefix. */
  values?: Record<string, string>;
}

/** Server side of the scheme (used by the local axis): recompute and compare. */
export function verifyVdxpHeaders(
  get: (name: string) => string | undefined,
  secretFor: (systemId: string) => string | undefined,
): VerifyResult {
  const json = get(`${VDXP_PREFIX}sign-header`);
  const keys = get(`${VDXP_PREFIX}sign-header-key`);
  const hash = get(`${VDXP_PREFIX}hash-header`);
  if (!json || !keys || !hash) return { ok: false, reason: 'missing signature headers' };
  let parsed: Record<string, string>;
  try {
    parsed = JSON.parse(json) as Record<string, string>;
  } catch {
    return { ok: false, reason: 'sign-header is not JSON' };
  }
  const systemId = parsed[`${VDXP_PREFIX}systemid`];
  if (!systemId) return { ok: false, reason: 'no systemid' };
  if (!parsed[`${VDXP_PREFIX}timestamp`]) return { ok: false, reason: 'no timestamp' };
  const secret = secretFor(systemId);
  if (!secret) return { ok: false, reason: `unknown system ${systemId}` };
  const expected = createHmac('sha256', Buffer.from(secret, 'utf8')).update(json).digest('hex');
  if (expected !== hash.toLowerCase()) return { ok: false, reason: 'HMAC mismatch' };
  const names = keys.split(';');
  if (names.length !== Object.keys(parsed).length || !names.every((n) => Object.hasOwn(parsed, n)))
    return { ok: false, reason: 'sign-header-key does not list the signed headers' };
  const values: Record<string, string> = {};
  for (const name of names) {
    const sent = get(name);
    if (sent !== parsed[name]) return { ok: false, reason: `${name} differs from its signed value` };
    const plain = name.slice(VDXP_PREFIX.length);
    values[plain.toLowerCase()] = parsed[name]!;
    const plainValue = get(plain);
    if (
      plainValue !== undefined &&
      plain !== 'timestamp' &&
      plain !== 'systemid' &&
      plainValue !== parsed[name]
    )
      return { ok: false, reason: `${plain} differs from its signed value` };
  }
  return { ok: true, systemId, values };
}
