import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentInflateBomb } from '../../support/content-bomb.js';
import { tempDir } from '../../support/pdf-inputs.js';
import { makeInkPng, makeTestCa } from '../../support/pdf-inputs-signer.js';
import { writeP12 } from '../../support/pki.js';
import { VANTHU_BIN } from '../../support/vanthu-cli.js';

const TOKEN_LAYER = join(import.meta.dirname, '../../../daemon/dist/token/index.js');
// Node with pdf.js loaded is ~100 MB; inflating the bomb took `vanthu sign` past 2 GB.
const RSS_LIMIT_MB = 400;
const tmp = tempDir('vanthu-cli-bomb-');
let bomb: string;
let image: string;
let key: string;

beforeAll(async () => {
  const ca = await makeTestCa();
  bomb = join(tmp.dir, 'bomb.pdf');
  writeFileSync(bomb, await contentInflateBomb(1100));
  image = join(tmp.dir, 'sig.png');
  writeFileSync(image, makeInkPng('signature'));
  key = writeP12(tmp.dir, 'nguoi-ky', await ca.issue('Nguyễn Văn Ký'), [{ certPem: ca.rootPem }], '123456');
});
afterAll(() => tmp.cleanup());

/** Resident memory (MB) of `pid` and its descendants, 0 once gone. */
function treeRssMb(pid: number): number {
  try {
    const rss = Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'latin1'))?.[1] ?? 0);
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'latin1')
      .trim()
      .split(/\s+/)
      .filter(Boolean);
    return rss / 1024 + children.reduce((sum, c) => sum + treeRssMb(Number(c)), 0);
  } catch {
    return 0;
  }
}

/** Runs the CLI, sampling the resident memory of it and its processes every 20 ms. */
function runSampled(
  args: string[],
): Promise<{ code: number | null; stderr: string; peakMb: number; ms: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, [VANTHU_BIN, ...args], {
    env: { ...process.env, VANTHU_HOME: tmp.dir, VANTHU_TEST_PIN: '123456' },
  });
  let stderr = '';
  let peakMb = 0;
  child.stderr.setEncoding('utf8').on('data', (c: string) => {
    stderr += c;
  });
  const timer = setInterval(() => {
    if (child.pid !== undefined) peakMb = Math.max(peakMb, treeRssMb(child.pid));
  }, 20);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearInterval(timer);
      resolve({ code, stderr, peakMb, ms: Date.now() - started });
    });
  });
}

describe.runIf(existsSync(TOKEN_LAYER) && process.platform === 'linux')(
  'vanthu sign on an inflate bomb',
  () => {
    it('fails fast with PDF_MALFORMED naming the stream, without inflating it', async () => {
      const out = join(tmp.dir, 'out.pdf');
      const r = await runSampled([
        'sign',
        bomb,
        '-o',
        out,
        '--role',
        'approver',
        '--image',
        image,
        '--key',
        `p12:${key}?pin-source=env:VANTHU_TEST_PIN`,
        '--lang',
        'en',
      ]);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain('PDF_MALFORMED');
      expect(r.stderr).toContain('object 5: stream decodes to more than 64 MiB');
      expect(existsSync(out)).toBe(false);
      expect(r.peakMb).toBeGreaterThan(0);
      expect(r.peakMb).toBeLessThan(RSS_LIMIT_MB);
      expect(r.ms).toBeLessThan(30_000);
    }, 120_000);
  },
);
