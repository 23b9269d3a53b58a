import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeVanBan, qpdf, tempDir } from '../../support/pdf-inputs.js';
import { makeInkPng } from '../../support/pdf-inputs-signer.js';

const CLI = join(import.meta.dirname, '../../../daemon/bin/vanthu.mjs');
const tmp = tempDir('vanthu-hostile-');
let base: Buffer;
let png: string;

beforeAll(async () => {
  base = Buffer.from(await makeVanBan({ pages: 2 }));
  png = join(tmp.dir, 'sig.png');
  writeFileSync(png, makeInkPng('signature'));
});
afterAll(() => tmp.cleanup());

function sign(bytes: Uint8Array, label: string) {
  const input = join(tmp.dir, `${label}.pdf`);
  const output = join(tmp.dir, `${label}-out.pdf`);
  writeFileSync(input, bytes);
  const started = Date.now();
  const r = spawnSync(
    process.execPath,
    [
      CLI,
      'sign',
      input,
      '-o',
      output,
      '--role',
      'approver',
      '--key',
      'p12:/nonexistent.p12',
      '--image',
      png,
      '--lang',
      'en',
    ],
    { encoding: 'utf8', timeout: 30_000 },
  );
  return { status: r.status, stderr: r.stderr, ms: Date.now() - started, wrote: existsSync(output) };
}

const latin = (b: Buffer): string => b.toString('latin1');

describe('hostile inputs', () => {
  const cases: [string, () => Buffer, string][] = [
    ['truncated', () => base.subarray(0, Math.floor(base.length * 0.6)), 'PDF_MALFORMED'],
    ['no PDF at all', () => Buffer.from('hello, this is not a PDF'), 'PDF_MALFORMED'],
    [
      'wrong startxref offset',
      () => Buffer.from(latin(base).replace(/startxref\s+\d+/, 'startxref\n123'), 'latin1'),
      'PDF_MALFORMED',
    ],
    [
      'cyclic page tree',
      () => {
        const s = latin(base);
        const pages = /\/Pages (\d+) 0 R/.exec(s)![1]!;
        return Buffer.from(
          s.replace(/\/Kids \[[^\]]*\]/, (m) => `/Kids [${pages} 0 R`.padEnd(m.length - 1, ' ') + ']'),
          'latin1',
        );
      },
      'PDF_MALFORMED',
    ],
    [
      'cyclic /Prev chain',
      () => {
        const s = latin(base);
        const at = /startxref\s+(\d+)/.exec(s)![1];
        return Buffer.from(s.replace(/trailer\s*<</, `trailer\n<< /Prev ${at}`), 'latin1');
      },
      'PDF_MALFORMED',
    ],
    [
      'giant xref subsection count',
      () =>
        Buffer.from(
          latin(base).replace(/xref\n0 (\d+)/, (_m, n: string) => `xref\n0 ${'9'.repeat(n.length + 8)}`),
          'latin1',
        ),
      'PDF_MALFORMED',
    ],
    [
      'giant page count',
      () => Buffer.from(latin(base).replace(/\/Count \d+/, '/Count 999999999999'), 'latin1'),
      'PDF_MALFORMED',
    ],
    [
      'giant stream length without endstream',
      () => {
        const head =
          '%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n';
        const body = `3 0 obj\n<< /Type /XRef /Size 4 /W [1 4 1] /Root 1 0 R /Length 999999999999 >>\nstream\n${'x'.repeat(64)}\n`;
        return Buffer.from(`${head}${body}startxref\n${head.length}\n%%EOF\n`, 'latin1');
      },
      'PDF_MALFORMED',
    ],
    [
      'encrypted',
      () => Buffer.from(qpdf(base, ['--encrypt', 'user', 'owner', '256', '--'], tmp.dir)),
      'PDF_ENCRYPTED',
    ],
  ];
  it.each(cases.map(([label, make, code]) => [label, code, make] as const))(
    '%s → exit 2 with %s, fast, no output',
    (label, code, make) => {
      const r = sign(make(), label.replace(/\W+/g, '-'));
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain(code);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.ms).toBeLessThan(10_000);
      expect(r.wrote).toBe(false);
    },
  );
});
