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
import { CmsFormatError, type ParsedCms, essMatches, parseCms } from '../../../daemon/src/cms/parse.js';
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

/** The elements of the default SignedData: version, digestAlgorithms, encap, certificates, signerInfos. */
function signedDataParts(): Uint8Array[] {
  return [
    smallIntegerDer(1),
    setOf([sequence(oid(ID.sha256))]),
    sequence(oid(ID.data)),
    tlv(0xa0, rsa.signer.certificate, ...rsa.signer.chain),
    tlv(0x31, signerInfo()),
  ];
}

/** The default CMS with its signed attributes written BER: [0] with an indefinite length. */
function berSignedAttrs(attrs: Uint8Array[] = defaultAttrs()): Uint8Array {
  const cert = readX509(rsa.signer.certificate);
  const si = sequence(
    smallIntegerDer(1),
    sequence(cert.issuerDer, integerContent(cert.serial)),
    sequence(oid(ID.sha256)),
    Buffer.concat([Uint8Array.of(0xa0, 0x80), ...attrs, Uint8Array.of(0, 0)]),
    sequence(oid(ID.rsa), NULL_DER),
    octetString(new Uint8Array(256).fill(9)),
  );
  return cms({ signerInfos: [si] });
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

/** parseCms refuses `der` with exactly this message (a CmsFormatError, never another error). */
const refused = (der: Uint8Array, message: string) => {
  let thrown: unknown;
  try {
    parseCms(der);
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(CmsFormatError);
  expect((thrown as Error).message).toBe(message);
};
const garbled = (inner: string) => `CMS does not parse: ${inner}`;

describe('parseCms rules', () => {
  it('the hand-built CMS itself parses, as the schema parser reads it', () => {
    const der = cms();
    expect(ours(parseCms(der))).toEqual(oracle(der));
    expect(parseCms(der).signerCertificate).toEqual(rsa.signer.certificate);
    expect(parseCms(der).warnings).toEqual([]);
  });

  it('leaves its input unchanged, a Buffer too (a view of it is never written to)', async () => {
    for (const der of [cms(), opensslCms(rsa, ['-nodetach', '-stream']), berSignedAttrs()]) {
      const input = Buffer.concat([Buffer.alloc(7), der]).subarray(7);
      const before = Buffer.from(input);
      const parsed = parseCms(input);
      expect(input.equals(before)).toBe(true);
      expect(parsed.signedAttrsDer?.[0]).toBe(0x31);
    }
  });

  it('zero bytes after the DER are padding; anything else is reported', () => {
    expect(parseCms(cms()).trailingBytes).toBe(false);
    expect(parseCms(cms({ trailing: new Uint8Array(100) })).trailingBytes).toBe(false);
    expect(parseCms(cms({ trailing: Uint8Array.of(0, 1) })).trailingBytes).toBe(true);
  });

  it('refuses what is not a ContentInfo of SignedData, each with its reason', () => {
    const sd = () => sequence(...signedDataParts());
    refused(Uint8Array.of(0x30, 0x05, 1), '/Contents is not DER: DER content beyond its container');
    refused(tlv(0x31, oid(ID.signedData), explicit(0, sd())), garbled('ContentInfo is not a SEQUENCE'));
    refused(sequence(oid(ID.signedData)), garbled('ContentInfo: not { contentType, [0] content }'));
    refused(
      sequence(oid(ID.signedData), explicit(0, sd()), NULL_DER),
      garbled('ContentInfo: not { contentType, [0] content }'),
    );
    refused(sequence(NULL_DER, explicit(0, sd())), garbled('ContentInfo: not { contentType, [0] content }'));
    refused(
      sequence(oid(ID.signedData), explicit(1, sd())),
      garbled('ContentInfo: not { contentType, [0] content }'),
    );
    refused(cms({ contentTypeOid: ID.data }), 'ContentInfo is not SignedData');
    refused(sequence(oid(ID.signedData), explicit(0)), garbled('ContentInfo: [0] must hold one SignedData'));
    refused(
      sequence(oid(ID.signedData), explicit(0, sd(), sd())),
      garbled('ContentInfo: [0] must hold one SignedData'),
    );
    refused(sequence(oid(ID.signedData), explicit(0, setOf([]))), garbled('SignedData is not a SEQUENCE'));
  });

  it('refuses a SignedData with fields missing, out of order or extra, each with its reason', () => {
    const [version, algs, encap, certs, infos] = signedDataParts();
    const raw = (...parts: Uint8Array[]) => sequence(oid(ID.signedData), explicit(0, sequence(...parts)));
    refused(raw(version!, algs!, encap!), garbled('SignedData: fields missing'));
    refused(raw(NULL_DER, algs!, encap!, infos!), garbled('SignedData: no version'));
    refused(
      raw(version!, sequence(sequence(oid(ID.sha256))), encap!, infos!),
      garbled('SignedData: no digestAlgorithms SET'),
    );
    refused(
      raw(version!, setOf([octetString(Uint8Array.of(1))]), encap!, infos!),
      garbled('AlgorithmIdentifier is not a SEQUENCE'),
    );
    refused(raw(version!, algs!, setOf([]), infos!), garbled('EncapsulatedContentInfo is not a SEQUENCE'));
    refused(
      raw(version!, algs!, encap!, certs!),
      garbled('SignedData: signerInfos SET missing or misplaced'),
    );
    refused(
      raw(version!, algs!, encap!, certs!, tlv(0xa1)),
      garbled('SignedData: signerInfos SET missing or misplaced'),
    );
    refused(
      raw(version!, algs!, encap!, infos!, certs!),
      garbled('SignedData: signerInfos SET missing or misplaced'),
    );
    refused(
      raw(version!, algs!, encap!, certs!, infos!, NULL_DER),
      garbled('SignedData: signerInfos SET missing or misplaced'),
    );
    refused(
      raw(version!, algs!, encap!, tlv(0xa2), infos!),
      garbled('SignedData: signerInfos SET missing or misplaced'),
    );
    refused(
      raw(version!, algs!, encap!, NULL_DER),
      garbled('SignedData: signerInfos SET missing or misplaced'),
    );
    expect(parseCms(raw(version!, algs!, encap!, infos!)).certificates).toEqual([]);
    expect(parseCms(raw(version!, algs!, encap!, tlv(0xa1), infos!)).certificates).toEqual([]);
    const encapOf = (...parts: Uint8Array[]) => cms({ encap: sequence(...parts) });
    const bad = garbled('EncapsulatedContentInfo: not { eContentType, [0] eContent OPTIONAL }');
    refused(encapOf(), bad);
    refused(encapOf(NULL_DER), bad);
    refused(encapOf(oid(ID.data), NULL_DER), bad);
    refused(encapOf(oid(ID.data), explicit(0, octetString(Uint8Array.of(1))), NULL_DER), bad);
    refused(encapOf(oid(ID.data), explicit(0)), garbled('eContent: [0] must hold one OCTET STRING'));
    refused(
      encapOf(oid(ID.data), explicit(0, octetString(Uint8Array.of(1)), octetString(Uint8Array.of(2)))),
      garbled('eContent: [0] must hold one OCTET STRING'),
    );
    refused(encapOf(oid(ID.data), explicit(0, NULL_DER)), garbled('not an OCTET STRING'));
  });

  it('reads eContent primitive or constructed from pieces (nesting bounded), and skips other certificate forms', () => {
    const piece = (s: string) => octetString(Buffer.from(s));
    const eOf = (value: Uint8Array) =>
      parseCms(cms({ encap: sequence(oid(ID.data), explicit(0, value)) })).eContent;
    expect(Buffer.from(eOf(octetString(Buffer.from('abcdef')))!).toString()).toBe('abcdef');
    expect(Buffer.from(eOf(tlv(0x24, piece('abc'), tlv(0x24, piece('de')), piece('f')))!).toString()).toBe(
      'abcdef',
    );
    let nested = piece('x');
    for (let i = 0; i < 9; i++) nested = tlv(0x24, nested);
    expect(Buffer.from(eOf(nested)!).toString()).toBe('x');
    refused(
      cms({ encap: sequence(oid(ID.data), explicit(0, tlv(0x24, nested))) }),
      garbled('not an OCTET STRING'),
    );
    const withOthers = parseCms(
      cms({
        certificates: tlv(0xa0, tlv(0xa1, NULL_DER), rsa.signer.certificate),
        crls: tlv(0xa1, sequence()),
      }),
    );
    expect(withOthers.certificates).toEqual([rsa.signer.certificate]);
  });

  it('refuses a malformed certificate among the certificates', () => {
    expect(() => parseCms(cms({ certificates: tlv(0xa0, sequence(smallIntegerDer(1))) }))).toThrow(
      /^CMS does not parse: /,
    );
  });

  it('refuses no SignerInfo or more than one', () => {
    refused(cms({ signerInfos: [] }), '0 SignerInfos, expected 1');
    refused(cms({ signerInfos: [signerInfo(), signerInfo()] }), '2 SignerInfos, expected 1');
  });

  it('refuses a SignerInfo with fields missing, out of order or extra, each with its reason', () => {
    const cert = readX509(rsa.signer.certificate);
    const sid = sequence(cert.issuerDer, integerContent(cert.serial));
    const digest = sequence(oid(ID.sha256));
    const sigAlg = sequence(oid(ID.rsa), NULL_DER);
    const value = octetString(Uint8Array.of(1));
    const attrs = tlv(0xa0, ...defaultAttrs());
    const one = (...parts: Uint8Array[]) => cms({ signerInfos: [sequence(...parts)] });
    const misplaced = garbled('SignerInfo: signatureAlgorithm and signature missing or misplaced');
    refused(cms({ signerInfos: [setOf([])] }), garbled('SignerInfo is not a SEQUENCE'));
    refused(one(smallIntegerDer(1), sid, digest, sigAlg), garbled('SignerInfo: fields missing'));
    refused(one(NULL_DER, sid, digest, sigAlg, value), garbled('SignerInfo: no version'));
    refused(
      one(smallIntegerDer(1), value, digest, sigAlg, value),
      garbled('SignerInfo: sid is neither form'),
    );
    refused(one(smallIntegerDer(1), sid, digest, attrs, sigAlg), misplaced);
    refused(one(smallIntegerDer(1), sid, digest, sigAlg, NULL_DER), misplaced);
    refused(one(smallIntegerDer(1), sid, digest, sigAlg, value, NULL_DER), misplaced);
    refused(one(smallIntegerDer(1), sid, digest, sigAlg, value, tlv(0xa1), NULL_DER), misplaced);
    refused(
      one(smallIntegerDer(1), sid, NULL_DER, sigAlg, value),
      garbled('AlgorithmIdentifier is not a SEQUENCE'),
    );
    refused(
      one(smallIntegerDer(1), sid, digest, NULL_DER, value),
      garbled('AlgorithmIdentifier is not a SEQUENCE'),
    );
    expect(parseCms(one(smallIntegerDer(1), sid, digest, sigAlg, value)).signedAttrsDer).toBeUndefined();
    expect(
      parseCms(one(smallIntegerDer(1), tlv(0x80, Uint8Array.of(1)), digest, sigAlg, value)).signerCertificate,
    ).toBeUndefined();
    const bad = 'issuerAndSerialNumber: not { issuer Name, serialNumber INTEGER }';
    refused(cms({ signerInfo: { sid: sequence(cert.issuerDer) } }), bad);
    refused(cms({ signerInfo: { sid: sequence(NULL_DER, integerContent(cert.serial)) } }), bad);
    refused(cms({ signerInfo: { sid: sequence(cert.issuerDer, NULL_DER) } }), bad);
    refused(
      cms({ signerInfo: { sid: sequence(cert.issuerDer, integerContent(cert.serial), NULL_DER) } }),
      bad,
    );
  });

  it('names the signer by issuer and serial or by key identifier, and none when neither matches', () => {
    const cert = readX509(rsa.signer.certificate);
    expect(
      parseCms(cms({ signerInfo: { sid: sequence(cert.issuerDer, integerContent(Uint8Array.of(0x7f))) } }))
        .signerCertificate,
    ).toBeUndefined();
    const otherIssuer = readX509(rsa.signer.chain[0]!).issuerDer;
    expect(
      parseCms(cms({ signerInfo: { sid: sequence(otherIssuer, integerContent(cert.serial)) } }))
        .signerCertificate,
    ).toBeUndefined();
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
    // An issuer Name written with an indefinite length is compared by its DER.
    const berIssuer = Buffer.concat([
      Uint8Array.of(0x30, 0x80),
      cert.issuerDer.subarray(2),
      Uint8Array.of(0, 0),
    ]);
    expect(cert.issuerDer[1]! < 0x80).toBe(true);
    expect(
      parseCms(cms({ signerInfo: { sid: sequence(berIssuer, integerContent(cert.serial)) } }))
        .signerCertificate,
    ).toEqual(rsa.signer.certificate);
  });

  it('reads the digest algorithm, or a signature algorithm OID there with a warning, and refuses others', () => {
    const named = parseCms(cms({ signerInfo: { digest: sequence(oid('1.2.840.113549.1.1.12')) } }));
    expect(named.digestOid).toBe('2.16.840.1.101.3.4.2.2');
    expect(named.warnings).toEqual([
      'the CMS names the digest algorithm by a signature algorithm OID (1.2.840.113549.1.1.12); read as SHA-384',
    ]);
    refused(cms({ signerInfo: { digest: sequence(oid('1.2.3.4')) } }), 'unknown digest algorithm 1.2.3.4');
  });

  it('what the signature covers: the signed attributes re-tagged as SET, definite even when written BER', () => {
    expect(
      Buffer.from(parseCms(cms()).signedAttrsDer!).equals(Buffer.from(tlv(0x31, ...defaultAttrs()))),
    ).toBe(true);
    const long = [...defaultAttrs(), attribute('1.2.3.4', octetString(new Uint8Array(200)))];
    expect(
      Buffer.from(parseCms(berSignedAttrs(long)).signedAttrsDer!).equals(Buffer.from(tlv(0x31, ...long))),
    ).toBe(true);
    expect(parseCms(cms({ signerInfo: { signedAttrs: null } })).signedAttrsDer).toBeUndefined();
  });

  it('refuses signed attributes that are malformed, repeated, without a value, or missing the two required', () => {
    const [ct, md] = defaultAttrs() as [Uint8Array, Uint8Array];
    const attrs = (...a: Uint8Array[]) => cms({ signerInfo: { signedAttrs: a } });
    const shape = 'an attribute is not { OID, SET OF values }';
    refused(attrs(ct, md, sequence(oid('1.2.3'))), shape);
    refused(attrs(ct, md, sequence(NULL_DER, setOf([]))), shape);
    refused(attrs(ct, md, sequence(oid('1.2.3'), sequence())), shape);
    refused(attrs(ct, md, sequence(oid('1.2.3'), setOf([]), NULL_DER)), shape);
    refused(attrs(ct, md, setOf([oid('1.2.3')])), garbled('Attribute is not a SEQUENCE'));
    refused(attrs(ct, md, ct), 'signed attribute 1.2.840.113549.1.9.3 appears twice');
    refused(attrs(ct), 'signed attributes without message-digest');
    refused(attrs(md), 'signed attributes without content-type');
    refused(attrs(attribute(ID.contentType), md), 'attribute 1.2.840.113549.1.9.3 needs one value');
    refused(
      attrs(attribute(ID.contentType, oid(ID.data), oid(ID.data)), md),
      'attribute 1.2.840.113549.1.9.3 needs one value',
    );
    refused(attrs(attribute(ID.contentType, NULL_DER), md), 'content-type is not an OID');
    refused(
      attrs(ct, attribute(ID.messageDigest, tlv(0x24, octetString(Uint8Array.of(1))))),
      'message-digest is not an OCTET STRING',
    );
    refused(
      attrs(ct, md, attribute(ID.signingTime, NULL_DER)),
      'attribute 1.2.840.113549.1.9.5 does not parse: a validity time is neither UTCTime nor GeneralizedTime',
    );
  });

  it('a truncated element inside the SignerInfo is a CmsFormatError, not a DER fault', () => {
    refused(
      cms({ signerInfo: { signedAttrs: [Uint8Array.of(0x30, 0x05)] } }),
      garbled('DER content beyond its container'),
    );
    refused(
      cms({ signerInfo: { sid: tlv(0x30, Uint8Array.of(0x30, 0x09)) } }),
      garbled('DER content beyond its container'),
    );
    refused(
      cms({ signerInfo: { unsigned: [Uint8Array.of(0x30, 0x05)] } }),
      garbled('DER content beyond its container'),
    );
  });

  it('an attribute it does not read may have several values: a warning, not a refusal; one value, no warning', () => {
    const [ct, md] = defaultAttrs() as [Uint8Array, Uint8Array];
    const two = parseCms(
      cms({ signerInfo: { signedAttrs: [ct, md, attribute('1.2.3.4', NULL_DER, NULL_DER)] } }),
    );
    expect(two.warnings).toEqual(['signed attribute 1.2.3.4 (not interpreted) has 2 values']);
    expect(
      parseCms(cms({ signerInfo: { signedAttrs: [ct, md, attribute('1.2.3.4', NULL_DER)] } })).warnings,
    ).toEqual([]);
    expect(parseCms(cms({ signerInfo: { signedAttrs: [ct, md, attribute('1.2.3.4')] } })).warnings).toEqual([
      'signed attribute 1.2.3.4 (not interpreted) has 0 values',
    ]);
  });

  it('reads signing-time, ESS v2 (default and named hash) and ESS v1, v2 taking precedence in either order', () => {
    const [ct, md] = defaultAttrs() as [Uint8Array, Uint8Array];
    const when = new Date('2026-12-08T04:05:06Z');
    const h = createHash('sha256').update('cert').digest();
    const v2 = attribute(ID.essV2, sequence(sequence(sequence(octetString(h)))));
    const v2Named = attribute(
      ID.essV2,
      sequence(sequence(sequence(sequence(oid('2.16.840.1.101.3.4.2.3'), NULL_DER), octetString(h)))),
    );
    const v1 = attribute(ID.essV1, sequence(sequence(sequence(octetString(Uint8Array.of(1, 2, 3))))));
    const read = (...a: Uint8Array[]) => parseCms(cms({ signerInfo: { signedAttrs: [ct, md, ...a] } }));
    const one = read(attribute(ID.signingTime, utcTimeDer(when)), v2);
    expect(one.signingTime).toEqual(when);
    expect(one.ess).toEqual([{ version: 2, hashOid: ID.sha256, hash: new Uint8Array(h) }]);
    expect(read(v2Named).ess?.[0]?.hashOid).toBe('2.16.840.1.101.3.4.2.3');
    expect(read(v1, v2).ess?.[0]?.version).toBe(2);
    expect(read(v2, v1).ess?.[0]?.version).toBe(2);
    expect(read(v1).ess).toEqual([{ version: 1, hashOid: '1.3.14.3.2.26', hash: Uint8Array.of(1, 2, 3) }]);
    expect(read().ess).toBeUndefined();
    const essV2 = (v: Uint8Array) => cms({ signerInfo: { signedAttrs: [ct, md, attribute(ID.essV2, v)] } });
    const essV1 = (v: Uint8Array) => cms({ signerInfo: { signedAttrs: [ct, md, attribute(ID.essV1, v)] } });
    const p2 = (m: string) => `attribute 1.2.840.113549.1.9.16.2.47 does not parse: ${m}`;
    const p1 = (m: string) => `attribute 1.2.840.113549.1.9.16.2.12 does not parse: ${m}`;
    refused(essV2(setOf([sequence()])), p2('SigningCertificateV2 is not a SEQUENCE'));
    refused(essV2(sequence()), 'SigningCertificateV2 without certs');
    refused(essV2(sequence(NULL_DER)), 'SigningCertificateV2 without certs');
    refused(essV2(sequence(sequence(setOf([])))), p2('ESSCertIDv2 is not a SEQUENCE'));
    refused(essV2(sequence(sequence(sequence(NULL_DER)))), 'ESSCertIDv2 without certHash');
    refused(essV2(sequence(sequence(sequence()))), 'ESSCertIDv2 without certHash');
    refused(essV2(sequence(sequence(sequence(sequence(oid(ID.sha256)))))), 'ESSCertIDv2 without certHash');
    refused(essV1(setOf([sequence()])), p1('SigningCertificate is not a SEQUENCE'));
    refused(essV1(sequence()), 'SigningCertificate without certs');
    refused(essV1(sequence(NULL_DER)), 'SigningCertificate without certs');
    refused(essV1(sequence(sequence(setOf([])))), p1('ESSCertID is not a SEQUENCE'));
    refused(essV1(sequence(sequence(sequence(NULL_DER)))), 'ESSCertID without certHash');
    refused(essV1(sequence(sequence(sequence()))), 'ESSCertID without certHash');
  });

  it('takes the signature timestamp token from the unsigned attributes, wherever it is', () => {
    const token = sequence(oid(ID.signedData));
    const other = attribute('1.2.3.4', NULL_DER);
    const tokenOf = (...u: Uint8Array[]) => parseCms(cms({ signerInfo: { unsigned: u } })).timestampToken;
    expect(tokenOf(other, attribute(ID.tst, token))).toEqual(token);
    expect(tokenOf(attribute(ID.tst, token), other)).toEqual(token);
    expect(tokenOf(attribute(ID.tst))).toBeUndefined();
    expect(tokenOf(other)).toBeUndefined();
    refused(
      cms({ signerInfo: { unsigned: [sequence(NULL_DER)] } }),
      'an attribute is not { OID, SET OF values }',
    );
  });
});

describe('essMatches', () => {
  it('names a certificate by the hash of its DER, in any algorithm it knows', () => {
    const cert = rsa.signer.certificate;
    const sha = (alg: string) => new Uint8Array(createHash(alg).update(cert).digest());
    const ref = (hashOid: string, hash: Uint8Array) => ({ version: 2 as const, hashOid, hash });
    expect(essMatches([ref(ID.sha256, sha('sha256'))], cert)).toBe(true);
    expect(essMatches([ref('1.3.14.3.2.26', sha('sha1'))], cert)).toBe(true);
    expect(essMatches([ref(ID.sha256, sha('sha512'))], cert)).toBe(false);
    expect(essMatches([ref('1.2.3.4', sha('sha256'))], cert)).toBe(false);
    expect(essMatches([ref(ID.sha256, new Uint8Array(32)), ref(ID.sha256, sha('sha256'))], cert)).toBe(true);
    expect(essMatches([], cert)).toBe(false);
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
