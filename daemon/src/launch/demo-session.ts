import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VanthuError } from '@vanthu/shared/errors/index';
import type { DemoProvision } from '../demo/provision.js';
import { resolvePaths } from '../config/paths.js';
import { userConfigFile } from '../token/config.js';
import { trustDemoRoot } from './demo-trust.js';
import { registerNativeHost } from './native-host-manifest.js';
import type { DemoLock } from './demo-lock.js';
import { chromiumArgs } from './chromium-args.js';
import { choosePort } from './ports.js';
import { exitWithin, recentErrors, startChild, stopChildren, waitForLine, waitForPort } from './processes.js';

const DEFAULT_DAEMON_PORT = 47891;
const DEFAULT_PORTAL_PORT = 8080;
/** A browser that dies this soon did not start (e.g. root without --no-sandbox). */
const BROWSER_START_MS = 3_000;
const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The checkout this daemon build runs from: the demo portal and the extension build live there. */
function repoRoot(): string {
  return fileURLToPath(new URL('../../../', import.meta.url));
}

function configuredPort(configFile: string): number {
  try {
    const port = (JSON.parse(readFileSync(configFile, 'utf8')) as { server?: { port?: unknown } }).server
      ?.port;
    return typeof port === 'number' ? port : DEFAULT_DAEMON_PORT;
  } catch {
    return DEFAULT_DAEMON_PORT;
  }
}

export interface DemoSessionOptions {
  demo: DemoProvision;
  env?: NodeJS.ProcessEnv;
  /** `--port`: the daemon's port (default: the configured one, else any free port). */
  daemonPort?: number;
  /** `--portal-port`: the demo portal's port (default 8080, else any free port). */
  portalPort?: number;
  /** The demo's lock, taken before anything was written; the session records its addresses in it. */
  lock: DemoLock;
  /** Open Chromium with the extension (default: when $DISPLAY or $WAYLAND_DISPLAY is set). */
  openBrowser?: boolean;
  say: (text: string) => void;
  t: (vi: string, en: string) => string;
}

export interface DemoSession {
  portalUrl: string;
  daemonPort: number;
  browserProfile: string;
  /** Resolves when the daemon or the portal died on its own, with what was said about it. */
  died: Promise<string>;
  stop(): Promise<void>;
}

/**
 * `vanthu demo` after provisioning: trusts the demo root, starts the daemon (`vanthu start`) and the
 * demo QLVB portal, registers the native-messaging host in the demo's own Chromium profile and opens
 * Chromium with the extension when there is a display; otherwise prints how to do it by hand.
 */
export async function startDemoSession(options: DemoSessionOptions): Promise<DemoSession> {
  const env = { ...(options.env ?? process.env) };
  const { t, say, demo } = options;
  const root = repoRoot();
  const cli = join(root, 'daemon', 'bin', 'vanthu.mjs');
  const portalMain = join(root, 'test', 'support', 'portal', 'main.ts');
  // The demo build (npm start): the production build has no profile or host permission for the demo portal.
  const extensionDir = join(root, 'extension', 'dist-demo');
  if (!existsSync(portalMain)) {
    throw new VanthuError(
      'FILE_NOT_FOUND',
      t(
        `cần chạy trong bản mã nguồn (npm start): thiếu ${portalMain}`,
        `run from a checkout (npm start): missing ${portalMain}`,
      ),
    );
  }
  const extensionBuilt = existsSync(join(extensionDir, 'manifest.json'));
  const configFile = userConfigFile(env);
  trustDemoRoot(configFile, demo.rootFile);
  const configured = configuredPort(configFile);
  const daemonChoice = await choosePort(options.daemonPort, configured);
  const portalChoice = await choosePort(options.portalPort, DEFAULT_PORTAL_PORT);
  const daemonPort = daemonChoice.port;
  for (const [what, c] of [
    [t('dịch vụ', 'service'), daemonChoice],
    [t('cổng QLVB mẫu', 'demo portal'), portalChoice],
  ] as const) {
    if (c.busy)
      say(
        t(
          `Cổng ${c.busy.port} đã bận${c.busy.pid ? ` (pid ${c.busy.pid})` : ''}: ${what} dùng cổng ${c.port}.`,
          `Port ${c.busy.port} is busy${c.busy.pid ? ` (pid ${c.busy.pid})` : ''}: the ${what} uses port ${c.port}.`,
        ),
      );
  }
  const dataDir = resolvePaths(env).userDataDir;
  const browserProfile = join(dataDir, 'demo', 'chromium-profile');
  mkdirSync(browserProfile, { recursive: true });
  const passEnv: Record<string, string> = {};
  for (const k of ['VANTHU_HOME', 'VANTHU_SYSTEM_CONFIG', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'HOME']) {
    const v = env[k];
    if (v) passEnv[k] = v;
  }
  // The demo's own launcher tells its host where this demo's daemon listens (maybe not the configured port).
  registerNativeHost({
    userDataDir: browserProfile,
    wrapperPath: join(dataDir, 'demo', 'native-host.sh'),
    cli,
    env: { ...passEnv, VANTHU_DAEMON_PORT: String(daemonPort) },
  });

  const children: ChildProcess[] = [];
  let stopping = false;
  const stop = () => {
    stopping = true;
    return stopChildren(children);
  };
  let reportDeath: (text: string) => void = () => {};
  const died = new Promise<string>((resolve) => {
    reportDeath = resolve;
  });
  /** Says when a child ends on its own; the daemon or the portal ending ends the demo. */
  const watch = (child: ChildProcess, name: string, vital: boolean) =>
    child.once('exit', (code, signal) => {
      if (stopping) return;
      const why = [`${code ?? signal}`, ...recentErrors(child).slice(-2)].join(': ');
      const text = vital
        ? t(`${name} đã dừng (${why}); bản demo dừng theo.`, `${name} stopped (${why}); the demo stops too.`)
        : t(
            `${name} đã đóng (${why}); dịch vụ và cổng QLVB mẫu vẫn chạy, Ctrl+C để dừng.`,
            `${name} closed (${why}); the service and the demo portal keep running, Ctrl+C to stop.`,
          );
      say(text);
      if (vital) reportDeath(text);
    });
  try {
    const daemon = startChild('daemon', process.execPath, [cli, 'start', '--port', String(daemonPort)], env);
    children.push(daemon);
    watch(daemon, t('Dịch vụ vanthu', 'The vanthu service'), true);
    await waitForPort(daemonPort, 30_000, daemon);
    const portalData = join(dataDir, 'demo', 'portal');
    const portal = startChild(
      'portal',
      process.execPath,
      ['--import', 'tsx', portalMain, '--port', String(portalChoice.port), '--data', portalData],
      { ...env, NODE_NO_WARNINGS: '1' },
    );
    children.push(portal);
    watch(portal, t('Cổng QLVB mẫu', 'The demo portal'), true);
    const portalUrl = (await waitForLine(portal, /(http:\/\/127\.0\.0\.1:\d+)\/dang-nhap/, 30_000))[1] ?? '';
    options.lock.update({ daemonPort, portalUrl });
    const chromium = CHROMIUM_CANDIDATES.find((p) => existsSync(p));
    const display = Boolean(env['DISPLAY'] || env['WAYLAND_DISPLAY']);
    const args = chromiumArgs({ browserProfile, extensionDir, url: `${portalUrl}/dang-nhap` });
    say(
      [
        t('Dịch vụ vanthu', 'vanthu service') + `: ws://127.0.0.1:${daemonPort}/`,
        t('Cổng QLVB mẫu', 'Demo QLVB portal') + `: ${portalUrl}/dang-nhap`,
        t(
          'Tài khoản: lanhdao (lãnh đạo ký số), vanthu (văn thư cấp số, đóng dấu), chuyenvien — mật khẩu 123456',
          'Accounts: lanhdao (official, signs), vanthu (clerk, numbers and seals), chuyenvien — password 123456',
        ),
        `${t('PIN token demo', 'Demo token PIN')}: ${demo.pin}`,
        `${t('Ảnh chữ ký / con dấu để chọn trong cửa sổ ký', 'Signature / seal images to pick in the signing window')}: ${demo.signaturePng}, ${demo.sealPng}`,
      ].join('\n'),
    );
    if (!extensionBuilt) {
      say(
        t(
          `Chưa build tiện ích bản demo (${extensionDir}): chạy "npm start", hoặc "VANTHU_DEMO=1 npm run build -w extension".`,
          `The demo build of the extension is missing (${extensionDir}): run "npm start", or "VANTHU_DEMO=1 npm run build -w extension".`,
        ),
      );
    } else if (chromium && (options.openBrowser ?? display)) {
      const browser = startChild('chromium', chromium, args, env);
      children.push(browser);
      // Said only once it is really running: a browser refusing to start exits at once.
      const early = await exitWithin(browser, BROWSER_START_MS);
      if (early === undefined) {
        watch(browser, 'Chromium', false);
        say(
          t(
            `Đã mở Chromium với tiện ích vanthu (pid ${browser.pid}).`,
            `Opened Chromium with the vanthu extension (pid ${browser.pid}).`,
          ),
        );
      } else {
        const why = recentErrors(browser).slice(-2).join(' / ');
        say(
          t(
            `Chromium không mở được (thoát với mã ${early}${why ? `: ${why}` : ''}). Mở bằng tay: ${chromium} ${args.join(' ')}`,
            `Chromium did not start (exited with ${early}${why ? `: ${why}` : ''}). Open it by hand: ${chromium} ${args.join(' ')}`,
          ),
        );
      }
    } else {
      say(
        [
          '',
          t(
            'Không có màn hình: mở trình duyệt trên máy có màn hình với lệnh sau (hồ sơ riêng của demo, đã đăng ký native messaging):',
            'No display: open the browser on a machine with a display with (the demo profile, native messaging registered):',
          ),
          `  ${chromium ?? 'chromium'} ${args.map((a) => (a.includes(' ') ? `'${a}'` : a)).join(' ')}`,
          t(
            `hoặc: chrome://extensions → Chế độ nhà phát triển → "Tải tiện ích đã giải nén" → ${extensionDir}`,
            `or: chrome://extensions → Developer mode → "Load unpacked" → ${extensionDir}`,
          ),
          t(
            '(trong hồ sơ trình duyệt khác, ghép nối bằng mã: chạy "vanthu pair" và nhập mã trong Tùy chọn của tiện ích)',
            '(in another browser profile, pair with a code: run "vanthu pair" and enter it in the extension options)',
          ),
        ].join('\n'),
      );
    }
    say(t('Nhấn Ctrl+C để dừng.', 'Press Ctrl+C to stop.'));
    return { portalUrl, daemonPort, browserProfile, died, stop };
  } catch (e) {
    await stop();
    if (e instanceof VanthuError) throw e;
    // A child that failed to start said why on its stderr (e.g. the daemon's PORT_IN_USE).
    const said = children.flatMap((c) => recentErrors(c).slice(-2));
    throw new VanthuError('INTERNAL', [`demo: ${(e as Error).message}`, ...said].join(' — '));
  }
}

/**
 * Runs the demo session until Ctrl+C (SIGINT) or SIGTERM, or until the daemon or the portal dies, then
 * stops the rest. Returns false when it ended because one died.
 */
export async function runDemoSession(options: DemoSessionOptions): Promise<boolean> {
  const session = await startDemoSession(options);
  const ended = await Promise.race([
    new Promise<'signal'>((resolve) => {
      process.once('SIGINT', () => resolve('signal'));
      process.once('SIGTERM', () => resolve('signal'));
    }),
    session.died.then(() => 'died' as const),
  ]);
  await session.stop();
  return ended === 'signal';
}
