import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/pdf-inputs.js';
import { VANTHU_BIN } from '../../support/vanthu-cli.js';

// A second `npm start` (vanthu demo) while one runs: it says where the running one is and changes
// nothing — not the portal's files (a signed document must not go back to the unsigned seed), not the
// token, and the first keeps serving.

const tmp = tempDir('vanthu-second-demo-');
const home = join(tmp.dir, 'home');
const env: NodeJS.ProcessEnv = {
  ...process.env,
  VANTHU_HOME: home,
  VANTHU_SYSTEM_CONFIG: join(home, 'none.json'),
};
delete env['DISPLAY'];
delete env['WAYLAND_DISPLAY'];
let first: ChildProcess | undefined;
afterAll(async () => {
  if (first && first.exitCode === null) {
    const exited = new Promise((r) => first?.once('exit', r));
    first.kill('SIGINT');
    await exited;
  }
  tmp.cleanup();
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

/** Every file under `dir` with the SHA-256 of its bytes (the running token touches its files' times). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out[p] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

describe('a second vanthu demo against a running one', () => {
  it('says that one runs, where (pid, ports), and changes nothing', async () => {
    const daemonPort = await freePort();
    const portalPort = await freePort();
    first = spawn(
      process.execPath,
      [VANTHU_BIN, 'demo', '--port', String(daemonPort), '--portal-port', String(portalPort), '--lang', 'en'],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    first.stdout?.on('data', (d: Buffer) => {
      out += d.toString('utf8');
    });
    first.stderr?.on('data', (d: Buffer) => {
      err += d.toString('utf8');
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (out.includes('Press Ctrl+C to stop')) {
          clearInterval(timer);
          resolve();
        }
      }, 100);
      first?.once('exit', (code) => {
        clearInterval(timer);
        reject(new Error(`the first demo exited with ${code}: ${out}\n${err}`));
      });
    });
    expect(out).toContain(`ws://127.0.0.1:${daemonPort}/`);
    expect(out).toContain(`http://127.0.0.1:${portalPort}/dang-nhap`);

    // The user's work: a document of the portal changed since the seed (as signing does).
    const portalFiles = join(home, 'data', 'demo', 'portal', 'tep');
    const doc = readdirSync(portalFiles).find((f) => f.endsWith('.pdf'));
    expect(doc).toBeDefined();
    appendFileSync(join(portalFiles, doc!), '\n% signed meanwhile\n');
    const before = snapshot(home);

    const second = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [VANTHU_BIN, 'demo', '--lang', 'en'],
        { env, timeout: 90_000 },
        (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
      );
    });
    expect(second.code, second.stderr).toBe(2);
    expect(second.stderr).toContain(
      `DEMO_RUNNING: A vanthu demo is already running: pid ${first.pid}, http://127.0.0.1:${portalPort}/dang-nhap, ws://127.0.0.1:${daemonPort}/`,
    );
    expect(snapshot(home)).toEqual(before);

    // The first still serves: the portal answers, the daemon speaks WebSocket.
    const page = await fetch(`http://127.0.0.1:${portalPort}/dang-nhap`);
    expect(page.status).toBe(200);
    const daemon = await fetch(`http://127.0.0.1:${daemonPort}/`);
    expect(daemon.status).toBe(426);
    expect(first.exitCode).toBeNull();
  }, 180_000);
});
