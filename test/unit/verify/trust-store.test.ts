import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { effectiveUrl } from '../../../daemon/src/trust/fetch.js';
import { KNOWN_CERTIFICATES, knownCertificate } from '../../../daemon/src/trust/known-roots.js';
import { TrustStore, parseCertificates } from '../../../daemon/src/trust/store.js';
import { tempDir } from '../../support/pdf-inputs.js';
import { type TestCa, makeTestCa } from '../../support/pdf-inputs-signer.js';

const tmp = tempDir('vanthu-store-');
let ca: TestCa;
let leafPem: string;
beforeAll(async () => {
  ca = await makeTestCa();
  leafPem = (await ca.issue('Lá')).certPem;
});
afterAll(() => tmp.cleanup());

describe('trust store files', () => {
  it('reads PEM bundles, DER, and PKCS#7 bundles in PEM and DER', () => {
    const bundle = join(tmp.dir, 'bundle.pem');
    writeFileSync(bundle, `${ca.rootPem}\n${leafPem}`);
    expect(parseCertificates(Buffer.from(`${ca.rootPem}\n${leafPem}`))).toHaveLength(2);
    expect(parseCertificates(ca.rootDer)).toHaveLength(1);
    const p7der = execFileSync('openssl', ['crl2pkcs7', '-nocrl', '-certfile', bundle, '-outform', 'DER']);
    const p7pem = execFileSync('openssl', ['crl2pkcs7', '-nocrl', '-certfile', bundle]);
    expect(parseCertificates(p7der)).toHaveLength(2);
    expect(parseCertificates(p7pem)).toHaveLength(2);
    expect(() => parseCertificates(Buffer.from('hello'))).toThrow();
  });

  it('loads a directory one level deep, only certificate file names, anchors apart from intermediates', () => {
    const dir = join(tmp.dir, 'anchors');
    mkdirSync(join(dir, 'nested'), { recursive: true });
    writeFileSync(join(dir, 'root.crt'), ca.rootDer);
    writeFileSync(join(dir, 'README.txt'), 'not a certificate');
    writeFileSync(join(dir, 'nested', 'x.pem'), leafPem);
    const store = new TrustStore();
    store.loadAnchors([dir]);
    expect(store.anchors.map((c) => c.subject['CN'])).toEqual(['vanthu Test Root CA']);
    const inter = join(tmp.dir, 'leaf.pem');
    writeFileSync(inter, leafPem);
    store.loadIntermediates([inter]);
    expect(store.intermediates).toHaveLength(1);
    expect(store.isAnchor(store.intermediates[0]!)).toBe(false);
    expect(() => store.loadAnchors([join(tmp.dir, 'missing')])).toThrow(
      /TRUST_STORE_INVALID|Unreadable trust store/,
    );
  });
});

describe('government and national roots', () => {
  it('ships well-formed SHA-256 fingerprints and finds them case-insensitively', () => {
    expect(KNOWN_CERTIFICATES.length).toBeGreaterThanOrEqual(6);
    for (const k of KNOWN_CERTIFICATES) expect(k.sha256).toMatch(/^[0-9A-F]{64}$/);
    const g2 = KNOWN_CERTIFICATES[0]!;
    expect(knownCertificate(g2.sha256.toLowerCase())?.name).toBe('RootCA chuyên dùng Chính phủ G2');
    expect(knownCertificate(createHash('sha256').update(ca.rootDer).digest('hex'))).toBeUndefined();
  });

  it('remaps the internal VGCA OCSP host and refuses non-HTTP URLs', () => {
    expect(effectiveUrl('http://ocsp.ca.ptc/ocsp').href).toBe('http://ocsp.ca.gov.vn/ocsp');
    expect(effectiveUrl('http://ocsp.vnpt-ca.vn/').hostname).toBe('ocsp.vnpt-ca.vn');
    expect(() => effectiveUrl('file:///etc/passwd')).toThrow();
    expect(() => effectiveUrl('ldap://ca.gov.vn/cn=crl')).toThrow();
  });
});
