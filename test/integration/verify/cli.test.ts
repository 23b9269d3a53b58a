import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPdf } from '../../../daemon/src/pdf/sign-pdf.js';
import type { VerifyReport } from '../../../daemon/src/verify/index.js';
import { makeVanBan, qpdf, tempDir } from '../../support/pdf-inputs.js';
import { type TestCa, makeInkPng, makeTestCa } from '../../support/pdf-inputs-signer.js';

// Spawns the compiled CLI (daemon/dist): run `npx tsc -b` first.
const CLI = join(import.meta.dirname, '../../../daemon/bin/vanthu.mjs');
const tmp = tempDir('vanthu-verify-cli-');
let ca: TestCa;
let rootPath: string;
let signedPath: string;
let signed: Uint8Array;
let base: Uint8Array;

function vanthu(...args: string[]) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, VANTHU_HOME: join(tmp.dir, 'home') },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

function write(name: string, bytes: Uint8Array | string): string {
  const p = join(tmp.dir, name);
  writeFileSync(p, typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
  return p;
}

beforeAll(async () => {
  ca = await makeTestCa();
  rootPath = write('root.pem', ca.rootPem);
  base = await makeVanBan();
  const person = await ca.issue('Trần Thị Dung', { org: 'Sở Tư pháp' });
  signed = await signPdf(base, { signer: person.signer, role: 'approver', image: makeInkPng('signature') });
  signedPath = write('signed.pdf', signed);
});
afterAll(() => tmp.cleanup());

describe('vanthu verify', () => {
  it('--json prints the interfaces.md object; exit 0 when every signature passes', () => {
    const r = vanthu('verify', signedPath, '--trust', rootPath, '--json', '--offline');
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as VerifyReport;
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining(['file', 'sha256', 'indication', 'signatures']),
    );
    const s = report.signatures[0]!;
    for (const k of [
      'field',
      'role',
      'subFilter',
      'signer',
      'signingTime',
      'timestamp',
      'indication',
      'subIndication',
      'integrity',
      'coverage',
      'modificationsAfter',
      'chain',
      'revocation',
      'page',
      'rect',
      'warnings',
    ])
      expect(s, k).toHaveProperty(k);
    expect(Object.keys(s.signer)).toEqual(['commonName', 'organization', 'serialNumber', 'issuer']);
    expect(s).toMatchObject({
      field: 'CaNhan',
      role: 'approver',
      indication: 'TOTAL_PASSED',
      subIndication: null,
      timestamp: null,
    });
  });

  it('exit 1 without a trusted root, with a readable Vietnamese report by default and English with --lang en', () => {
    const vi = vanthu('verify', signedPath, '--offline');
    expect(vi.status).toBe(1);
    expect(vi.stdout).toContain('CHƯA XÁC ĐỊNH');
    expect(vi.stdout).toContain('Chuỗi chứng thư: gốc không được tin cậy');
    const en = vanthu('verify', signedPath, '--offline', '--lang', 'en');
    expect(en.status).toBe(1);
    expect(en.stdout).toContain('Result: INDETERMINATE');
    expect(en.stdout).toContain('untrusted root');
  });

  it('trust anchors from the config file trust section', () => {
    const config = write('config.json', JSON.stringify({ trust: { anchors: [rootPath], online: false } }));
    const r = vanthu('verify', signedPath, '--config', config);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('HỢP LỆ (TOTAL_PASSED)');
  });

  it('exit 1 for a document without signatures', () => {
    const r = vanthu('verify', write('unsigned.pdf', base), '--trust', rootPath, '--json');
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ indication: 'INDETERMINATE', signatures: [] });
  });

  it('usage and input errors: exit 2 with one line (code + message) on stderr', () => {
    const cases: [string[], RegExp][] = [
      [['verify'], /USAGE/],
      [['verify', signedPath, '--policy', 'lax'], /USAGE/],
      [['verify', join(tmp.dir, 'missing.pdf')], /FILE_NOT_FOUND/],
      [['verify', signedPath, '--trust', join(tmp.dir, 'no-such-root.pem')], /TRUST_STORE_INVALID/],
      [['verify', signedPath, '--trust', write('bad-root.pem', 'not a certificate')], /TRUST_STORE_INVALID/],
    ];
    for (const [args, code] of cases) {
      // Vietnamese (the default): the code and the message on one line, the technical detail
      // (English) at most on a second line of its own; in English, one line.
      const r = vanthu(...args);
      expect(r.status, args.join(' ')).toBe(2);
      const [first, ...rest] = r.stderr.trim().split('\n');
      expect(first).toMatch(code);
      expect(rest.length).toBeLessThanOrEqual(1);
      for (const line of rest) expect(line).toMatch(/^Chi tiết kỹ thuật: /);
      const en = vanthu('--lang', 'en', ...args);
      expect(en.status, `--lang en ${args.join(' ')}`).toBe(2);
      expect(en.stderr.trim().split('\n')).toHaveLength(1);
      expect(en.stderr).toMatch(code);
    }
  });

  it('hostile files: exit 2 (input error) or 1 (broken signature), always in bounded time', () => {
    const text = Buffer.from(signed).toString('latin1');
    const hostile: [string, Uint8Array | string, number][] = [
      ['garbage.pdf', Buffer.alloc(4096, 0x41), 2],
      ['truncated.pdf', signed.subarray(0, Math.floor(signed.length / 2)), 2],
      ['encrypted.pdf', qpdf(signed, ['--encrypt', 'u', 'o', '256', '--'], tmp.dir), 2],
      ['bad-startxref.pdf', text.replace(/startxref\s+\d+\s+%%EOF\s*$/, 'startxref\n999999999\n%%EOF\n'), 2],
      [
        'huge-byterange.pdf',
        text.replace(/\/ByteRange \[0 \d+ \d+ \d+\]/, (m) => '/ByteRange [0 9999999 1 1]'.padEnd(m.length)),
        1,
      ],
      ['not-der.pdf', text.replace(/\/Contents <30/, '/Contents <31'), 1],
    ];
    for (const [name, bytes, expected] of hostile) {
      const r = vanthu('verify', write(name, bytes), '--trust', rootPath, '--offline', '--json');
      expect(r.status, `${name}: ${r.stderr}`).toBe(expected);
      expect(r.ms, name).toBeLessThan(10_000);
      if (expected === 2) expect(r.stderr).toMatch(/PDF_MALFORMED|PDF_ENCRYPTED/);
      else expect((JSON.parse(r.stdout) as VerifyReport).signatures[0]!.subIndication).toBe('FORMAT_FAILURE');
    }
  });
});
