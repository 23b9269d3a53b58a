import { DerFault, children, readTlv } from '../cms/der.js';
import { oidString } from '../cms/der-values.js';

const ID_SIGNED_DATA = '1.2.840.113549.1.7.2';

/**
 * The certificates of a PKCS#7 / CMS certs-only bundle (.p7b, .p7c): ContentInfo { signedData,
 * [0] SignedData { version, digestAlgorithms, encapContentInfo, [0] IMPLICIT certificates, … } }.
 * BER lengths are followed (Windows and Java write them); only the plain `certificate` choice is
 * taken (a SEQUENCE), attribute and other certificates are skipped. Each is returned as a copy of
 * its bytes, for the caller to parse.
 */
export function p7Certificates(der: Uint8Array): Uint8Array[] {
  const outer = readTlv(der, 0);
  const [type, wrapped] = outer.tag === 0x30 ? children(der, outer) : [];
  if (type?.tag !== 0x06 || oidString(der, type) !== ID_SIGNED_DATA || wrapped?.tag !== 0xa0)
    throw new DerFault('PKCS#7 file is not SignedData');
  const [signedData] = children(der, wrapped);
  if (signedData?.tag !== 0x30) throw new DerFault('PKCS#7 SignedData is not a SEQUENCE');
  const set = children(der, signedData).find((t) => t.tag === 0xa0);
  const out = set
    ? children(der, set)
        .filter((t) => t.tag === 0x30)
        .map((t) => new Uint8Array(der.subarray(t.start, t.end)))
    : [];
  if (out.length === 0) throw new DerFault('PKCS#7 file holds no certificate');
  return out;
}
