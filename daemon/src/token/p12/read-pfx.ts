import { VanthuError } from '@vanthu/shared/errors/index';
import { macMatches } from './mac.js';
import {
  type Der,
  algorithm,
  encoded,
  explicit,
  octetString,
  oid,
  parseDer,
  sequenceItems,
  smallInteger,
} from './params.js';
import { decryptWithPassword } from './pbe.js';

/** What a PKCS#12 file holds that vanthu uses: private keys (PKCS#8 DER) and X.509 certificates. */
export interface PfxContents {
  privateKeys: Uint8Array[];
  certificates: Uint8Array[];
}

/** A wrong password shows as a failed MAC or, without a MAC, as decryption to invalid padding. */
class WrongPassword extends Error {}

// RFC 7292 and RFC 5652 object identifiers.
const ID_DATA = '1.2.840.113549.1.7.1';
const ID_ENCRYPTED_DATA = '1.2.840.113549.1.7.6';
const ID_KEY_BAG = '1.2.840.113549.1.12.10.1.1';
const ID_PKCS8_SHROUDED_KEY_BAG = '1.2.840.113549.1.12.10.1.2';
const ID_CERT_BAG = '1.2.840.113549.1.12.10.1.3';
const ID_SAFE_CONTENTS_BAG = '1.2.840.113549.1.12.10.1.6';
const ID_X509_CERTIFICATE = '1.2.840.113549.1.9.22.1';

// The file is read with the project's bounded DER walker (BER lengths and constructed octet strings
// allowed): its few structures need no schema library, and unlocking a key is on every signature's path.

function decrypt(alg: Der | undefined, what: string, password: string, data: Uint8Array): Uint8Array {
  const plain = decryptWithPassword(algorithm(alg, what), password, data);
  if (!plain) throw new WrongPassword();
  return plain;
}

/** ContentInfo ::= SEQUENCE { contentType OID, content [0] EXPLICIT ANY } */
function contentInfo(node: Der, what: string): { type: string; content: Der } {
  const [type, content] = sequenceItems(node, what);
  return { type: oid(type, `${what} content type`), content: explicit(content, 0, `${what} content`) };
}

/**
 * EncryptedData ::= SEQUENCE { version, EncryptedContentInfo ::= SEQUENCE { contentType,
 * contentEncryptionAlgorithm, encryptedContent [0] IMPLICIT OCTET STRING } } (RFC 5652 §8) → plaintext.
 */
function decryptEncryptedData(node: Der, password: string): Uint8Array {
  const [, eci] = sequenceItems(node, 'EncryptedData');
  if (!eci) throw new VanthuError('P12_INVALID', 'EncryptedData without content');
  const [, alg, data] = sequenceItems(eci, 'EncryptedContentInfo');
  const encrypted = data ? octetString(data, 'encrypted content', 0x80) : new Uint8Array(0);
  return decrypt(alg, 'content encryption algorithm', password, encrypted);
}

/** SafeContents ::= SEQUENCE OF SafeBag { bagId OID, bagValue [0] EXPLICIT ANY, bagAttributes SET OPTIONAL } */
function collectBags(safe: Uint8Array, password: string, into: PfxContents, depth: number): void {
  if (depth > 4) throw new VanthuError('P12_INVALID', 'SafeContents nested too deeply');
  for (const bag of sequenceItems(parseDer(safe, 'SafeContents'), 'SafeContents')) {
    const [idNode, valueNode] = sequenceItems(bag, 'SafeBag');
    const bagId = oid(idNode, 'SafeBag id');
    const value = explicit(valueNode, 0, 'SafeBag value');
    if (bagId === ID_KEY_BAG) {
      into.privateKeys.push(encoded(value));
    } else if (bagId === ID_PKCS8_SHROUDED_KEY_BAG) {
      const [alg, data] = sequenceItems(value, 'EncryptedPrivateKeyInfo');
      const encrypted = octetString(data, 'EncryptedPrivateKeyInfo data');
      into.privateKeys.push(decrypt(alg, 'EncryptedPrivateKeyInfo algorithm', password, encrypted));
    } else if (bagId === ID_CERT_BAG) {
      const [certId, certValue] = sequenceItems(value, 'CertBag');
      if (oid(certId, 'CertBag id') === ID_X509_CERTIFICATE) {
        into.certificates.push(octetString(explicit(certValue, 0, 'CertBag value'), 'CertBag value'));
      }
    } else if (bagId === ID_SAFE_CONTENTS_BAG) {
      collectBags(encoded(value), password, into, depth + 1);
    }
    // CRL and secret bags carry nothing a signer needs.
  }
}

/** PFX ::= SEQUENCE { version INTEGER (3), authSafe ContentInfo, macData MacData OPTIONAL } */
function readAuthenticatedSafe(pfxBytes: Uint8Array, password: string): PfxContents {
  const [versionNode, authSafeNode, macNode] = sequenceItems(parseDer(pfxBytes, 'PFX'), 'PFX');
  const version = smallInteger(versionNode, 'PFX version');
  if (version !== 3) throw new VanthuError('P12_INVALID', `PFX version ${version}`);
  if (!authSafeNode) throw new VanthuError('P12_INVALID', 'malformed PFX');
  const authSafeInfo = contentInfo(authSafeNode, 'PFX authSafe');
  // Password integrity mode only: a public-key-signed PFX (id-signedData) is not a software key file.
  if (authSafeInfo.type !== ID_DATA) {
    throw new VanthuError('P12_INVALID', `unsupported PFX integrity mode ${authSafeInfo.type}`);
  }
  const authSafe = octetString(authSafeInfo.content, 'PFX authSafe');
  if (macNode) {
    // MacData ::= SEQUENCE { mac DigestInfo, macSalt OCTET STRING, iterations INTEGER DEFAULT 1 }
    const [digestInfo, salt, iterations] = sequenceItems(macNode, 'MacData');
    const [digestAlg, digest] = digestInfo ? sequenceItems(digestInfo, 'MacData digest') : [];
    const mac = {
      digestOid: algorithm(digestAlg, 'MacData digest algorithm').oid,
      digest: octetString(digest, 'MacData digest'),
      salt: octetString(salt, 'MacData salt'),
      iterations: iterations ? smallInteger(iterations, 'MacData iterations') : 1,
    };
    if (!macMatches(mac, password, authSafe)) throw new WrongPassword();
  }
  const contents: PfxContents = { privateKeys: [], certificates: [] };
  for (const node of sequenceItems(parseDer(authSafe, 'AuthenticatedSafe'), 'AuthenticatedSafe')) {
    const info = contentInfo(node, 'AuthenticatedSafe item');
    if (info.type === ID_DATA) {
      collectBags(octetString(info.content, 'SafeContents data'), password, contents, 0);
    } else if (info.type === ID_ENCRYPTED_DATA) {
      collectBags(decryptEncryptedData(info.content, password), password, contents, 0);
    } else throw new VanthuError('P12_INVALID', `unsupported PKCS#12 content type ${info.type}`);
  }
  return contents;
}

/**
 * Opens a PKCS#12 file with its password through node:crypto: PBES2/PBKDF2 with AES (OpenSSL 3),
 * legacy 3DES and RC2 PBE (Windows, older CA tools), SHA-1 or SHA-2 MACs. A wrong password is
 * PIN_INCORRECT; anything malformed or unsupported is P12_INVALID. `name` labels the messages.
 */
export function readPfx(pfxBytes: Uint8Array, password: string, name: string): PfxContents {
  try {
    return readAuthenticatedSafe(pfxBytes, password);
  } catch (e) {
    if (e instanceof WrongPassword)
      throw new VanthuError('PIN_INCORRECT', `PKCS#12 password rejected: ${name}`);
    if (e instanceof VanthuError)
      throw new VanthuError(e.code, `${name}: ${String(e.details?.['detail'] ?? '')}`);
    throw new VanthuError('P12_INVALID', `${name}: ${(e as Error).message}`);
  }
}
