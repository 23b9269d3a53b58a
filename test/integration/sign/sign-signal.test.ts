import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeVanBan, tempDir } from '../../support/pdf-inputs.js';
import { makeInkPng, makeTestCa } from '../../support/pdf-inputs-signer.js';
import { writeP12 } from '../../support/pki.js';
import { VANTHU_BIN } from '../../support/vanthu-cli.js';

// `vanthu sign` copies IN beside OUT before it asks for the PIN. A signal while it waits (a closed
// terminal, a service stop) must not leave that full-size copy behind. The PIN prompt needs a
// terminal: util-linux's `script` gives the command one.

const tmp = tempDir('vanthu-sign-signal-');
let p12: string;
let input: string;
let png: string;

beforeAll(async () => {
  const ca = await makeTestCa();
  const who = await ca.issue('Người Ký Tín Hiệu');
  p12 = writeP12(tmp.dir, 'signal', who, [{ certPem: ca.rootPem }], '123456');
  input = join(tmp.dir, 'in.pdf');
  writeFileSync(input, await makeVanBan());
  png = join(tmp.dir, 'sig.png');
  writeFileSync(png, makeInkPng('signature'));
});
afterAll(() => tmp.cleanup());

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** The pid of the node process whose command line names `marker`. */
function nodePidNaming(marker: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (cmd[0] === process.execPath && cmd.includes(marker)) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}

/** Polls `probe` until it answers; fails at once when `gone()` says the command already ended. */
async function until<T>(probe: () => T | undefined, gone: () => string | undefined, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    const ended = gone();
    if (ended !== undefined) throw new Error(`the command ended first: ${ended}`);
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('vanthu sign stopped by a signal at the PIN prompt', () => {
  for (const [signal, status] of [
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    it(`${signal}: exits ${status}, and neither OUT nor the copy of IN is left`, async () => {
      const outDir = join(tmp.dir, signal);
      mkdirSync(outDir);
      const output = join(outDir, 'out.pdf');
      const cmd = [
        process.execPath,
        VANTHU_BIN,
        'sign',
        input,
        '-o',
        output,
        '--role',
        'approver',
        '--image',
        png,
        '--key',
        `p12:${p12}`,
      ]
        .map(quote)
        .join(' ');
      const child = spawn('script', ['-qfec', cmd, '/dev/null'], {
        env: { ...process.env, VANTHU_HOME: join(tmp.dir, 'home') },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let said = '';
      child.stdout.on('data', (d: Buffer) => {
        said += d.toString();
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const gone = () => (child.exitCode === null ? undefined : `exit ${child.exitCode}: ${said}`);
      // The copy of IN appears beside OUT before the prompt.
      await until(() => (readdirSync(outDir).some((f) => f.endsWith('.tmp')) ? true : undefined), gone);
      const pid = await until(() => nodePidNaming(output), gone);
      process.kill(pid, signal);
      expect(await exited).toBe(status);
      expect(readdirSync(outDir)).toEqual([]);
    });
  }
});
