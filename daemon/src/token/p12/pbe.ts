import { createDecipheriv, pbkdf2Sync } from 'node:crypto';
import { VanthuError } from '@vanthu/shared/errors/index';
import { KDF_PURPOSE, bmpPassword, pkcs12Derive } from './kdf.js';
import { type Der, algorithm, octets, sequenceItems, smallInteger } from './params.js';
import { rc2CbcDecrypt } from './rc2.js';

/** Above this a file is hostile or broken: OpenSSL writes 2,048, Windows 2,000, CA tools ≤ 100,000. */
export const MAX_ITERATIONS = 10_000_000;

/** The legacy PKCS#12 password-based schemes (RFC 7292 appendix C), by OID. */
const PKCS12_PBE: Record<string, { cipher: 'des-ede3-cbc' | 'rc2'; keyBytes: number; name: string }> = {
  '1.2.840.113549.1.12.1.3': {
    cipher: 'des-ede3-cbc',
    keyBytes: 24,
    name: 'pbeWithSHAAnd3-KeyTripleDES-CBC',
  },
  '1.2.840.113549.1.12.1.5': { cipher: 'rc2', keyBytes: 16, name: 'pbeWithSHAAnd128BitRC2-CBC' },
  '1.2.840.113549.1.12.1.6': { cipher: 'rc2', keyBytes: 5, name: 'pbeWithSHAAnd40BitRC2-CBC' },
};

const PBES2 = '1.2.840.113549.1.5.13';
const PBKDF2 = '1.2.840.113549.1.5.12';

/** PBKDF2 pseudo-random functions (RFC 8018 appendix B.1) by OID; HMAC-SHA1 is the default. */
const PRF: Record<string, string> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.8': 'sha224',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};

/** PBES2 encryption schemes by OID: Node cipher name and key length. */
const PBES2_CIPHER: Record<string, { name: string; keyBytes: number }> = {
  '2.16.840.1.101.3.4.1.2': { name: 'aes-128-cbc', keyBytes: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'aes-192-cbc', keyBytes: 24 },
  '2.16.840.1.101.3.4.1.42': { name: 'aes-256-cbc', keyBytes: 32 },
  '1.2.840.113549.3.7': { name: 'des-ede3-cbc', keyBytes: 24 },
};

function iterationsOf(node: Der | undefined, what: string): number {
  const n = smallInteger(node, what);
  if (n < 1 || n > MAX_ITERATIONS) throw new VanthuError('P12_INVALID', `${what}: ${n} iterations`);
  return n;
}

/** CBC decryption through node:crypto; undefined when the padding is wrong (a wrong password). */
function nodeCbcDecrypt(
  cipher: string,
  key: Uint8Array,
  iv: Uint8Array,
  data: Uint8Array,
): Uint8Array | undefined {
  try {
    const d = createDecipheriv(cipher, key, iv);
    return Buffer.concat([d.update(data), d.final()]);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_OSSL_BAD_DECRYPT') return undefined;
    if (/bad decrypt|wrong final block length/i.test((e as Error).message)) return undefined;
    throw e;
  }
}

function decryptPkcs12Pbe(
  scheme: (typeof PKCS12_PBE)[string],
  params: Der | undefined,
  password: string,
  data: Uint8Array,
): Uint8Array | undefined {
  const [salt, count] = params ? sequenceItems(params, 'pkcs-12PbeParams') : [];
  const s = octets(salt, 'pkcs-12PbeParams salt');
  const iterations = iterationsOf(count, 'pkcs-12PbeParams');
  const pass = bmpPassword(password);
  const key = pkcs12Derive('sha1', pass, s, iterations, KDF_PURPOSE.key, scheme.keyBytes);
  const iv = pkcs12Derive('sha1', pass, s, iterations, KDF_PURPOSE.iv, 8);
  if (scheme.cipher === 'rc2') return rc2CbcDecrypt(key, scheme.keyBytes * 8, iv, data);
  return nodeCbcDecrypt(scheme.cipher, key, iv, data);
}

function decryptPbes2(params: Der | undefined, password: string, data: Uint8Array): Uint8Array | undefined {
  const [kdfNode, schemeNode] = params ? sequenceItems(params, 'PBES2-params') : [];
  const kdf = algorithm(kdfNode, 'PBES2 key derivation');
  const scheme = algorithm(schemeNode, 'PBES2 encryption scheme');
  if (kdf.oid !== PBKDF2) throw new VanthuError('P12_INVALID', `unsupported PBES2 key derivation ${kdf.oid}`);
  const cipher = PBES2_CIPHER[scheme.oid];
  if (!cipher) throw new VanthuError('P12_INVALID', `unsupported PBES2 cipher ${scheme.oid}`);
  const iv = octets(scheme.params, 'PBES2 IV');
  const [salt, count, ...rest] = kdf.params ? sequenceItems(kdf.params, 'PBKDF2-params') : [];
  const iterations = iterationsOf(count, 'PBKDF2-params');
  // keyLength (an INTEGER) and prf (a SEQUENCE) are both optional.
  const keyLengthNode = rest[0]?.tlv.tag === 0x02 ? rest.shift() : undefined;
  if (keyLengthNode && smallInteger(keyLengthNode, 'PBKDF2 key length') !== cipher.keyBytes) {
    throw new VanthuError('P12_INVALID', 'PBKDF2 key length does not match the cipher');
  }
  const prfOid = rest[0] ? algorithm(rest[0], 'PBKDF2 PRF').oid : '1.2.840.113549.2.7';
  const prf = PRF[prfOid];
  if (!prf) throw new VanthuError('P12_INVALID', `unsupported PBKDF2 PRF ${prfOid}`);
  const key = pbkdf2Sync(
    Buffer.from(password, 'utf8'),
    octets(salt, 'PBKDF2 salt'),
    iterations,
    cipher.keyBytes,
    prf,
  );
  return nodeCbcDecrypt(cipher.name, key, iv, data);
}

/**
 * Decrypts data protected by a PKCS#12 password: PBES2 (PBKDF2 with AES or 3DES, OpenSSL 3's
 * default) or the legacy PKCS#12 PBE (3DES, RC2). Returns undefined when the password does not
 * decrypt it; throws P12_INVALID for an unknown or malformed scheme.
 */
export function decryptWithPassword(
  alg: { oid: string; params?: Der },
  password: string,
  data: Uint8Array,
): Uint8Array | undefined {
  if (alg.oid === PBES2) return decryptPbes2(alg.params, password, data);
  const legacy = PKCS12_PBE[alg.oid];
  if (legacy) return decryptPkcs12Pbe(legacy, alg.params, password, data);
  throw new VanthuError('P12_INVALID', `unsupported PKCS#12 encryption ${alg.oid}`);
}
