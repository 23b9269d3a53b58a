import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeVanBan, qpdf, tempDir } from '../../support/pdf-inputs.js';
import { type TestCa, makeInkPng, makeTestCa } from '../../support/pdf-inputs-signer.js';
import { writeP12 } from '../../support/pki.js';
import { ENGLISH } from '../../support/screen-checks.js';

// `vanthu sign` says what happened in one language: Vietnamese by the locale, English with --lang en.
const CLI = join(import.meta.dirname, '../../../daemon/bin/vanthu.mjs');
const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ]/i;
const tmp = tempDir('vanthu-sign-lang-');
let ca: TestCa;
let input: string;
let png: string;
let key: string;
let config: string;

beforeAll(async () => {
  ca = await makeTestCa();
  input = join(tmp.dir, 'v13.pdf');
  writeFileSync(input, qpdf(await makeVanBan(), ['--force-version=1.3'], tmp.dir));
  png = join(tmp.dir, 'sig.png');
  writeFileSync(png, makeInkPng('signature'));
  // The key holds no chain and the trust config no anchor: the chain warning comes too.
  const id = await ca.issue('Trần Văn Minh');
  key = `p12:${writeP12(tmp.dir, 'nguoi-ky', id, [], '123456')}?pin-source=env:VANTHU_TEST_PIN`;
  config = join(tmp.dir, 'config.json');
  writeFileSync(config, JSON.stringify({ trust: { online: false } }));
});
afterAll(() => tmp.cleanup());

function sign(out: string, extra: string[], locale: string) {
  const r = spawnSync(
    process.execPath,
    [
      CLI,
      'sign',
      input,
      '-o',
      join(tmp.dir, out),
      '--role',
      'approver',
      '--image',
      png,
      '--key',
      key,
      '--config',
      config,
      '--json',
      ...extra,
    ],
    {
      encoding: 'utf8',
      env: {
        ...process.env,
        LC_ALL: '',
        LC_MESSAGES: '',
        LANG: locale,
        VANTHU_HOME: join(tmp.dir, 'home'),
        VANTHU_SYSTEM_CONFIG: join(tmp.dir, 'admin.json'),
        VANTHU_TEST_PIN: '123456',
      },
    },
  );
  expect(r.status, r.stderr).toBe(0);
  const warnings = (JSON.parse(r.stdout) as { warnings: string[] }).warnings;
  const logged = r.stderr.split('\n').filter((l) => l.startsWith('vanthu: '));
  return { warnings, logged };
}

describe('vanthu sign on a PDF 1.3 input', () => {
  it('LANG=vi_VN.UTF-8: every warning in Vietnamese only', () => {
    const { warnings, logged } = sign('vi.pdf', [], 'vi_VN.UTF-8');
    expect(warnings.some((w) => w.startsWith('Tệp PDF 1.3 được nâng lên PDF 1.7'))).toBe(true);
    expect(warnings.some((w) => w.startsWith('Chuỗi chứng thư không đầy đủ'))).toBe(true);
    expect(logged).toHaveLength(warnings.length);
    for (const line of [...warnings, ...logged]) {
      // The issuer's name is the certificate's, in whatever language it was written.
      expect(line.replace(/"[^"]*"/g, '')).not.toMatch(ENGLISH);
      expect(line).not.toMatch(/Seed|\s\/\s/);
    }
    for (const line of logged) expect(line).toMatch(/^vanthu: cảnh báo: /);
  });

  it('--lang en (over a Vietnamese locale): every warning in English only', () => {
    const { warnings, logged } = sign('en.pdf', ['--lang', 'en'], 'vi_VN.UTF-8');
    expect(warnings.some((w) => w.startsWith('The PDF 1.3 file was raised to PDF 1.7'))).toBe(true);
    expect(warnings.some((w) => w.startsWith('The certificate chain is incomplete'))).toBe(true);
    expect(logged).toHaveLength(warnings.length);
    for (const line of [...warnings, ...logged]) {
      expect(line.replace(/"[^"]*"/g, '')).not.toMatch(VIETNAMESE);
      expect(line).not.toMatch(/Seed|\s\/\s/);
    }
    for (const line of logged) expect(line).toMatch(/^vanthu: warning: /);
  });
});
