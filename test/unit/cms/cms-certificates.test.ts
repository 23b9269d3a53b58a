import { beforeAll, describe, expect, it } from 'vitest';
import { buildSignedData } from '../../../daemon/src/cms/index.js';
import { children, readTlv } from '../../../daemon/src/cms/der.js';
import { CmsFormatError, parseCms } from '../../../daemon/src/cms/parse.js';
import { type TestCa, makeTestCa } from '../../support/pdf-inputs-signer.js';

// A CMS's certificates are parsed one by one, once per DER (certInfo), not inside the SignedData:
// still as strictly, and shared with the chain checks and the file's other CMS.
let ca: TestCa;
let cms: Uint8Array;
let leaf: Uint8Array;

beforeAll(async () => {
  ca = await makeTestCa();
  const { signer } = await ca.issue('Người Ký CMS');
  cms = await buildSignedData({
    signer,
    contentDigest: new Uint8Array(32),
    subFilter: 'ETSI.CAdES.detached',
  });
  leaf = parseCms(cms).signerCertificate!;
});

/** Offset of `needle` in `hay`. */
const offsetOf = (hay: Uint8Array, needle: Uint8Array): number => {
  const at = Buffer.from(hay).indexOf(Buffer.from(needle));
  expect(at).toBeGreaterThan(0);
  return at;
};

describe('the certificates of a CMS', () => {
  it('are read as stored, the signer certificate among them', () => {
    const parsed = parseCms(cms);
    expect(parsed.certificates.length).toBeGreaterThan(0);
    expect(parsed.certificates.some((c) => Buffer.from(c).equals(Buffer.from(leaf)))).toBe(true);
  });

  it('a certificate the X.509 schema refuses makes the CMS unreadable, as before', () => {
    // The certificate's signatureValue BIT STRING retagged as OCTET STRING: the DER still walks.
    const sigValue = children(leaf, readTlv(leaf, 0))[2]!;
    expect(leaf[sigValue.start]).toBe(0x03);
    const damaged = Uint8Array.from(cms);
    damaged[offsetOf(cms, leaf) + sigValue.start] = 0x04;
    expect(() => parseCms(damaged)).toThrow(CmsFormatError);
    expect(() => parseCms(damaged)).toThrow(/^CMS does not parse: /);
  });

  it('a ContentInfo of another content type is not SignedData', () => {
    // id-signedData 1.2.840.113549.1.7.2 → id-data 1.2.840.113549.1.7.1
    const oid = Uint8Array.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]);
    const other = Uint8Array.from(cms);
    other[offsetOf(cms, oid) + oid.length - 1] = 0x01;
    expect(() => parseCms(other)).toThrow('ContentInfo is not SignedData');
  });
});
