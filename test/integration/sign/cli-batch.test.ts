import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeVanBan, tempDir } from '../../support/pdf-inputs.js';
import { makeInkPng, makeTestCa } from '../../support/pdf-inputs-signer.js';
import { writeP12 } from '../../support/pki.js';

// `vanthu sign --in-dir IN --out-dir OUT`: a batch stamped with one key opening per file and one
// PIN entry. Spawns the compiled CLI (daemon/dist): run `npx tsc -b` first.
const CLI = join(import.meta.dirname, '../../../daemon/bin/vanthu.mjs');
const PIN = 'Mật khẩu 2468';
const tmp = tempDir('vanthu-sign-batch-');
const inDir = join(tmp.dir, 'in');
let p12: string;
let rootPath: string;
let sigPng: string;

function vanthu(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, VANTHU_HOME: join(tmp.dir, 'home'), ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, lines: r.stdout.trim().split('\n') };
}

const keyArgs = (pinSource = '?pin-source=env:VANTHU_TEST_PIN') => [
  '--role',
  'approver',
  '--image',
  sigPng,
  '--key',
  `p12:${p12}${pinSource}`,
];

beforeAll(async () => {
  mkdirSync(inDir, { recursive: true });
  const ca = await makeTestCa();
  rootPath = join(tmp.dir, 'root.pem');
  writeFileSync(rootPath, ca.rootPem);
  const id = await ca.issue('Trần Thị Hoa', { org: 'Sở Tư pháp' });
  p12 = writeP12(tmp.dir, 'hoa', { keyPem: id.keyPem, certPem: id.certPem }, [{ certPem: ca.rootPem }], PIN);
  sigPng = join(tmp.dir, 'sig.png');
  writeFileSync(sigPng, makeInkPng('signature'));
  const doc = await makeVanBan();
  writeFileSync(join(inDir, 'a.pdf'), doc);
  writeFileSync(join(inDir, 'b.pdf'), doc);
  writeFileSync(join(inDir, 'c-broken.pdf'), 'not a PDF');
  writeFileSync(join(inDir, 'notes.txt'), 'skipped');
});
afterAll(() => tmp.cleanup());

describe('vanthu sign --in-dir/--out-dir', () => {
  it('signs every PDF into the output directory, reports the broken one, and the outputs verify', () => {
    const out = join(tmp.dir, 'out');
    const r = vanthu(['sign', '--in-dir', inDir, '--out-dir', out, ...keyArgs(), '--json'], {
      VANTHU_TEST_PIN: PIN,
    });
    expect(r.status, r.stderr).toBe(1);
    const lines = r.lines.map((l) => JSON.parse(l));
    expect(lines.map((l) => l.input ?? 'summary')).toEqual([
      join(inDir, 'a.pdf'),
      join(inDir, 'b.pdf'),
      join(inDir, 'c-broken.pdf'),
      'summary',
    ]);
    expect(lines[0]).toMatchObject({ output: join(out, 'a.pdf'), role: 'approver' });
    expect(lines[2].error.code).toBe('PDF_MALFORMED');
    expect(lines[3]).toEqual({ summary: { files: 3, signed: 2, failed: 1 } });
    expect(readdirSync(out).sort()).toEqual(['a.pdf', 'b.pdf']);
    const v = vanthu(['verify', out, '--trust', rootPath, '--offline', '--lang', 'en']);
    expect(v.status, v.stdout + v.stderr).toBe(0);
    expect(v.lines.at(-1)).toBe('2 files: 2 passed, 0 failed, 0 indeterminate, 0 errors');
  });

  it('a wrong PIN stops the batch at the first file (exit 2), so it is not tried again', () => {
    const out = join(tmp.dir, 'out-wrong');
    const r = vanthu(['sign', '--in-dir', inDir, '--out-dir', out, ...keyArgs()], { VANTHU_TEST_PIN: 'sai' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('PIN_INCORRECT');
    expect(r.stdout).toBe('');
    expect(readdirSync(out)).toEqual([]);
  });

  it('the PIN is typed once on the terminal for the whole batch', () => {
    const out = join(tmp.dir, 'out-tty');
    // `script` gives the CLI a terminal; only one line of PIN is ever typed into it.
    const cmd = [
      process.execPath,
      CLI,
      'sign',
      '--in-dir',
      inDir,
      '--out-dir',
      out,
      ...keyArgs(''),
      '--lang',
      'en',
    ]
      .map((a) => `'${a.replaceAll("'", "'\\''")}'`)
      .join(' ');
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], {
      input: `${PIN}\n`,
      encoding: 'utf8',
      // A second prompt would wait for a line that never comes.
      timeout: 60_000,
      env: { ...process.env, VANTHU_HOME: join(tmp.dir, 'home') },
    });
    expect(r.stdout.match(/Token PIN:/g), r.stdout).toHaveLength(1);
    expect(existsSync(join(out, 'a.pdf')) && existsSync(join(out, 'b.pdf'))).toBe(true);
    expect(r.stdout).toContain('3 files: 2 signed, 1 failed');
  });

  it('refuses an output directory that is the input directory, and one flag without the other', () => {
    const same = vanthu(['sign', '--in-dir', inDir, '--out-dir', inDir, ...keyArgs()], {
      VANTHU_TEST_PIN: PIN,
    });
    expect(same.status).toBe(2);
    expect(same.stderr).toContain('--out-dir must differ');
    expect(vanthu(['sign', '--in-dir', inDir, ...keyArgs()]).stderr).toContain(
      '--in-dir and --out-dir go together',
    );
  });
});
