import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPdf } from '../../../daemon/src/pdf/sign-pdf.js';
import { makeVanBan, tempDir } from '../../support/pdf-inputs.js';
import { makeInkPng, makeTestCa } from '../../support/pdf-inputs-signer.js';

// `vanthu verify FILE… | DIR [--recursive]`: many files in one process (the verification pool).
// Spawns the compiled CLI (daemon/dist): run `npx tsc -b` first.
const CLI = join(import.meta.dirname, '../../../daemon/bin/vanthu.mjs');
const tmp = tempDir('vanthu-verify-batch-');
const home = join(tmp.dir, 'home');
const archive = join(tmp.dir, 'archive');
let rootPath: string;

function vanthu(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, VANTHU_HOME: home, VANTHU_SYSTEM_CONFIG: join(tmp.dir, 'no-admin.json') },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, lines: r.stdout.trim().split('\n') };
}

beforeAll(async () => {
  mkdirSync(join(archive, '2025', 'q4'), { recursive: true });
  mkdirSync(home, { recursive: true });
  const ca = await makeTestCa();
  rootPath = join(tmp.dir, 'root.pem');
  writeFileSync(rootPath, ca.rootPem);
  const signer = (await ca.issue('Lê Văn Bình', { org: 'Sở Nội vụ' })).signer;
  const signed = await signPdf(await makeVanBan(), {
    signer,
    role: 'approver',
    image: makeInkPng('signature'),
  });
  writeFileSync(join(archive, 'a.pdf'), signed);
  writeFileSync(join(archive, 'b.PDF'), signed);
  writeFileSync(join(archive, 'notes.txt'), 'not a PDF');
  writeFileSync(join(archive, '2025', 'c.pdf'), signed);
  // A signed byte changed: the signature no longer covers what the file says.
  const tampered = Buffer.from(signed);
  const at = tampered.indexOf(Buffer.from('/MediaBox'));
  tampered[at + 1] = 'm'.charCodeAt(0);
  writeFileSync(join(archive, '2025', 'q4', 'd.pdf'), tampered);
  writeFileSync(join(archive, '2025', 'q4', 'e.pdf'), 'no PDF here');
});
afterAll(() => tmp.cleanup());

describe('vanthu verify, many files', () => {
  it('FILE FILE: one line per file in the order given, a summary, exit 0 when all pass', () => {
    const a = join(archive, 'a.pdf');
    const c = join(archive, '2025', 'c.pdf');
    const r = vanthu(['verify', c, a, '--trust', rootPath, '--offline', '--lang', 'en']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.lines).toEqual([
      `${c}: TOTAL_PASSED (1 signature)`,
      `${a}: TOTAL_PASSED (1 signature)`,
      '2 files: 2 passed, 0 failed, 0 indeterminate, 0 errors',
    ]);
    // Piped stderr: no progress bar.
    expect(r.stderr).toBe('');
  });

  it('DIR checks the PDFs at its top level; --recursive also those below, and one failure makes exit 1', () => {
    const top = vanthu(['verify', archive, '--trust', rootPath, '--offline', '--json']);
    expect(top.status, top.stderr).toBe(0);
    expect(top.lines.map((l) => JSON.parse(l).file ?? 'summary')).toEqual([
      join(archive, 'a.pdf'),
      join(archive, 'b.PDF'),
      'summary',
    ]);
    const all = vanthu([
      'verify',
      archive,
      '--recursive',
      '--trust',
      rootPath,
      '--offline',
      '--json',
      '--jobs',
      '2',
    ]);
    expect(all.status, all.stderr).toBe(1);
    const lines = all.lines.map((l) => JSON.parse(l));
    const byFile = Object.fromEntries(lines.slice(0, -1).map((l) => [l.file.slice(archive.length + 1), l]));
    expect(Object.keys(byFile)).toEqual(['2025/c.pdf', '2025/q4/d.pdf', '2025/q4/e.pdf', 'a.pdf', 'b.PDF']);
    expect(byFile['2025/c.pdf'].indication).toBe('TOTAL_PASSED');
    expect(byFile['2025/c.pdf'].signatures[0].signer.commonName).toBe('Lê Văn Bình');
    expect(byFile['2025/q4/d.pdf'].indication).toBe('TOTAL_FAILED');
    expect(byFile['2025/q4/e.pdf'].error.code).toBe('PDF_MALFORMED');
    expect(lines.at(-1)).toEqual({
      summary: { files: 5, passed: 3, failed: 1, indeterminate: 0, errors: 1 },
    });
  });

  it('the flags reach every file: without the trust anchor no file passes, so exit 1', () => {
    const r = vanthu(['verify', join(archive, 'a.pdf'), join(archive, 'b.PDF'), '--offline', '--lang', 'en']);
    expect(r.status, r.stderr).toBe(1);
    expect(r.lines.slice(0, 2).every((l) => !l.includes('TOTAL_PASSED'))).toBe(true);
    expect(r.lines.at(-1)).toMatch(/^2 files: 0 passed/);
  });

  it('a path that does not exist, or a directory without PDFs, is an error before any work', () => {
    expect(vanthu(['verify', join(archive, 'a.pdf'), join(tmp.dir, 'absent.pdf')]).status).toBe(2);
    const empty = join(tmp.dir, 'empty');
    mkdirSync(empty);
    const r = vanthu(['verify', empty, '--lang', 'en']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('FILE_NOT_FOUND');
  });
});
