import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signPdf } from '../../../daemon/src/pdf/sign-pdf.js';
import { type VerifyOptions, verifyPdf } from '../../../daemon/src/verify/index.js';
import { tempDir } from '../../support/pdf-inputs.js';
import { type TestCa, makeInkPng, makeTestCa } from '../../support/pdf-inputs-signer.js';
import { approverSignedBy, makeVerifyFixture } from '../../support/verify-fixture.js';

/**
 * Certificate URLs (AIA caIssuers, OCSP, CRL) chosen by whoever made the signature point at a
 * loopback server standing in for an intranet host; every request that reaches it is counted.
 */
const tmp = tempDir('vanthu-fetch-policy-');
let ca: TestCa;
let base: Uint8Array;
let rootPath: string;
let server: Server;
let url: (path: string) => string;
let hits: string[] = [];
/** DER served at /issuer.cer (set per test). */
let issuerDer: Uint8Array = new Uint8Array();
const allowLoopback = { allowNetworks: ['127.0.0.0/8'] };

beforeAll(async () => {
  ({ ca, base, rootPath } = await makeVerifyFixture(tmp.dir));
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    if (req.url === '/issuer.cer') res.end(issuerDer);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  url = (path) => `http://127.0.0.1:${port}${path}`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  tmp.cleanup();
});
beforeEach(() => {
  hits = [];
});

const opts = (over: Partial<VerifyOptions> = {}): VerifyOptions => ({
  trustPaths: [rootPath],
  online: true,
  timeoutMs: 3000,
  ...over,
});

describe('verifyPdf: certificate URLs of an untrusted chain are never fetched', () => {
  it('a chain to a foreign root, every certificate carrying OCSP/CRL/AIA URLs: zero requests, even with loopback allowed', async () => {
    const foreign = await makeTestCa();
    const sub = await foreign.subCa({ cn: 'Sub CA lạ', crlUrl: url('/sub.crl'), ocspUrl: url('/sub-ocsp') });
    const bytes = await approverSignedBy(sub, base, 'Người Lạ', {
      crlUrl: url('/leaf.crl'),
      ocspUrl: url('/leaf-ocsp'),
      caIssuersUrl: url('/issuer.cer'),
    });
    const s = (await verifyPdf(bytes, opts({ fetch: allowLoopback }))).signatures[0]!;
    expect(s).toMatchObject({ chain: 'UNTRUSTED', indication: 'INDETERMINATE' });
    expect(hits).toEqual([]);
    expect(s.warnings.join('\n')).toMatch(/not fetched: the chain does not reach a trusted root/);
  });

  it('an issuer fetched by AIA that does not reach an anchor is not used: its and the leaf revocation URLs stay unfetched', async () => {
    const foreign = await makeTestCa();
    const sub = await foreign.subCa({
      cn: 'Sub CA lạ AIA',
      crlUrl: url('/sub.crl'),
      ocspUrl: url('/sub-ocsp'),
    });
    const who = await sub.issue('Người Lạ Hai', {
      org: 'Sở Nội vụ',
      crlUrl: url('/leaf.crl'),
      ocspUrl: url('/leaf-ocsp'),
      caIssuersUrl: url('/issuer.cer'),
    });
    issuerDer = who.signer.chain[0]!;
    const leafOnly = await signPdf(base, {
      signer: { ...who.signer, chain: [] },
      role: 'approver',
      image: makeInkPng('signature'),
    });
    const s = (await verifyPdf(leafOnly, opts({ fetch: allowLoopback }))).signatures[0]!;
    expect(s).toMatchObject({ indication: 'INDETERMINATE' });
    expect(s.chain).not.toBe('TRUSTED');
    expect(hits).toEqual(['/issuer.cer']);
  });
});

describe('verifyPdf: an issuer certificate URL refused by the address policy', () => {
  it('the report says the chain stopped short because the caIssuers URL was refused; allowed, the chain completes', async () => {
    const sub = await ca.subCa({ cn: 'Sub CA nội bộ' });
    const who = await sub.issue('Người Ký Thiếu Chuỗi', {
      org: 'Sở Nội vụ',
      caIssuersUrl: url('/issuer.cer'),
    });
    issuerDer = who.signer.chain[0]!;
    const leafOnly = await signPdf(base, {
      signer: { ...who.signer, chain: [] },
      role: 'approver',
      image: makeInkPng('signature'),
    });
    const refused = (await verifyPdf(leafOnly, opts())).signatures[0]!;
    expect(refused.chain).toBe('NO_CHAIN');
    expect(hits).toEqual([]);
    expect(refused.warnings).toContain(
      `the issuer certificate could not be fetched: ${url('/issuer.cer')} refused by the address policy (127.0.0.1 is a loopback address (trust.fetch.allowNetworks / allowHosts))`,
    );

    const allowed = (await verifyPdf(leafOnly, opts({ fetch: allowLoopback }))).signatures[0]!;
    expect(allowed.chain).toBe('TRUSTED');
    expect(hits).toEqual(['/issuer.cer']);
    expect(allowed.warnings.join('\n')).not.toMatch(/issuer certificate could not be fetched/);
  });
});

describe('verifyPdf: a trusted chain whose URLs point at loopback', () => {
  it('without the allowlist nothing is sent and the report warns; with trust.fetch.allowNetworks the URLs are asked', async () => {
    const bytes = await approverSignedBy(ca, base, 'Người Ký Nội Bộ', {
      crlUrl: url('/leaf.crl'),
      ocspUrl: url('/leaf-ocsp'),
    });
    const refused = (await verifyPdf(bytes, opts())).signatures[0]!;
    expect(refused).toMatchObject({ chain: 'TRUSTED', revocation: 'UNKNOWN', indication: 'TOTAL_PASSED' });
    expect(hits).toEqual([]);
    expect(refused.warnings.join('\n')).toMatch(/not fetched: 127\.0\.0\.1 is a loopback address/);
    const strict = (await verifyPdf(bytes, opts({ policy: 'strict' }))).signatures[0]!;
    expect(strict).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'TRY_LATER' });
    expect(hits).toEqual([]);

    const allowed = (await verifyPdf(bytes, opts({ fetch: allowLoopback }))).signatures[0]!;
    expect(allowed).toMatchObject({ chain: 'TRUSTED', revocation: 'UNKNOWN' });
    expect(hits.sort()).toEqual(['/leaf-ocsp', '/leaf.crl']);
  });

  it('trust.fetch.maxUrls caps the URLs one verification fetches', async () => {
    const bytes = await approverSignedBy(ca, base, 'Người Ký Giới Hạn', {
      crlUrl: url('/leaf.crl'),
      ocspUrl: url('/leaf-ocsp'),
    });
    const s = (await verifyPdf(bytes, opts({ fetch: { ...allowLoopback, maxUrls: 1 } }))).signatures[0]!;
    expect(hits).toEqual(['/leaf-ocsp']);
    expect(s.warnings.join('\n')).toMatch(/CRL .*leaf\.crl: not fetched: certificate URL limit/);
  });
});

// Spawns the compiled CLI (daemon/dist): run `npx tsc -b` first. Asynchronously, so that the
// counting server in this process can answer.
const CLI = join(import.meta.dirname, '../../../daemon/bin/vanthu.mjs');
function vanthuVerify(file: string, config: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, 'verify', file, '--config', config, '--json'],
      { env: { ...process.env, VANTHU_HOME: join(tmp.dir, 'home') }, timeout: 30_000 },
      (err, stdout) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout }),
    );
  });
}

describe('vanthu verify: trust.fetch from config.json', () => {
  it('loopback URLs are asked only when the config allows the network', async () => {
    const bytes = await approverSignedBy(ca, base, 'Người Ký Dòng Lệnh', {
      crlUrl: url('/leaf.crl'),
      ocspUrl: url('/leaf-ocsp'),
    });
    const file = join(tmp.dir, 'cli.pdf');
    writeFileSync(file, bytes);
    const plain = join(tmp.dir, 'plain.json');
    writeFileSync(plain, JSON.stringify({ trust: { anchors: [rootPath], timeoutMs: 3000 } }));
    const refused = await vanthuVerify(file, plain);
    expect(hits).toEqual([]);
    expect(JSON.parse(refused.stdout).signatures[0].warnings.join('\n')).toMatch(/a loopback address/);
    const allowing = join(tmp.dir, 'allowing.json');
    writeFileSync(
      allowing,
      JSON.stringify({ trust: { anchors: [rootPath], timeoutMs: 3000, fetch: allowLoopback } }),
    );
    await vanthuVerify(file, allowing);
    expect(hits.sort()).toEqual(['/leaf-ocsp', '/leaf.crl']);
  });
});
