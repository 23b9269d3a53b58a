/**
 * The token layer's public API: key URIs, opening a Signer (PKCS#11 token or PKCS#12 file),
 * listing modules/tokens/certificates and watching for token insertion and removal.
 * All PKCS#11 work runs in one worker thread shared by the process (see worker/).
 */
import type { DiscoverOptions } from './modules.js';
export type { TokenCertificates } from './pkcs11-signer.js';
export { type OpenSignerOptions, openSigner } from './open-signer.js';
import { listTokens as listWith, type TokenListing } from './list.js';
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

/** Modules, slots, tokens and certificates (see TokenListing). */
export function listTokens(opts: DiscoverOptions & { client?: Pkcs11Client } = {}): Promise<TokenListing> {
  return listWith(opts.client ?? sharedPkcs11Client(), opts);
}

/** A watcher emitting `insert` / `remove` for tokens; call start() and stop(). */
export function watchTokens(opts: TokenWatcherOptions & { client?: Pkcs11Client } = {}): TokenWatcher {
  return new TokenWatcher(opts.client ?? sharedPkcs11Client(), opts);
}
