import { toVanthuError } from '@vanthu/shared/errors/index';
import type { DaemonClient } from './daemon/client.js';
import type { DaemonStatus, StatusCertificate } from '../messaging/page-requests.js';
import { errorLine } from '../i18n/errors.js';
import { loadPairing } from './daemon/pairing.js';

/** Connects if needed and describes the daemon for the popup and the options page. */
export async function daemonStatus(client: DaemonClient): Promise<DaemonStatus> {
  const pairing = await loadPairing().catch(() => undefined);
  const source = pairing ? { pairing: pairing.source } : {};
  try {
    // One connection attempt, no waiting for a daemon to come back: the popup answers at once.
    await client.connect();
    const { result } = await client.request('tokens.list', {});
    const hello = client.hello;
    return {
      state: 'connected',
      ...source,
      ...(hello
        ? {
            daemonVersion: hello.daemon.version,
            protocolVersion: hello.version,
            batchWindowSeconds: hello.pinPolicy.batchWindowSeconds,
          }
        : {}),
      tokens: result.tokens.map((t) => ({
        label: t.label,
        certificates: t.certificates.map(
          (c): StatusCertificate => ({
            commonName: c.commonName ?? c.subject,
            ...(c.organization ? { organization: c.organization } : {}),
            issuer: c.issuer,
            notAfter: c.notAfter,
            keyUsage: c.keyUsage,
            ...(c.chainMissingIssuer ? { chainMissingIssuer: c.chainMissingIssuer } : {}),
          }),
        ),
      })),
    };
  } catch (e) {
    const error = toVanthuError(e);
    const state =
      error.code === 'NOT_PAIRED' || error.code === 'PAIRING_FAILED'
        ? 'not-paired'
        : error.code === 'DAEMON_UNREACHABLE'
          ? 'not-running'
          : 'error';
    return { state, ...source, error: { code: error.code, message: errorLine(error) } };
  }
}
