import { VanthuError } from '@vanthu/shared/errors/index';
import { EncryptedContentInfo, id_data, id_encryptedData } from '../../asn1/cms.js';
import {
  AuthenticatedSafe,
  CertBag,
  PFX,
  SafeContents,
  id_SafeContents,
  id_certBag,
  id_keyBag,
  id_pkcs8ShroudedKeyBag,
  id_x509Certificate,
} from '../../asn1/pfx.js';
import { EncryptedPrivateKeyInfo } from '../../asn1/pkcs8.js';
import { AsnConvert, OctetString } from '../../asn1/schema.js';
import { macMatches } from './mac.js';
import { decryptWithPassword } from './pbe.js';
import { parseDer, sequenceItems } from './params.js';

/** What a PKCS#12 file holds that vanthu uses: private keys (PKCS#8 DER) and X.509 certificates. */
export interface PfxContents {
  privateKeys: Uint8Array[];
  certificates: Uint8Array[];
}

/** A wrong password shows as a failed MAC or, without a MAC, as decryption to invalid padding. */
class WrongPassword extends Error {}

const bytes = (b: ArrayBuffer | ArrayBufferView): Uint8Array =>
  b instanceof ArrayBuffer ? new Uint8Array(b) : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/** The content of an OCTET STRING given as DER (the [0] EXPLICIT content of a ContentInfo or CertBag). */
const octetStringContent = (der: ArrayBuffer): Uint8Array => bytes(AsnConvert.parse(der, OctetString).buffer);

function algorithmOf(alg: { algorithm: string; parameters?: ArrayBuffer | null }) {
  return alg.parameters
    ? { oid: alg.algorithm, params: parseDer(bytes(alg.parameters), 'algorithm parameters') }
    : { oid: alg.algorithm };
}

function decrypt(
  alg: { algorithm: string; parameters?: ArrayBuffer | null },
  password: string,
  data: Uint8Array,
) {
  const plain = decryptWithPassword(algorithmOf(alg), password, data);
  if (!plain) throw new WrongPassword();
  return plain;
}

/** EncryptedData ::= SEQUENCE { version, encryptedContentInfo, ... } (RFC 5652 §8) → its plaintext. */
function decryptEncryptedData(der: ArrayBuffer, password: string): Uint8Array {
  const encoded = bytes(der);
  const [, eciNode] = sequenceItems(parseDer(encoded, 'EncryptedData'), 'EncryptedData');
  if (!eciNode) throw new VanthuError('P12_INVALID', 'EncryptedData without content');
  const eci = AsnConvert.parse(encoded.subarray(eciNode.tlv.start, eciNode.tlv.end), EncryptedContentInfo);
  const content = eci.encryptedContent;
  const data = content?.value
    ? bytes(content.value.buffer)
    : Buffer.concat((content?.constructedValue ?? []).map((part) => bytes(part.buffer)));
  return decrypt(eci.contentEncryptionAlgorithm, password, data);
}

function collectBags(safe: Uint8Array, password: string, into: PfxContents, depth: number): void {
  if (depth > 4) throw new VanthuError('P12_INVALID', 'SafeContents nested too deeply');
  for (const bag of AsnConvert.parse(safe, SafeContents)) {
    if (bag.bagId === id_keyBag) {
      into.privateKeys.push(bytes(bag.bagValue));
    } else if (bag.bagId === id_pkcs8ShroudedKeyBag) {
      const info = AsnConvert.parse(bag.bagValue, EncryptedPrivateKeyInfo);
      into.privateKeys.push(decrypt(info.encryptionAlgorithm, password, bytes(info.encryptedData.buffer)));
    } else if (bag.bagId === id_certBag) {
      const cert = AsnConvert.parse(bag.bagValue, CertBag);
      if (cert.certId === id_x509Certificate) into.certificates.push(octetStringContent(cert.certValue));
    } else if (bag.bagId === id_SafeContents) {
      collectBags(bytes(bag.bagValue), password, into, depth + 1);
    }
    // CRL and secret bags carry nothing a signer needs.
  }
}

function readAuthenticatedSafe(pfxBytes: Uint8Array, password: string): PfxContents {
  const pfx = AsnConvert.parse(pfxBytes, PFX);
  if (pfx.version !== 3) throw new VanthuError('P12_INVALID', `PFX version ${pfx.version}`);
  // Password integrity mode only: a public-key-signed PFX (id-signedData) is not a software key file.
  if (pfx.authSafe.contentType !== id_data) {
    throw new VanthuError('P12_INVALID', `unsupported PFX integrity mode ${pfx.authSafe.contentType}`);
  }
  const authSafe = octetStringContent(pfx.authSafe.content);
  const mac = pfx.macData;
  if (
    mac &&
    !macMatches(
      {
        digestOid: mac.mac.digestAlgorithm.algorithm,
        digest: bytes(mac.mac.digest.buffer),
        salt: bytes(mac.macSalt.buffer),
        iterations: mac.iterations,
      },
      password,
      authSafe,
    )
  ) {
    throw new WrongPassword();
  }
  const contents: PfxContents = { privateKeys: [], certificates: [] };
  for (const info of AsnConvert.parse(authSafe, AuthenticatedSafe)) {
    if (info.contentType === id_data) collectBags(octetStringContent(info.content), password, contents, 0);
    else if (info.contentType === id_encryptedData)
      collectBags(decryptEncryptedData(info.content, password), password, contents, 0);
    else throw new VanthuError('P12_INVALID', `unsupported PKCS#12 content type ${info.contentType}`);
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
