import { type PdfObject, type PdfReader, PdfRef, PdfStream } from '../pdf/reader/index.js';
import { type CertInfo, certInfo } from '../trust/certificate.js';
import { type ParsedCrl, parseCrl } from '../trust/crl.js';
import type { EmbeddedRevocation } from '../trust/embedded-revocation.js';

/** What a document's security store (/DSS, ETSI EN 319 142-1 §5.4.2) holds for validation. */
export interface DssMaterial extends EmbeddedRevocation {
  certs: CertInfo[];
  ocsps: Uint8Array[];
  crls: ParsedCrl[];
  /** /VRI keys: uppercase hex SHA-1 of the /Contents of the signatures the store names. */
  vri: Set<string>;
}

/** A store's stream is one certificate, response or CRL: far below this. */
const MAX_ITEM = 1024 * 1024;
const MAX_ITEMS = 2000;

/**
 * Reads /DSS from the catalog: /Certs, /OCSPs, /CRLs and the streams each /VRI entry names.
 * Unreadable items are skipped (the signature then simply lacks that material), never trusted: every
 * certificate still has to chain to an anchor and every answer to verify against its issuer.
 */
export function readDss(reader: PdfReader): DssMaterial | undefined {
  let dss: ReturnType<PdfReader['dict']>;
  try {
    dss = reader.dict(reader.catalog.get('DSS'));
  } catch {
    return undefined;
  }
  if (!dss) return undefined;
  const seen = new Set<string>();
  const out: DssMaterial = { certs: [], ocsps: [], crls: [], vri: new Set() };
  let budget = MAX_ITEMS;
  const each = (list: PdfObject | undefined, take: (der: Uint8Array) => void): void => {
    const arr = reader.resolve(list);
    if (!Array.isArray(arr)) return;
    for (const item of arr) {
      if (budget-- <= 0) return;
      const key = item instanceof PdfRef ? item.key : undefined;
      if (key && seen.has(key)) continue;
      // Stryker disable next-line ConditionalExpression: adding `undefined` is harmless, the check above never looks it up
      if (key) seen.add(key);
      try {
        const s = reader.resolve(item);
        // Stryker disable next-line ConditionalExpression: reading a non-stream throws, and the catch below skips it the same
        if (s instanceof PdfStream) take(reader.streamData(s, MAX_ITEM));
      } catch {
        // A damaged item is material the signature does not get.
      }
    }
  };
  const addCert = (der: Uint8Array): void => void out.certs.push(certInfo(der));
  const addOcsp = (der: Uint8Array): void => void out.ocsps.push(der);
  const addCrl = (der: Uint8Array): void => void out.crls.push(parseCrl(der));
  each(dss.get('Certs'), addCert);
  each(dss.get('OCSPs'), addOcsp);
  each(dss.get('CRLs'), addCrl);
  const vri = reader.dict(dss.get('VRI'));
  // Stryker disable next-line ArrayDeclaration: a stand-in entry ("Stryker was here" read as key "S") fails the hex test
  for (const [k, v] of vri?.entries ?? []) {
    if (!/^[0-9A-Fa-f]{40}$/.test(k)) continue;
    out.vri.add(k.toUpperCase());
    const entry = reader.dict(v);
    each(entry?.get('Cert'), addCert);
    each(entry?.get('OCSP'), addOcsp);
    each(entry?.get('CRL'), addCrl);
  }
  return out;
}
