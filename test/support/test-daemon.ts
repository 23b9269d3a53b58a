import { join } from 'node:path';
import type { KeyProvider, Verifier } from '../../daemon/src/handlers/services.js';
import { fileSecretOpener } from '../../daemon/src/pairing/named-secrets.js';
import { FileSecretStore } from '../../daemon/src/pairing/secret-store.js';
import { type RunningDaemon, startDaemon } from '../../daemon/src/service/daemon.js';

/**
 * The real daemon on a free port for tests, living entirely in `home` (VANTHU_HOME; no admin file
 * unless the test writes `home/admin.json`), with the pairing secret in a file and a silent log.
 */
export async function startTestDaemon(
  home: string,
  engines: { keys: KeyProvider; verifier: Verifier },
): Promise<{ daemon: RunningDaemon; secret: string; env: NodeJS.ProcessEnv }> {
  const env = { ...process.env, VANTHU_HOME: home, VANTHU_SYSTEM_CONFIG: join(home, 'admin.json') };
  const daemon = await startDaemon({
    env,
    ...engines,
    port: 0,
    secretStore: new FileSecretStore(join(home, 'secret')),
    namedSecrets: fileSecretOpener(join(home, 'secrets')),
    log: () => {},
  });
  const secret = daemon.secretStore.get();
  if (!secret) throw new Error('the daemon started without a pairing secret');
  return { daemon, secret, env };
}
