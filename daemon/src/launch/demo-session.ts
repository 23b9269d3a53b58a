import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { VanthuError } from '@vanthu/shared/errors/index';
import type { DemoProvision } from '../demo/provision.js';
import { userConfigFile } from '../token/config.js';
import { chromiumArgs } from './chromium-args.js';
import type { DemoLock } from './demo-lock.js';
import { type DemoOffice, type RunningAgency, repoRoot, startDemoOffice } from './demo-office.js';
import { trustDemoRoot } from './demo-trust.js';
import { exitWithin, recentErrors, startChild } from './processes.js';

/** A browser that dies this soon did not start (e.g. root without --no-sandbox). */
const BROWSER_START_MS = 3_000;
const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export interface DemoSessionOptions {
  demo: DemoProvision;
  env?: NodeJS.ProcessEnv;
  /** `--port`: the first agency's daemon port (default 47891, else any free port); the counterpart's is the next. */
  daemonPort?: number;
  /** `--portal-port`: the first agency's portal port (default 8080, else any free port); the counterpart's is the next. */
  portalPort?: number;
  /** The demo's lock, taken before anything was written; the session records its addresses in it. */
  lock: DemoLock;
  /** Open Chromium with the extension (default: when $DISPLAY or $WAYLAND_DISPLAY is set; `--no-browser`: never). */
  openBrowser?: boolean;
  say: (text: string) => void;
  t: (vi: string, en: string) => string;
}

export interface DemoSession {
  /** The first agency's portal, daemon port and Chromium profile. */
  portalUrl: string;
  daemonPort: number;
  browserProfile: string;
  office: DemoOffice;
  /** Resolves when a daemon, a portal or the axis died on its own, with what was said about it. */
  died: Promise<string>;
  stop(): Promise<void>;
}

/**
 * `vanthu demo` after provisioning: trusts the demo root for the user's own CLI, starts the demo
 * office (the local axis, and for each of the two agencies its daemon and demo portal), then opens
 * one Chromium window per agency, each with its own profile and the extension paired to that
 * agency's daemon through its native host, when there is a display; otherwise prints how to.
 */
export async function startDemoSession(options: DemoSessionOptions): Promise<DemoSession> {
  const env = { ...(options.env ?? process.env) };
  const { t, say, demo } = options;
  const root = repoRoot();
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
  trustDemoRoot(userConfigFile(env), demo.rootFile);
  let office: DemoOffice;
  try {
    office = await startDemoOffice({
      demo,
      env,
      ...(options.daemonPort !== undefined ? { daemonPort: options.daemonPort } : {}),
      ...(options.portalPort !== undefined ? { portalPort: options.portalPort } : {}),
      say,
      t,
    });
  } catch (e) {
    if (e instanceof VanthuError) throw e;
    throw new VanthuError('INTERNAL', `demo: ${(e as Error).message}`);
  }
  const [first, second] = office.agencies;
  options.lock.update({
    daemonPort: first.daemonPort,
    portalUrl: first.portalUrl,
    counterpart: { daemonPort: second.daemonPort, portalUrl: second.portalUrl },
    axisUrl: office.axisUrl,
  });
  const agencyLines = (a: RunningAgency) => [
    `${a.agency.organName} (${a.agency.organId})`,
    `  ${t('Dịch vụ vanthu', 'vanthu service')}: ws://127.0.0.1:${a.daemonPort}/`,
    `  ${t('Cổng QLVB mẫu', 'Demo QLVB portal')}: ${a.portalUrl}/dang-nhap`,
  ];
  say(
    [
      ...agencyLines(first),
      ...agencyLines(second),
      `${t('Trục liên thông mẫu', 'Demo exchange axis')}: ${office.axisUrl}`,
      t(
        'Tài khoản ở mỗi cơ quan: lanhdao (lãnh đạo ký số), vanthu (văn thư cấp số, đóng dấu, vào sổ), chuyenvien — mật khẩu 123456; đổi người dùng ở thanh menu',
        'Accounts at each agency: lanhdao (official, signs), vanthu (clerk: numbers, seals, registers), chuyenvien — password 123456; switch user in the menu bar',
      ),
      `${t('PIN token demo', 'Demo token PIN')}: ${demo.pin}`,
      `${t('Ảnh chữ ký / con dấu để chọn trong cửa sổ ký', 'Signature / seal images to pick in the signing window')}: ${demo.signaturePng}, ${demo.sealPng}`,
    ].join('\n'),
  );
  const chromium = CHROMIUM_CANDIDATES.find((p) => existsSync(p));
  const display = Boolean(env['DISPLAY'] || env['WAYLAND_DISPLAY']);
  const argsFor = (a: RunningAgency) =>
    chromiumArgs({ browserProfile: a.browserProfile, extensionDir, url: `${a.portalUrl}/dang-nhap` });
  const byHand = (a: RunningAgency) =>
    `  ${chromium ?? 'chromium'} ${argsFor(a)
      .map((x) => (x.includes(' ') ? `'${x}'` : x))
      .join(' ')}`;
  if (!extensionBuilt) {
    say(
      t(
        `Chưa build tiện ích bản demo (${extensionDir}): chạy "npm start", hoặc "VANTHU_DEMO=1 npm run build -w extension".`,
        `The demo build of the extension is missing (${extensionDir}): run "npm start", or "VANTHU_DEMO=1 npm run build -w extension".`,
      ),
    );
  } else if (chromium && (options.openBrowser ?? display)) {
    for (const a of office.agencies) {
      const browser = startChild(`chromium ${a.agency.key}`, chromium, argsFor(a), env);
      // Said only once it is really running: a browser refusing to start exits at once.
      const early = await exitWithin(browser, BROWSER_START_MS);
      if (early === undefined) {
        office.adopt(browser, `Chromium (${a.agency.organName})`, false);
        say(
          t(
            `Đã mở Chromium cho ${a.agency.organName} (pid ${browser.pid}).`,
            `Opened Chromium for ${a.agency.organName} (pid ${browser.pid}).`,
          ),
        );
      } else {
        const why = recentErrors(browser).slice(-2).join(' / ');
        say(
          [
            t(
              `Chromium cho ${a.agency.organName} không mở được (thoát với mã ${early}${why ? `: ${why}` : ''}). Mở bằng tay:`,
              `Chromium for ${a.agency.organName} did not start (exited with ${early}${why ? `: ${why}` : ''}). Open it by hand:`,
            ),
            byHand(a),
          ].join('\n'),
        );
      }
    }
  } else {
    say(
      [
        '',
        t(
          'Không có màn hình: mở trình duyệt trên máy có màn hình, mỗi cơ quan một hồ sơ riêng (đã đăng ký native messaging):',
          'No display: open the browser on a machine with a display, one profile per agency (native messaging registered):',
        ),
        ...office.agencies.flatMap((a) => [`${a.agency.organName}:`, byHand(a)]),
        t(
          `hoặc: chrome://extensions → Chế độ nhà phát triển → "Tải tiện ích đã giải nén" → ${extensionDir}`,
          `or: chrome://extensions → Developer mode → "Load unpacked" → ${extensionDir}`,
        ),
        t(
          '(trong hồ sơ trình duyệt khác, ghép nối bằng mã: chạy "vanthu pair" với VANTHU_HOME của cơ quan và nhập mã trong Tùy chọn của tiện ích)',
          '(in another browser profile, pair with a code: run "vanthu pair" with the agency’s VANTHU_HOME and enter it in the extension options)',
        ),
      ].join('\n'),
    );
  }
  say(t('Nhấn Ctrl+C để dừng.', 'Press Ctrl+C to stop.'));
  return {
    portalUrl: first.portalUrl,
    daemonPort: first.daemonPort,
    browserProfile: first.browserProfile,
    office,
    died: office.died,
    stop: office.stop,
  };
}

/**
 * Runs the demo session until Ctrl+C (SIGINT) or SIGTERM, or until a daemon, a portal or the axis
 * dies, then stops the rest. Returns false when it ended because one died.
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
