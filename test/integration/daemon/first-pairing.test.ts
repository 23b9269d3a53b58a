import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_ORIGIN } from '@vanthu/shared/extension-id';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { registerNativeHost } from '../../../daemon/src/launch/native-host-manifest.js';
import { encodeNativeMessage, NativeMessageReader } from '../../../daemon/src/native-host/framing.js';
import { TestClient } from '../../support/daemon-client.js';
import { type KeyringSession, startKeyringSession } from '../../support/gnome-keyring.js';
import { tempDir } from '../../support/pdf-inputs.js';
import { VANTHU_BIN } from '../../support/vanthu-cli.js';

// The first pairing as the browser does it: the native host (started by Chromium, with or without
// the desktop's session bus) hands the extension a secret; the daemon (started from a terminal, a
// systemd unit, as root) must accept that very secret, whatever keychain either of them can reach.

const tmp = tempDir('vanthu-first-pairing-');
afterAll(() => tmp.cleanup());
let running: ChildProcess[] = [];
let sessions: KeyringSession[] = [];
afterEach(() => {
  for (const c of running) c.kill('SIGTERM');
  for (const s of sessions) s.stop();
  running = [];
  sessions = [];
});

type Bus = { bus?: string };
let n = 0;

/** The environment of a process, inside the keyring's session (`bus`) or outside any (no bus). */
function envFor(home: string, { bus }: Bus): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    VANTHU_HOME: home,
    VANTHU_SYSTEM_CONFIG: join(home, 'none.json'),
  };
  delete env['DBUS_SESSION_BUS_ADDRESS'];
  if (bus) env['DBUS_SESSION_BUS_ADDRESS'] = bus;
  return env;
}

/** `vanthu start` on a free port; resolves with the port once it listens. */
function startDaemon(home: string, where: Bus): Promise<number> {
  const child = spawn(process.execPath, [VANTHU_BIN, 'start', '--port', '0', '--lang', 'en'], {
    env: envFor(home, where),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  running.push(child);
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString('utf8');
      const m = /listening on ws:\/\/127\.0\.0\.1:(\d+)\//.exec(err);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`vanthu start exited ${code}: ${err}`)));
  });
}

/** One `pairing.get` to the native host, as Chromium sends it. */
function askHost(home: string, where: Bus): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [VANTHU_BIN, 'native-host', `${EXTENSION_ORIGIN}/`], {
      env: envFor(home, where),
    });
    let out = Buffer.alloc(0);
    p.stdout.on('data', (d: Buffer) => {
      out = Buffer.concat([out, d]);
    });
    p.on('close', () => resolve(JSON.parse(new NativeMessageReader().push(out)[0] ?? '{}')));
    p.stdin.end(encodeNativeMessage({ type: 'pairing.get' }));
  });
}

/** The daemon accepts `secret` (auth with the HMAC proof the extension computes). */
async function daemonAccepts(port: number, secret: string): Promise<boolean> {
  const client = await TestClient.connect(port);
  try {
    return (await client.pair(secret)).ok;
  } finally {
    client.ws.close();
  }
}

async function firstPairing(
  keyring: 'locked' | 'unlocked',
  daemon: 'bus' | 'no bus',
  host: 'bus' | 'no bus',
) {
  const home = join(tmp.dir, `h${++n}`);
  const session = await startKeyringSession(join(home, 'user'), keyring);
  sessions.push(session);
  const port = await startDaemon(home, daemon === 'bus' ? { bus: session.busAddress } : {});
  const answer = await askHost(home, host === 'bus' ? { bus: session.busAddress } : {});
  return { answer, port };
}

describe('the first pairing: the native host and the daemon agree on the secret', () => {
  it('a locked or absent keyring in the browser session, the daemon started outside it (as root)', async () => {
    const { answer, port } = await firstPairing('locked', 'no bus', 'bus');
    expect(answer['ok'], JSON.stringify(answer)).toBe(true);
    expect(await daemonAccepts(port, String(answer['secret']))).toBe(true);
  }, 60_000);

  it('the daemon in a session with a working keyring, the browser (host) without a session bus', async () => {
    // The daemon keeps the secret in the keychain; the host cannot reach it and writes the file. The
    // daemon follows the file from then on.
    const { answer, port } = await firstPairing('unlocked', 'bus', 'no bus');
    expect(answer['ok'], JSON.stringify(answer)).toBe(true);
    expect(await daemonAccepts(port, String(answer['secret']))).toBe(true);
  }, 60_000);

  it('the daemon without a session bus (file secret), the browser with a working keyring', async () => {
    const { answer, port } = await firstPairing('unlocked', 'no bus', 'bus');
    expect(answer['ok'], JSON.stringify(answer)).toBe(true);
    expect(await daemonAccepts(port, String(answer['secret']))).toBe(true);
  }, 60_000);

  it('pairing.store = keychain with a refusing keyring: a typed error in one line, no Rust backtrace', async () => {
    const home = join(tmp.dir, `h${++n}`);
    const session = await startKeyringSession(join(home, 'user'), 'locked');
    sessions.push(session);
    mkdirSync(join(home, 'config'), { recursive: true });
    writeFileSync(join(home, 'config', 'config.json'), JSON.stringify({ pairing: { store: 'keychain' } }));
    const answer = await askHost(home, { bus: session.busAddress });
    expect(answer['ok']).toBe(false);
    const error = answer['error'] as { code: string; message: string };
    expect(error.code).toBe('KEYCHAIN_UNAVAILABLE');
    expect(error.message).not.toMatch(/backtrace|Caused by|\n/i);
    expect(error.message).toMatch(/^Không truy cập được kho khóa/);
  }, 60_000);
});

describe('vanthu doctor names a disagreement between the native host and the daemon', () => {
  const doctor = (home: string, where: Bus) =>
    new Promise<{ status: string; message: string }>((resolve) => {
      const p = spawn(process.execPath, [VANTHU_BIN, 'doctor', '--json', '--lang', 'en'], {
        env: envFor(home, where),
      });
      let out = '';
      p.stdout.on('data', (d: Buffer) => {
        out += d.toString('utf8');
      });
      p.on('close', () => {
        const checks = (JSON.parse(out) as { checks: { id: string; status: string; message: string }[] })
          .checks;
        resolve(checks.find((c) => c.id === 'native-messaging') ?? { status: 'missing', message: '' });
      });
    });

  it('a launcher that reads another config directory, then the same one', async () => {
    const home = join(tmp.dir, `h${++n}`);
    const register = (vanthuHome: string) =>
      registerNativeHost({
        userDataDir: join(home, 'data', 'demo', 'chromium-profile'),
        wrapperPath: join(home, 'data', 'demo', 'native-host.sh'),
        cli: VANTHU_BIN,
        env: { VANTHU_HOME: vanthuHome },
      });
    register(join(tmp.dir, 'elsewhere'));
    const wrong = await doctor(home, {});
    expect(wrong.status).toBe('fail');
    expect(wrong.message).toContain(join(tmp.dir, 'elsewhere', 'config'));
    expect(wrong.message).toContain(join(home, 'config'));
    register(home);
    const right = await doctor(home, {});
    expect(right.status, right.message).toBe('ok');
    expect(right.message).toContain('demo');
  }, 60_000);

  it('the keychain holding another secret than the file', async () => {
    const home = join(tmp.dir, `h${++n}`);
    registerNativeHost({
      userDataDir: join(home, 'data', 'demo', 'chromium-profile'),
      wrapperPath: join(home, 'data', 'demo', 'native-host.sh'),
      cli: VANTHU_BIN,
      env: { VANTHU_HOME: home },
    });
    const session = await startKeyringSession(join(home, 'user'), 'unlocked');
    sessions.push(session);
    mkdirSync(join(home, 'config'), { recursive: true });
    writeFileSync(join(home, 'config', 'pairing.secret'), `${'A'.repeat(43)}\n`, { mode: 0o600 });
    execFileSync(
      'secret-tool',
      ['store', '--label=vanthu', 'service', 'vanthu', 'username', 'pairing-secret'],
      {
        input: 'B'.repeat(43),
        env: envFor(home, { bus: session.busAddress }),
      },
    );
    const found = await doctor(home, { bus: session.busAddress });
    expect(found.status).toBe('warn');
    expect(found.message).toMatch(/keychain holds another pairing secret than the file .*pairing\.secret/);
    expect(found.message).toContain('secret-tool clear service vanthu username pairing-secret');
  }, 60_000);
});
