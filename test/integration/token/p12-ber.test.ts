import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { children, readTlv } from '../../../daemon/src/cms/der.js';
import { openP12Signer } from '../../../daemon/src/token/p12.js';
import { tempDir } from '../../support/pdf-inputs.js';

// Some PKCS#12 writers stream BER: indefinite lengths, and the authenticated safe as a constructed
// OCTET STRING in pieces. The MAC covers the joined octets, so such a file is the same key file.
const tmp = tempDir('vanthu-p12-ber-');
const PASSWORD = 'Mật khẩu 2468';
let derFile: string;
let cert: string;

/** TLV with an indefinite length: tag, 0x80, the content, end-of-contents. */
const indefinite = (tag: number, ...parts: Buffer[]) =>
  Buffer.concat([Buffer.from([tag, 0x80]), ...parts, Buffer.from([0, 0])]);

function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const octets = (b: Buffer) => Buffer.concat([Buffer.from([0x04]), derLength(b.length), b]);

/** The same PFX with its outer structures in indefinite lengths and the authSafe in two pieces. */
function toBer(der: Buffer): Buffer {
  const pfx = readTlv(der, 0);
  const [version, authSafe, mac] = children(der, pfx);
  const [type, wrapper] = children(der, authSafe!);
  const inner = children(der, wrapper!)[0]!;
  const data = der.subarray(inner.contentStart, inner.contentEnd);
  const cut = Math.floor(data.length / 3);
  const slice = (t: { start: number; end: number }) => der.subarray(t.start, t.end);
  return indefinite(
    0x30,
    slice(version!),
    indefinite(
      0x30,
      slice(type!),
      indefinite(0xa0, indefinite(0x24, octets(data.subarray(0, cut)), octets(data.subarray(cut)))),
    ),
    slice(mac!),
  );
}

beforeAll(() => {
  const key = join(tmp.dir, 'ec.key');
  cert = join(tmp.dir, 'ec.crt');
  execFileSync('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '2',
    '-subj',
    '/CN=Ký thử BER',
  ]);
  derFile = join(tmp.dir, 'der.p12');
  execFileSync('openssl', [
    'pkcs12',
    '-export',
    '-inkey',
    key,
    '-in',
    cert,
    '-out',
    derFile,
    '-passout',
    `pass:${PASSWORD}`,
  ]);
});
afterAll(() => tmp.cleanup());

describe('PKCS#12 in BER', () => {
  it('indefinite lengths and a constructed authenticated safe open like the DER file', async () => {
    const ber = toBer(readFileSync(derFile));
    const berFile = join(tmp.dir, 'ber.p12');
    writeFileSync(berFile, ber);
    // openssl reads the rewritten file too: it is the same PKCS#12 content.
    execFileSync('openssl', ['pkcs12', '-in', berFile, '-passin', `pass:${PASSWORD}`, '-nokeys', '-noout']);
    const signer = openP12Signer(berFile, PASSWORD);
    const expected = new X509Certificate(readFileSync(cert));
    expect(new X509Certificate(signer.certificate).fingerprint256).toBe(expected.fingerprint256);
    await signer.close();
  });

  it('a piece of the constructed authenticated safe that is not an OCTET STRING is P12_INVALID', () => {
    const ber = toBer(readFileSync(derFile));
    // The second piece's tag (after 30 80, the version, 30 80, the OID, a0 80, 24 80, the first piece).
    const at = ber.indexOf(Buffer.from([0x24, 0x80])) + 2;
    const first = readTlv(ber, at);
    ber[first.end] = 0x0c;
    const bad = join(tmp.dir, 'bad.p12');
    writeFileSync(bad, ber);
    expect(() => openP12Signer(bad, PASSWORD)).toThrow(expect.objectContaining({ code: 'P12_INVALID' }));
  });
});
