import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { EXTENSION_ID } from '@vanthu/shared/extension-id';
import { NATIVE_HOST_NAME } from '@vanthu/shared/native-host';
import {
  type Launch,
  chromiumManifest,
  firefoxManifest,
  launchdPlist,
  nativeLauncher,
  schtasksXml,
  systemdUnit,
} from './templates.js';

/** Firefox identifies extensions by their gecko ID (browser_specific_settings.gecko.id). */
export const FIREFOX_EXTENSION_ID = 'vanthu@vanthu.vn';
export const LAUNCHD_LABEL = 'vn.vanthu.daemon';

export type Platform = 'linux' | 'darwin' | 'win32';

export interface PlannedFile {
  /** What it is, e.g. "systemd user unit", "native host manifest (Chrome)". */
  role: string;
  path: string;
  content: string;
  mode: number;
}

export interface InstallPlan {
  platform: Platform;
  files: PlannedFile[];
  /** Commands run after writing (install) or before removing (uninstall); argv arrays. */
  activate: string[][];
  deactivate: string[][];
}

/** Per-user native-messaging manifest directories (Windows uses registry keys pointing at a file). */
function browserDirs(platform: Platform, home: string, env: NodeJS.ProcessEnv) {
  if (platform === 'darwin') {
    const base = join(home, 'Library', 'Application Support');
    return [
      { browser: 'Chrome', dir: join(base, 'Google', 'Chrome', 'NativeMessagingHosts'), firefox: false },
      { browser: 'Chromium', dir: join(base, 'Chromium', 'NativeMessagingHosts'), firefox: false },
      { browser: 'Edge', dir: join(base, 'Microsoft Edge', 'NativeMessagingHosts'), firefox: false },
      { browser: 'Firefox', dir: join(base, 'Mozilla', 'NativeMessagingHosts'), firefox: true },
    ];
  }
  if (platform === 'win32') {
    const dir = join(env['LOCALAPPDATA'] ?? join(home, 'AppData', 'Local'), 'vanthu', 'native-messaging');
    return [
      { browser: 'Chrome', dir: join(dir, 'chrome'), firefox: false, reg: 'HKCU\\Software\\Google\\Chrome' },
      { browser: 'Chromium', dir: join(dir, 'chromium'), firefox: false, reg: 'HKCU\\Software\\Chromium' },
      { browser: 'Edge', dir: join(dir, 'edge'), firefox: false, reg: 'HKCU\\Software\\Microsoft\\Edge' },
      { browser: 'Firefox', dir: join(dir, 'firefox'), firefox: true, reg: 'HKCU\\Software\\Mozilla' },
    ];
  }
  const config = env['XDG_CONFIG_HOME'] ?? join(home, '.config');
  return [
    { browser: 'Chrome', dir: join(config, 'google-chrome', 'NativeMessagingHosts'), firefox: false },
    { browser: 'Chromium', dir: join(config, 'chromium', 'NativeMessagingHosts'), firefox: false },
    { browser: 'Edge', dir: join(config, 'microsoft-edge', 'NativeMessagingHosts'), firefox: false },
    { browser: 'Firefox', dir: join(home, '.mozilla', 'native-messaging-hosts'), firefox: true },
  ];
}

export interface PlanOptions {
  platform?: Platform;
  /** Home directory (tests install into a temp HOME). */
  home?: string;
  env?: NodeJS.ProcessEnv;
  launch: Launch;
  /** Directory for the native host launcher (per-user data dir). */
  dataDir: string;
  /** Extra Chromium extension IDs (admin policy); the built-in ID is always included. */
  extensionIds?: readonly string[];
}

/** Everything `vanthu service install` writes and runs, for the current (or given) platform. */
export function installPlan(o: PlanOptions): InstallPlan {
  const platform = o.platform ?? (process.platform as Platform);
  const env = o.env ?? process.env;
  const home = o.home ?? env['HOME'] ?? homedir();
  const windows = platform === 'win32';
  const launcher = join(o.dataDir, 'bin', windows ? 'vanthu-native-host.cmd' : 'vanthu-native-host');
  const ids = [...new Set([EXTENSION_ID, ...(o.extensionIds ?? [])])];
  const files: PlannedFile[] = [
    { role: 'native host launcher', path: launcher, content: nativeLauncher(o.launch, windows), mode: 0o755 },
  ];
  const activate: string[][] = [];
  const deactivate: string[][] = [];
  for (const b of browserDirs(platform, home, env)) {
    const path = join(b.dir, `${NATIVE_HOST_NAME}.json`);
    const content = b.firefox
      ? firefoxManifest(NATIVE_HOST_NAME, launcher, [FIREFOX_EXTENSION_ID])
      : chromiumManifest(NATIVE_HOST_NAME, launcher, ids);
    files.push({ role: `native host manifest (${b.browser})`, path, content, mode: 0o644 });
    if ('reg' in b && b.reg) {
      const key = `${b.reg}\\NativeMessagingHosts\\${NATIVE_HOST_NAME}`;
      activate.push(['reg', 'add', key, '/ve', '/t', 'REG_SZ', '/d', path, '/f']);
      deactivate.push(['reg', 'delete', key, '/f']);
    }
  }
  if (platform === 'linux') {
    const unit = join(env['XDG_CONFIG_HOME'] ?? join(home, '.config'), 'systemd', 'user', 'vanthu.service');
    files.push({ role: 'systemd user unit', path: unit, content: systemdUnit(o.launch), mode: 0o644 });
    activate.push(
      ['systemctl', '--user', 'daemon-reload'],
      ['systemctl', '--user', 'enable', '--now', 'vanthu.service'],
    );
    deactivate.push(['systemctl', '--user', 'disable', '--now', 'vanthu.service']);
  } else if (platform === 'darwin') {
    const plist = join(home, 'Library', 'LaunchAgents', `${LAUNCHD_LABEL}.plist`);
    const log = join(home, 'Library', 'Logs', 'vanthu.log');
    files.push({
      role: 'launchd agent',
      path: plist,
      content: launchdPlist(o.launch, LAUNCHD_LABEL, log),
      mode: 0o644,
    });
    activate.push(['launchctl', 'load', '-w', plist]);
    deactivate.push(['launchctl', 'unload', '-w', plist]);
  } else {
    const xmlFile = join(o.dataDir, 'vanthu-task.xml');
    const user = env['USERNAME'] ?? userInfo().username;
    files.push({
      role: 'logon task (Task Scheduler XML)',
      path: xmlFile,
      content: schtasksXml(o.launch, user),
      mode: 0o644,
    });
    activate.push(['schtasks', '/Create', '/TN', 'vanthu', '/XML', xmlFile, '/F']);
    deactivate.push(['schtasks', '/Delete', '/TN', 'vanthu', '/F']);
  }
  return { platform, files, activate, deactivate };
}
