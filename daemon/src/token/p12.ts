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
import { HASH_BYTES, NODE_HASH } from '../cms/algorithms.js';
import { keyBitsOf } from './key-bits.js';
import { readPfx } from './p12/read-pfx.js';
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
  const { privateKeys, certificates } = readPfx(bytes, password, path);
  const der = privateKeys[0];
  if (!der || privateKeys.length > 1) {
    throw new VanthuError(
      'P12_INVALID',
      `${path}: expected exactly one private key, found ${privateKeys.length}`,
    );
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
  } catch (e) {
    throw new VanthuError('P12_INVALID', `${path}: private key: ${(e as Error).message}`);
  }
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
  const keyAlgorithm =
    key.asymmetricKeyType === 'ec' ? 'EC' : key.asymmetricKeyType === 'rsa' ? 'RSA' : undefined;
  if (!keyAlgorithm) throw new VanthuError('KEY_UNSUPPORTED', `${path}: ${key.asymmetricKeyType} key`);
  let closed = false;
  return {
    certificate,
    chain: chainFrom(certificate, certificates),
    keyAlgorithm,
    keyBits: keyBitsOf(key) ?? 0,
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
