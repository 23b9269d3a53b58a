import { X509Certificate } from 'node:crypto';

/**
 * Orders the issuers of `leaf` found in `pool` (DER certificates from the same key store) from the
 * direct issuer upwards, stopping at a self-signed certificate or when no issuer is present.
 * Names are compared as node:crypto prints them (the same function for both sides).
 */
export function chainFrom(leaf: Uint8Array, pool: readonly Uint8Array[]): Uint8Array[] {
  const certs = pool.map((der) => ({ der, cert: new X509Certificate(der) }));
  const out: Uint8Array[] = [];
  let current = new X509Certificate(leaf);
  const used = new Set<number>();
  for (let depth = 0; depth < 8 && current.subject !== current.issuer; depth++) {
    const next = certs.findIndex(
      (c, i) =>
        !used.has(i) && c.cert.subject === current.issuer && c.cert.serialNumber !== current.serialNumber,
    );
    if (next < 0) break;
    used.add(next);
    out.push(certs[next]!.der);
    current = certs[next]!.cert;
  }
  return out;
}
