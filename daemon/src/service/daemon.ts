import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openAuditKeyring } from '../audit/keyring.js';
import { AuditLog } from '../audit/log.js';
import { type LoadedConfig, loadConfig } from '../config/loader.js';
import { resolvePaths } from '../config/paths.js';
import { createHandlers } from '../handlers/index.js';
import type { DaemonServices, KeyProvider, Verifier } from '../handlers/services.js';
import { signingChainOptions } from '../trust/signing-trust.js';
import { SignerSessions } from '../handlers/signer-sessions.js';
import { ensurePrivateDir, tightenOwnDir } from '../fs/private-files.js';
import { configuredSecretOpener, type SecretOpener } from '../pairing/named-secrets.js';
import { ensurePairingSecret, openSecretStore, type SecretStore } from '../pairing/secret-store.js';
import { DaemonServer } from '../server/server.js';
import { daemonFile } from '../daemon-dir.js';
import type { SecretStore as AxisSecretStore } from '../exchange/axis/secret-store.js';
import { openOffice } from '../office/open.js';
import { docxConverter } from '../convert/index.js';
import { configuredAxisSecrets } from '../exchange/axis/configured-secrets.js';
import type { Lang } from '@vanthu/shared/errors/index';
import { chooseLang } from '../i18n/choose-lang.js';
import { type DaemonLog, daemonLog } from '../i18n/daemon-log.js';
import { configuredLang } from '../i18n/ui-config.js';
import { type DataDirLock, lockDataDir } from './data-dir-lock.js';

const pkg = JSON.parse(readFileSync(daemonFile('package.json'), 'utf8')) as { version: string };

export interface DaemonOptions {
  configPath?: string;
  env?: NodeJS.ProcessEnv;
  keys: KeyProvider;
  verifier: Verifier;
  /** Overrides config `server.port` (0 = any free port; tests). */
  port?: number;
  /** Overrides the configured secret store (tests). */
  secretStore?: SecretStore;
  /** Overrides where the audit key and anchor are kept (tests). */
  namedSecrets?: SecretOpener;
  /** Overrides the OS keychain for axis credentials (tests). */
  axisSecrets?: AxisSecretStore;
  /** Where log lines go (default stderr). */
  log?: (line: string) => void;
  /** The `--lang` flag, when given: it wins over config `ui.language` and the locale. */
  lang?: Lang;
}

export interface RunningDaemon {
  port: number;
  server: DaemonServer;
  loaded: LoadedConfig;
  audit: AuditLog;
  secretStore: SecretStore;
  /** The language of the daemon's log (and of its start-up line). */
  lang: Lang;
  stop(): Promise<void>;
}

export function auditDir(loaded: LoadedConfig, env: NodeJS.ProcessEnv = process.env): string {
  return loaded.config.audit.dir ?? join(resolvePaths(env).userDataDir, 'audit');
}

export function pairingCodeFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(resolvePaths(env).userDataDir, 'pairing-code.json');
}

/** Wires configuration, pairing secret, audit log, token layer, verifier and the server. */
export async function startDaemon(options: DaemonOptions): Promise<RunningDaemon> {
  const env = options.env ?? process.env;
  const loaded = loadConfig({ ...(options.configPath ? { configPath: options.configPath } : {}), env });
  const log = daemonLog(
    chooseLang({ flag: options.lang, configured: configuredLang(loaded), env }),
    options.log ?? ((line: string) => process.stderr.write(`${line}\n`)),
  );
  for (const key of loaded.ignoredLocked)
    log.line(
      `CONFIG_LOCKED: ${key} do quản trị viên khóa; bỏ qua giá trị của người dùng`,
      `CONFIG_LOCKED: ${key} is locked by the administrator; user value ignored`,
    );
  const { config } = loaded;
  const paths = resolvePaths(env);
  const secretStore = options.secretStore ?? openSecretStore(config.pairing.store, paths.userConfigDir, env);
  const secret = ensurePairingSecret(secretStore);
  // Registry, exchange queue, audit log and caches are the user's alone (an older vanthu made it 0755).
  ensurePrivateDir(paths.userDataDir);
  tightenOwnDir(paths.userDataDir);
  // Before anything else writes there: a second daemon on this directory stops here (DATA_DIR_LOCKED).
  const lock = lockDataDir(paths.userDataDir);
  try {
    return await startLocked(options, { env, log, loaded, secretStore, lock, secret });
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function startLocked(
  options: DaemonOptions,
  started: {
    env: NodeJS.ProcessEnv;
    log: DaemonLog;
    loaded: LoadedConfig;
    secretStore: SecretStore;
    lock: DataDirLock;
    secret: string;
  },
): Promise<RunningDaemon> {
  const { env, log, loaded, secretStore, lock } = started;
  const { config } = loaded;
  let secret = started.secret;
  const dir = auditDir(loaded, env);
  const audit = new AuditLog(
    dir,
    openAuditKeyring(dir, options.namedSecrets ?? configuredSecretOpener(loaded, env)),
    {
      maxFileBytes: config.audit.maxFileBytes,
    },
  );
  const sessions = new SignerSessions(options.keys, config.pin.batchWindowSeconds);
  const services: DaemonServices = {
    keys: options.keys,
    verifier: options.verifier,
    audit,
    // Re-read so a secret rotated by the native host takes effect without a restart.
    pairingSecret: () => {
      try {
        secret = ensurePairingSecret(secretStore);
      } catch {
        // Keep the last good secret when the store is briefly unavailable.
      }
      return secret;
    },
    pairingCodeFile: pairingCodeFile(env),
    batchWindowSeconds: config.pin.batchWindowSeconds,
    signing: config.signing,
    daemonVersion: pkg.version,
    log,
    // Signing at B-LT / B-LTA: validation data under this daemon's trust configuration.
    ltvSources: () => signingChainOptions(options.configPath, env),
  };
  const office = await openOffice({
    ...(options.configPath ? { configPath: options.configPath } : {}),
    env,
    verify: (pdf) => options.verifier.verify(pdf, {}),
    audit,
    log,
    // Axis credentials where this user's secrets live (pairing.store: keychain or files).
    axisSecrets:
      options.axisSecrets ?? configuredAxisSecrets(config.pairing.store, resolvePaths(env).userConfigDir),
  });
  const port = options.port ?? config.server.port;
  let server: DaemonServer | undefined;
  const handlers = createHandlers({
    sessions,
    portOf: () => server?.port ?? port,
    office,
    convertDocx: docxConverter(options.configPath, env),
  });
  server = new DaemonServer({ ...config.server, port }, services, handlers);
  let bound: number;
  try {
    bound = await server.listen();
  } catch (error) {
    // PORT_IN_USE: nothing was started, so nothing keeps this process alive.
    await sessions.closeAll();
    await office.close();
    throw error;
  }
  lock.recordPort(bound);
  // Only now, holding the directory and the port: its start-up recovery re-queues what was in flight.
  office.startWorkers();
  return {
    port: bound,
    server,
    loaded,
    audit,
    secretStore,
    lang: log.lang,
    async stop() {
      await server?.close();
      await sessions.closeAll();
      await office.close();
      lock.release();
    },
  };
}
