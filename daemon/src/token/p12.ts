import {
  type KeyObject,
  X509Certificate,
  constants,
  createPrivateKey,
  createPublicKey,
  sign as cryptoSign,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import { VanthuError } from '@vanthu/shared/errors/index';
import forge from 'node-forge';
import { HASH_BYTES, NODE_HASH } from '../cms/algorithms.js';
import { describeCertificate } from './cert-info.js';
import { chainFrom } from './chain.js';
import type { Signer } from './signer.js';

interface P12Contents {
  key: KeyObject;
  certificates: Uint8Array[];
}

function readP12(path: string, password: string): P12Contents {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new VanthuError(
      (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'IO_ERROR',
      path,
    );
  }
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(bytes.toString('binary')));
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (e) {
    const message = (e as Error).message ?? '';
    // forge reports a wrong password as a MAC (or decryption) failure.
    if (/MAC could not be verified|Invalid password|decrypt/i.test(message)) {
      throw new VanthuError('PIN_INCORRECT', `PKCS#12 password rejected: ${path}`);
    }
    throw new VanthuError('P12_INVALID', `${path}: ${message}`);
  }
  const keyBags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ??
      []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? []),
  ];
  const bag = keyBags[0];
  if (!bag || keyBags.length > 1) {
    throw new VanthuError(
      'P12_INVALID',
      `${path}: expected exactly one private key, found ${keyBags.length}`,
    );
  }
  // forge parses RSA keys itself and leaves others (EC) as PrivateKeyInfo ASN.1.
  const info = bag.key ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key)) : bag.asn1;
  const der = Buffer.from(forge.asn1.toDer(info).getBytes(), 'binary');
  const key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  const certBags = p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [];
  const certificates = certBags.map((b) => {
    const asn1 = b.cert ? forge.pki.certificateToAsn1(b.cert) : b.asn1;
    return new Uint8Array(Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'));
  });
  return { key, certificates };
}

/** Finds the certificate whose public key is the private key's. */
function certificateOf(key: KeyObject, certificates: Uint8Array[], path: string): Uint8Array {
  const pub = (k: KeyObject): string => k.export({ type: 'spki', format: 'der' }).toString('base64');
  const mine = pub(createPublicKey(key));
  const cert = certificates.find((der) => pub(new X509Certificate(der).publicKey) === mine);
  if (!cert) throw new VanthuError('KEY_NOT_FOUND', `${path}: no certificate for the private key`);
  return cert;
}

/**
 * A software key in a PKCS#12 file behind the `Signer` interface (server seals, tests, demos).
 * The password opens the file once; only the decrypted key object stays in memory.
 */
export function openP12Signer(path: string, password: string): Signer {
  const { key, certificates } = readP12(path, password);
  const certificate = certificateOf(key, certificates, path);
  const details = describeCertificate(certificate);
  const keyAlgorithm =
    key.asymmetricKeyType === 'ec' ? 'EC' : key.asymmetricKeyType === 'rsa' ? 'RSA' : undefined;
  if (!keyAlgorithm) throw new VanthuError('KEY_UNSUPPORTED', `${path}: ${key.asymmetricKeyType} key`);
  let closed = false;
  return {
    certificate,
    chain: chainFrom(certificate, certificates),
    keyAlgorithm,
    keyBits: details.keyBits ?? 0,
    description: `PKCS#12 ${path}`,
    async sign(data, options) {
      if (closed) throw new VanthuError('KEY_NOT_FOUND', 'the PKCS#12 key was closed');
      const hash = NODE_HASH[options.hash];
      if (keyAlgorithm === 'EC') return cryptoSign(hash, data, { key, dsaEncoding: 'der' });
      if (options.scheme === 'pss') {
        return cryptoSign(hash, data, {
          key,
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: HASH_BYTES[options.hash],
        });
      }
      return cryptoSign(hash, data, key);
    },
    async close() {
      closed = true;
    },
  };
}
