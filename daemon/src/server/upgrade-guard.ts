import type { IncomingMessage } from 'node:http';

export interface GuardOptions {
  port: number;
  allowedOrigins: readonly string[];
}

export type GuardVerdict = { ok: true; origin: string } | { ok: false; status: 403 | 400; reason: string };

/**
 * Loopback names only, with our port: a page that rebinds its own DNS name to 127.0.0.1 still sends
 * its name in Host, so anything else is refused (DNS rebinding).
 */
export function isLoopbackHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const h = host.toLowerCase();
  return h === `127.0.0.1:${port}` || h === `localhost:${port}` || h === `[::1]:${port}`;
}

/** Decides on an upgrade request before any WebSocket exists: Origin allowlist and Host check. */
export function checkUpgrade(req: IncomingMessage, options: GuardOptions): GuardVerdict {
  if (!isLoopbackHost(req.headers.host, options.port)) {
    return { ok: false, status: 403, reason: 'Host is not a loopback name' };
  }
  const origin = req.headers.origin;
  if (typeof origin !== 'string' || origin.length === 0)
    return { ok: false, status: 403, reason: 'no Origin' };
  if (!options.allowedOrigins.includes(origin))
    return { ok: false, status: 403, reason: 'Origin not allowed' };
  return { ok: true, origin };
}
