import { describe, expect, it } from 'vitest';
import { DerFault } from '../../../daemon/src/cms/der.js';
import {
  accessUris,
  authorityKeyIdentifier,
  basicConstraints,
  crlDistributionUris,
  extendedKeyUsage,
  keyUsageBits,
  subjectKeyIdentifier,
} from '../../../daemon/src/trust/x509-extensions.js';
import { readX509 } from '../../../daemon/src/trust/x509-fields.js';

// The certificate DER walker's rules, one per test, on hand-built DER (x509-fields.test.ts compares
// it with the schema parser on real certificates).

const tlv = (tag: number, ...parts: (number[] | Buffer)[]): Buffer => {
  const body = Buffer.concat(parts.map((p) => Buffer.from(p)));
  const n = body.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return Buffer.concat([Buffer.from([tag, ...len]), body]);
};
const seq = (...parts: (number[] | Buffer)[]) => tlv(0x30, ...parts);
const set = (...parts: (number[] | Buffer)[]) => tlv(0x31, ...parts);
const oid = (...bytes: number[]) => tlv(0x06, bytes);
const CN = [0x55, 0x04, 0x03];
const name = (type: number, text: Buffer) => seq(set(seq(oid(...CN), tlv(type, text))));
const utc = (s: string) => tlv(0x17, Buffer.from(s, 'latin1'));
const gen = (s: string) => tlv(0x18, Buffer.from(s, 'latin1'));
const SHA256_RSA = seq(oid(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b), [0x05, 0x00]);
const RSA_KEY = seq(
  seq(oid(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01), [0x05, 0x00]),
  tlv(0x03, [0, 1, 2, 3]),
);
const VERSION3 = tlv(0xa0, tlv(0x02, [2]));
const SERIAL = tlv(0x02, [0x00, 0x9f]);
const ISSUER = name(0x0c, Buffer.from('Gốc', 'utf8'));
const SUBJECT = name(0x13, Buffer.from('leaf', 'latin1'));
const VALIDITY = seq(utc('260101000000Z'), gen('20510101000000Z'));
const ext = (id: number[], value: Buffer, critical?: number[]) =>
  seq(oid(...id), ...(critical ? [tlv(0x01, critical)] : []), tlv(0x04, value));

/** A certificate from its tbsCertificate fields (the signature is never checked here). */
const cert = (...tbs: Buffer[]) => seq(seq(...tbs), SHA256_RSA, tlv(0x03, [0, 9, 9]));
const plain = (...after: Buffer[]) =>
  cert(VERSION3, SERIAL, SHA256_RSA, ISSUER, VALIDITY, SUBJECT, RSA_KEY, ...after);

describe('readX509', () => {
  it('reads a certificate: serial as encoded, NULL parameters as none, names, times, key bits', () => {
    const x = readX509(plain());
    expect(Buffer.from(x.serial).toString('hex')).toBe('009f');
    expect(x.signatureAlgorithm).toEqual({ algorithm: '1.2.840.113549.1.1.11' });
    expect(x.issuer).toEqual([[{ type: '2.5.4.3', value: 'Gốc' }]]);
    expect(x.subject).toEqual([[{ type: '2.5.4.3', value: 'leaf' }]]);
    expect(x.issuerDer.equals(ISSUER)).toBe(true);
    expect(x.subjectDer.equals(SUBJECT)).toBe(true);
    expect(x.notBefore.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(x.notAfter.toISOString()).toBe('2051-01-01T00:00:00.000Z');
    expect(Buffer.from(x.publicKeyBits).toString('hex')).toBe('010203');
    expect(x.extensions).toEqual([]);
  });

  it('a version 1 certificate (no [0]) and unique identifiers ([1], [2]) are read', () => {
    const v1 = cert(SERIAL, SHA256_RSA, ISSUER, VALIDITY, SUBJECT, RSA_KEY);
    expect(Buffer.from(readX509(v1).serial).toString('hex')).toBe('009f');
    const ids = plain(
      tlv(0x81, [0, 1]),
      tlv(0x82, [0, 2]),
      tlv(0xa3, seq(ext([0x55, 0x1d, 0x0e], tlv(0x04, [7])))),
    );
    expect(readX509(ids).extensions.map((e) => e.oid)).toEqual(['2.5.29.14']);
  });

  it('parameters other than NULL are kept as their DER', () => {
    const pss = seq(oid(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a), seq());
    const x = readX509(
      seq(seq(VERSION3, SERIAL, pss, ISSUER, VALIDITY, SUBJECT, RSA_KEY), pss, tlv(0x03, [0])),
    );
    expect(Buffer.from(x.signatureAlgorithm.parameters!).toString('hex')).toBe('3000');
  });

  it('refuses a certificate with fields missing, extra or out of place', () => {
    expect(() => readX509(cert(VERSION3, SERIAL, SHA256_RSA, ISSUER, VALIDITY, SUBJECT))).toThrow(DerFault);
    expect(() => readX509(plain(tlv(0x05, [])))).toThrow(/trailing fields/);
    expect(() => readX509(seq(seq(VERSION3, SERIAL), SHA256_RSA))).toThrow(/signatureValue/);
    expect(() => readX509(seq(seq(VERSION3), SHA256_RSA, tlv(0x03, [0]), tlv(0x05, [])))).toThrow(DerFault);
    const noIntegerSerial = cert(VERSION3, tlv(0x04, [1]), SHA256_RSA, ISSUER, VALIDITY, SUBJECT, RSA_KEY);
    expect(() => readX509(noIntegerSerial)).toThrow(/fields missing/);
    expect(() =>
      readX509(cert(VERSION3, SERIAL, SHA256_RSA, ISSUER, seq(utc('260101000000Z')), SUBJECT, RSA_KEY)),
    ).toThrow(/two times/);
    const noKey = seq(seq(oid(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01)), tlv(0x04, [0]));
    expect(() => readX509(cert(VERSION3, SERIAL, SHA256_RSA, ISSUER, VALIDITY, SUBJECT, noKey))).toThrow(
      /no subjectPublicKey/,
    );
    const emptyKey = seq(seq(oid(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01)), tlv(0x03, []));
    expect(() => readX509(cert(VERSION3, SERIAL, SHA256_RSA, ISSUER, VALIDITY, SUBJECT, emptyKey))).toThrow(
      /no subjectPublicKey/,
    );
  });

  it('refuses malformed times, names and algorithm identifiers', () => {
    const badTime = cert(
      VERSION3,
      SERIAL,
      SHA256_RSA,
      ISSUER,
      seq(utc('2601010000Z'), gen('20510101000000Z')),
      SUBJECT,
      RSA_KEY,
    );
    expect(() => readX509(badTime)).toThrow(/malformed UTCTime/);
    const feb30 = cert(
      VERSION3,
      SERIAL,
      SHA256_RSA,
      ISSUER,
      seq(utc('260230000000Z'), gen('20510101000000Z')),
      SUBJECT,
      RSA_KEY,
    );
    expect(() => readX509(feb30)).toThrow(/out of range/);
    const octetTime = cert(
      VERSION3,
      SERIAL,
      SHA256_RSA,
      ISSUER,
      seq(tlv(0x04, [1]), gen('20510101000000Z')),
      SUBJECT,
      RSA_KEY,
    );
    expect(() => readX509(octetTime)).toThrow(/neither UTCTime nor GeneralizedTime/);
    const badAtv = seq(set(seq(oid(...CN))));
    expect(() => readX509(cert(VERSION3, SERIAL, SHA256_RSA, badAtv, VALIDITY, SUBJECT, RSA_KEY))).toThrow(
      /AttributeTypeAndValue/,
    );
    const rdnNotSet = seq(seq(seq(oid(...CN), tlv(0x13, [0x41]))));
    expect(() => readX509(cert(VERSION3, SERIAL, SHA256_RSA, rdnNotSet, VALIDITY, SUBJECT, RSA_KEY))).toThrow(
      /not a SET/,
    );
    const badAlg = seq(tlv(0x04, [1]));
    expect(() =>
      readX509(
        seq(seq(VERSION3, SERIAL, SHA256_RSA, ISSUER, VALIDITY, SUBJECT, RSA_KEY), badAlg, tlv(0x03, [0])),
      ),
    ).toThrow(/AlgorithmIdentifier/);
  });

  it('years 50–99 of a UTCTime are 19xx', () => {
    const old = cert(
      VERSION3,
      SERIAL,
      SHA256_RSA,
      ISSUER,
      seq(utc('991231235959Z'), utc('490101000000Z')),
      SUBJECT,
      RSA_KEY,
    );
    const x = readX509(old);
    expect(x.notBefore.toISOString()).toBe('1999-12-31T23:59:59.000Z');
    expect(x.notAfter.toISOString()).toBe('2049-01-01T00:00:00.000Z');
  });

  it('extensions: critical only when the BOOLEAN is true; malformed ones refused', () => {
    const exts = (...e: Buffer[]) => plain(tlv(0xa3, seq(...e)));
    const x = readX509(
      exts(
        ext([0x55, 0x1d, 0x13], seq(), [0xff]),
        ext([0x55, 0x1d, 0x0f], tlv(0x03, [7, 0x80]), [0x00]),
        ext([0x55, 0x1d, 0x0e], tlv(0x04, [1])),
      ),
    );
    expect(x.extensions.map((e) => [e.oid, e.critical])).toEqual([
      ['2.5.29.19', true],
      ['2.5.29.15', false],
      ['2.5.29.14', false],
    ]);
    expect(Buffer.from(x.extensions[2]!.value).toString('hex')).toBe('040101');
    expect(() => readX509(exts(seq(oid(0x55, 0x1d, 0x0e))))).toThrow(/Extension: malformed/);
    expect(() => readX509(exts(seq(oid(0x55, 0x1d, 0x0e), tlv(0x01, [0xff]))))).toThrow(
      /Extension: malformed/,
    );
    expect(() => readX509(exts(seq(oid(0x55, 0x1d, 0x0e), tlv(0x04, [1]), tlv(0x04, [1]))))).toThrow(
      /Extension: malformed/,
    );
    expect(() => readX509(exts(seq(tlv(0x04, [1]), tlv(0x04, [1]))))).toThrow(/Extension: malformed/);
    expect(() => readX509(exts(seq(oid(0x55, 0x1d, 0x0e), tlv(0x01, [0xff, 0]), tlv(0x04, [1]))))).toThrow(
      /malformed BOOLEAN/,
    );
    expect(() =>
      readX509(exts(seq(oid(0x55, 0x1d, 0x0e), tlv(0x01, [0xff]), tlv(0x04, [1]), tlv(0x05, [])))),
    ).toThrow(/Extension: malformed/);
    expect(() => readX509(plain(tlv(0xa3, seq(), seq())))).toThrow(
      /^extensions: \[3\] must hold one element/,
    );
    expect(() => readX509(plain(tlv(0xa3, set())))).toThrow(/^Extensions is not a SEQUENCE/);
    expect(() => readX509(exts(set()))).toThrow(/^Extension is not a SEQUENCE/);
    expect(() => readX509(exts(seq()))).toThrow(/Extension: malformed/);
    expect(() => readX509(exts(seq(oid(0x55, 0x1d, 0x0e), tlv(0x01, [0xff]))))).toThrow(
      /Extension: malformed/,
    );
  });
});

describe('readX509 names what it refuses', () => {
  const tbsOf = (...f: Buffer[]) => seq(seq(...f), SHA256_RSA, tlv(0x03, [0]));
  it('each structure by its name', () => {
    expect(() => readX509(set(seq(), SHA256_RSA, tlv(0x03, [0])))).toThrow(/^Certificate is not a SEQUENCE/);
    expect(() => readX509(seq(set(), SHA256_RSA, tlv(0x03, [0])))).toThrow(
      /^tbsCertificate is not a SEQUENCE/,
    );
    const v = (validity: Buffer) => cert(VERSION3, SERIAL, SHA256_RSA, ISSUER, validity, SUBJECT, RSA_KEY);
    expect(() => readX509(v(set(utc('260101000000Z'), utc('270101000000Z'))))).toThrow(/^Validity is not/);
    expect(() => readX509(cert(VERSION3, SERIAL, SHA256_RSA, ISSUER, VALIDITY, SUBJECT, set()))).toThrow(
      /^SubjectPublicKeyInfo is not/,
    );
    expect(() => readX509(cert(VERSION3, SERIAL, set(), ISSUER, VALIDITY, SUBJECT, RSA_KEY))).not.toThrow();
    expect(() =>
      readX509(
        seq(seq(VERSION3, SERIAL, SHA256_RSA, ISSUER, VALIDITY, SUBJECT, RSA_KEY), set(), tlv(0x03, [0])),
      ),
    ).toThrow(/^AlgorithmIdentifier is not/);
    expect(() => readX509(cert(VERSION3, SERIAL, SHA256_RSA, set(), VALIDITY, SUBJECT, RSA_KEY))).toThrow(
      /^Name is not/,
    );
    expect(() =>
      readX509(cert(VERSION3, SERIAL, SHA256_RSA, seq(set(set())), VALIDITY, SUBJECT, RSA_KEY)),
    ).toThrow(/^AttributeTypeAndValue is not/);
    expect(() =>
      readX509(cert(VERSION3, SERIAL, SHA256_RSA, seq(seq()), VALIDITY, SUBJECT, RSA_KEY)),
    ).toThrow(/^RelativeDistinguishedName is not a SET/);
  });

  it('empty or short structures are DER faults, never a crash', () => {
    expect(() => readX509(tbsOf())).toThrow(DerFault);
    expect(() => readX509(seq(seq()))).toThrow(/signatureValue/);
    expect(() => readX509(seq(seq(), SHA256_RSA, tlv(0x03, [0]), tlv(0x03, [0])))).toThrow(/signatureValue/);
    const three = seq(utc('260101000000Z'), utc('270101000000Z'), utc('280101000000Z'));
    expect(() => readX509(cert(VERSION3, SERIAL, SHA256_RSA, ISSUER, three, SUBJECT, RSA_KEY))).toThrow(
      /two times/,
    );
    const algOnly = seq(seq(oid(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01)));
    expect(() => readX509(cert(VERSION3, SERIAL, SHA256_RSA, ISSUER, VALIDITY, SUBJECT, algOnly))).toThrow(
      DerFault,
    );
    const alg = (a: Buffer) =>
      seq(seq(VERSION3, SERIAL, SHA256_RSA, ISSUER, VALIDITY, SUBJECT, RSA_KEY), a, tlv(0x03, [0]));
    expect(() => readX509(alg(seq()))).toThrow(/AlgorithmIdentifier: malformed/);
    expect(() => readX509(alg(seq(oid(0x2a), tlv(0x05, []), tlv(0x05, []))))).toThrow(
      /AlgorithmIdentifier: malformed/,
    );
    const atv = (a: Buffer) => cert(VERSION3, SERIAL, SHA256_RSA, seq(set(a)), VALIDITY, SUBJECT, RSA_KEY);
    expect(() => readX509(atv(seq()))).toThrow(/AttributeTypeAndValue: malformed/);
    expect(() => readX509(atv(seq(tlv(0x04, [1]), tlv(0x13, [0x41]))))).toThrow(
      /AttributeTypeAndValue: malformed/,
    );
    expect(() => readX509(atv(seq(oid(...CN), tlv(0x13, [0x41]), tlv(0x13, [0x42]))))).toThrow(
      /AttributeTypeAndValue: malformed/,
    );
  });

  it('NULL parameters with content are not NULL: kept', () => {
    const odd = seq(oid(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b), tlv(0x05, [0]));
    const x = readX509(
      seq(seq(VERSION3, SERIAL, SHA256_RSA, ISSUER, VALIDITY, SUBJECT, RSA_KEY), odd, tlv(0x03, [0])),
    );
    expect(Buffer.from(x.signatureAlgorithm.parameters!).toString('hex')).toBe('050100');
  });
});

describe('attribute values as text', () => {
  const subjectOf = (type: number, bytes: number[] | Buffer) =>
    readX509(cert(VERSION3, SERIAL, SHA256_RSA, ISSUER, VALIDITY, name(type, Buffer.from(bytes)), RSA_KEY))
      .subject[0]![0]!.value;

  it('UTF8String strictly, else byte for byte; the BOM kept', () => {
    expect(subjectOf(0x0c, Buffer.from('Cần Thơ', 'utf8'))).toBe('Cần Thơ');
    expect(subjectOf(0x0c, [0xc3, 0x28])).toBe('Ã(');
    expect(subjectOf(0x0c, [0xef, 0xbb, 0xbf, 0x41])).toBe('\ufeffA');
  });

  it('PrintableString, TeletexString and IA5String byte for byte', () => {
    expect(subjectOf(0x13, [0x41, 0x42])).toBe('AB');
    expect(subjectOf(0x14, [0x4c, 0xea])).toBe('Lê');
    expect(subjectOf(0x16, [0x61, 0x40, 0x62])).toBe('a@b');
  });

  it('BMPString as UTF-16BE, UniversalString by the low 16 bits; odd sizes refused', () => {
    expect(subjectOf(0x1e, [0x1e, 0xa1, 0x00, 0x41])).toBe('ạA');
    expect(subjectOf(0x1c, [0, 0, 0x1e, 0xa1, 0, 1, 0x00, 0x41])).toBe('ạA');
    expect(() => subjectOf(0x1e, [0x00, 0x41, 0x00])).toThrow(/odd length/);
    expect(() => subjectOf(0x1c, [0, 0, 0x41])).toThrow(/multiple of 4/);
  });

  it('any other type as the hex of its whole encoding', () => {
    expect(subjectOf(0x12, [0x31, 0x32])).toBe('12023132');
  });
});

describe('extension values', () => {
  it('key usage: bit i (from the first octet’s high bit) is 2^i; unused bits ignored; malformed refused', () => {
    expect(keyUsageBits(tlv(0x03, [7, 0x80]))).toBe(1);
    expect(keyUsageBits(tlv(0x03, [7, 0xff, 0x80]))).toBe(511);
    expect(keyUsageBits(tlv(0x03, [1, 0x03]))).toBe(64);
    expect(keyUsageBits(tlv(0x03, [0, 0x06]))).toBe(32 + 64);
    expect(keyUsageBits(tlv(0x03, [0]))).toBe(0);
    expect(() => keyUsageBits(tlv(0x04, [0, 0x80]))).toThrow(/not a BIT STRING/);
    expect(() => keyUsageBits(tlv(0x03, []))).toThrow(/not a BIT STRING/);
    expect(() => keyUsageBits(tlv(0x03, [8, 0x80]))).toThrow(/unused-bits/);
    expect(() => keyUsageBits(tlv(0x03, [1]))).toThrow(/unused-bits/);
  });

  it('basic constraints: cA defaults to false, the path length when given; malformed refused', () => {
    expect(basicConstraints(seq())).toEqual({ cA: false, pathLen: undefined });
    expect(basicConstraints(seq(tlv(0x01, [0xff])))).toEqual({ cA: true, pathLen: undefined });
    expect(basicConstraints(seq(tlv(0x01, [0x00])))).toEqual({ cA: false, pathLen: undefined });
    expect(basicConstraints(seq(tlv(0x01, [0xff]), tlv(0x02, [3])))).toEqual({ cA: true, pathLen: 3 });
    expect(basicConstraints(seq(tlv(0x02, [0])))).toEqual({ cA: false, pathLen: 0 });
    expect(basicConstraints(seq(tlv(0x01, [0xff]), tlv(0x02, [1, 0])))).toEqual({ cA: true, pathLen: 256 });
    expect(() => basicConstraints(seq(tlv(0x01, [0xff, 0])))).toThrow(/malformed BOOLEAN/);
    expect(() => basicConstraints(seq(tlv(0x01, [0xff]), tlv(0x02, [3]), tlv(0x05, [])))).toThrow(
      /unexpected fields/,
    );
    expect(() => basicConstraints(seq(tlv(0x02, [0x80])))).toThrow(/pathLenConstraint/);
    expect(() => basicConstraints(seq(tlv(0x02, [1, 2, 3, 4, 5])))).toThrow(/pathLenConstraint/);
    expect(() => basicConstraints(tlv(0x31))).toThrow(/not a SEQUENCE/);
  });

  it('extended key usage: a list of OIDs; anything else refused', () => {
    expect(extendedKeyUsage(seq(oid(0x2b, 6, 1, 5, 5, 7, 3, 8), oid(0x2b, 6, 1, 5, 5, 7, 3, 9)))).toEqual([
      '1.3.6.1.5.5.7.3.8',
      '1.3.6.1.5.5.7.3.9',
    ]);
    expect(() => extendedKeyUsage(seq(tlv(0x04, [1])))).toThrow(/not an OID/);
  });

  it('key identifiers as lower-case hex; the authority one only from its [0]', () => {
    expect(subjectKeyIdentifier(tlv(0x04, [0xab, 0x01]))).toBe('ab01');
    expect(() => subjectKeyIdentifier(tlv(0x03, [0, 1]))).toThrow(/not an OCTET STRING/);
    expect(authorityKeyIdentifier(seq(tlv(0x80, [0xcd, 0xef])))).toBe('cdef');
    expect(authorityKeyIdentifier(seq(tlv(0xa1, seq()), tlv(0x82, [1])))).toBeUndefined();
    expect(authorityKeyIdentifier(seq())).toBeUndefined();
  });

  it('CRL distribution points: the URIs of each full name; other names and points without one skipped', () => {
    const uri = (u: string) => tlv(0x86, Buffer.from(u, 'latin1'));
    const point = (...names: Buffer[]) => seq(tlv(0xa0, tlv(0xa0, ...names)));
    const value = seq(
      point(uri('http://a/1.crl'), tlv(0x82, Buffer.from('dns'))),
      seq(tlv(0x81, [0x07, 0x80])),
      seq(tlv(0xa0, tlv(0xa1, set()))),
      point(uri('ldap://b/2')),
    );
    expect(crlDistributionUris(value)).toEqual(['http://a/1.crl', 'ldap://b/2']);
    expect(() => crlDistributionUris(seq(seq(tlv(0xa0, tlv(0xa0, uri('x')), tlv(0x05, [])))))).toThrow(
      /DistributionPointName/,
    );
  });

  it('extension values name what they refuse; a relative name is no full name', () => {
    expect(() => basicConstraints(set())).toThrow(/^BasicConstraints is not/);
    expect(() => extendedKeyUsage(set())).toThrow(/^ExtKeyUsageSyntax is not/);
    expect(() => authorityKeyIdentifier(set())).toThrow(/^AuthorityKeyIdentifier is not/);
    expect(() => crlDistributionUris(set())).toThrow(/^CRLDistributionPoints is not/);
    expect(() => crlDistributionUris(seq(set()))).toThrow(/^DistributionPoint is not/);
    expect(() => accessUris(set())).toThrow(/^AuthorityInfoAccessSyntax is not/);
    expect(() => accessUris(seq(set()))).toThrow(/^AccessDescription is not/);
    expect(() => accessUris(seq(seq()))).toThrow(/AccessDescription: malformed/);
    const relative = seq(seq(tlv(0xa0, tlv(0xa1, tlv(0x86, Buffer.from('http://x'))))));
    expect(crlDistributionUris(relative)).toEqual([]);
  });

  it('authority information access: each method with its URI, undefined for another kind of name', () => {
    const ocsp = oid(0x2b, 6, 1, 5, 5, 7, 0x30, 1);
    const issuers = oid(0x2b, 6, 1, 5, 5, 7, 0x30, 2);
    expect(
      accessUris(
        seq(seq(ocsp, tlv(0x86, Buffer.from('http://o'))), seq(issuers, tlv(0x82, Buffer.from('dns')))),
      ),
    ).toEqual([
      { method: '1.3.6.1.5.5.7.48.1', uri: 'http://o' },
      { method: '1.3.6.1.5.5.7.48.2', uri: undefined },
    ]);
    expect(() => accessUris(seq(seq(ocsp)))).toThrow(/AccessDescription/);
    expect(() => accessUris(seq(seq(tlv(0x04, [1]), tlv(0x86, [0x61]))))).toThrow(/AccessDescription/);
    expect(() => accessUris(seq(seq(ocsp, tlv(0x86, [0x61]), tlv(0x86, [0x62]))))).toThrow(
      /AccessDescription/,
    );
  });
});
