import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  AuthorityInfoAccessSyntax,
  AuthorityKeyIdentifier,
  BasicConstraints,
  CRLDistributionPoints,
  Certificate,
  ExtendedKeyUsage,
  KeyUsage,
  type Name,
  SubjectKeyIdentifier,
} from '@peculiar/asn1-x509';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DerFault } from '../../../daemon/src/cms/der.js';
import {
  type CertInfo,
  KU,
  OID_NAMES,
  certInfo,
  pemCertificates,
} from '../../../daemon/src/trust/certificate.js';
import { certId } from '../../../daemon/src/trust/ocsp.js';
import { certIdDer } from '../../../daemon/src/trust/ocsp-answer.js';
import { readX509 } from '../../../daemon/src/trust/x509-fields.js';
import { makeTestCa } from '../../support/pdf-inputs-signer.js';

// certInfo reads certificates with its own DER walker. The oracle here is the schema parser
// (@peculiar/asn1-x509) over the same DER: every field the chain, key usage and revocation checks
// read must come out the same, for the test PKI's certificates, certificates made by openssl with
// unusual encodings, and every certificate of the system's CA bundle when it has one.

function oracle(der: Uint8Array) {
  const asn = AsnConvert.parse(der.slice().buffer, Certificate);
  const tbs = asn.tbsCertificate;
  const ext = <T>(oid: string, type: new () => T): T | undefined => {
    const e = tbs.extensions?.find((x) => x.extnID === oid);
    return e ? AsnConvert.parse(e.extnValue.buffer, type) : undefined;
  };
  const uris = (names: { uniformResourceIdentifier?: string }[] | undefined): string[] =>
    (names ?? []).map((n) => n.uniformResourceIdentifier).filter((u): u is string => typeof u === 'string');
  const fields = (name: Name) => {
    const out: Record<string, string> = {};
    for (const rdn of name)
      for (const atv of rdn) out[OID_NAMES[atv.type] ?? atv.type] ??= atv.value.toString();
    return out;
  };
  const dn = (name: Name) =>
    [...name]
      .reverse()
      .flatMap((rdn) => [...rdn].map((atv) => `${OID_NAMES[atv.type] ?? atv.type}=${atv.value.toString()}`))
      .join(', ');
  const ku = ext('2.5.29.15', KeyUsage);
  const bc = ext('2.5.29.19', BasicConstraints);
  const ski = ext('2.5.29.14', SubjectKeyIdentifier);
  const aki = ext('2.5.29.35', AuthorityKeyIdentifier);
  const aia = ext('1.3.6.1.5.5.7.1.1', AuthorityInfoAccessSyntax) ?? [];
  const hex = (b: ArrayBuffer | Uint8Array) =>
    Buffer.from(b instanceof ArrayBuffer ? new Uint8Array(b) : b).toString('hex');
  return {
    subject: fields(tbs.subject),
    subjectDn: dn(tbs.subject),
    issuerDn: dn(tbs.issuer),
    subjectDer: hex(AsnConvert.serialize(tbs.subject)),
    issuerDer: hex(AsnConvert.serialize(tbs.issuer)),
    serial: hex(tbs.serialNumber),
    notBefore: tbs.validity.notBefore.getTime().getTime(),
    notAfter: tbs.validity.notAfter.getTime().getTime(),
    keyUsage: ku ? ku.toNumber() || 0 : undefined,
    extendedKeyUsage: [...(ext('2.5.29.37', ExtendedKeyUsage) ?? [])],
    isCa: bc?.cA === true,
    pathLen: bc?.pathLenConstraint,
    criticalExtensions: (tbs.extensions ?? []).filter((x) => x.critical).map((x) => x.extnID),
    ski: ski ? hex(ski.buffer) : undefined,
    aki: aki?.keyIdentifier ? hex(aki.keyIdentifier.buffer) : undefined,
    crlUrls: (ext('2.5.29.31', CRLDistributionPoints) ?? []).flatMap((d) =>
      uris(d.distributionPoint?.fullName),
    ),
    ocspUrls: uris(aia.filter((a) => a.accessMethod === '1.3.6.1.5.5.7.48.1').map((a) => a.accessLocation)),
    caIssuerUrls: uris(
      aia.filter((a) => a.accessMethod === '1.3.6.1.5.5.7.48.2').map((a) => a.accessLocation),
    ),
    signatureAlgorithm: asn.signatureAlgorithm.algorithm,
    signatureParameters: asn.signatureAlgorithm.parameters
      ? hex(asn.signatureAlgorithm.parameters)
      : undefined,
    publicKeyBits: hex(tbs.subjectPublicKeyInfo.subjectPublicKey),
  };
}

function ours(info: CertInfo): ReturnType<typeof oracle> {
  const hex = (b: ArrayBuffer | Uint8Array) =>
    Buffer.from(b instanceof ArrayBuffer ? new Uint8Array(b) : b).toString('hex');
  return {
    subject: info.subject,
    subjectDn: info.subjectDn,
    issuerDn: info.issuerDn,
    subjectDer: info.subjectDer.toString('hex'),
    issuerDer: info.issuerDer.toString('hex'),
    serial: hex(info.serial),
    notBefore: info.notBefore.getTime(),
    notAfter: info.notAfter.getTime(),
    keyUsage: info.keyUsage,
    extendedKeyUsage: info.extendedKeyUsage,
    isCa: info.isCa,
    pathLen: info.pathLen,
    criticalExtensions: info.criticalExtensions,
    ski: info.ski,
    aki: info.aki,
    crlUrls: info.crlUrls,
    ocspUrls: info.ocspUrls,
    caIssuerUrls: info.caIssuerUrls,
    signatureAlgorithm: info.signatureAlgorithm.algorithm,
    signatureParameters: info.signatureAlgorithm.parameters
      ? hex(info.signatureAlgorithm.parameters)
      : undefined,
    publicKeyBits: hex(info.publicKeyBits),
  };
}

let dir: string;
let testCa: Awaited<ReturnType<typeof makeTestCa>>;
const crafted: Record<string, Uint8Array> = {};

function openssl(args: string[], config?: string): void {
  const r = spawnSync('openssl', args, {
    encoding: 'utf8',
    cwd: dir,
    env: { ...process.env, ...(config ? { OPENSSL_CONF: config } : {}) },
  });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
}

/** A self-signed certificate made by openssl from a config section (unusual names and extensions). */
function craft(name: string, config: string, extra: string[] = []): void {
  writeFileSync(join(dir, `${name}.cnf`), config);
  openssl([
    'req',
    '-x509',
    '-new',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.pem`,
    '-config',
    `${name}.cnf`,
    '-extensions',
    'ext',
    ...extra,
  ]);
  crafted[name] = pemCertificates(readFileSync(join(dir, `${name}.pem`), 'utf8'))[0]!;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vanthu-x509-'));
  const ca = await makeTestCa();
  testCa = ca;
  const sub = await ca.subCa({ pathLen: 0 });
  const leaf = await sub.issue('Nguyễn Văn An', {
    org: 'UBND thành phố Cần Thơ',
    ocspUrl: 'http://127.0.0.1:9/ocsp',
    crlUrl: 'http://127.0.0.1:9/ca.crl',
  });
  const tsa = await ca.issue('TSA', { tsa: true, ocspUrl: 'http://127.0.0.1:9/ocsp' });
  crafted['test-root'] = new Uint8Array(ca.rootDer);
  crafted['test-sub'] = sub.certDer ?? pemCertificates(sub.certPem)[0]!;
  crafted['test-leaf'] = pemCertificates(leaf.certPem)[0]!;
  crafted['test-tsa'] = pemCertificates(tsa.certPem)[0]!;
  craft(
    'bmp-names',
    `[req]\ndistinguished_name=dn\nprompt=no\nstring_mask=MASK:0x806\nutf8=yes\n[dn]\nC=VN\nO=Ban Cơ yếu Chính phủ\nOU=Lê Thị\nCN=Trung tâm Chứng thực\n[ext]\nbasicConstraints=critical,CA:TRUE,pathlen:3\nkeyUsage=critical,keyCertSign,cRLSign,digitalSignature\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid:always\ncrlDistributionPoints=URI:http://ca.example.vn/a.crl,URI:ldap://ca.example.vn/cn=x,URI:http://ca.example.vn/b.crl\nauthorityInfoAccess=caIssuers;URI:http://ca.example.vn/ca.cer,OCSP;URI:http://ocsp.example.vn\nextendedKeyUsage=critical,timeStamping,1.3.6.1.4.1.311.10.3.12\n`,
    ['-days', '40000'],
  );
  craft(
    'utf8-names',
    `[req]\ndistinguished_name=dn\nprompt=no\nstring_mask=utf8only\nutf8=yes\n[dn]\nC=VN\nST=Cần Thơ\nL=Ninh Kiều\nOU=Văn thư\nCN=Lê Thị Bé\nemailAddress=be@example.vn\nUID=0123456789\n[ext]\nkeyUsage=nonRepudiation,decipherOnly,keyAgreement\nbasicConstraints=CA:FALSE\n`,
  );
  craft(
    'no-extensions',
    `[req]\ndistinguished_name=dn\nprompt=no\n[dn]\nCN=plain\n[ext]\nsubjectKeyIdentifier=none\n`,
    ['-set_serial', '0x00FF00'],
  );
  craft('pss', `[req]\ndistinguished_name=dn\nprompt=no\n[dn]\nCN=pss\n[ext]\nbasicConstraints=CA:TRUE\n`, [
    '-sigopt',
    'rsa_padding_mode:pss',
    '-sha384',
  ]);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('certInfo reads what the schema parser reads', () => {
  it('for the test PKI and openssl-made certificates with unusual names and extensions', () => {
    for (const [name, der] of Object.entries(crafted)) {
      expect(ours(certInfo(der)), name).toEqual(oracle(der));
    }
    const bmp = certInfo(crafted['bmp-names']!);
    expect(bmp.subject['O']).toBe('Ban Cơ yếu Chính phủ');
    expect(bmp.pathLen).toBe(3);
    expect(bmp.keyUsage).toBe(KU.keyCertSign | KU.cRLSign | KU.digitalSignature);
    expect(bmp.crlUrls).toEqual([
      'http://ca.example.vn/a.crl',
      'ldap://ca.example.vn/cn=x',
      'http://ca.example.vn/b.crl',
    ]);
    expect(bmp.criticalExtensions).toEqual(['2.5.29.19', '2.5.29.15', '2.5.29.37']);
    expect(bmp.notAfter.getUTCFullYear()).toBeGreaterThan(2050);
    expect(certInfo(crafted['utf8-names']!).keyUsage).toBe(
      KU.nonRepudiation | KU.decipherOnly | KU.keyAgreement,
    );
    expect(certInfo(crafted['no-extensions']!).serialHex).toBe('FF00');
    expect(certInfo(crafted['pss']!).signatureAlgorithm.algorithm).toBe('1.2.840.113549.1.1.10');
  });

  it.runIf(existsSync('/etc/ssl/certs'))('for every certificate of the system CA bundle', () => {
    const files = readdirSync('/etc/ssl/certs').filter((f) => f.endsWith('.pem'));
    let compared = 0;
    for (const f of files) {
      for (const der of pemCertificates(readFileSync(join('/etc/ssl/certs', f), 'utf8'))) {
        expect(ours(certInfo(der)), f).toEqual(oracle(der));
        compared++;
      }
    }
    expect(compared).toBe(files.length);
  });
});

describe('certInfo keeps its own bytes', () => {
  it('from a Buffer that is a view into a larger, reused buffer: the serial, the key bits and the OCSP CertID stay right', async () => {
    const issued = await testCa.issue('Buffer view', { ocspUrl: 'http://127.0.0.1:9/ocsp' });
    const der = pemCertificates(issued.certPem)[0]!;
    // A Buffer inside a bigger one, as a read or a fetch hands them out (Buffer#slice shares memory).
    const pool = Buffer.alloc(der.length + 4096, 0xee);
    pool.set(der, 1000);
    const view = pool.subarray(1000, 1000 + der.length);
    const info = certInfo(view);
    pool.fill(0x30);
    const issuer = certInfo(new Uint8Array(testCa.rootDer));
    expect(Buffer.from(info.serial).toString('hex')).toBe(oracle(der).serial);
    expect(Buffer.from(info.publicKeyBits).toString('hex')).toBe(oracle(der).publicKeyBits);
    expect(Buffer.from(info.der).equals(Buffer.from(der))).toBe(true);
    const request = Buffer.from(AsnConvert.serialize(certId(info, issuer)));
    expect(request.equals(certIdDer(info, issuer))).toBe(true);
    expect(request.length).toBeLessThan(100);
  });
});

describe('the DER walker refuses what is not one certificate', () => {
  const der = (): Uint8Array => crafted['test-leaf']!.slice();

  it('trailing bytes, truncation, a wrong outer tag', () => {
    expect(() => readX509(Buffer.concat([der(), Buffer.from([0])]))).toThrow(DerFault);
    expect(() => readX509(der().subarray(0, 200))).toThrow(DerFault);
    const wrong = der();
    wrong[0] = 0x31;
    expect(() => readX509(wrong)).toThrow(/not a SEQUENCE/);
  });

  it('an indefinite length (BER)', () => {
    const d = der();
    // 30 82 LL LL → 30 80 … 00 00 keeps the content but is not DER.
    const body = d.subarray(4);
    expect(() => readX509(Buffer.concat([Buffer.from([0x30, 0x80]), body, Buffer.from([0, 0])]))).toThrow(
      /indefinite length/,
    );
  });
});
