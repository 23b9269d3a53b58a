import { resolvePin } from './pin.js';
import type { TokenCertificates } from './pkcs11-signer.js';
import type { Signer } from './signer.js';
import { parseKeyUri } from './uri.js';
import type { Pkcs11Client } from './worker/client.js';

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
  /** PKCS#11: called with the token's public certificates before the PIN is asked for or used. */
  beforeLogin?: (held: TokenCertificates) => Promise<void>;
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
  // Each kind of key loads its own code: a PKCS#12 signature never starts the PKCS#11 worker
  // or reads the pkcs11 config section (and its validator).
  if (key.scheme === 'p12') {
    const password = await resolvePin(key.pinSource, { ...opts, env });
    const { openP12Signer } = await import('./p12.js');
    return openP12Signer(key.path, password);
  }
  const [{ openPkcs11Signer }, { sharedPkcs11Client }] = await Promise.all([
    import('./pkcs11-signer.js'),
    import('./worker/client.js'),
  ]);
  return openPkcs11Signer(key, {
    ...opts,
    env,
    client: opts.client ?? sharedPkcs11Client(),
    ...(opts.configPath ? { configPath: opts.configPath } : {}),
  });
}
