import { DerFault } from './der.js';
import { algorithmIdentifier, expectSequence, only, smallInteger, whole } from './der-values.js';

const SHA1 = '1.3.14.3.2.26';
export const MGF1 = '1.2.840.113549.1.1.8';

/** RSASSA-PSS-params (RFC 4055 §3.1, RFC 8017 Appendix A.2.3), DEFAULTs filled in. */
export interface PssParams {
  /** hashAlgorithm; DEFAULT sha1. */
  hash: string;
  /** maskGenAlgorithm's OID; DEFAULT mgf1SHA1. */
  mgf: string;
  /** The hash MGF1 is parameterised with (SHA-1 when the parameters are absent). */
  mgfHash: string;
  /** DEFAULT 20. */
  saltLength: number;
  /** DEFAULT 1, the only value RFC 8017 defines. */
  trailerField: number;
}

/**
 * Reads RSASSA-PSS-params: a SEQUENCE of up to four EXPLICIT [0]–[3] elements, each at most once
 * and in order. Anything else is a DerFault.
 */
export function readPssParams(params: ArrayBuffer | Uint8Array): PssParams {
  const der = params instanceof Uint8Array ? params : new Uint8Array(params);
  const out: PssParams = { hash: SHA1, mgf: MGF1, mgfHash: SHA1, saltLength: 20, trailerField: 1 };
  let previous = -1;
  for (const item of expectSequence(der, whole(der), 'RSASSA-PSS-params')) {
    const n = item.tag - 0xa0;
    if (n < 0 || n > 3 || n <= previous) throw new DerFault('RSASSA-PSS-params: unexpected element');
    previous = n;
    const inner = only(der, item, 'RSASSA-PSS-params');
    if (n === 0) out.hash = algorithmIdentifier(der, inner).algorithm;
    else if (n === 1) {
      const mgf = algorithmIdentifier(der, inner);
      out.mgf = mgf.algorithm;
      if (mgf.parameters) {
        const p = new Uint8Array(mgf.parameters);
        out.mgfHash = algorithmIdentifier(p, whole(p)).algorithm;
      }
    } else {
      if (inner.tag !== 0x02) throw new DerFault('RSASSA-PSS-params: not an INTEGER');
      const value = smallInteger(der, inner, 'RSASSA-PSS-params');
      if (n === 2) out.saltLength = value;
      else out.trailerField = value;
    }
  }
  return out;
}
