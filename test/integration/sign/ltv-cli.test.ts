import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPdf } from '../../../daemon/src/pdf/sign-pdf.js';
import { verifyPdf } from '../../../daemon/src/verify/index.js';
import { tempDir } from '../../support/pdf-inputs.js';
import { type TestCa, makeInkPng } from '../../support/pdf-inputs-signer.js';
import {
  type IndexEntry,
  type RevocationServices,
  startRevocationServices,
} from '../../support/revocation.js';
import { writeP12 } from '../../support/pki.js';
import { type LocalTsa, startTsa } from '../../support/tsa.js';
import { runVanthu } from '../../support/vanthu-cli.js';
import { makeVerifyFixture } from '../../support/verify-fixture.js';

const tmp = tempDir('vanthu-ltv-cli-');
const DAY = 86400_000;
let ca: TestCa;
let rootPath: string;
let rev: RevocationServices;
let tsa: LocalTsa;
let signed: string;
let home: string;
let unsigned: string;
let published: IndexEntry[];

beforeAll(async () => {
  let base: Uint8Array;
  ({ ca, base, rootPath } = await makeVerifyFixture(tmp.dir));
  rev = await startRevocationServices(ca.rootPem, ca.rootKeyPem);
  // The TSA certificate ends in 100 days: inside a 6-month window, outside a 1-month one.
  const t = await ca.issue('vanthu CLI TSA', {
    tsa: true,
    ocspUrl: rev.ocspUrl,
    notAfter: new Date(Date.now() + 100 * DAY),
  });
  const who = await ca.issue('Người Ký CLI', { ocspUrl: rev.ocspUrl });
  published = [
    { serialHex: t.serialHex, notAfter: new Date(Date.now() + 100 * DAY) },
    { serialHex: who.serialHex, notAfter: new Date(Date.now() + 90 * DAY) },
  ];
  await rev.publish(published);
  unsigned = join(tmp.dir, 'unsigned.pdf.in');
  writeFileSync(unsigned, base);
  tsa = await startTsa(t.certPem, t.keyPem, ca.rootPem);
  signed = join(tmp.dir, 'signed.pdf');
  writeFileSync(
    signed,
    await signPdf(base, { signer: who.signer, role: 'approver', image: makeInkPng('signature') }),
  );
  home = join(tmp.dir, 'home');
  const config = join(tmp.dir, 'config.json');
  writeFileSync(
    config,
    JSON.stringify({
      trust: { anchors: [rootPath], fetch: { allowNetworks: ['127.0.0.0/8'] }, timeoutMs: 3000 },
    }),
  );
  process.env['LTV_TEST_CONFIG'] = config;
});
afterAll(async () => {
  await rev?.close();
  await tsa?.close();
  tmp.cleanup();
});

const cfg = (): string[] => ['--config', process.env['LTV_TEST_CONFIG']!];

describe('vanthu ltv', () => {
  it('extend --lta, then check lists the file whose archive timestamp expires within the window, refresh renews it', async () => {
    const out = join(tmp.dir, 'archived.pdf');
    const e = await runVanthu(home, [
      'ltv',
      'extend',
      signed,
      '-o',
      out,
      '--lta',
      '--tsa',
      tsa.url,
      '--json',
      ...cfg(),
    ]);
    expect(e.code, e.stderr).toBe(0);
    expect(JSON.parse(e.stdout)).toMatchObject({ level: 'B-LTA', signatures: 1 });
    const before = readFileSync(out);
    expect(before.subarray(0, readFileSync(signed).length).equals(readFileSync(signed))).toBe(true);

    const narrow = await runVanthu(home, ['ltv', 'check', tmp.dir, '--within', '1m', '--json', ...cfg()]);
    expect(narrow.code, narrow.stderr).toBe(0);
    const listedNarrow = JSON.parse(narrow.stdout).documents.map((d: { file: string }) => d.file);
    expect(listedNarrow).toContain(signed);
    expect(listedNarrow).not.toContain(out);

    const wide = await runVanthu(home, ['ltv', 'check', out, '--within', '6m', '--json', ...cfg()]);
    expect(JSON.parse(wide.stdout).documents).toMatchObject([{ file: out, kind: 'archive' }]);

    const r = await runVanthu(home, [
      'ltv',
      'refresh',
      out,
      '--within',
      '6m',
      '--tsa',
      tsa.url,
      '--json',
      ...cfg(),
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).documents).toMatchObject([{ file: out, refreshed: true }]);
    const after = readFileSync(out);
    expect(after.subarray(0, before.length).equals(before)).toBe(true);
    const v = await verifyPdf(out, { trustPaths: [rootPath], online: false });
    expect(v.indication, JSON.stringify(v.signatures)).toBe('TOTAL_PASSED');
    expect(v.signatures.map((s) => s.subFilter)).toEqual([
      'ETSI.CAdES.detached',
      'ETSI.RFC3161',
      'ETSI.RFC3161',
    ]);
    expect(v.signatures[0]).toMatchObject({ level: 'B-B', ltv: true });
  });

  it('vanthu sign --level B-LTA with a PKCS#12 key: the output carries /DSS and an archive timestamp', async () => {
    const who = await ca.issue('Người Ký Dòng Lệnh', { ocspUrl: rev.ocspUrl });
    await rev.publish([
      ...published,
      { serialHex: who.serialHex, notAfter: new Date(Date.now() + 90 * DAY) },
    ]);
    const p12 = writeP12(tmp.dir, 'cli-signer', who, [{ certPem: ca.rootPem }], '123456');
    const png = join(tmp.dir, 'sig.png');
    writeFileSync(png, makeInkPng('signature'));
    const out = join(tmp.dir, 'cli-lta.pdf');
    const r = await runVanthu(
      home,
      [
        'sign',
        unsigned,
        '-o',
        out,
        '--role',
        'approver',
        '--image',
        png,
        '--key',
        `p12:${p12}?pin-source=env:VANTHU_TEST_PIN`,
        '--tsa',
        tsa.url,
        '--level',
        'B-LTA',
        '--json',
        ...cfg(),
      ],
      { VANTHU_TEST_PIN: '123456' },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ level: 'B-LTA' });
    const v = await verifyPdf(out, { trustPaths: [rootPath], online: false });
    expect(v.indication, JSON.stringify(v.signatures)).toBe('TOTAL_PASSED');
    expect(v.signatures.map((x) => [x.level, x.ltv])).toEqual([
      ['B-LTA', true],
      [null, true],
    ]);
  });

  it('usage: --lta without --tsa, refresh without --tsa, a bad window', async () => {
    for (const args of [
      ['ltv', 'extend', signed, '-o', join(tmp.dir, 'x.pdf'), '--lta'],
      ['ltv', 'refresh', signed],
      ['ltv', 'check', signed, '--within', 'soon'],
    ]) {
      const r = await runVanthu(home, [...args, '--lang', 'en', ...cfg()]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('USAGE');
    }
  });
});
