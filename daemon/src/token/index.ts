/**
 * The token layer's public API: key URIs, opening a Signer (PKCS#11 token or PKCS#12 file),
 * listing modules/tokens/certificates and watching for token insertion and removal.
 * All PKCS#11 work runs in one worker thread shared by the process (see worker/).
 */
import type { DiscoverOptions } from './modules.js';
import { openP12Signer } from './p12.js';
import { resolvePin } from './pin.js';
import { openPkcs11Signer } from './pkcs11-signer.js';
import type { Signer } from './signer.js';
import { listTokens as listWith, type TokenListing } from './list.js';
import { parseKeyUri } from './uri.js';
import { TokenWatcher, type TokenWatcherOptions } from './watcher.js';
import { type Pkcs11Client, sharedPkcs11Client } from './worker/client.js';

export type { CertificateDetails } from './cert-info.js';
export { describeCertificate, validityAt } from './cert-info.js';
export type { ListedModule, ListedSlot, ListedToken, TokenCertificate, TokenListing } from './list.js';
export { type DiscoveredModule, discoverModules } from './modules.js';
export { KNOWN_MODULES, type KnownModule } from './known-modules.js';
export type { HashAlgorithm, KeyAlgorithm, RsaScheme, SignOptions, Signer } from './signer.js';
export { type PinFlag, pinFlagNames } from './token-flags.js';
export {
  type KeyUri,
  type P12KeyUri,
  type Pkcs11KeyUri,
  type PinSource,
  formatPkcs11Uri,
  parseKeyUri,
  redactKeyUri,
} from './uri.js';
export { type TokenEvent, TokenWatcher, type TokenWatcherOptions } from './watcher.js';
export { Pkcs11Client, type TraceEvent } from './worker/client.js';

export interface OpenSignerOptions {
  /** The PIN the user typed (the daemon passes the extension's); wins over the URI's pin-source. */
  pin?: string;
  /** Config file with the `pkcs11` section; default: the per-user config.json. */
  configPath?: string;
  /** Environment for pin-source=env: and path resolution; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Asks for the PIN when neither `pin` nor pin-source gives one (the CLI prompts on a TTY). */
  promptPin?: () => Promise<string>;
  /** Worker client; default the process-wide one. */
  client?: Pkcs11Client;
  /** Use CKM_RSA_PKCS / CKM_RSA_PKCS_PSS over a digest even where combined mechanisms exist. */
  preferRawMechanisms?: boolean;
}

/**
 * Opens the key a URI names (interfaces.md §1 "Keys") and returns a Signer; close it when done.
 * PIN order: `opts.pin`, the URI's pin-source, `opts.promptPin`, else PIN_REQUIRED.
 * Errors: INVALID_URI, MODULE_NOT_FOUND, MODULE_LOAD_FAILED, TOKEN_ABSENT, TOKEN_NOT_FOUND,
 * PIN_REQUIRED, PIN_INCORRECT, PIN_LOCKED, PIN_EXPIRED, KEY_NOT_FOUND, KEY_UNSUPPORTED, P12_INVALID,
 * TOKEN_ERROR (with the CKR name in details).
 */
export async function openSigner(uri: string, opts: OpenSignerOptions = {}): Promise<Signer> {
  const key = parseKeyUri(uri);
  const env = opts.env ?? process.env;
  if (key.scheme === 'p12') {
    const password = await resolvePin(key.pinSource, { ...opts, env });
    return openP12Signer(key.path, password);
  }
  return openPkcs11Signer(key, {
    ...opts,
    env,
    client: opts.client ?? sharedPkcs11Client(),
    ...(opts.configPath ? { configPath: opts.configPath } : {}),
  });
}

/** Modules, slots, tokens and certificates (see TokenListing). */
export function listTokens(opts: DiscoverOptions & { client?: Pkcs11Client } = {}): Promise<TokenListing> {
  return listWith(opts.client ?? sharedPkcs11Client(), opts);
}

/** A watcher emitting `insert` / `remove` for tokens; call start() and stop(). */
export function watchTokens(opts: TokenWatcherOptions & { client?: Pkcs11Client } = {}): TokenWatcher {
  return new TokenWatcher(opts.client ?? sharedPkcs11Client(), opts);
}
