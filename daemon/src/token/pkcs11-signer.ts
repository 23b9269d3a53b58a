import { VanthuError } from '@vanthu/shared/errors/index';
import { describeCertificate } from './cert-info.js';
import { chainFrom } from './chain.js';
import { ecdsaRawToDer, planSignature } from './mechanisms.js';
import { type DiscoverOptions, modulesForKey } from './modules.js';
import { type PinOptions, resolvePin } from './pin.js';
import { findTokens, type TokenSlot } from './pkcs11-slots.js';
import type { KeyAlgorithm, Signer } from './signer.js';
import type { Pkcs11KeyUri } from './uri.js';
import type { Pkcs11Client } from './worker/client.js';

const CKK_RSA = 0x0;
const CKK_EC = 0x3;

export interface Pkcs11SignerOptions extends PinOptions, DiscoverOptions {
  client: Pkcs11Client;
  /** Sign with CKM_RSA_PKCS / CKM_RSA_PKCS_PSS over a digest even when the token lists the combined mechanism. */
  preferRawMechanisms?: boolean;
  /** Called with the token's public certificates before the PIN is asked for or used. */
  beforeLogin?: (held: TokenCertificates) => Promise<void>;
}

/** The certificates a token shows without login: the key's own (when found) and all of them. */
export interface TokenCertificates {
  certificate: Uint8Array | undefined;
  pool: Uint8Array[];
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** With several matching tokens, the one whose public certificates match the URI's id/object. */
async function pickToken(client: Pkcs11Client, tokens: TokenSlot[], uri: Pkcs11KeyUri): Promise<TokenSlot> {
  if (tokens.length === 1) return tokens[0]!;
  if (uri.id === undefined && uri.object === undefined) {
    throw new VanthuError(
      'TOKEN_NOT_FOUND',
      `${tokens.length} tokens match (${tokens.map((t) => `"${t.token.label}"`).join(', ')}); name one with token=`,
    );
  }
  for (const t of tokens) {
    const objects = await client.request({ op: 'objects', module: t.module.path, slot: t.slot });
    if (objects.some((o) => (uri.id ? o.id === hex(uri.id) : o.label === uri.object))) return t;
  }
  return tokens[0]!;
}

/** The token's certificates, read without login; the key's is the one the URI's id or label names. */
async function publicCertificates(
  client: Pkcs11Client,
  token: TokenSlot,
  uri: Pkcs11KeyUri,
): Promise<TokenCertificates> {
  const objects = await client.request({ op: 'objects', module: token.module.path, slot: token.slot });
  const certs = objects.filter((o) => o.kind === 'certificate' && o.value);
  const own = certs.find((o) =>
    uri.id !== undefined ? o.id === hex(uri.id) : uri.object !== undefined && o.label === uri.object,
  );
  return { certificate: own?.value, pool: certs.map((o) => o.value!) };
}

/**
 * Opens the private key a `pkcs11:` URI names: finds module and token, logs in with the PIN (never
 * kept after C_Login), finds key and certificate by CKA_ID (or label) and returns a Signer whose
 * operations run in the PKCS#11 worker, one at a time per token.
 */
export async function openPkcs11Signer(uri: Pkcs11KeyUri, opts: Pkcs11SignerOptions): Promise<Signer> {
  const { client } = opts;
  if (uri.type !== undefined && uri.type !== 'private') {
    throw new VanthuError(
      'INVALID_URI',
      `type=${uri.type}: signing needs the private key (type=private or none)`,
    );
  }
  const modules = modulesForKey(uri, opts);
  const token = await pickToken(client, await findTokens(client, modules, uri), uri);
  if (opts.beforeLogin) await opts.beforeLogin(await publicCertificates(client, token, uri));
  const pin = await resolvePin(uri.pinSource, opts);
  const opened = await client.request({
    op: 'open',
    module: token.module.path,
    slot: token.slot,
    pin,
    ...(uri.id !== undefined ? { id: hex(uri.id) } : {}),
    ...(uri.object !== undefined ? { label: uri.object } : {}),
  });
  const closeSession = (): Promise<unknown> => client.request({ op: 'close', ref: opened.ref });
  try {
    if (!opened.certificate) {
      throw new VanthuError(
        'KEY_NOT_FOUND',
        `no certificate with the key's CKA_ID ${opened.id || '(empty)'}`,
      );
    }
    const keyAlgorithm: KeyAlgorithm | undefined =
      opened.keyType === CKK_RSA ? 'RSA' : opened.keyType === CKK_EC ? 'EC' : undefined;
    if (!keyAlgorithm) throw new VanthuError('KEY_UNSUPPORTED', `CKK ${opened.keyType}`);
    const certificate = opened.certificate;
    const details = describeCertificate(certificate);
    const objects = await client.request({ op: 'objects', module: token.module.path, slot: token.slot });
    const pool = objects.flatMap((o) => (o.value ? [o.value] : []));
    const mechanisms = opened.mechanisms;
    let closed = false;
    return {
      certificate,
      chain: chainFrom(certificate, pool),
      keyAlgorithm,
      keyBits: details.keyBits ?? 0,
      description: `${token.module.name} token ${token.token.label} / id ${opened.id || opened.label}`,
      async sign(data, options) {
        if (closed) throw new VanthuError('KEY_NOT_FOUND', 'the token key was closed');
        const plan = planSignature(keyAlgorithm, mechanisms, data, options, opts.preferRawMechanisms);
        const raw = await client.request({
          op: 'sign',
          ref: opened.ref,
          mechanism: plan.mechanism,
          ...(plan.pss ? { pss: plan.pss } : {}),
          data: plan.input,
        });
        return plan.output === 'ecdsa-der' ? ecdsaRawToDer(raw) : raw;
      },
      async close() {
        if (closed) return;
        closed = true;
        await closeSession();
      },
    };
  } catch (error) {
    await closeSession();
    throw error;
  }
}
