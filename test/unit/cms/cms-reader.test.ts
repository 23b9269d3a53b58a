import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import * as asn1js from 'asn1js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  NULL_DER,
  explicit,
  integerContent,
  octetString,
  oid,
  sequence,
  setOf,
  smallIntegerDer,
  tlv,
  utcTimeDer,
} from '../../../daemon/src/cms/der-write.js';
// The schema classes through the project's wrappers: one instance of each @peculiar package, as
// asn1-schema's class-keyed storage needs.
import { ContentInfo, SignedData } from '../../../daemon/src/asn1/cms.js';
import { AsnConvert, OctetString } from '../../../daemon/src/asn1/schema.js';
import { Certificate, type Name, Time } from '../../../daemon/src/asn1/x509.js';
import { buildSignedData } from '../../../daemon/src/cms/index.js';
import { CmsFormatError, type ParsedCms, parseCms } from '../../../daemon/src/cms/parse.js';
import type { Signer } from '../../../daemon/src/token/signer.js';
import { readX509 } from '../../../daemon/src/trust/x509-fields.js';
import { tempDir } from '../../support/pdf-inputs.js';
import { type IssuedTestCertificate, type TestCa, makeTestCa } from '../../support/pdf-inputs-signer.js';

// parseCms reads SignedData with the project's DER walker. The schema parser of @peculiar/asn1-cms
// is the oracle: on every CMS below both must read the same values. The rule cases after it build
// CMS by hand, each breaking one rule of RFC 5652 §5.

const tmp = tempDir('vanthu-cms-reader-');
let ca: TestCa;
let rsa: IssuedTestCertificate;
let ec: IssuedTestCertificate;
let pss: Signer;

beforeAll(async () => {
  ca = await makeTestCa({ intermediate: true });
  rsa = await ca.issue('Nguyễn Văn An');
  // A subjectKeyIdentifier, for the CMS that name their signer by it (openssl cms -keyid).
  const ski = new x509.Extension(
    '2.5.29.14',
    false,
    octetString(new Uint8Array(20).fill(0x5a)).buffer as ArrayBuffer,
  );
  ec = await ca.issue('Cơ quan EC', { ec: true, extensions: [ski] });
  pss = rsa.signer;
});
afterAll(() => tmp.cleanup());

const ID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  essV2: '1.2.840.113549.1.9.16.2.47',
  essV1: '1.2.840.113549.1.9.16.2.12',
  tst: '1.2.840.113549.1.9.16.2.14',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsa: '1.2.840.113549.1.1.1',
};

/** What the schema parser reads from the same bytes, in ParsedCms's terms. */
function oracle(der: Uint8Array) {
  const ci = AsnConvert.parse(der, ContentInfo);
  const sd = AsnConvert.parse(ci.content, SignedData);
  const si = sd.signerInfos[0]!;
  const attr = (type: string) => si.signedAttrs?.find((a) => a.attrType === type)?.attrValues[0];
  const md = attr(ID.messageDigest);
  const ct = attr(ID.contentType);
  const st = attr(ID.signingTime);
  const ec = sd.encapContentInfo.eContent;
  const eRaw = ec?.single ?? ec?.any;
  const ias = si.sid.issuerAndSerialNumber;
  const certs = (sd.certificates ?? []).map((c) => new Uint8Array(AsnConvert.serialize(c.certificate!)));
  const signer = ias
    ? certs.find((c) => {
        const x = AsnConvert.parse(c, Certificate).tbsCertificate;
        return (
          Buffer.from(x.serialNumber).equals(Buffer.from(ias.serialNumber)) &&
          Buffer.from(AsnConvert.serialize(x.issuer)).equals(
            Buffer.from(AsnConvert.serialize(ias.issuer as Name)),
          )
        );
      })
    : certs.find((c) => readX509(c).extensions.some((e) => e.oid === '2.5.29.14'));
  const tst = si.unsignedAttrs?.find((a) => a.attrType === ID.tst)?.attrValues[0];
  return {
    eContentType: sd.encapContentInfo.eContentType,
    // A constructed (BER) OCTET STRING comes back from the schema as its raw encoding: its
    // content is the pieces joined (X.690 §8.7.3).
    eContent: eRaw
      ? hex(
          eRaw instanceof OctetString
            ? eRaw.buffer
            : (asn1js.fromBER(eRaw).result as asn1js.OctetString).getValue(),
        )
      : undefined,
    certificates: certs.map(hex),
    signerCertificate: signer ? hex(signer) : undefined,
    signatureAlgorithm: si.signatureAlgorithm.algorithm,
    signatureParameters: si.signatureAlgorithm.parameters ? hex(si.signatureAlgorithm.parameters) : undefined,
    digestOid: si.digestAlgorithm.algorithm,
    messageDigest: md ? hex(AsnConvert.parse(md, OctetString).buffer) : undefined,
    contentType: ct
      ? (asn1js.fromBER(ct).result as asn1js.ObjectIdentifier).valueBlock.toString()
      : undefined,
    signingTime: st ? AsnConvert.parse(st, Time).getTime().toISOString() : undefined,
    signatureValue: hex(si.signature.buffer),
    timestampToken: tst ? hex(tst) : undefined,
  };
}

const hex = (b: ArrayBuffer | Uint8Array): string =>
  Buffer.from(b instanceof Uint8Array ? b : new Uint8Array(b)).toString('hex');

function ours(p: ParsedCms) {
  return {
    eContentType: p.eContentType,
    eContent: p.eContent ? hex(p.eContent) : undefined,
    certificates: p.certificates.map(hex),
    signerCertificate: p.signerCertificate ? hex(p.signerCertificate) : undefined,
    signatureAlgorithm: p.signatureAlgorithm.algorithm,
    signatureParameters: p.signatureAlgorithm.parameters ? hex(p.signatureAlgorithm.parameters) : undefined,
    digestOid: p.digestOid,
    messageDigest: p.messageDigest ? hex(p.messageDigest) : undefined,
    contentType: p.contentType,
    signingTime: p.signingTime?.toISOString(),
    signatureValue: hex(p.signatureValue),
    timestampToken: p.timestampToken ? hex(p.timestampToken) : undefined,
  };
}

function openssl(args: string[]): Buffer {
  return execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A CMS openssl writes: detached or not, DER or BER (-stream), by issuer and serial or -keyid. */
function opensslCms(who: IssuedTestCertificate, flags: string[]): Uint8Array {
  const dir = tmp.dir;
  const cert = join(dir, `${who.serialHex}.crt`);
  const key = join(dir, `${who.serialHex}.key`);
  writeFileSync(cert, who.certPem);
  writeFileSync(key, who.keyPem);
  const data = join(dir, 'data.bin');
  writeFileSync(data, 'nội dung văn bản');
  const out = join(dir, 'out.p7s');
  openssl([
    'cms',
    '-sign',
    '-binary',
    '-in',
    data,
    '-signer',
    cert,
    '-inkey',
    key,
    '-outform',
    'DER',
    '-out',
    out,
    ...flags,
  ]);
  return readFileSync(out);
}

describe('parseCms against the schema parser', () => {
  const cases: [string, () => Promise<Uint8Array>][] = [
    [
      'PAdES, RSA PKCS#1 v1.5, with the chain',
      () =>
        buildSignedData({
          signer: rsa.signer,
          contentDigest: new Uint8Array(32).fill(7),
          subFilter: 'ETSI.CAdES.detached',
        }),
    ],
    [
      'PAdES, RSA-PSS',
      () =>
        buildSignedData({
          signer: pss,
          contentDigest: new Uint8Array(32).fill(1),
          subFilter: 'ETSI.CAdES.detached',
          scheme: 'pss',
        }),
    ],
    [
      'PAdES, ECDSA SHA-384',
      () =>
        buildSignedData({
          signer: ec.signer,
          contentDigest: new Uint8Array(48).fill(2),
          subFilter: 'ETSI.CAdES.detached',
          hash: 'SHA-384',
        }),
    ],
    [
      'adbe.pkcs7.detached with signing-time and a timestamp token',
      async () => {
        const token = await buildSignedData({
          signer: ec.signer,
          contentDigest: new Uint8Array(32),
          subFilter: 'ETSI.CAdES.detached',
        });
        return buildSignedData({
          signer: rsa.signer,
          contentDigest: new Uint8Array(32).fill(3),
          subFilter: 'adbe.pkcs7.detached',
          signingTime: new Date('2026-12-08T01:02:03Z'),
          timestamp: async () => token,
        });
      },
    ],
    ['openssl, detached, DER', async () => opensslCms(rsa, [])],
    ['openssl, attached content, DER', async () => opensslCms(rsa, ['-nodetach'])],
    [
      'openssl, attached content, BER with indefinite lengths',
      async () => opensslCms(rsa, ['-nodetach', '-stream']),
    ],
    ['openssl, signer named by subjectKeyIdentifier', async () => opensslCms(ec, ['-keyid'])],
    ['openssl, no signed attributes', async () => opensslCms(rsa, ['-noattr'])],
  ];
  it.each(cases)('%s', async (_name, make) => {
    const der = await make();
    const mine = ours(parseCms(der));
    expect(mine).toEqual(oracle(der));
    expect(mine.signerCertificate).toBeDefined();
  });

  it('the signed attributes of a BER CMS are checked as DER: indefinite lengths made definite', () => {
    const der = opensslCms(rsa, ['-nodetach', '-stream']);
    const parsed = parseCms(der);
    expect(parsed.signedAttrsDer?.[0]).toBe(0x31);
    // Definite all the way down: the schema parser re-encodes it to the same bytes.
    const ci = AsnConvert.parse(der, ContentInfo);
    const si = AsnConvert.parse(ci.content, SignedData).signerInfos[0]!;
    const reencoded = Buffer.concat(si.signedAttrs!.map((a) => Buffer.from(AsnConvert.serialize(a))));
    expect(Buffer.from(parsed.signedAttrsDer!).subarray(-reencoded.length).equals(reencoded)).toBe(true);
  });
});

// ---- Hand-built CMS, one rule broken at a time ----

interface Parts {
  contentTypeOid?: string;
  version?: Uint8Array;
  digestAlgorithms?: Uint8Array;
  encap?: Uint8Array;
  certificates?: Uint8Array | null;
  crls?: Uint8Array;
  signerInfos?: Uint8Array[];
  signerInfo?: Partial<SignerInfoParts>;
  trailing?: Uint8Array;
  extra?: Uint8Array;
}
interface SignerInfoParts {
  version: Uint8Array;
  sid: Uint8Array;
  digest: Uint8Array;
  signedAttrs: Uint8Array[] | null;
  signatureAlgorithm: Uint8Array;
  signature: Uint8Array;
  unsigned: Uint8Array[] | null;
  extra: Uint8Array | null;
}

const attribute = (type: string, ...values: Uint8Array[]) => sequence(oid(type), tlv(0x31, ...values));

function defaultAttrs(): Uint8Array[] {
  return [
    attribute(ID.contentType, oid(ID.data)),
    attribute(ID.messageDigest, octetString(new Uint8Array(32))),
  ];
}

function signerInfo(p: Partial<SignerInfoParts> = {}): Uint8Array {
  const cert = readX509(rsa.signer.certificate);
  const attrs = p.signedAttrs === undefined ? defaultAttrs() : p.signedAttrs;
  return sequence(
    p.version ?? smallIntegerDer(1),
    p.sid ?? sequence(cert.issuerDer, integerContent(cert.serial)),
    p.digest ?? sequence(oid(ID.sha256)),
    ...(attrs ? [tlv(0xa0, ...attrs)] : []),
    p.signatureAlgorithm ?? sequence(oid(ID.rsa), NULL_DER),
    p.signature ?? octetString(new Uint8Array(256).fill(9)),
    ...(p.unsigned ? [tlv(0xa1, ...p.unsigned)] : []),
    ...(p.extra ? [p.extra] : []),
  );
}

function cms(p: Parts = {}): Uint8Array {
  const certs =
    p.certificates === null ? [] : [p.certificates ?? tlv(0xa0, rsa.signer.certificate, ...rsa.signer.chain)];
  const sd = sequence(
    p.version ?? smallIntegerDer(1),
    p.digestAlgorithms ?? setOf([sequence(oid(ID.sha256))]),
    p.encap ?? sequence(oid(ID.data)),
    ...certs,
    ...(p.crls ? [p.crls] : []),
    tlv(0x31, ...(p.signerInfos ?? [signerInfo(p.signerInfo)])),
    ...(p.extra ? [p.extra] : []),
  );
  const ci = sequence(oid(p.contentTypeOid ?? ID.signedData), explicit(0, sd));
  return p.trailing ? Buffer.concat([ci, p.trailing]) : ci;
}

const refused = (der: Uint8Array, message: RegExp) => {
  expect(() => parseCms(der)).toThrow(CmsFormatError);
  expect(() => parseCms(der)).toThrow(message);
};

describe('parseCms rules', () => {
  it('the hand-built CMS itself parses, as the schema parser reads it', () => {
    const der = cms();
    expect(ours(parseCms(der))).toEqual(oracle(der));
    expect(parseCms(der).signerCertificate).toEqual(rsa.signer.certificate);
  });

  it('leaves its input unchanged, a Buffer too (a view of it is never written to)', async () => {
    for (const der of [cms(), opensslCms(rsa, ['-nodetach', '-stream'])]) {
      const input = Buffer.concat([Buffer.alloc(7), der]).subarray(7);
      const before = Buffer.from(input);
      const parsed = parseCms(input);
      expect(input.equals(before)).toBe(true);
      expect(parsed.signedAttrsDer?.[0]).toBe(0x31);
    }
  });

  it('zero bytes after the DER are padding; anything else is reported', () => {
    expect(parseCms(cms({ trailing: new Uint8Array(100) })).trailingBytes).toBe(false);
    expect(parseCms(cms({ trailing: Uint8Array.of(0, 1) })).trailingBytes).toBe(true);
  });

  it('refuses what is not a ContentInfo of SignedData', () => {
    refused(Uint8Array.of(0x30, 0x05, 1), /not DER/);
    refused(sequence(oid(ID.signedData)), /ContentInfo/);
    refused(sequence(oid(ID.signedData), explicit(0, sequence()), NULL_DER), /ContentInfo/);
    refused(cms({ contentTypeOid: ID.data }), /not SignedData/);
    refused(sequence(oid(ID.signedData), explicit(0, setOf([]))), /one SEQUENCE/);
    refused(sequence(oid(ID.signedData), explicit(0, sequence(), sequence())), /one SEQUENCE/);
  });

  it('refuses a SignedData with fields missing, out of order or extra', () => {
    refused(cms({ version: octetString(Uint8Array.of(1)) }), /version/);
    refused(cms({ digestAlgorithms: sequence(sequence(oid(ID.sha256))) }), /digestAlgorithms/);
    refused(cms({ digestAlgorithms: setOf([octetString(Uint8Array.of(1))]) }), /AlgorithmIdentifier/);
    refused(cms({ encap: setOf([]) }), /encapContentInfo/);
    refused(cms({ extra: NULL_DER }), /signerInfos/);
    refused(cms({ crls: tlv(0xa2) }), /signerInfos/);
    refused(cms({ encap: sequence(oid(ID.data), NULL_DER) }), /EncapsulatedContentInfo/);
    refused(
      cms({ encap: sequence(oid(ID.data), explicit(0, octetString(Uint8Array.of(1))), NULL_DER) }),
      /EncapsulatedContentInfo/,
    );
    refused(cms({ encap: sequence(oid(ID.data), explicit(0)) }), /eContent/);
    refused(cms({ encap: sequence(oid(ID.data), explicit(0, NULL_DER)) }), /OCTET STRING/);
    refused(cms({ encap: sequence(NULL_DER) }), /EncapsulatedContentInfo/);
  });

  it('reads eContent primitive or constructed from pieces, and skips CRLs and other certificate forms', () => {
    const piece = (s: string) => octetString(Buffer.from(s));
    const whole = parseCms(
      cms({ encap: sequence(oid(ID.data), explicit(0, octetString(Buffer.from('abcdef')))) }),
    );
    expect(Buffer.from(whole.eContent!).toString()).toBe('abcdef');
    const pieces = parseCms(
      cms({
        encap: sequence(
          oid(ID.data),
          explicit(0, tlv(0x24, piece('abc'), tlv(0x24, piece('de')), piece('f'))),
        ),
      }),
    );
    expect(Buffer.from(pieces.eContent!).toString()).toBe('abcdef');
    const withOthers = parseCms(
      cms({
        certificates: tlv(0xa0, tlv(0xa1, NULL_DER), rsa.signer.certificate),
        crls: tlv(0xa1, sequence()),
      }),
    );
    expect(withOthers.certificates).toEqual([rsa.signer.certificate]);
  });

  it('refuses a malformed certificate among the certificates', () => {
    refused(cms({ certificates: tlv(0xa0, sequence(smallIntegerDer(1))) }), /CMS does not parse/);
  });

  it('refuses no SignerInfo or more than one', () => {
    refused(cms({ signerInfos: [] }), /0 SignerInfos/);
    refused(cms({ signerInfos: [signerInfo(), signerInfo()] }), /2 SignerInfos/);
  });

  it('refuses a SignerInfo with fields missing, out of order or extra', () => {
    refused(cms({ signerInfos: [setOf([])] }), /SignerInfo is not a SEQUENCE/);
    refused(cms({ signerInfo: { version: NULL_DER } }), /SignerInfo: no version/);
    refused(cms({ signerInfo: { sid: octetString(Uint8Array.of(1)) } }), /sid/);
    refused(cms({ signerInfo: { signature: NULL_DER } }), /signature/);
    refused(cms({ signerInfo: { extra: NULL_DER } }), /signature/);
    refused(cms({ signerInfo: { signatureAlgorithm: NULL_DER } }), /AlgorithmIdentifier/);
    refused(cms({ signerInfo: { digest: NULL_DER } }), /AlgorithmIdentifier/);
    refused(
      cms({ signerInfos: [sequence(smallIntegerDer(1), sequence(), sequence(oid(ID.sha256)))] }),
      /signatureAlgorithm/,
    );
    refused(cms({ signerInfos: [sequence(smallIntegerDer(1), sequence())] }), /digestAlgorithm/);
    refused(cms({ signerInfo: { sid: sequence(smallIntegerDer(1)) } }), /issuerAndSerialNumber/);
  });

  it('names the signer by issuer and serial or by key identifier, and none when neither matches', () => {
    const cert = readX509(rsa.signer.certificate);
    const other = sequence(cert.issuerDer, integerContent(Uint8Array.of(0x7f)));
    expect(parseCms(cms({ signerInfo: { sid: other } })).signerCertificate).toBeUndefined();
    const ski = readX509(ec.signer.certificate).extensions.find((e) => e.oid === '2.5.29.14')!;
    const keyId = ski.value.subarray(2);
    const bySki = cms({
      certificates: tlv(0xa0, rsa.signer.certificate, ec.signer.certificate),
      signerInfo: { sid: tlv(0x80, keyId) },
    });
    expect(parseCms(bySki).signerCertificate).toEqual(ec.signer.certificate);
    expect(
      parseCms(cms({ signerInfo: { sid: tlv(0x80, Uint8Array.of(1, 2)) } })).signerCertificate,
    ).toBeUndefined();
  });

  it('reads the digest algorithm, or a signature algorithm OID there with a warning, and refuses others', () => {
    const named = parseCms(cms({ signerInfo: { digest: sequence(oid('1.2.840.113549.1.1.11')) } }));
    expect(named.digestOid).toBe(ID.sha256);
    expect(named.warnings.join()).toMatch(/signature algorithm OID/);
    refused(cms({ signerInfo: { digest: sequence(oid('1.2.3.4')) } }), /unknown digest algorithm/);
  });

  it('what the signature covers: the signed attributes re-tagged as SET', () => {
    const parsed = parseCms(cms());
    expect(Buffer.from(parsed.signedAttrsDer!).equals(Buffer.from(tlv(0x31, ...defaultAttrs())))).toBe(true);
    expect(parseCms(cms({ signerInfo: { signedAttrs: null } })).signedAttrsDer).toBeUndefined();
  });

  it('refuses signed attributes that are malformed, repeated, without a value, or missing the two required', () => {
    refused(
      cms({ signerInfo: { signedAttrs: [...defaultAttrs(), sequence(oid('1.2.3'))] } }),
      /not \{ OID, SET OF values \}/,
    );
    refused(
      cms({ signerInfo: { signedAttrs: [...defaultAttrs(), sequence(NULL_DER, setOf([]))] } }),
      /not \{ OID/,
    );
    refused(
      cms({ signerInfo: { signedAttrs: [...defaultAttrs(), sequence(oid('1.2.3'), setOf([]), NULL_DER)] } }),
      /not \{ OID/,
    );
    refused(
      cms({ signerInfo: { signedAttrs: [...defaultAttrs(), attribute(ID.contentType, oid(ID.data))] } }),
      /appears twice/,
    );
    refused(
      cms({ signerInfo: { signedAttrs: [attribute(ID.contentType, oid(ID.data))] } }),
      /without message-digest/,
    );
    refused(
      cms({ signerInfo: { signedAttrs: [attribute(ID.messageDigest, octetString(new Uint8Array(32)))] } }),
      /without content-type/,
    );
    refused(
      cms({ signerInfo: { signedAttrs: [attribute(ID.contentType), defaultAttrs()[1]!] } }),
      /needs one value/,
    );
    refused(
      cms({
        signerInfo: {
          signedAttrs: [attribute(ID.contentType, oid(ID.data), oid(ID.data)), defaultAttrs()[1]!],
        },
      }),
      /needs one value/,
    );
    refused(
      cms({ signerInfo: { signedAttrs: [attribute(ID.contentType, NULL_DER), defaultAttrs()[1]!] } }),
      /content-type is not an OID/,
    );
    refused(
      cms({
        signerInfo: {
          signedAttrs: [
            defaultAttrs()[0]!,
            attribute(ID.messageDigest, tlv(0x24, octetString(Uint8Array.of(1)))),
          ],
        },
      }),
      /message-digest is not an OCTET STRING/,
    );
    refused(
      cms({ signerInfo: { signedAttrs: [...defaultAttrs(), attribute(ID.signingTime, NULL_DER)] } }),
      /does not parse/,
    );
  });

  it('a truncated element inside the SignerInfo is a CmsFormatError, not a DER fault', () => {
    refused(cms({ signerInfo: { signedAttrs: [Uint8Array.of(0x30, 0x05)] } }), /CMS does not parse/);
    refused(cms({ signerInfo: { sid: tlv(0x30, Uint8Array.of(0x30, 0x09)) } }), /CMS does not parse/);
    refused(cms({ signerInfo: { unsigned: [Uint8Array.of(0x30, 0x05)] } }), /CMS does not parse/);
  });

  it('an attribute it does not read may have several values: a warning, not a refusal', () => {
    const parsed = parseCms(
      cms({ signerInfo: { signedAttrs: [...defaultAttrs(), attribute('1.2.3.4', NULL_DER, NULL_DER)] } }),
    );
    expect(parsed.warnings).toEqual(['signed attribute 1.2.3.4 (not interpreted) has 2 values']);
  });

  it('reads signing-time, ESS v2 (default and named hash) and ESS v1, v2 first', () => {
    const when = new Date('2026-12-08T04:05:06Z');
    const h = createHash('sha256').update('cert').digest();
    const v2 = sequence(sequence(sequence(octetString(h))));
    const v2Named = sequence(
      sequence(sequence(sequence(oid('2.16.840.1.101.3.4.2.3'), NULL_DER), octetString(h))),
    );
    const v1 = sequence(sequence(sequence(octetString(Uint8Array.of(1, 2, 3)))));
    const one = parseCms(
      cms({
        signerInfo: {
          signedAttrs: [
            ...defaultAttrs(),
            attribute(ID.signingTime, utcTimeDer(when)),
            attribute(ID.essV2, v2),
          ],
        },
      }),
    );
    expect(one.signingTime).toEqual(when);
    expect(one.ess).toEqual([{ version: 2, hashOid: ID.sha256, hash: new Uint8Array(h) }]);
    const named = parseCms(
      cms({ signerInfo: { signedAttrs: [...defaultAttrs(), attribute(ID.essV2, v2Named)] } }),
    );
    expect(named.ess?.[0]?.hashOid).toBe('2.16.840.1.101.3.4.2.3');
    const both = parseCms(
      cms({
        signerInfo: { signedAttrs: [...defaultAttrs(), attribute(ID.essV1, v1), attribute(ID.essV2, v2)] },
      }),
    );
    expect(both.ess?.[0]?.version).toBe(2);
    const onlyV1 = parseCms(
      cms({ signerInfo: { signedAttrs: [...defaultAttrs(), attribute(ID.essV1, v1)] } }),
    );
    expect(onlyV1.ess).toEqual([{ version: 1, hashOid: '1.3.14.3.2.26', hash: Uint8Array.of(1, 2, 3) }]);
    refused(
      cms({ signerInfo: { signedAttrs: [...defaultAttrs(), attribute(ID.essV2, sequence(NULL_DER))] } }),
      /without certs/,
    );
    refused(
      cms({
        signerInfo: {
          signedAttrs: [...defaultAttrs(), attribute(ID.essV2, sequence(sequence(sequence(NULL_DER))))],
        },
      }),
      /without certHash/,
    );
    refused(
      cms({ signerInfo: { signedAttrs: [...defaultAttrs(), attribute(ID.essV1, sequence())] } }),
      /empty SigningCertificate/,
    );
    refused(
      cms({
        signerInfo: {
          signedAttrs: [...defaultAttrs(), attribute(ID.essV1, sequence(sequence(sequence(NULL_DER))))],
        },
      }),
      /without certHash/,
    );
  });

  it('takes the signature timestamp token from the unsigned attributes', () => {
    const token = sequence(oid(ID.signedData));
    const parsed = parseCms(
      cms({ signerInfo: { unsigned: [attribute('1.2.3.4', NULL_DER), attribute(ID.tst, token)] } }),
    );
    expect(parsed.timestampToken).toEqual(token);
    refused(cms({ signerInfo: { unsigned: [sequence(NULL_DER)] } }), /not \{ OID/);
  });
});

describe('parseCms against the PSS parameters', () => {
  it('keeps the signature algorithm parameters as written', () => {
    const params = sequence(explicit(0, sequence(oid(ID.sha256), NULL_DER)));
    const parsed = parseCms(
      cms({ signerInfo: { signatureAlgorithm: sequence(oid('1.2.840.113549.1.1.10'), params) } }),
    );
    expect(
      Buffer.from(new Uint8Array(parsed.signatureAlgorithm.parameters!)).equals(Buffer.from(params)),
    ).toBe(true);
  });
});
