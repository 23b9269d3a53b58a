import { execFileSync } from 'node:child_process';
import { webcrypto } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RsaSaPssParams, id_RSASSA_PSS, id_mgf1, id_rsaEncryption } from '@peculiar/asn1-rsa';
import { AsnConvert } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, CertificateList } from '@peculiar/asn1-x509';
import * as x509 from '@peculiar/x509';
import * as asn1js from 'asn1js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestAlgorithm, signatureAlgorithm } from '../../../daemon/src/cms/algorithms.js';
import { DerFault } from '../../../daemon/src/cms/der.js';
import {
  NULL_DER,
  compareOctets,
  derLength,
  explicit,
  generalizedTimeDer,
  octetString,
  oid,
  sequence,
  setOf,
  smallIntegerDer,
  tlv,
  utcTimeDer,
} from '../../../daemon/src/cms/der-write.js';
import { readPssParams } from '../../../daemon/src/cms/pss-params.js';
import type { HashAlgorithm } from '../../../daemon/src/token/signer.js';
import { readCrl } from '../../../daemon/src/trust/crl-der.js';
import { p7Certificates } from '../../../daemon/src/trust/p7b.js';
import { parseCertificates } from '../../../daemon/src/trust/store.js';
import { tempDir } from '../../support/pdf-inputs.js';
import { type TestCa, makeTestCa } from '../../support/pdf-inputs-signer.js';

const hex = (b: Uint8Array | ArrayBuffer) =>
  Buffer.from(b instanceof Uint8Array ? b : new Uint8Array(b)).toString('hex');

describe('DER writer', () => {
  it('writes lengths in the short form below 128, else in the fewest octets', () => {
    const cases: [number, string][] = [
      [0, '00'],
      [127, '7f'],
      [128, '8180'],
      [255, '81ff'],
      [256, '820100'],
      [65535, '82ffff'],
      [65536, '83010000'],
      [2 ** 24, '8401000000'],
    ];
    for (const [n, want] of cases) expect(hex(derLength(n)), String(n)).toBe(want);
    for (const bad of [-1, 1.5, Number.NaN])
      expect(() => derLength(bad)).toThrow(new RangeError(`DER length ${bad}`));
  });

  it('wraps parts in one value, whatever their number', () => {
    expect(hex(tlv(0x04))).toBe('0400');
    expect(hex(tlv(0x30, Uint8Array.of(1), Uint8Array.of(2, 3)))).toBe('3003010203');
    const big = tlv(0x04, new Uint8Array(300));
    expect(hex(big.subarray(0, 4))).toBe('0482012c');
    expect(big.length).toBe(304);
    expect(hex(sequence())).toBe('3000');
    expect(hex(explicit(3, NULL_DER))).toBe('a3020500');
    expect(hex(octetString(Uint8Array.of(9)))).toBe('040109');
  });

  it('encodes OIDs as asn1js does, and refuses what is not one', () => {
    for (const dotted of [
      '1.2.840.113549.1.1.11',
      '2.5.4.3',
      '0.9.2342.19200300.100.1.25',
      '2.999.3',
      '1.39',
      '2.16.840.1.101.3.4.2.1',
      `1.2.${2 ** 40}`,
    ]) {
      const ref = new asn1js.ObjectIdentifier({ value: dotted }).toBER();
      expect(hex(oid(dotted)), dotted).toBe(hex(ref));
    }
    for (const bad of [
      '',
      '1',
      '3.1',
      '1.40',
      '0.40.1',
      'a.b',
      '1.2.-3',
      '1..2',
      '1.2.x',
      `1.2.${2 ** 53}`,
      '1.2.0x10',
      '1.2. 5',
      '1.2.1e3',
    ]) {
      expect(() => oid(bad), bad).toThrow(new RangeError(`OID ${bad}`));
    }
  });

  it('encodes small integers in the fewest octets with a clear sign bit', () => {
    const cases: [number, string][] = [
      [0, '020100'],
      [1, '020101'],
      [127, '02017f'],
      [128, '02020080'],
      [255, '020200ff'],
      [256, '02020100'],
      [2 ** 40, '0206010000000000'],
    ];
    for (const [n, want] of cases) expect(hex(smallIntegerDer(n)), String(n)).toBe(want);
    for (const bad of [-1, 0.5, 2 ** 53])
      expect(() => smallIntegerDer(bad)).toThrow(new RangeError(`DER integer ${bad}`));
  });

  it('orders SET OF elements by their encodings, a prefix first', () => {
    const a = Uint8Array.of(0x30, 0x01, 0x05);
    const b = Uint8Array.of(0x30, 0x02, 0x05, 0x00);
    const c = Uint8Array.of(0x04, 0x00);
    expect(hex(setOf([a, b, c]))).toBe(`3109${hex(c)}${hex(a)}${hex(b)}`);
    expect(compareOctets(Uint8Array.of(1, 2), Uint8Array.of(1, 2, 0))).toBeLessThan(0);
    expect(compareOctets(Uint8Array.of(1, 3), Uint8Array.of(1, 2, 9))).toBeGreaterThan(0);
    expect(compareOctets(Uint8Array.of(7), Uint8Array.of(7))).toBe(0);
    const items = [b, a];
    setOf(items);
    expect(items).toEqual([b, a]);
  });

  it('writes UTCTime for 1950–2049 only, GeneralizedTime for any year with four digits', () => {
    expect(Buffer.from(utcTimeDer(new Date('2026-01-02T03:04:05Z'))).toString('latin1', 2)).toBe(
      '260102030405Z',
    );
    expect(Buffer.from(utcTimeDer(new Date('1950-01-01T00:00:00Z'))).toString('latin1', 2)).toBe(
      '500101000000Z',
    );
    expect(Buffer.from(utcTimeDer(new Date('2049-12-31T23:59:59Z'))).toString('latin1', 2)).toBe(
      '491231235959Z',
    );
    expect(utcTimeDer(new Date('2026-01-02T03:04:05Z'))[0]).toBe(0x17);
    expect(() => utcTimeDer(new Date('2050-01-01T00:00:00Z'))).toThrow(new RangeError('UTCTime year 2050'));
    expect(() => utcTimeDer(new Date('1949-12-31T23:59:59Z'))).toThrow(RangeError);
    const g = generalizedTimeDer(new Date('2050-06-07T08:09:10.999Z'));
    expect(g[0]).toBe(0x18);
    expect(Buffer.from(g).toString('latin1', 2)).toBe('20500607080910Z');
    expect(Buffer.from(generalizedTimeDer(new Date('0099-01-01T00:00:00Z'))).toString('latin1', 2)).toBe(
      '00990101000000Z',
    );
    expect(() => generalizedTimeDer(new Date(Date.UTC(10000, 0, 1)))).toThrow(
      new RangeError('GeneralizedTime year 10000'),
    );
    const year = (y: number) => {
      const d = new Date(Date.UTC(2000, 0, 1));
      d.setUTCFullYear(y);
      return d;
    };
    expect(() => generalizedTimeDer(year(-1))).toThrow(new RangeError('GeneralizedTime year -1'));
    expect(Buffer.from(generalizedTimeDer(year(0))).toString('latin1', 2)).toBe('00000101000000Z');
    expect(Buffer.from(generalizedTimeDer(year(9999))).toString('latin1', 2)).toBe('99990101000000Z');
  });

  it('writes the algorithm identifiers byte for byte as the schema does', () => {
    const NULL = new Uint8Array([5, 0]).buffer;
    const DIGEST: Record<HashAlgorithm, string> = {
      'SHA-256': '2.16.840.1.101.3.4.2.1',
      'SHA-384': '2.16.840.1.101.3.4.2.2',
      'SHA-512': '2.16.840.1.101.3.4.2.3',
    };
    const ECDSA: Record<HashAlgorithm, string> = {
      'SHA-256': '1.2.840.10045.4.3.2',
      'SHA-384': '1.2.840.10045.4.3.3',
      'SHA-512': '1.2.840.10045.4.3.4',
    };
    const SALT: Record<HashAlgorithm, number> = { 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 };
    const ser = (a: AlgorithmIdentifier) => hex(AsnConvert.serialize(a));
    for (const h of ['SHA-256', 'SHA-384', 'SHA-512'] as const) {
      expect(hex(digestAlgorithm(h))).toBe(ser(new AlgorithmIdentifier({ algorithm: DIGEST[h] })));
      expect(hex(signatureAlgorithm('EC', h, 'pkcs1'))).toBe(
        ser(new AlgorithmIdentifier({ algorithm: ECDSA[h] })),
      );
      expect(hex(signatureAlgorithm('RSA', h, 'pkcs1'))).toBe(
        ser(new AlgorithmIdentifier({ algorithm: id_rsaEncryption, parameters: NULL })),
      );
      const params = new RsaSaPssParams({
        hashAlgorithm: new AlgorithmIdentifier({ algorithm: DIGEST[h], parameters: NULL }),
        maskGenAlgorithm: new AlgorithmIdentifier({
          algorithm: id_mgf1,
          parameters: AsnConvert.serialize(
            new AlgorithmIdentifier({ algorithm: DIGEST[h], parameters: NULL }),
          ),
        }),
        saltLength: SALT[h],
      });
      expect(hex(signatureAlgorithm('RSA', h, 'pss'))).toBe(
        ser(new AlgorithmIdentifier({ algorithm: id_RSASSA_PSS, parameters: AsnConvert.serialize(params) })),
      );
    }
  });
});

describe('RSASSA-PSS parameters', () => {
  const SHA1 = '1.3.14.3.2.26';
  const SHA256 = '2.16.840.1.101.3.4.2.1';
  const MGF1 = '1.2.840.113549.1.1.8';
  const alg = (o: string, ...p: Uint8Array[]) => sequence(oid(o), ...p);

  it('fills in the DEFAULTs of an empty SEQUENCE', () => {
    expect(readPssParams(sequence())).toEqual({
      hash: SHA1,
      mgf: MGF1,
      mgfHash: SHA1,
      saltLength: 20,
      trailerField: 1,
    });
  });

  it('reads every element, as written by the schema, from an ArrayBuffer too', () => {
    const der = sequence(
      explicit(0, alg(SHA256, NULL_DER)),
      explicit(1, alg(MGF1, alg(SHA256, NULL_DER))),
      explicit(2, smallIntegerDer(32)),
      explicit(3, smallIntegerDer(1)),
    );
    const want = { hash: SHA256, mgf: MGF1, mgfHash: SHA256, saltLength: 32, trailerField: 1 };
    expect(readPssParams(der)).toEqual(want);
    expect(readPssParams(new Uint8Array(der).buffer)).toEqual(want);
    const schema = AsnConvert.parse(der, RsaSaPssParams);
    expect(schema.saltLength).toBe(32);
  });

  it('keeps another mask generation function and a trailer field for the caller to refuse', () => {
    const p = readPssParams(sequence(explicit(1, alg('1.2.3.4')), explicit(3, smallIntegerDer(2))));
    expect(p.mgf).toBe('1.2.3.4');
    expect(p.mgfHash).toBe(SHA1);
    expect(p.trailerField).toBe(2);
  });

  it('refuses elements out of order, repeated, unknown or of the wrong type', () => {
    const h = explicit(0, alg(SHA256));
    const m = explicit(1, alg(MGF1, alg(SHA256)));
    const cases: [Uint8Array, string][] = [
      [sequence(m, h), 'RSASSA-PSS-params: unexpected element'],
      [sequence(h, h), 'RSASSA-PSS-params: unexpected element'],
      [sequence(explicit(4, smallIntegerDer(1))), 'RSASSA-PSS-params: unexpected element'],
      [sequence(smallIntegerDer(1)), 'RSASSA-PSS-params: unexpected element'],
      [sequence(explicit(2, octetString(Uint8Array.of(32)))), 'RSASSA-PSS-params: not an INTEGER'],
      [sequence(explicit(3, NULL_DER)), 'RSASSA-PSS-params: not an INTEGER'],
      [
        sequence(explicit(2, smallIntegerDer(1), smallIntegerDer(2))),
        'RSASSA-PSS-params: [2] must hold one element',
      ],
      [
        sequence(explicit(2, tlv(0x02, Uint8Array.of(0x80)))),
        'RSASSA-PSS-params: not a small non-negative integer',
      ],
      [Buffer.concat([sequence(), Uint8Array.of(0)]), 'bytes after the DER element'],
      [setOf([]), 'RSASSA-PSS-params is not a SEQUENCE'],
    ];
    for (const [bad, message] of cases) {
      let thrown: unknown;
      try {
        readPssParams(bad);
      } catch (e) {
        thrown = e;
      }
      expect(thrown, hex(bad)).toBeInstanceOf(DerFault);
      expect((thrown as Error).message, hex(bad)).toBe(message);
    }
  });
});

const tmp = tempDir('vanthu-der-readers-');
let ca: TestCa;
beforeAll(async () => {
  ca = await makeTestCa();
});
afterAll(() => tmp.cleanup());

/** A CRL of the test root, written by @peculiar/x509's generator. */
async function crl(opts: {
  nextUpdate?: Date;
  entries?: { serialNumber: string; revocationDate: Date; reason?: number }[];
  extensions?: x509.Extension[];
}): Promise<Uint8Array> {
  const pkcs8 = Buffer.from(ca.rootKeyPem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  const signingKey = await webcrypto.subtle.importKey('pkcs8', pkcs8, algorithm, false, ['sign']);
  const made = await x509.X509CrlGenerator.create(
    {
      issuer: new x509.X509Certificate(Buffer.from(ca.rootDer)).subject,
      thisUpdate: new Date('2026-12-01T00:00:00Z'),
      ...(opts.nextUpdate ? { nextUpdate: opts.nextUpdate } : {}),
      entries: opts.entries ?? [],
      ...(opts.extensions ? { extensions: opts.extensions } : {}),
      signingKey,
      signingAlgorithm: algorithm,
    },
    webcrypto as unknown as Crypto,
  );
  return new Uint8Array(made.rawData);
}

describe('CRL reader', () => {
  it('reads what the schema reads: issuer, times, entries, signature and the signed part', async () => {
    const entries = [
      {
        serialNumber: '00ff01',
        revocationDate: new Date('2026-11-01T00:00:00Z'),
        reason: x509.X509CrlReason.keyCompromise,
      },
      { serialNumber: '7a', revocationDate: new Date('2055-01-01T00:00:00Z') },
    ];
    for (const der of [
      await crl({ nextUpdate: new Date('2027-01-01T00:00:00Z'), entries }),
      await crl({}),
      await crl({
        entries: [],
        extensions: [new x509.Extension('2.5.29.20', false, Uint8Array.of(2, 1, 5))],
      }),
    ]) {
      const mine = readCrl(der);
      const ref = AsnConvert.parse(der, CertificateList);
      expect(hex(mine.issuerDer)).toBe(hex(AsnConvert.serialize(ref.tbsCertList.issuer)));
      expect(mine.thisUpdate).toEqual(ref.tbsCertList.thisUpdate.getTime());
      expect(mine.nextUpdate).toEqual(ref.tbsCertList.nextUpdate?.getTime());
      expect(hex(mine.tbs)).toBe(hex(ref.tbsCertListRaw!));
      expect(hex(mine.signature)).toBe(hex(ref.signature));
      expect(mine.signatureAlgorithm.algorithm).toBe(ref.signatureAlgorithm.algorithm);
      expect(mine.revoked).toEqual(
        (ref.tbsCertList.revokedCertificates ?? []).map((e) => ({
          serialHex: Buffer.from(e.userCertificate)
            .toString('hex')
            .replace(/^(00)+(?=.)/, '')
            .toUpperCase(),
          revokedAt: e.revocationDate.getTime(),
        })),
      );
    }
    expect(readCrl(await crl({ entries })).revoked.map((e) => e.serialHex)).toEqual(['FF01', '7A']);
  });

  it('reads a CRL openssl writes (version 2, an entry with a reason)', async () => {
    const dir = tmp.dir;
    const cnf = join(dir, 'ca.cnf');
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'crlnumber'), '01\n');
    writeFileSync(
      cnf,
      `[ca]\ndefault_ca=d\n[d]\ndatabase=${join(dir, 'index.txt')}\ncrlnumber=${join(dir, 'crlnumber')}\ndefault_md=sha256\ndefault_crl_days=7\n`,
    );
    const key = join(dir, 'ca.key');
    const cert = join(dir, 'ca.crt');
    writeFileSync(key, ca.rootKeyPem);
    writeFileSync(cert, ca.rootPem);
    const out = join(dir, 'crl.der');
    execFileSync(
      'openssl',
      ['ca', '-batch', '-gencrl', '-config', cnf, '-keyfile', key, '-cert', cert, '-out', `${out}.pem`],
      {
        stdio: 'ignore',
      },
    );
    execFileSync('openssl', ['crl', '-in', `${out}.pem`, '-outform', 'DER', '-out', out]);
    const der = readFileSync(out);
    const mine = readCrl(der);
    expect(mine.nextUpdate!.getTime() - mine.thisUpdate.getTime()).toBe(7 * 86_400_000);
    expect(mine.revoked).toEqual([]);
  });

  it('refuses a CRL with its parts missing, misplaced or of the wrong type', async () => {
    const good = readCrl(await crl({ nextUpdate: new Date('2027-01-01T00:00:00Z') }));
    const sig = sequence(oid('1.2.840.113549.1.1.11'), NULL_DER);
    const bits = tlv(0x03, Uint8Array.of(0), Uint8Array.of(1, 2));
    const time = utcTimeDer(new Date('2026-12-01T00:00:00Z'));
    const list = (...tbs: Uint8Array[]) => sequence(sequence(...tbs), sig, bits);
    // The minimal well-formed list first: it must be read, so each refusal below is its one change.
    expect(readCrl(list(sig, good.issuerDer, time)).revoked).toEqual([]);
    const entry = (...parts: Uint8Array[]) => sequence(sequence(...parts));
    expect(
      readCrl(
        list(
          sig,
          good.issuerDer,
          time,
          time,
          entry(smallIntegerDer(5), time, sequence()),
          explicit(0, sequence()),
        ),
      ).revoked,
    ).toEqual([{ serialHex: '05', revokedAt: new Date('2026-12-01T00:00:00Z') }]);
    const tbsShape = 'tbsCertList: signature, issuer and thisUpdate expected';
    const entryShape = 'revokedCertificates entry: userCertificate and revocationDate expected';
    const cases: [Uint8Array, string][] = [
      [setOf([]), 'CertificateList is not a SEQUENCE'],
      [
        sequence(sequence(sig, good.issuerDer, time), sig),
        'CertificateList: not { tbsCertList, signatureAlgorithm, signatureValue }',
      ],
      [
        sequence(sequence(sig, good.issuerDer, time), sig, octetString(Uint8Array.of(0))),
        'CertificateList: not { tbsCertList, signatureAlgorithm, signatureValue }',
      ],
      [
        sequence(sequence(sig, good.issuerDer, time), sig, bits, NULL_DER),
        'CertificateList: not { tbsCertList, signatureAlgorithm, signatureValue }',
      ],
      [
        sequence(sequence(sig, good.issuerDer, time)),
        'CertificateList: not { tbsCertList, signatureAlgorithm, signatureValue }',
      ],
      [
        sequence(sequence(sig, good.issuerDer, time), sig, tlv(0x03, Uint8Array.of(1, 0xff))),
        'CertificateList: the signature is not whole octets',
      ],
      [
        sequence(sequence(sig, good.issuerDer, time), sig, tlv(0x03)),
        'CertificateList: the signature is not whole octets',
      ],
      [sequence(setOf([]), sig, bits), 'tbsCertList is not a SEQUENCE'],
      [list(), tbsShape],
      [list(smallIntegerDer(1)), tbsShape],
      [list(sig, good.issuerDer), tbsShape],
      [list(sig, setOf([]), time), tbsShape],
      [list(good.issuerDer, time), tbsShape],
      [list(smallIntegerDer(1), sig, good.issuerDer, NULL_DER), tbsShape],
      [list(NULL_DER, good.issuerDer, time), 'AlgorithmIdentifier is not a SEQUENCE'],
      [list(sig, good.issuerDer, time, NULL_DER), 'tbsCertList: unexpected fields'],
      [
        list(sig, good.issuerDer, time, explicit(0, sequence()), sequence()),
        'tbsCertList: unexpected fields',
      ],
      [list(sig, good.issuerDer, time, setOf([])), 'tbsCertList: unexpected fields'],
      [list(sig, good.issuerDer, time, sequence(setOf([]))), 'revokedCertificates entry is not a SEQUENCE'],
      [list(sig, good.issuerDer, time, sequence(sequence())), entryShape],
      [list(sig, good.issuerDer, time, entry(smallIntegerDer(1))), entryShape],
      [list(sig, good.issuerDer, time, entry(octetString(Uint8Array.of(1)), time)), entryShape],
      [list(sig, good.issuerDer, time, entry(tlv(0x02), time)), entryShape],
      [list(sig, good.issuerDer, time, entry(smallIntegerDer(1), NULL_DER)), entryShape],
      [
        list(sig, good.issuerDer, time, entry(smallIntegerDer(1), time, NULL_DER)),
        'revokedCertificates entry: unexpected fields',
      ],
      [
        list(sig, good.issuerDer, time, entry(smallIntegerDer(1), time, sequence(), sequence())),
        'revokedCertificates entry: unexpected fields',
      ],
      [list(sig, good.issuerDer, tlv(0x17, Buffer.from('2612010000Z'))), 'malformed UTCTime "2612010000Z"'],
      [Buffer.concat([list(sig, good.issuerDer, time), Uint8Array.of(0)]), 'bytes after the DER element'],
    ];
    for (const [bad, message] of cases) {
      let thrown: unknown;
      try {
        readCrl(bad);
      } catch (e) {
        thrown = e;
      }
      expect(thrown, hex(bad)).toBeInstanceOf(DerFault);
      expect((thrown as Error).message, hex(bad)).toBe(message);
    }
    // A version, and a revoked serial with leading zero octets, as CertInfo.serialHex writes it.
    const v2 = readCrl(
      list(smallIntegerDer(1), sig, good.issuerDer, time, entry(tlv(0x02, Uint8Array.of(0, 0, 0x8a)), time)),
    );
    expect(v2.revoked.map((e) => e.serialHex)).toEqual(['8A']);
    expect(
      readCrl(list(sig, good.issuerDer, time, entry(tlv(0x02, Uint8Array.of(0, 0)), time))).revoked[0]!
        .serialHex,
    ).toBe('00');
    expect(
      readCrl(list(sig, good.issuerDer, time, entry(tlv(0x02, Uint8Array.of(0x10, 0)), time))).revoked[0]!
        .serialHex,
    ).toBe('1000');
  });
});

describe('PKCS#7 certificate bundles', () => {
  it('reads the certificates of a .p7b openssl writes, DER and PEM, as the files hold them', async () => {
    const person = await ca.issue('Trần Thị Bình');
    const dir = tmp.dir;
    const certs = join(dir, 'certs.pem');
    writeFileSync(certs, `${person.certPem}\n${ca.rootPem}`);
    const der = execFileSync('openssl', ['crl2pkcs7', '-nocrl', '-certfile', certs, '-outform', 'DER']);
    const pem = execFileSync('openssl', ['crl2pkcs7', '-nocrl', '-certfile', certs]);
    const want = [hex(person.signer.certificate), hex(ca.rootDer)];
    expect(p7Certificates(der).map(hex)).toEqual(want);
    expect(parseCertificates(der).map(hex)).toEqual(want);
    expect(parseCertificates(pem).map(hex)).toEqual(want);
  });

  it('follows BER lengths and skips certificates of other forms', () => {
    const cert = ca.rootDer;
    const ber = (tag: number, ...parts: Uint8Array[]) =>
      Buffer.concat([Uint8Array.of(tag, 0x80), ...parts, Uint8Array.of(0, 0)]);
    const signedData = ber(
      0x30,
      smallIntegerDer(1),
      setOf([]),
      sequence(oid('1.2.840.113549.1.7.1')),
      ber(0xa0, tlv(0xa1, NULL_DER), cert),
      setOf([]),
    );
    const bundle = ber(0x30, oid('1.2.840.113549.1.7.2'), ber(0xa0, signedData));
    expect(p7Certificates(bundle).map(hex)).toEqual([hex(cert)]);
  });

  it('refuses what is not a certs-only SignedData, or holds no certificate', () => {
    const sd = (...parts: Uint8Array[]) =>
      sequence(oid('1.2.840.113549.1.7.2'), explicit(0, sequence(...parts)));
    const notSd = 'PKCS#7 file is not SignedData';
    const cases: [Uint8Array, string][] = [
      [sequence(oid('1.2.840.113549.1.7.1'), explicit(0, sequence())), notSd],
      [setOf([]), notSd],
      [tlv(0x31, oid('1.2.840.113549.1.7.2'), explicit(0, sequence(tlv(0xa0, ca.rootDer)))), notSd],
      [sequence(oid('1.2.840.113549.1.7.2')), notSd],
      [sequence(oid('1.2.840.113549.1.7.2'), sequence()), notSd],
      [sequence(NULL_DER, explicit(0, sequence())), notSd],
      [sequence(), notSd],
      [sequence(oid('1.2.840.113549.1.7.2'), explicit(0)), 'PKCS#7 SignedData is not a SEQUENCE'],
      [sequence(oid('1.2.840.113549.1.7.2'), explicit(0, setOf([]))), 'PKCS#7 SignedData is not a SEQUENCE'],
      [sd(smallIntegerDer(1), setOf([]), sequence(), setOf([])), 'PKCS#7 file holds no certificate'],
      [
        sd(smallIntegerDer(1), setOf([]), sequence(), tlv(0xa0, tlv(0xa1)), setOf([])),
        'PKCS#7 file holds no certificate',
      ],
    ];
    for (const [bad, message] of cases)
      expect(() => p7Certificates(bad), hex(bad)).toThrow(new DerFault(message));
    // The certificates are copies: the bundle's bytes can be reused.
    const bundle = Buffer.from(
      sd(smallIntegerDer(1), setOf([]), sequence(), tlv(0xa0, ca.rootDer), setOf([])),
    );
    const [copy] = p7Certificates(bundle);
    bundle.fill(0);
    expect(hex(copy!)).toBe(hex(ca.rootDer));
  });
});
