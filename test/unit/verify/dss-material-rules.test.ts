import { deflateSync } from 'node:zlib';
import * as x509 from '@peculiar/x509';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueCertificate, makeRootCa } from '../../../daemon/src/demo/pki.js';
import { PdfReader } from '../../../daemon/src/pdf/reader/index.js';
import { readDss } from '../../../daemon/src/verify/dss-material.js';
import { type Objects, basePdf, stream } from '../../support/pdf-change-builder.js';

/** Two real certificates and a real CRL, as the store would carry them. */
let rootDer: Uint8Array;
let leafDer: Uint8Array;
let crlDer: Uint8Array;
/** Stand-in for an OCSP response: the store keeps those as bytes, unparsed. */
const OCSP_A = 'ocsp-response-A';
const OCSP_B = 'ocsp-response-B';
const HASH = 'ab'.repeat(20);

beforeAll(async () => {
  const root = await makeRootCa('CN=Root DSS');
  const leaf = await issueCertificate(root, 'CN=Leaf DSS');
  rootDer = root.certDer;
  leafDer = leaf.certDer;
  const crl = await x509.X509CrlGenerator.create({
    issuer: root.cert.subject,
    thisUpdate: new Date('2026-01-01T00:00:00Z'),
    signingKey: root.keys.privateKey,
    signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  });
  crlDer = new Uint8Array(crl.rawData);
});

const bin = (der: Uint8Array | string) =>
  stream('', typeof der === 'string' ? der : Buffer.from(der).toString('latin1'));

/** The material objects: 21 root, 22 leaf, 23 CRL, 24/25 OCSP answers, 26 a damaged certificate. */
const material = (): Objects => ({
  21: bin(rootDer),
  22: bin(leafDer),
  23: bin(crlDer),
  24: bin(OCSP_A),
  25: bin(OCSP_B),
  26: bin('not a certificate'),
});

/** A document whose catalog names /DSS `dss` (object 20). */
function withDss(dss: string, extra: Objects = {}): PdfReader {
  return PdfReader.fromBuffer(
    basePdf({
      1: '<< /Type /Catalog /Pages 2 0 R /AcroForm 6 0 R /DSS 20 0 R >>',
      20: dss,
      ...material(),
      ...extra,
    }),
  );
}

const subjects = (r: PdfReader) => readDss(r)!.certs.map((c) => c.subject);
const ocsps = (r: PdfReader) => readDss(r)!.ocsps.map((o) => Buffer.from(o).toString('latin1'));

describe('DSS material', () => {
  it('is absent when the catalog has no /DSS, or one that is not a dictionary', () => {
    expect(readDss(PdfReader.fromBuffer(basePdf()))).toBeUndefined();
    expect(readDss(withDss('[21 0 R]'))).toBeUndefined();
  });

  it('is absent, not an error, when the catalog cannot be read', () => {
    const broken = {
      get catalog(): never {
        throw new Error('catalog missing');
      },
    } as unknown as PdfReader;
    expect(readDss(broken)).toBeUndefined();
  });

  it('reads /Certs, /OCSPs and /CRLs: certificates and CRLs parsed, responses as bytes', () => {
    const dss = readDss(withDss('<< /Certs [21 0 R 22 0 R] /OCSPs [24 0 R] /CRLs [23 0 R] >>'))!;
    expect(dss.certs.map((c) => c.subject)).toEqual([{ CN: 'Root DSS' }, { CN: 'Leaf DSS' }]);
    expect(dss.ocsps.map((o) => Buffer.from(o).toString('latin1'))).toEqual([OCSP_A]);
    expect(dss.crls).toHaveLength(1);
    expect(Buffer.from(dss.crls[0]!.der)).toEqual(Buffer.from(crlDer));
    expect(dss.vri.size).toBe(0);
  });

  it('reads a list given by reference', () => {
    expect(ocsps(withDss('<< /OCSPs 30 0 R >>', { 30: '[24 0 R 25 0 R]' }))).toEqual([OCSP_A, OCSP_B]);
  });

  it('ignores a list that is not an array', () => {
    const dss = readDss(withDss('<< /Certs 21 0 R /OCSPs << /A 24 0 R >> /CRLs [23 0 R] >>'))!;
    expect(dss.certs).toEqual([]);
    expect(dss.ocsps).toEqual([]);
    expect(dss.crls).toHaveLength(1);
  });

  it('skips a damaged item and keeps the rest of the list', () => {
    expect(subjects(withDss('<< /Certs [26 0 R 21 0 R] >>'))).toEqual([{ CN: 'Root DSS' }]);
    const dss = readDss(withDss('<< /CRLs [26 0 R 23 0 R] /OCSPs [99 0 R 24 0 R] >>'))!;
    expect(dss.crls).toHaveLength(1);
    expect(ocsps(withDss('<< /OCSPs [99 0 R 24 0 R] >>'))).toEqual([OCSP_A]);
  });

  it('skips items that are not streams', () => {
    expect(ocsps(withDss('<< /OCSPs [(ocsp-response-A) 30 0 R 24 0 R] >>', { 30: '<< >>' }))).toEqual([
      OCSP_A,
    ]);
  });

  it('takes an object listed twice once, across lists and /VRI entries', () => {
    const r = withDss(
      `<< /Certs [21 0 R 21 0 R] /OCSPs [24 0 R] /VRI << /${HASH} << /Cert [21 0 R 22 0 R] /OCSP [24 0 R 25 0 R] >> >> >>`,
    );
    expect(subjects(r)).toEqual([{ CN: 'Root DSS' }, { CN: 'Leaf DSS' }]);
    expect(ocsps(r)).toEqual([OCSP_A, OCSP_B]);
  });

  it('takes an item that decodes to up to 1 MiB and skips a larger one', () => {
    const big = 'x'.repeat(1024 * 1024);
    const flate = (s: string) =>
      stream('/Filter /FlateDecode', deflateSync(Buffer.from(s, 'latin1')).toString('latin1'));
    expect(ocsps(withDss('<< /OCSPs [30 0 R] >>', { 30: flate(big) }))).toEqual([big]);
    expect(ocsps(withDss('<< /OCSPs [30 0 R 24 0 R] >>', { 30: flate(`${big}x`) }))).toEqual([OCSP_A]);
  });

  it('reads at most 2000 items in all, the lists of /VRI included', () => {
    const refs = (n: number) => Array(n).fill('24 0 R').join(' ');
    expect(ocsps(withDss(`<< /OCSPs [${refs(1999)} 25 0 R] >>`))).toEqual([OCSP_A, OCSP_B]);
    expect(ocsps(withDss(`<< /OCSPs [${refs(2000)} 25 0 R] >>`))).toEqual([OCSP_A]);
    const spread = withDss(
      `<< /OCSPs [${refs(2000)}] /CRLs [23 0 R] /VRI << /${HASH} << /Cert [21 0 R] >> >> >>`,
    );
    expect(readDss(spread)!.crls).toEqual([]);
    expect(readDss(spread)!.certs).toEqual([]);
  });

  it('reads each /VRI entry: its key as uppercase hex, its /Cert, /OCSP and /CRL', () => {
    const r = withDss(`<< /VRI << /${HASH} << /Cert [22 0 R] /OCSP [25 0 R] /CRL [23 0 R] >> >> >>`);
    const dss = readDss(r)!;
    expect([...dss.vri]).toEqual([HASH.toUpperCase()]);
    expect(dss.certs.map((c) => c.subject)).toEqual([{ CN: 'Leaf DSS' }]);
    expect(ocsps(r)).toEqual([OCSP_B]);
    expect(dss.crls).toHaveLength(1);
  });

  it('reads a /VRI given by reference and skips an entry that is not a dictionary', () => {
    const upper = 'CD'.repeat(20);
    const dss = readDss(
      withDss(`<< /VRI 30 0 R >>`, { 30: `<< /${HASH} 5 /${upper} << /OCSP [24 0 R] >> >>` }),
    )!;
    expect([...dss.vri].sort()).toEqual([HASH.toUpperCase(), upper]);
    expect(dss.ocsps).toHaveLength(1);
  });

  it('ignores /VRI keys that are not 40 hex digits, and their material', () => {
    const bad = [
      `${HASH.slice(1)}`,
      `${HASH}0`,
      `Z${HASH}`,
      `${HASH}Z`,
      `${HASH.slice(1)}g`,
      `${HASH.slice(1)}G`,
    ];
    const entries = bad.map((k) => `/${k} << /OCSP [24 0 R] /Cert [21 0 R] /CRL [23 0 R] >>`).join(' ');
    const dss = readDss(withDss(`<< /VRI << ${entries} >> >>`))!;
    expect(dss.vri.size).toBe(0);
    expect(dss.ocsps).toEqual([]);
    expect(dss.certs).toEqual([]);
    expect(dss.crls).toEqual([]);
  });

  it('accepts every hex digit in a /VRI key, either case', () => {
    const keys = ['0123456789abcdefABCDEF0123456789abcdef01', '9'.repeat(40), 'f'.repeat(40), 'F'.repeat(40)];
    const dss = readDss(withDss(`<< /VRI << ${keys.map((k) => `/${k} << >>`).join(' ')} >> >>`))!;
    expect([...dss.vri].sort()).toEqual([...new Set(keys.map((k) => k.toUpperCase()))].sort());
  });
});
