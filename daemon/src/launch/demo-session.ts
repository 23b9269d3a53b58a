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
import { startChild, stopChildren, waitForLine, waitForPort } from './processes.js';

const DEFAULT_DAEMON_PORT = 47891;
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
  /** Port of the demo portal (default 8080; 0 = any free port). */
  portalPort?: number;
  /** Open Chromium with the extension (default: when $DISPLAY or $WAYLAND_DISPLAY is set). */
  openBrowser?: boolean;
  say: (text: string) => void;
  t: (vi: string, en: string) => string;
}

export interface DemoSession {
  portalUrl: string;
  daemonPort: number;
  browserProfile: string;
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
  if (!existsSync(portalMain) || !existsSync(join(extensionDir, 'manifest.json'))) {
    throw new VanthuError(
      'FILE_NOT_FOUND',
      t(
        `cần chạy trong bản mã nguồn đã build (npm start): thiếu ${portalMain} hoặc ${extensionDir}`,
        `run from a built checkout (npm start): missing ${portalMain} or ${extensionDir}`,
      ),
    );
  }
  const configFile = userConfigFile(env);
  trustDemoRoot(configFile, demo.rootFile);
  const daemonPort = configuredPort(configFile);
  const dataDir = resolvePaths(env).userDataDir;
  const browserProfile = join(dataDir, 'demo', 'chromium-profile');
  mkdirSync(browserProfile, { recursive: true });
  const passEnv: Record<string, string> = {};
  for (const k of ['VANTHU_HOME', 'VANTHU_SYSTEM_CONFIG', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'HOME']) {
    const v = env[k];
    if (v) passEnv[k] = v;
  }
  registerNativeHost({
    userDataDir: browserProfile,
    wrapperPath: join(dataDir, 'demo', 'native-host.sh'),
    cli,
    env: passEnv,
  });

  const children: ChildProcess[] = [];
  const stop = () => stopChildren(children);
  try {
    const daemon = startChild('daemon', process.execPath, [cli, 'start'], env);
    children.push(daemon);
    await waitForPort(daemonPort, 20_000, daemon);
    const portalData = join(dataDir, 'demo', 'portal');
    const portal = startChild(
      'portal',
      process.execPath,
      ['--import', 'tsx', portalMain, '--port', String(options.portalPort ?? 8080), '--data', portalData],
      { ...env, NODE_NO_WARNINGS: '1' },
    );
    children.push(portal);
    const portalUrl = (await waitForLine(portal, /(http:\/\/127\.0\.0\.1:\d+)\/dang-nhap/, 20_000))[1] ?? '';
    const chromium = CHROMIUM_CANDIDATES.find((p) => existsSync(p));
    const display = Boolean(env['DISPLAY'] || env['WAYLAND_DISPLAY']);
    const args = [
      `--user-data-dir=${browserProfile}`,
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-first-run',
      `${portalUrl}/dang-nhap`,
    ];
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
    if (chromium && (options.openBrowser ?? display)) {
      children.push(startChild('chromium', chromium, args, env));
      say(t('Đã mở Chromium với tiện ích vanthu.', 'Opened Chromium with the vanthu extension.'));
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
    return { portalUrl, daemonPort, browserProfile, stop };
  } catch (e) {
    await stop();
    throw e instanceof VanthuError ? e : new VanthuError('INTERNAL', `demo: ${(e as Error).message}`);
  }
}

/** Runs the demo session until Ctrl+C (SIGINT) or SIGTERM, then stops the daemon, portal and browser. */
export async function runDemoSession(options: DemoSessionOptions): Promise<void> {
  const session = await startDemoSession(options);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await session.stop();
}
