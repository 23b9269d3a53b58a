import { withChain } from '../token/chained-signer.js';
import { type OpenSignerOptions, openSigner } from '../token/index.js';
import type { Signer } from '../token/signer.js';
import { type SigningChainOptions, completeSigningChain } from './signing-chain.js';

/** The warning a signer sees when the chain stops short of a root, naming the missing issuer. */
export function chainWarningText(missingIssuer: string): string {
  return (
    `chuỗi chứng thư không đầy đủ: không có chứng thư của bên cấp "${missingIssuer}", người nhận chỉ có chứng thư gốc sẽ không kiểm tra được chữ ký / ` +
    `the certificate chain is incomplete: the issuer "${missingIssuer}" was not found, so a recipient holding only the root cannot validate the signature`
  );
}

/** The chain warning for a certificate, or undefined when its chain is complete. */
export async function chainWarningFor(
  certificate: Uint8Array,
  held: readonly Uint8Array[],
  chain: SigningChainOptions,
): Promise<string | undefined> {
  const { missingIssuer } = await completeSigningChain(certificate, held, chain);
  return missingIssuer === undefined ? undefined : chainWarningText(missingIssuer);
}

export interface SigningKeyOptions extends OpenSignerOptions {
  chain: SigningChainOptions;
  /** Told once when the chain cannot be completed; for a token key, before the PIN is asked for. */
  onChainWarning?: (warning: string) => void;
}

/**
 * Opens the key a URI names and returns a Signer whose signatures embed the completed chain (up to,
 * not including, the anchor). A token's certificates are checked before login, so the warning
 * comes before the PIN; a PKCS#12 file shows its certificates only once opened.
 */
export async function openSigningKey(uri: string, opts: SigningKeyOptions): Promise<Signer> {
  const { chain, onChainWarning, ...open } = opts;
  let checkedFor: Uint8Array | undefined;
  let intermediates: Uint8Array[] | undefined;
  const signer = await openSigner(uri, {
    ...open,
    beforeLogin: async (held) => {
      await open.beforeLogin?.(held);
      if (!held.certificate) return;
      const found = await completeSigningChain(held.certificate, held.pool, chain);
      checkedFor = held.certificate;
      intermediates = found.intermediates;
      if (found.missingIssuer !== undefined) onChainWarning?.(chainWarningText(found.missingIssuer));
    },
  });
  try {
    if (!intermediates || !checkedFor || !Buffer.from(checkedFor).equals(signer.certificate)) {
      const found = await completeSigningChain(signer.certificate, signer.chain, chain);
      intermediates = found.intermediates;
      if (found.missingIssuer !== undefined) onChainWarning?.(chainWarningText(found.missingIssuer));
    }
    return withChain(signer, intermediates);
  } catch (error) {
    await signer.close();
    throw error;
  }
}
