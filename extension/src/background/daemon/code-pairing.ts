import { VanthuError } from '@vanthu/shared/errors/index';
import { PairingInitiator } from '@vanthu/shared/pake/pairing-exchange';
import { type ConnectOptions, DaemonConnection } from './connection.js';
import { fromBase64url, toBase64url } from './proof.js';

export interface CodePairing {
  /** Port the daemon reported (it may differ from the one typed when the daemon moved). */
  readonly port: number;
  /** The pairing secret, 32 bytes base64url, already proven with auth on this connection. */
  readonly secret: string;
}

/**
 * Manual pairing with the code of `vanthu pair` (shared/src/pake/pairing-exchange.ts): a CPace run in
 * which the daemon must prove it knows the code before the extension sends anything derived from it.
 * A program impersonating the daemon on the port fails here having received only a random-looking
 * share; the secret is returned only once it opened under the run's key and passed auth.
 */
export async function pairWithCode(code: string, options: ConnectOptions): Promise<CodePairing> {
  const connection = await DaemonConnection.open(options);
  try {
    const hello = connection.hello;
    if (!hello) throw new VanthuError('PROTOCOL_ERROR', 'pairing before hello');
    const run = new PairingInitiator(code, options.origin, fromBase64url(hello.serverNonce));
    const start = await connection.request('pair.start', {
      clientNonce: toBase64url(run.clientNonce),
      share: toBase64url(run.share),
    });
    const confirm = run.confirmDaemon(fromBase64url(start.result.share), fromBase64url(start.result.confirm));
    const { result } = await connection.request('pair.finish', { confirm: toBase64url(confirm) });
    const secret = toBase64url(run.openSecret(fromBase64url(result.sealed), result.port));
    await connection.authenticate(secret, options.origin);
    return { port: result.port, secret };
  } finally {
    connection.close();
  }
}
