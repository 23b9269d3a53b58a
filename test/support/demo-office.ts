import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_AGENCIES } from '../../daemon/src/demo/agencies.js';
import { agencyHome } from '../../daemon/src/demo/office-config.js';
import type { DemoProvision } from '../../daemon/src/demo/provision.js';
import type { DemoLockInfo } from '../../daemon/src/launch/demo-lock.js';
import { registerNativeHost } from '../../daemon/src/launch/native-host-manifest.js';
import { VANTHU_BIN } from './vanthu-cli.js';

/** One agency of a running demo office, as a test reaches it. */
export interface DemoOfficeAgency {
  key: 'ubnd' | 'snv';
  organId: string;
  organName: string;
  /** Its daemon's VANTHU_HOME, and the environment to run `vanthu …` as this agency. */
  home: string;
  env: NodeJS.ProcessEnv;
  daemonPort: number;
  /** e.g. http://127.0.0.1:8080 (the login page is /dang-nhap). */
  portalUrl: string;
  /** The secret the extension pairs with (config/pairing.secret of its home). */
  pairingSecret(): string;
  /** Registers this agency's native host in a test's own Chromium profile (launchWithExtension's prepare). */
  registerHost(userDataDir: string): void;
}

export interface DemoOfficeSession {
  /** VANTHU_HOME of the `vanthu demo` process (the demo's token and PKI under data/demo). */
  home: string;
  demo: DemoProvision;
  axisUrl: string;
  ubnd: DemoOfficeAgency;
  snv: DemoOfficeAgency;
  /** What `vanthu demo` printed so far (stdout, then stderr). */
  output(): string;
  /** Ctrl+C to the demo, which stops its children; the home is removed unless it was given. */
  stop(): Promise<void>;
}

/**
 * `vanthu demo --no-browser --port 0 --portal-port 0` in a throwaway home (or `home`), as `npm start`
 * runs it: the local axis and both agencies, each with its daemon and portal. Resolves once it says
 * "Press Ctrl+C to stop", with what its lock file says of the addresses. A Chromium test opens one
 * browser per agency (launchWithExtension with `prepare: agency.registerHost`) on `agency.portalUrl`.
 */
export async function startDemoOffice(
  options: { home?: string; timeoutMs?: number } = {},
): Promise<DemoOfficeSession> {
  const home = options.home ?? mkdtempSync(join(tmpdir(), 'vanthu-demo-office-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    VANTHU_HOME: home,
    VANTHU_SYSTEM_CONFIG: join(home, 'none.json'),
  };
  delete env['DISPLAY'];
  delete env['WAYLAND_DISPLAY'];
  const child: ChildProcess = spawn(
    process.execPath,
    [VANTHU_BIN, 'demo', '--no-browser', '--port', '0', '--portal-port', '0', '--lang', 'en'],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString('utf8');
  });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString('utf8');
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      await exited;
    }
    if (!options.home) rmSync(home, { recursive: true, force: true });
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (out.includes('Press Ctrl+C to stop')) {
          clearInterval(timer);
          clearTimeout(limit);
          resolve();
        }
      }, 100);
      const limit = setTimeout(() => {
        clearInterval(timer);
        reject(new Error(`vanthu demo not ready after ${options.timeoutMs ?? 240_000} ms:\n${out}\n${err}`));
      }, options.timeoutMs ?? 240_000);
      child.once('exit', (code) => {
        clearInterval(timer);
        clearTimeout(limit);
        reject(new Error(`vanthu demo exited with ${code}:\n${out}\n${err}`));
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }
  const demoDir = join(home, 'data', 'demo');
  const lock = JSON.parse(readFileSync(join(demoDir, 'demo.lock'), 'utf8')) as DemoLockInfo;
  const demo = JSON.parse(readFileSync(join(demoDir, 'demo.json'), 'utf8')) as DemoProvision;
  const agency = (index: 0 | 1, daemonPort: number, portalUrl: string): DemoOfficeAgency => {
    const a = DEMO_AGENCIES[index];
    const agencyDir = agencyHome(demoDir, a);
    return {
      key: a.key,
      organId: a.organId,
      organName: a.organName,
      home: agencyDir,
      env: { ...env, VANTHU_HOME: agencyDir },
      daemonPort,
      portalUrl,
      pairingSecret: () => readFileSync(join(agencyDir, 'config', 'pairing.secret'), 'utf8').trim(),
      registerHost: (userDataDir) =>
        void registerNativeHost({
          userDataDir,
          wrapperPath: join(userDataDir, 'native-host.sh'),
          cli: VANTHU_BIN,
          env: { VANTHU_HOME: agencyDir, VANTHU_DAEMON_PORT: String(daemonPort) },
        }),
    };
  };
  const session: DemoOfficeSession = {
    home,
    demo,
    axisUrl: lock.axisUrl ?? '',
    ubnd: agency(0, lock.daemonPort ?? 0, lock.portalUrl ?? ''),
    snv: agency(1, lock.counterpart?.daemonPort ?? 0, lock.counterpart?.portalUrl ?? ''),
    output: () => `${out}\n${err}`,
    stop,
  };
  return session;
}
