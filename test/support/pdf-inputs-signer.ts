import { createPrivateKey, sign as cryptoSign, constants, webcrypto } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import * as x509 from '@peculiar/x509';
import type { KeyAlgorithm, SignOptions, Signer } from '../../daemon/src/token/signer.js';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export interface TestCa {
  rootPem: string;
  rootDer: Uint8Array;
  issue(
    cn: string,
    opts?: { org?: string; ec?: boolean; tsa?: boolean; keyBits?: number },
  ): Promise<{ signer: Signer; certPem: string; keyPem: string }>;
}

const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]) };

/** A throw-away CA generated per run, issuing signing and TSA certificates (nothing is stored). */
export async function makeTestCa(): Promise<TestCa> {
  const rootKeys = (await webcrypto.subtle.generateKey({ ...RSA, modulusLength: 2048 }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const now = Date.now();
  const root = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=vanthu Test Root CA, O=vanthu test, C=VN',
    notBefore: new Date(now - 86400_000),
    notAfter: new Date(now + 365 * 86400_000),
    keys: rootKeys,
    signingAlgorithm: RSA,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(rootKeys.publicKey),
    ],
  });
  let serial = 2;
  return {
    rootPem: root.toString('pem'),
    rootDer: new Uint8Array(root.rawData),
    async issue(cn, opts = {}) {
      const alg = opts.ec
        ? { name: 'ECDSA', namedCurve: 'P-256' }
        : { ...RSA, modulusLength: opts.keyBits ?? 2048 };
      const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
      const cert = await x509.X509CertificateGenerator.create({
        serialNumber: (serial++).toString(16).padStart(2, '0'),
        subject: `CN=${cn}${opts.org ? `, O=${opts.org}` : ''}, C=VN`,
        issuer: root.subject,
        notBefore: new Date(now - 3600_000),
        notAfter: new Date(now + 180 * 86400_000),
        publicKey: keys.publicKey,
        signingKey: rootKeys.privateKey,
        signingAlgorithm: RSA,
        extensions: [
          new x509.BasicConstraintsExtension(false, undefined, true),
          new x509.KeyUsagesExtension(
            x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
            true,
          ),
          ...(opts.tsa ? [new x509.ExtendedKeyUsageExtension(['1.3.6.1.5.5.7.3.8'], true)] : []),
          await x509.AuthorityKeyIdentifierExtension.create(rootKeys.publicKey),
        ],
      });
      const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
      const key = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
      const keyAlgorithm: KeyAlgorithm = opts.ec ? 'EC' : 'RSA';
      const signer: Signer = {
        certificate: new Uint8Array(cert.rawData),
        chain: [new Uint8Array(root.rawData)],
        keyAlgorithm,
        keyBits: opts.ec ? 256 : (opts.keyBits ?? 2048),
        description: `test key ${cn}`,
        async sign(data: Uint8Array, o: SignOptions) {
          const hash = o.hash.replace('-', '').toLowerCase();
          if (keyAlgorithm === 'EC') return cryptoSign(hash, data, { key, dsaEncoding: 'der' });
          if (o.scheme === 'pss') {
            return cryptoSign(hash, data, {
              key,
              padding: constants.RSA_PKCS1_PSS_PADDING,
              saltLength: { 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 }[o.hash],
            });
          }
          return cryptoSign(hash, data, key);
        },
        async close() {},
      };
      return {
        signer,
        certPem: cert.toString('pem'),
        keyPem: key.export({ type: 'pkcs8', format: 'pem' }) as string,
      };
    },
  };
}

/** Blue signature-like PNG (transparent background) or red seal-like PNG (ring), as PNG bytes. */
export function makeInkPng(kind: 'signature' | 'seal', size = 240): Uint8Array {
  const w = kind === 'seal' ? size : size * 2;
  const h = size;
  const rgba = Buffer.alloc(w * h * 4);
  const set = (x: number, y: number, r: number, g: number, b: number): void => {
    if (x < 0 || y < 0 || x >= w || y >= h) return;
    const o = (y * w + x) * 4;
    rgba[o] = r;
    rgba[o + 1] = g;
    rgba[o + 2] = b;
    rgba[o + 3] = 255;
  };
  if (kind === 'seal') {
    const c = size / 2;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const d = Math.hypot(x - c, y - c);
        if (
          (d < c - 2 && d > c - 14) ||
          (d < c - 24 && d > c - 30) ||
          (Math.abs(x - c) < 20 && Math.abs(y - c) < 20)
        ) {
          set(x, y, 220, 20, 30);
        }
      }
    }
  } else {
    // A thick scribble across the image.
    for (let t = 0; t < 4000; t++) {
      const x = Math.round((t / 4000) * (w - 20)) + 10;
      const y = Math.round(h / 2 + Math.sin(t / 150) * (h / 3));
      for (let dx = -4; dx <= 4; dx++) for (let dy = -4; dy <= 4; dy++) set(x + dx, y + dy, 20, 40, 200);
    }
  }
  return encodePng(w, h, rgba);
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function encodePng(w: number, h: number, rgba: Buffer): Uint8Array {
  const raw = Buffer.alloc((w * 4 + 1) * h);
  for (let y = 0; y < h; y++) rgba.copy(raw, y * (w * 4 + 1) + 1, y * w * 4, (y + 1) * w * 4);
  const chunk = (type: string, data: Buffer): Buffer => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
