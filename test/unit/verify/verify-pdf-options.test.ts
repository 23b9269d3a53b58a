import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PdfRef } from '../../../daemon/src/pdf/reader/index.js';
import { isoVietnam } from '../../../daemon/src/pdf/sign-pdf.js';
import { WritableDict } from '../../../daemon/src/pdf/writer/serialize.js';
import { TrustStore } from '../../../daemon/src/trust/store.js';
import { type VerifyOptions, verifyPdf } from '../../../daemon/src/verify/index.js';
import { addDssWithExtensions } from '../../support/pdf-legit-patterns.js';
import { basePdf } from '../../support/pdf-change-builder.js';
import { tempDir } from '../../support/pdf-inputs.js';
import { type IssuedTestCertificate, type TestCa, makeTestCa } from '../../support/pdf-inputs-signer.js';
import { addComment } from '../../support/pdf-tamper.js';
import { type UpdateObject, appendUpdate } from '../../support/pdf-update-writer.js';
import { crlBy } from '../../support/signature-input.js';
import { craftSignature } from '../../support/verify-pdf-craft.js';

/** How the options of verifyPdf reach the verification: names, trust, CRLs, fetching, /DSS. */

const tmp = tempDir('vanthu-verify-pdf-options-');
const DAY = 86400_000;
let ca: TestCa;
let rootPath: string;
let who: IssuedTestCertificate;
let signed: Buffer;
let offline: VerifyOptions;

beforeAll(async () => {
  ca = await makeTestCa();
  rootPath = join(tmp.dir, 'root.pem');
  writeFileSync(rootPath, ca.rootPem);
  offline = { trustPaths: [rootPath], online: false };
  who = await ca.issue('Trần Thị Hoa', { org: 'Sở Nội vụ' });
  signed = await craftSignature(basePdf(), who.signer, { field: 'CaNhan' });
});
afterAll(() => tmp.cleanup());

/** A CRL of the test root, revoking `revoked` (serials) a day ago. */
const rootCrl = (revoked: string[] = []) =>
  crlBy(
    { certDer: ca.rootDer, keyPem: ca.rootKeyPem },
    {
      thisUpdate: new Date(Date.now() - DAY),
      nextUpdate: new Date(Date.now() + DAY),
      revoked: revoked.map((serialHex) => ({ serialHex, at: new Date(Date.now() - DAY) })),
    },
  );

const pem = (der: Uint8Array): string =>
  `-----BEGIN X509 CRL-----\n${Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')}\n-----END X509 CRL-----\n`;

describe('verifyPdf: the report frame', () => {
  it('names the file: the path given, "input.pdf" for bytes, or the name the caller gives', async () => {
    const file = join(tmp.dir, 'signed.pdf');
    writeFileSync(file, signed);
    expect((await verifyPdf(file, offline)).file).toBe(file);
    expect((await verifyPdf(signed, offline)).file).toBe('input.pdf');
    expect((await verifyPdf(signed, { ...offline, fileName: 'CV-12.pdf' })).file).toBe('CV-12.pdf');
    expect((await verifyPdf(file, { ...offline, fileName: 'CV-12.pdf' })).file).toBe('CV-12.pdf');
  });

  it('closes the file it opened', async () => {
    const file = join(tmp.dir, 'closed.pdf');
    writeFileSync(file, signed);
    const open = () => readdirSync('/proc/self/fd').length;
    const before = open();
    await verifyPdf(file, offline);
    expect(open()).toBe(before);
  });

  it('sha256 is the digest of the whole file, read from disk or from memory', async () => {
    const longer = await craftSignature(signed, who.signer, { field: 'Thu' });
    const file = join(tmp.dir, 'longer.pdf');
    writeFileSync(file, longer);
    const expected = createHash('sha256').update(longer).digest('hex');
    expect((await verifyPdf(longer, offline)).sha256).toBe(expected);
    expect((await verifyPdf(file, offline)).sha256).toBe(expected);
  });

  it('policy: standard unless strict is asked', async () => {
    expect((await verifyPdf(signed, offline)).policy).toBe('standard');
    expect((await verifyPdf(signed, { ...offline, policy: 'strict' })).policy).toBe('strict');
  });

  it('validatedAt is the validation time given, in Vietnam time; now by default', async () => {
    const at = new Date('2026-11-24T03:04:05Z');
    expect((await verifyPdf(signed, { ...offline, now: at })).validatedAt).toBe('2026-11-24T10:04:05+07:00');
    const before = Date.now();
    const r = await verifyPdf(signed, offline);
    expect(Date.parse(r.validatedAt)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(Date.parse(r.validatedAt)).toBeLessThanOrEqual(Date.now());
    expect(r.validatedAt).toBe(isoVietnam(new Date(Date.parse(r.validatedAt))));
  });
});

describe('verifyPdf: trust anchors and intermediates', () => {
  it('a prepared trust store is used as is: trustPaths are then not read', async () => {
    const store = new TrustStore();
    store.loadAnchors([rootPath]);
    const r = await verifyPdf(signed, {
      trust: store,
      trustPaths: [join(tmp.dir, 'missing.pem')],
      online: false,
    });
    expect(r.signatures[0]).toMatchObject({ chain: 'TRUSTED', indication: 'TOTAL_PASSED' });
  });

  it('no trust paths at all: nothing is trusted, nothing fails to load', async () => {
    const r = await verifyPdf(signed, { online: false });
    expect(r.signatures[0]!.chain).not.toBe('TRUSTED');
  });

  describe('a leaf-only signature from a sub CA', () => {
    let sub: TestCa;
    let subRoot: string;
    let leafOnly: Buffer;

    beforeAll(async () => {
      sub = await makeTestCa({ intermediate: true });
      subRoot = join(tmp.dir, 'sub-root.pem');
      writeFileSync(subRoot, sub.rootPem);
      const person = await sub.issue('Đỗ Văn Em', { org: 'Sở Y tế' });
      leafOnly = await craftSignature(basePdf(), { ...person.signer, chain: [] }, { field: 'CaNhan' });
    });

    it('chains through the intermediate files given', async () => {
      const subDer = join(tmp.dir, 'sub-ca.cer');
      writeFileSync(subDer, sub.intermediateDer!);
      const o = { trustPaths: [subRoot], online: false };
      expect((await verifyPdf(leafOnly, o)).signatures[0]!.chain).toBe('NO_CHAIN');
      const r = await verifyPdf(leafOnly, { ...o, intermediatePaths: [subDer] });
      expect(r.signatures[0]).toMatchObject({ chain: 'TRUSTED', indication: 'TOTAL_PASSED' });
    });

    it('chains through the certificates of the document’s /DSS', async () => {
      const withDss = addDssWithExtensions(leafOnly, [sub.intermediateDer!]);
      const r = await verifyPdf(withDss, { trustPaths: [subRoot], online: false });
      expect(r.signatures[0]).toMatchObject({ chain: 'TRUSTED', indication: 'TOTAL_PASSED' });
    });
  });
});

/** `input` with a /DSS holding `crls` (no certificates). */
function withDssCrls(input: Uint8Array, crls: Uint8Array[]): Buffer {
  return appendUpdate(input, (r, next) => {
    const streams: UpdateObject[] = crls.map((der) => ({
      num: next(),
      value: WritableDict.of({ Length: der.length }),
      data: der,
    }));
    const dss = next();
    return {
      objects: [
        ...streams,
        { num: dss, value: WritableDict.of({ CRLs: streams.map((s) => new PdfRef(s.num, 0)) }) },
        { num: r.catalogRef.num, value: WritableDict.from(r.catalog).set('DSS', new PdfRef(dss, 0)) },
      ],
    };
  });
}

describe('verifyPdf: revocation sources', () => {
  it('CRLs installed as PEM (several in one file) and as DER are consulted', async () => {
    const revoking = (await rootCrl([who.serialHex])).der;
    const other = (await rootCrl()).der;
    const stranger = await makeTestCa();
    const foreign = await crlBy(
      { certDer: stranger.rootDer, keyPem: stranger.rootKeyPem },
      { thisUpdate: new Date(Date.now() - DAY), nextUpdate: new Date(Date.now() + DAY) },
    );
    const pemFile = join(tmp.dir, 'two.crl.pem');
    writeFileSync(pemFile, `${pem(foreign.der)}${pem(revoking)}`);
    const derFile = join(tmp.dir, 'one.crl');
    writeFileSync(derFile, revoking);
    for (const crlPaths of [[pemFile], [derFile]]) {
      const r = await verifyPdf(signed, { ...offline, crlPaths });
      expect(r.signatures[0], crlPaths[0]).toMatchObject({
        revocation: 'REVOKED',
        indication: 'TOTAL_FAILED',
      });
    }
    const good = join(tmp.dir, 'good.crl');
    writeFileSync(good, other);
    expect((await verifyPdf(signed, { ...offline, crlPaths: [good] })).signatures[0]!.revocation).toBe(
      'GOOD',
    );
  });

  it('an installed CRL file that is not a CRL, or is missing: TRUST_STORE_INVALID naming the file', async () => {
    const bad = join(tmp.dir, 'bad.crl');
    writeFileSync(bad, 'not a CRL');
    const badPem = join(tmp.dir, 'bad.crl.pem');
    writeFileSync(badPem, '-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n');
    for (const path of [bad, badPem, join(tmp.dir, 'missing.crl')]) {
      await expect(verifyPdf(signed, { ...offline, crlPaths: [path] }), path).rejects.toMatchObject({
        code: 'TRUST_STORE_INVALID',
        message: expect.stringContaining(path),
      });
    }
  });

  it('a CRL in the document’s /DSS answers offline', async () => {
    const revoking = (await rootCrl([who.serialHex])).der;
    const r = await verifyPdf(withDssCrls(signed, [revoking]), offline);
    expect(r.signatures[0]).toMatchObject({ revocation: 'REVOKED' });
    expect(r.signatures[0]!.chainRevocation[0]!.source).toMatch(/\(DSS\)$/);
  });

  describe('fetching from the certificate’s CRL distribution point', () => {
    let server: Server;
    let base: string;
    let served = 0;

    beforeAll(async () => {
      const der = (await rootCrl()).der;
      server = createServer((_req, res) => {
        served++;
        res.writeHead(200, { 'Content-Type': 'application/pkix-crl' });
        res.end(der);
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    /** A signature by a new certificate whose CDP is `path` on the local server. */
    const signedWithCdp = async (path: string) => {
      // A new URL each time: an answer kept in memory by an earlier verification is not asked again.
      const person = await ca.issue(`Người ký ${path}`, { crlUrl: `${base}${path}?${randomUUID()}` });
      return craftSignature(basePdf(), person.signer, { field: 'CaNhan' });
    };
    const loopback = {
      trustPaths: [] as string[],
      fetch: { allowNetworks: ['127.0.0.0/8'] },
      timeoutMs: 3000,
    };

    it('online by default', async () => {
      const bytes = await signedWithCdp('/default.crl');
      const before = served;
      const r = await verifyPdf(bytes, { ...loopback, trustPaths: [rootPath] });
      expect(served).toBe(before + 1);
      expect(r.signatures[0]!.revocation).toBe('GOOD');
    });

    it('a fetched CRL is kept in the cache directory given', async () => {
      const bytes = await signedWithCdp('/cached.crl');
      const cacheDir = join(tmp.dir, 'cache');
      mkdirSync(cacheDir, { recursive: true });
      await verifyPdf(bytes, { ...loopback, trustPaths: [rootPath], cacheDir });
      expect(readdirSync(cacheDir).length).toBeGreaterThan(0);
    });
  });
});

describe('verifyPdf: annotations after signing', () => {
  it('refused unless the caller allows them', async () => {
    const commented = addComment(signed);
    expect((await verifyPdf(commented, offline)).indication).toBe('TOTAL_FAILED');
    const allowed = await verifyPdf(commented, { ...offline, allowAnnotations: true });
    expect(allowed.indication).toBe('TOTAL_PASSED');
  });
});
