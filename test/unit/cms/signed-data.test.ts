import { createHash, createPublicKey, verify as cryptoVerify, constants } from 'node:crypto';
import {
  ContentInfo,
  SignedData,
  id_contentType,
  id_messageDigest,
  id_signingTime,
} from '@peculiar/asn1-cms';
import { RsaSaPssParams } from '@peculiar/asn1-rsa';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { Certificate } from '@peculiar/asn1-x509';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSignedData, estimateCmsSize } from '../../../daemon/src/cms/index.js';
import { SigningCertificateV2, id_aa_signingCertificateV2 } from '../../support/ess-schema.js';
import { type TestCa, makeTestCa } from '../../support/pdf-inputs-signer.js';

let ca: TestCa;
beforeAll(async () => {
  ca = await makeTestCa();
});

function parse(der: Uint8Array) {
  const ci = AsnConvert.parse(der, ContentInfo);
  return AsnConvert.parse(ci.content, SignedData);
}

/** The DER SET OF the signed attributes, as signed (tag 0x31 instead of [0]). */
function signedAttrsDer(sd: SignedData): Buffer {
  const si = sd.signerInfos[0]!;
  const items = si.signedAttrs!.map((a) => Buffer.from(AsnConvert.serialize(a)));
  const body = Buffer.concat(items);
  const len =
    body.length < 0x80
      ? Buffer.from([body.length])
      : body.length < 0x100
        ? Buffer.from([0x81, body.length])
        : Buffer.from([0x82, body.length >> 8, body.length & 0xff]);
  return Buffer.concat([Buffer.from([0x31]), len, body]);
}

describe('buildSignedData', () => {
  it('PAdES: content-type, message-digest, signing-certificate-v2, no signing-time, verifiable', async () => {
    const { signer } = await ca.issue('Người ký');
    const digest = createHash('sha256').update('byte ranges').digest();
    const der = await buildSignedData({ signer, contentDigest: digest, subFilter: 'ETSI.CAdES.detached' });
    expect(der.length).toBeLessThanOrEqual(estimateCmsSize(signer, false));
    const sd = parse(der);
    expect(sd.encapContentInfo.eContent).toBeUndefined();
    const si = sd.signerInfos[0]!;
    const types = si.signedAttrs!.map((a) => a.attrType);
    expect(types.sort()).toEqual([id_contentType, id_messageDigest, id_aa_signingCertificateV2].sort());
    expect(types).not.toContain(id_signingTime);
    const md = si.signedAttrs!.find((a) => a.attrType === id_messageDigest)!;
    expect(Buffer.from(AsnConvert.parse(md.attrValues[0]!, OctetString).buffer).equals(digest)).toBe(true);
    const ess = si.signedAttrs!.find((a) => a.attrType === id_aa_signingCertificateV2)!;
    const v2 = AsnConvert.parse(ess.attrValues[0]!, SigningCertificateV2);
    expect(v2.certs[0]!.hashAlgorithm).toBeUndefined();
    const certHash = createHash('sha256').update(signer.certificate).digest();
    expect(Buffer.from(v2.certs[0]!.certHash.buffer).equals(certHash)).toBe(true);
    // DER SET OF order and the signature over it.
    const set = signedAttrsDer(sd);
    const cert = AsnConvert.parse(signer.certificate, Certificate);
    const spki = Buffer.from(AsnConvert.serialize(cert.tbsCertificate.subjectPublicKeyInfo));
    const pub = createPublicKey({ key: spki, format: 'der', type: 'spki' });
    expect(cryptoVerify('sha256', set, pub, Buffer.from(si.signature.buffer))).toBe(true);
    expect(si.signatureAlgorithm.algorithm).toBe('1.2.840.113549.1.1.1');
  });

  it('adbe.pkcs7.detached may carry signing-time', async () => {
    const { signer } = await ca.issue('Người ký');
    const der = await buildSignedData({
      signer,
      contentDigest: new Uint8Array(32),
      subFilter: 'adbe.pkcs7.detached',
      signingTime: new Date('2026-11-24T03:05:09Z'),
    });
    expect(parse(der).signerInfos[0]!.signedAttrs!.map((a) => a.attrType)).toContain(id_signingTime);
  });

  it('RSASSA-PSS carries explicit parameters (SHA-256, MGF1-SHA-256, salt 32)', async () => {
    const { signer } = await ca.issue('PSS');
    const der = await buildSignedData({
      signer,
      contentDigest: new Uint8Array(32),
      subFilter: 'ETSI.CAdES.detached',
      scheme: 'pss',
    });
    const si = parse(der).signerInfos[0]!;
    expect(si.signatureAlgorithm.algorithm).toBe('1.2.840.113549.1.1.10');
    const params = AsnConvert.parse(si.signatureAlgorithm.parameters!, RsaSaPssParams);
    expect(params.hashAlgorithm.algorithm).toBe('2.16.840.1.101.3.4.2.1');
    expect(params.maskGenAlgorithm.algorithm).toBe('1.2.840.113549.1.1.8');
    expect(params.saltLength).toBe(32);
    const cert = AsnConvert.parse(signer.certificate, Certificate);
    const pub = createPublicKey({
      key: Buffer.from(AsnConvert.serialize(cert.tbsCertificate.subjectPublicKeyInfo)),
      format: 'der',
      type: 'spki',
    });
    const ok = cryptoVerify(
      'sha256',
      signedAttrsDer(parse(der)),
      { key: pub, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
      Buffer.from(si.signature.buffer),
    );
    expect(ok).toBe(true);
  });

  it('ECDSA uses ecdsa-with-SHA256', async () => {
    const { signer } = await ca.issue('EC', { ec: true });
    const der = await buildSignedData({
      signer,
      contentDigest: new Uint8Array(32),
      subFilter: 'ETSI.CAdES.detached',
    });
    expect(parse(der).signerInfos[0]!.signatureAlgorithm.algorithm).toBe('1.2.840.10045.4.3.2');
  });
});
