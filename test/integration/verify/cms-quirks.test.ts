import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Attribute,
  ContentInfo,
  DigestAlgorithmIdentifiers,
  SignedData,
  SignerInfos,
  id_messageDigest,
} from '../../../daemon/src/asn1/cms.js';
import { AsnConvert, OctetString } from '../../../daemon/src/asn1/schema.js';
import { AlgorithmIdentifier } from '../../../daemon/src/asn1/x509.js';
import { readTlv } from '../../../daemon/src/cms/der.js';
import { PdfReader } from '../../../daemon/src/pdf/reader/index.js';
import { signPdf } from '../../../daemon/src/pdf/sign-pdf.js';
import type { HashAlgorithm, Signer } from '../../../daemon/src/token/signer.js';
import { type VerifyOptions, verifyPdf } from '../../../daemon/src/verify/index.js';
import { makeVanBan, tempDir } from '../../support/pdf-inputs.js';
import { type TestCa, makeTestCa } from '../../support/pdf-inputs-signer.js';
import { makeNssDb } from '../../support/validators.js';
import { expectPdfsigAgrees } from '../../support/verify-agreement.js';

/**
 * CMS shapes real signers produce that a strict parse used to refuse: a signature algorithm OID in
 * SignerInfo.digestAlgorithm, and an uninterpreted signed attribute with several values.
 */

const tmp = tempDir('vanthu-cms-quirks-');
let ca: TestCa;
let nssDb: string;
let opts: VerifyOptions;
let base: Uint8Array;
let rsa: Signer;
let ec: Signer;

beforeAll(async () => {
  ca = await makeTestCa();
  const rootPath = join(tmp.dir, 'root.pem');
  writeFileSync(rootPath, ca.rootPem);
  nssDb = makeNssDb(tmp.dir, ca.rootPem);
  opts = { trustPaths: [rootPath], online: false };
  base = await makeVanBan();
  rsa = (await ca.issue('Cơ quan RSA')).signer;
  ec = (await ca.issue('Cơ quan EC', { ec: true })).signer;
});
afterAll(() => tmp.cleanup());

const toAb = (u: Uint8Array): ArrayBuffer =>
  u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer;

/** Signs `base` as a copy signature, then rewrites its CMS in place with `edit` (same /Contents slot). */
async function signedWithCms(
  signer: Signer,
  edit: (sd: SignedData) => Promise<void>,
  hash: HashAlgorithm = 'SHA-256',
): Promise<Uint8Array> {
  const pdf = Buffer.from(await signPdf(base, { signer, role: 'copy', hash }));
  const field = PdfReader.fromBuffer(pdf).signatureFields()[0]!;
  const [, start, end] = field.byteRange!;
  const contents = field.contents!;
  const der = contents.subarray(0, readTlv(contents, 0).end);
  const info = AsnConvert.parse(toAb(der), ContentInfo);
  const sd = AsnConvert.parse(info.content, SignedData);
  await edit(sd);
  info.content = AsnConvert.serialize(sd);
  const hex = Buffer.from(AsnConvert.serialize(info)).toString('hex');
  const slot = end! - start! - 2;
  expect(hex.length).toBeLessThanOrEqual(slot);
  pdf.write(hex.padEnd(slot, '0'), start! + 1, 'latin1');
  return pdf;
}

/** Sets SignerInfo.digestAlgorithm (and the SignedData list) to `oid`. */
const digestSlot = (oid: string) => async (sd: SignedData) => {
  const alg = new AlgorithmIdentifier({ algorithm: oid, parameters: new Uint8Array([5, 0]).buffer });
  sd.signerInfos[0]!.digestAlgorithm = alg;
  sd.digestAlgorithms = new DigestAlgorithmIdentifiers([alg]);
};

/** Adds a signed attribute and signs the signed attributes again with `signer`. */
const extraAttribute = (signer: Signer, attr: Attribute) => async (sd: SignedData) => {
  const si = sd.signerInfos[0]!;
  const encoded = [...si.signedAttrs!, attr]
    .map((a) => ({ a, der: Buffer.from(AsnConvert.serialize(a)) }))
    .sort((x, y) => Buffer.compare(x.der, y.der));
  si.signedAttrs = encoded.map((e) => e.a);
  const body = Buffer.concat(encoded.map((e) => e.der));
  const n = body.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  const set = Buffer.concat([Buffer.from([0x31, ...len]), body]);
  si.signature = new OctetString(await signer.sign(set, { hash: 'SHA-256' }));
  sd.signerInfos = new SignerInfos([si]);
};

/** An OCTET STRING value, DER. */
const octets = (bytes: number[]): ArrayBuffer => toAb(Uint8Array.from([4, bytes.length, ...bytes]));

describe('CMS quirks of real signers', () => {
  it.each([
    ['sha256WithRSAEncryption', 'rsa', '1.2.840.113549.1.1.11', 'SHA-256'],
    ['sha512WithRSAEncryption', 'rsa', '1.2.840.113549.1.1.13', 'SHA-512'],
    ['ecdsa-with-SHA256', 'ec', '1.2.840.10045.4.3.2', 'SHA-256'],
  ] as const)(
    'digestAlgorithm given as %s: TOTAL_PASSED with a warning',
    async (_label, key, oid, digest) => {
      const pdf = await signedWithCms(key === 'rsa' ? rsa : ec, digestSlot(oid), digest);
      const report = await verifyPdf(pdf, opts);
      const [s] = report.signatures;
      expect(s?.indication, s?.errors.join('\n')).toBe('TOTAL_PASSED');
      expect(s?.warnings).toContain(
        `the CMS names the digest algorithm by a signature algorithm OID (${oid}); read as ${digest}`,
      );
      // No pdfsig agreement here: poppler 22 takes the digest from this slot only ("Unrecognized Hash
      // ID", "Unknown Validation Failure"); EU DSS, like vanthu, reads the digest the OID names.
    },
  );

  it('the slot decides the digest: sha512WithRSAEncryption over a SHA-256 signature does not pass', async () => {
    const pdf = await signedWithCms(rsa, digestSlot('1.2.840.113549.1.1.13'));
    const [s] = (await verifyPdf(pdf, opts)).signatures;
    expect(s?.integrity).toBe(false);
    expect(s?.indication).not.toBe('TOTAL_PASSED');
  });

  it('an unknown digest algorithm OID is still FORMAT_FAILURE', async () => {
    const pdf = await signedWithCms(rsa, digestSlot('1.2.840.113549.1.1.1'));
    const [s] = (await verifyPdf(pdf, opts)).signatures;
    expect(s?.indication).toBe('TOTAL_FAILED');
    expect(s?.subIndication).toBe('FORMAT_FAILURE');
    expect(s?.errors.join('\n')).toMatch(/unknown digest algorithm 1\.2\.840\.113549\.1\.1\.1/);
  });

  it('an uninterpreted signed attribute with two values: TOTAL_PASSED with a warning', async () => {
    const attr = new Attribute({
      attrType: '1.3.6.1.4.1.99999.1',
      attrValues: [octets([1]), octets([2, 3])],
    });
    const pdf = await signedWithCms(rsa, extraAttribute(rsa, attr));
    const report = await verifyPdf(pdf, opts);
    const [s] = report.signatures;
    expect(s?.indication, s?.errors.join('\n')).toBe('TOTAL_PASSED');
    expect(s?.warnings).toContain('signed attribute 1.3.6.1.4.1.99999.1 (not interpreted) has 2 values');
    expectPdfsigAgrees(tmp.dir, 'two-valued-attribute.pdf', pdf, report, nssDb);
  });

  it('an interpreted attribute (message-digest) with two values is still FORMAT_FAILURE', async () => {
    const pdf = await signedWithCms(rsa, async (sd) => {
      const si = sd.signerInfos[0]!;
      const md = si.signedAttrs!.find((a) => a.attrType === id_messageDigest)!;
      const rest = si.signedAttrs!.filter((a) => a !== md);
      si.signedAttrs = rest;
      await extraAttribute(
        rsa,
        new Attribute({ attrType: id_messageDigest, attrValues: [...md.attrValues, octets([0])] }),
      )(sd);
    });
    const [s] = (await verifyPdf(pdf, opts)).signatures;
    expect(s?.subIndication).toBe('FORMAT_FAILURE');
    expect(s?.errors.join('\n')).toMatch(/needs one value/);
  });
});
