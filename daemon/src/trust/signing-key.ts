import type { Lang } from '@vanthu/shared/errors/index';
import { withChain } from '../token/chained-signer.js';
import { type OpenSignerOptions, openSigner } from '../token/open-signer.js';
import type { Signer } from '../token/signer.js';
import { verificationFetchLimits } from './fetch-limits.js';
import { type SigningChain, type SigningChainOptions, completeSigningChain } from './signing-chain.js';
import { TrustStore } from './store.js';

/** The warning a signer sees when the chain stops short of a root, naming the missing issuer, in `lang`. */
export function chainWarningText(missingIssuer: string, lang: Lang): string {
  return lang === 'vi'
    ? `Chuỗi chứng thư không đầy đủ: không có chứng thư của bên cấp "${missingIssuer}", người nhận chỉ có chứng thư gốc sẽ không kiểm tra được chữ ký`
    : `The certificate chain is incomplete: the issuer "${missingIssuer}" was not found, so a recipient holding only the root cannot validate the signature`;
}

/** The chain warning for a certificate, or undefined when its chain is complete. */
export async function chainWarningFor(
  certificate: Uint8Array,
  held: readonly Uint8Array[],
  chain: SigningChainOptions,
  lang: Lang,
): Promise<string | undefined> {
  const { missingIssuer } = await completeSigningChain(certificate, held, chain);
  return missingIssuer === undefined ? undefined : chainWarningText(missingIssuer, lang);
}

/**
 * The chain a signature embeds. When the key's own certificates climb to a self-signed root, they
 * are the chain (the root left out) and the trust configuration is not read; only a chain they
 * leave short is completed from the configured intermediates and, online, AIA. (A configured anchor
 * inside the key's own path is then embedded too: one certificate more, which the recipient has.)
 */
async function signingChainFor(
  leaf: Uint8Array,
  held: readonly Uint8Array[],
  chain: SigningKeyOptions['chain'],
): Promise<SigningChain> {
  const own = await completeSigningChain(leaf, held, {
    store: new TrustStore(),
    online: false,
    limits: verificationFetchLimits({}),
  });
  if (own.reachesRoot) return own;
  return completeSigningChain(leaf, held, typeof chain === 'function' ? await chain() : chain);
}

export interface SigningKeyOptions extends OpenSignerOptions {
  /** What completes the chain; a function is called only when the key's own certificates fall short. */
  chain: SigningChainOptions | (() => Promise<SigningChainOptions>);
  /** Told once when the chain cannot be completed; for a token key, before the PIN is asked for. */
  onChainWarning?: (warning: string) => void;
  /** Language of the chain warning (default Vietnamese). */
  lang?: Lang;
}

/**
 * Opens the key a URI names and returns a Signer whose signatures embed the completed chain (up to,
 * not including, the anchor). A token's certificates are checked before login, so the warning
 * comes before the PIN; a PKCS#12 file shows its certificates only once opened.
 */
export async function openSigningKey(uri: string, opts: SigningKeyOptions): Promise<Signer> {
  const { chain, onChainWarning, lang = 'vi', ...open } = opts;
  let checkedFor: Uint8Array | undefined;
  let intermediates: Uint8Array[] | undefined;
  const signer = await openSigner(uri, {
    ...open,
    beforeLogin: async (held) => {
      await open.beforeLogin?.(held);
      if (!held.certificate) return;
      const found = await signingChainFor(held.certificate, held.pool, chain);
      checkedFor = held.certificate;
      intermediates = found.intermediates;
      if (found.missingIssuer !== undefined) onChainWarning?.(chainWarningText(found.missingIssuer, lang));
    },
  });
  try {
    if (!intermediates || !checkedFor || !Buffer.from(checkedFor).equals(signer.certificate)) {
      const found = await signingChainFor(signer.certificate, signer.chain, chain);
      intermediates = found.intermediates;
      if (found.missingIssuer !== undefined) onChainWarning?.(chainWarningText(found.missingIssuer, lang));
    }
    return withChain(signer, intermediates);
  } catch (error) {
    await signer.close();
    throw error;
  }
}
