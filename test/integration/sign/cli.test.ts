import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { swapXrefOffsets } from '../../support/pdf-damage.js';
import { makeVanBan, tempDir } from '../../support/pdf-inputs.js';
import { type TestCa, makeInkPng, makeTestCa } from '../../support/pdf-inputs-signer.js';
import { writeP12 } from '../../support/pki.js';
import {
  type ValidationContext,
  allAccepted,
  makeNssDb,
  pdftotext,
  validateAll,
} from '../../support/validators.js';

const CLI = join(import.meta.dirname, '../../../daemon/bin/vanthu.mjs');
const TOKEN_LAYER = join(import.meta.dirname, '../../../daemon/dist/token/index.js');
const tmp = tempDir('vanthu-cli-sign-');
let ca: TestCa;
let vctx: ValidationContext;
let input: string;
let sigPng: string;
let sealPng: string;

beforeAll(async () => {
  ca = await makeTestCa();
  const rootPemPath = join(tmp.dir, 'root.pem');
  writeFileSync(rootPemPath, ca.rootPem);
  vctx = { nssDb: makeNssDb(tmp.dir, ca.rootPem), rootPemPath, dir: tmp.dir };
  input = join(tmp.dir, 'in.pdf');
  writeFileSync(input, await makeVanBan());
  sigPng = join(tmp.dir, 'sig.png');
  sealPng = join(tmp.dir, 'seal.png');
  writeFileSync(sigPng, makeInkPng('signature'));
  writeFileSync(sealPng, makeInkPng('seal'));
});
afterAll(() => tmp.cleanup());

function vanthu(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('vanthu sign: usage', () => {
  it.each([
    [['sign', 'in.pdf', '--role', 'approver', '--key', 'p12:/x.p12'], '-o OUT.pdf'],
    [['sign', 'in.pdf', '-o', 'o.pdf', '--role', 'boss', '--key', 'p12:/x.p12'], '--role'],
    [['sign', 'in.pdf', '-o', 'o.pdf', '--role', 'approver', '--key', 'p12:/x.p12'], '--image'],
    [['sign', 'in.pdf', '-o', 'o.pdf', '--role', 'attachment', '--key', 'p12:/x.p12'], '--number'],
    [['sign', 'in.pdf', '-o', 'o.pdf', '--role', 'copy', '--key', 'p12:/x.p12', '--rect', '1,2,3'], '--rect'],
    [
      ['sign', 'in.pdf', '-o', 'o.pdf', '--role', 'copy', '--key', 'p12:/x.p12', '--certify', '2'],
      '--certify',
    ],
    [
      [
        'sign',
        'in.pdf',
        '-o',
        'o.pdf',
        '--role',
        'approver',
        '--image',
        'x',
        '--key',
        'p12:/x.p12',
        '--certify',
        '4',
      ],
      '--certify',
    ],
    [
      ['sign', 'in.pdf', '-o', 'o.pdf', '--role', 'copy', '--key', 'p12:/x.p12', '--copy-form', 'BẢN CHÍNH'],
      '--copy-form',
    ],
    [
      [
        'sign',
        'in.pdf',
        '-o',
        'o.pdf',
        '--role',
        'seal',
        '--image',
        'x',
        '--key',
        'p12:/x.p12',
        '--date',
        '2026-02-30',
      ],
      '--date',
    ],
  ])('%j → exit 2 USAGE naming %s', (args, flag) => {
    const r = vanthu([...args, '--lang', 'en']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('USAGE');
    expect(r.stderr).toContain(flag);
  });

  it('B-LT and B-LTA without --tsa: USAGE naming --tsa (the signature is timestamped first)', () => {
    const r = vanthu([
      'sign',
      input,
      '-o',
      join(tmp.dir, 'lt.pdf'),
      '--role',
      'copy',
      '--key',
      'p12:/x.p12',
      '--level',
      'B-LT',
      '--lang',
      'en',
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('USAGE');
    expect(r.stderr).toContain('--level B-LT needs --tsa');
  });
});

describe.runIf(existsSync(TOKEN_LAYER))('vanthu sign with a PKCS#12 key', () => {
  it('approver then seal with number and date, JSON output, both signatures valid', async () => {
    const p12 = async (cn: string, org?: string) => {
      const id = await ca.issue(cn, org ? { org } : {});
      return writeP12(tmp.dir, cn, id, [{ certPem: ca.rootPem }], '123456');
    };
    const person = await p12('nguoi-ky');
    const org = await p12('co-quan', 'Ủy ban nhân dân thành phố Cần Thơ');
    const approved = join(tmp.dir, 'approved.pdf');
    const sealed = join(tmp.dir, 'sealed.pdf');
    const env = { VANTHU_TEST_PIN: '123456' };
    const a = vanthu(
      [
        'sign',
        input,
        '-o',
        approved,
        '--role',
        'approver',
        '--image',
        sigPng,
        '--key',
        `p12:${person}?pin-source=env:VANTHU_TEST_PIN`,
        '--json',
      ],
      env,
    );
    expect(a.status, a.stderr).toBe(0);
    expect(JSON.parse(a.stdout)).toMatchObject({ field: 'CaNhan', role: 'approver' });
    const s = vanthu(
      [
        'sign',
        approved,
        '-o',
        sealed,
        '--role',
        'seal',
        '--image',
        sealPng,
        '--key',
        `p12:${org}?pin-source=env:VANTHU_TEST_PIN`,
        '--number',
        '1637/QĐ-UBND',
        '--date',
        '2026-01-05',
        '--reason',
        'Ban hành',
        '--location',
        'Cần Thơ',
      ],
      env,
    );
    expect(s.status, s.stderr).toBe(0);
    const out = readFileSync(sealed);
    expect(out.subarray(0, readFileSync(approved).length).equals(readFileSync(approved))).toBe(true);
    expect(allAccepted(validateAll(sealed, out, vctx), 2)).toBe(true);
    expect(pdftotext(sealed, 1)).toMatch(/ngày 05 tháng 01 năm 2026/);
    // OUT exists: refused without --force.
    const again = vanthu(
      [
        'sign',
        approved,
        '-o',
        sealed,
        '--role',
        'seal',
        '--image',
        sealPng,
        '--key',
        `p12:${org}?pin-source=env:VANTHU_TEST_PIN`,
      ],
      env,
    );
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('FILE_EXISTS');
  });

  it('--certify 1: the approver certifies (JSON says so); the seal step is then refused', async () => {
    const id = await ca.issue('nguoi-ky-3');
    const p12 = writeP12(tmp.dir, 'nguoi-ky-3', id, [{ certPem: ca.rootPem }], '123456');
    const key = `p12:${p12}?pin-source=env:VANTHU_TEST_PIN`;
    const env = { VANTHU_TEST_PIN: '123456' };
    const certified = join(tmp.dir, 'certified.pdf');
    const a = vanthu(
      [
        'sign',
        input,
        '-o',
        certified,
        '--role',
        'approver',
        '--image',
        sigPng,
        '--key',
        key,
        '--certify',
        '1',
        '--json',
      ],
      env,
    );
    expect(a.status, a.stderr).toBe(0);
    expect(JSON.parse(a.stdout)).toMatchObject({ field: 'CaNhan', certify: 1 });
    expect(allAccepted(validateAll(certified, readFileSync(certified), vctx), 1)).toBe(true);
    const s = vanthu(
      [
        'sign',
        certified,
        '-o',
        join(tmp.dir, 'certified-sealed.pdf'),
        '--role',
        'seal',
        '--image',
        sealPng,
        '--key',
        key,
      ],
      env,
    );
    expect(s.status).toBe(2);
    expect(s.stderr).toContain('PDF_CERTIFIED_LOCKED');
    expect(existsSync(join(tmp.dir, 'certified-sealed.pdf'))).toBe(false);
  });

  it('signs a file whose xref offsets are wrong, read from disk; vanthu verify passes the result', async () => {
    const id = await ca.issue('nguoi-ky-2');
    const p12 = writeP12(tmp.dir, 'nguoi-ky-2', id, [{ certPem: ca.rootPem }], '123456');
    const damaged = join(tmp.dir, 'damaged.pdf');
    writeFileSync(damaged, swapXrefOffsets(readFileSync(input), 3, 6));
    const signed = join(tmp.dir, 'damaged-signed.pdf');
    const a = vanthu(
      [
        'sign',
        damaged,
        '-o',
        signed,
        '--role',
        'approver',
        '--image',
        sigPng,
        '--key',
        `p12:${p12}?pin-source=env:VANTHU_TEST_PIN`,
        '--json',
      ],
      { VANTHU_TEST_PIN: '123456' },
    );
    expect(a.status, a.stderr).toBe(0);
    const out = readFileSync(signed);
    expect(out.subarray(0, readFileSync(damaged).length).equals(readFileSync(damaged))).toBe(true);
    expect(allAccepted(validateAll(signed, out, vctx), 1)).toBe(true);
    const v = vanthu(['verify', signed, '--trust', vctx.rootPemPath, '--json', '--offline']);
    expect(v.status, v.stderr).toBe(0);
    expect(JSON.parse(v.stdout).indication).toBe('TOTAL_PASSED');
  });
});
