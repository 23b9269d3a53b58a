import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VanthuError } from '@vanthu/shared/errors/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConvertConfig } from '../../../daemon/src/convert/config.js';
import { convertDocx } from '../../../daemon/src/convert/convert-docx.js';
import { docxConverterCheck } from '../../../daemon/src/doctor/convert-checks.js';
import type { RunningDaemon } from '../../../daemon/src/service/daemon.js';
import { TestClient } from '../../support/daemon-client.js';
import { docxDraft } from '../../support/docx-draft.js';
import { tempDir } from '../../support/pdf-inputs.js';
import { startTestDaemon } from '../../support/test-daemon.js';
import { runVanthu } from '../../support/vanthu-cli.js';

const tmp = tempDir('vanthu-convert-');
const TITLE = 'Quyết định về việc ban hành Quy chế công tác văn thư';
const draft = docxDraft([
  'ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ',
  TITLE,
  'Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng',
]);

/** pdffonts' table: one row per font, with its "emb" column. */
function fontRows(file: string): { name: string; embedded: boolean }[] {
  const out = execFileSync('pdffonts', [file], { encoding: 'utf8' });
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      // name type… encoding emb sub uni object ID: emb is the 5th column from the end.
      return { name: cols[0]!, embedded: cols[cols.length - 5] === 'yes' };
    });
}

/** A stand-in for soffice: a shell script with the given body (after `--outdir DIR` is read into $out). */
function fakeSoffice(name: string, body: string): string {
  const file = join(tmp.dir, name);
  writeFileSync(
    file,
    `#!/bin/sh\nwhile [ $# -gt 0 ]; do if [ "$1" = --outdir ]; then out="$2"; fi; shift; done\n${body}\n`,
  );
  chmodSync(file, 0o755);
  return file;
}

/** Alive and not a zombie (a killed child waits for a reaper that a container may not have). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

const failure = async (p: Promise<unknown>): Promise<VanthuError> => {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof VanthuError) return error;
  throw new Error(`expected a VanthuError, got ${String(error)}`);
};

describe('DOCX drafts become PDF ≥ 1.4 with LibreOffice (Điều 9.5)', () => {
  let daemon: RunningDaemon;
  let secret: string;
  beforeAll(async () => {
    ({ daemon, secret } = await startTestDaemon(join(tmp.dir, 'home'), {
      keys: {
        listTokens: async () => [],
        openSigner: async () => Promise.reject(new VanthuError('KEY_NOT_FOUND')),
      },
      verifier: { verify: async () => Promise.reject(new VanthuError('NOT_SUPPORTED')) },
    }));
  });
  afterAll(async () => {
    await daemon.stop();
    tmp.cleanup();
  });

  it('document.convert returns the PDF: Vietnamese text intact, every font embedded, version ≥ 1.4', async () => {
    const c = await TestClient.connect(daemon.port);
    expect((await c.pair(secret)).ok).toBe(true);
    const reply = await c.request('document.convert', { document: { bytes: draft.length } }, draft);
    expect(reply.error).toBeUndefined();
    const pdf = c.received(reply.id);
    c.close();
    expect(pdf.length).toBe(reply.result?.document?.bytes);
    const version = /^%PDF-(\d\.\d)/.exec(pdf.subarray(0, 9).toString('latin1'))?.[1];
    expect(Number(version)).toBeGreaterThanOrEqual(1.4);
    expect(reply.result?.['pdfVersion']).toBe(version);
    const file = join(tmp.dir, 'draft.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).normalize('NFC');
    expect(text).toContain(TITLE);
    expect(text).toContain('ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ');
    const fonts = fontRows(file);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
    expect(reply.result?.['fontCount']).toBe(fonts.length);
  });

  it('without LibreOffice: CONVERTER_MISSING saying how to install it, and no output file', async () => {
    const input = join(tmp.dir, 'missing.docx');
    const output = join(tmp.dir, 'missing.pdf');
    writeFileSync(input, draft);
    const run = await runVanthu(join(tmp.dir, 'home'), ['convert', input, '-o', output], {
      VANTHU_SOFFICE: join(tmp.dir, 'no-such-soffice'),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('CONVERTER_MISSING');
    expect(run.stderr).toContain('sudo apt install libreoffice-writer-nogui');
    expect(run.stderr).toContain('libreoffice.org');
    expect(existsSync(output)).toBe(false);
  });

  it('vanthu doctor warns (does not fail) when conversion is on and LibreOffice is missing', async () => {
    const env = { ...process.env, VANTHU_HOME: join(tmp.dir, 'home'), VANTHU_SOFFICE: join(tmp.dir, 'none') };
    const tokens = async () => Promise.reject(new Error('not used'));
    const missing = await docxConverterCheck.run({ env, tokens });
    expect(missing.status).toBe('warn');
    expect(missing.vi).toContain('sudo apt install libreoffice-writer-nogui');
    const off = join(tmp.dir, 'off.json');
    writeFileSync(off, JSON.stringify({ convert: { enabled: false } }));
    expect((await docxConverterCheck.run({ env, tokens, configPath: off })).status).toBe('ok');
  });

  it('the CLI writes the checked PDF, and refuses one whose fonts are not embedded', async () => {
    const good = join(tmp.dir, 'good.pdf');
    writeFileSync(good, fontPdf('/FontFile2 6 0 R'));
    const bare = join(tmp.dir, 'bare.pdf');
    writeFileSync(bare, fontPdf(''));
    const input = join(tmp.dir, 'in.docx');
    writeFileSync(input, draft);
    const copying = (pdf: string) =>
      fakeSoffice(`copy-${pdf.length}`, `mkdir -p "$out"; cp "${pdf}" "$out/draft.pdf"`);
    const ok = await runVanthu(join(tmp.dir, 'home'), ['convert', input, '-o', join(tmp.dir, 'out.pdf')], {
      VANTHU_SOFFICE: copying(good),
    });
    expect(ok.stderr).toBe('');
    expect(readFileSync(join(tmp.dir, 'out.pdf'))).toEqual(readFileSync(good));
    const refused = await runVanthu(
      join(tmp.dir, 'home'),
      ['convert', input, '-o', join(tmp.dir, 'bare-out.pdf')],
      {
        VANTHU_SOFFICE: copying(bare),
      },
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('CONVERT_FAILED');
    expect(refused.stderr).toContain('Helvetica');
    expect(existsSync(join(tmp.dir, 'bare-out.pdf'))).toBe(false);
  });

  it('a conversion over its time cap is killed with everything it started (TIMEOUT)', async () => {
    const pids = join(tmp.dir, 'pids');
    const program = fakeSoffice('hang', `echo $$ > "${pids}"; sleep 120 & echo $! >> "${pids}"; wait`);
    const config = join(tmp.dir, 'slow.json');
    writeFileSync(config, JSON.stringify({ convert: { soffice: program, timeoutSeconds: 1 } }));
    const env = { ...process.env, VANTHU_HOME: join(tmp.dir, 'home') };
    const started = Date.now();
    const error = await failure(convertDocx(draft, loadConvertConfig(config, env), { env }));
    expect(error.code).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(10_000);
    const [launcher, child] = readFileSync(pids, 'utf8').trim().split('\n').map(Number);
    await new Promise((r) => setTimeout(r, 200));
    expect(alive(launcher!)).toBe(false);
    expect(alive(child!)).toBe(false);
  });

  it('a conversion whose PDF grows past the output cap is stopped there (CONVERT_FAILED), not at the time cap', async () => {
    const pids = join(tmp.dir, 'growing-pids');
    const program = fakeSoffice(
      'grow',
      `echo $$ > "${pids}"; mkdir -p "$out"; head -c 8192 /dev/zero > "$out/draft.pdf"; sleep 120 & echo $! >> "${pids}"; wait`,
    );
    const config = join(tmp.dir, 'capped.json');
    writeFileSync(
      config,
      JSON.stringify({ convert: { soffice: program, timeoutSeconds: 60, maxOutputBytes: 4096 } }),
    );
    const env = { ...process.env, VANTHU_HOME: join(tmp.dir, 'home') };
    const started = Date.now();
    const error = await failure(convertDocx(draft, loadConvertConfig(config, env), { env }));
    expect(error.code).toBe('CONVERT_FAILED');
    expect(error.message).toContain('larger than 4096 bytes');
    expect(Date.now() - started).toBeLessThan(20_000);
    const [launcher, child] = readFileSync(pids, 'utf8').trim().split('\n').map(Number);
    await new Promise((r) => setTimeout(r, 200));
    expect(alive(launcher!)).toBe(false);
    expect(alive(child!)).toBe(false);
  });
});

/** A one-page PDF 1.7 using one TrueType font, embedded when `fontFile` names its font file. */
function fontPdf(fontFile: string): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> >>',
    '<< /Type /Font /Subtype /TrueType /BaseFont /Helvetica /FontDescriptor 5 0 R >>',
    `<< /Type /FontDescriptor /FontName /Helvetica /Flags 32 ${fontFile} >>`,
    '<< /Length 4 >>\nstream\nfont\nendstream',
  ];
  let out = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
