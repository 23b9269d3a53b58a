import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NATIVE_HOST_NAME } from '@vanthu/shared/native-host';
import { loadConfig } from '../config/loader.js';
import { resolvePaths } from '../config/paths.js';
import {
  FileSecretStore,
  KeychainSecretStore,
  keychainReachable,
  openSecretStore,
  pairingSecretFile,
} from '../pairing/secret-store.js';
import { installStatus } from '../service/install/apply.js';
import { currentPlan } from '../service/install/current.js';
import type { CheckResult, DoctorCheck, DoctorContext } from './check.js';

const result = (status: CheckResult['status'], vi: string, en: string): CheckResult => ({ status, vi, en });

/**
 * The demo registers its host in its own Chromium profile: each demo agency's, under that agency's
 * VANTHU_HOME (launch/demo-office.ts), so `vanthu doctor` in the agency's environment finds it.
 */
export function demoHostManifest(env: NodeJS.ProcessEnv): string {
  return join(
    resolvePaths(env).userDataDir,
    'demo',
    'chromium-profile',
    'NativeMessagingHosts',
    `${NATIVE_HOST_NAME}.json`,
  );
}

/** `export NAME='value'` lines of a launcher script written by nativeLauncher (service/install/templates.ts). */
export function launcherExports(script: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of script.matchAll(/^export ([A-Za-z_][A-Za-z0-9_]*)='((?:[^']|'\\'')*)'$/gm)) {
    out[m[1]!] = m[2]!.replaceAll(`'\\''`, `'`);
  }
  return out;
}

interface HostRegistration {
  where: string;
  manifest: string;
}

function registrations(env: NodeJS.ProcessEnv): HostRegistration[] {
  const installed = installStatus(currentPlan())
    .filter((f) => f.role.startsWith('native host manifest') && f.installed)
    .map((f) => ({ where: /\((.*)\)/.exec(f.role)?.[1] ?? f.role, manifest: f.path }));
  const demo = demoHostManifest(env);
  return existsSync(demo) ? [...installed, { where: 'demo', manifest: demo }] : installed;
}

/**
 * What is wrong with one registration: its launcher is missing, or the host it starts would look for
 * the pairing secret in another config directory than this user's (an old install, another VANTHU_HOME).
 */
function registrationProblem(
  r: HostRegistration,
  env: NodeJS.ProcessEnv,
  configDir: string,
): CheckResult | undefined {
  let launcher: string;
  try {
    launcher = String((JSON.parse(readFileSync(r.manifest, 'utf8')) as { path?: unknown }).path ?? '');
  } catch (error) {
    const why = (error as Error).message;
    return result(
      'fail',
      `${r.where}: tệp khai báo ${r.manifest} hỏng (${why})`,
      `${r.where}: manifest ${r.manifest} is broken (${why})`,
    );
  }
  if (!existsSync(launcher))
    return result(
      'fail',
      `${r.where}: khai báo trỏ tới ${launcher}, tệp này không còn (chạy lại "vanthu service install")`,
      `${r.where}: the manifest points at ${launcher}, which is gone (run "vanthu service install" again)`,
    );
  const hostDir = resolvePaths({ ...env, ...launcherExports(readFileSync(launcher, 'utf8')) }).userConfigDir;
  if (hostDir === configDir) return undefined;
  return result(
    'fail',
    `${r.where}: trình chạy ${launcher} đọc khóa ghép nối trong ${hostDir}, còn dịch vụ đọc trong ${configDir} — tiện ích sẽ không ghép nối được (chạy lại "vanthu service install" với cùng môi trường như dịch vụ)`,
    `${r.where}: the launcher ${launcher} reads the pairing secret in ${hostDir} while the service reads it in ${configDir} — the extension cannot pair (run "vanthu service install" again in the service's environment)`,
  );
}

/**
 * Where the native host finds the pairing secret, and whether it is where the daemon looks: the
 * registrations (installed and the demo's), the launchers they start, and the two stores' contents.
 */
export const pairingCheck: DoctorCheck = {
  id: 'native-messaging',
  title: { vi: 'Đăng ký native messaging', en: 'Native-messaging registration' },
  async run(ctx: DoctorContext) {
    const mode = loadConfig({ ...(ctx.configPath ? { configPath: ctx.configPath } : {}), env: ctx.env })
      .config.pairing.store;
    const configDir = resolvePaths(ctx.env).userConfigDir;
    const regs = registrations(ctx.env);
    if (regs.length === 0)
      return result(
        'fail',
        'chưa đăng ký với trình duyệt nào (chạy "vanthu service install"; bản demo của "npm start" đăng ký cho từng cơ quan: kiểm tra với VANTHU_HOME=<thư mục dữ liệu>/demo/agencies/ubnd hoặc …/snv)',
        'not registered with any browser (run "vanthu service install"; the "npm start" demo registers each agency: check with VANTHU_HOME=<data dir>/demo/agencies/ubnd or …/snv)',
      );
    for (const r of regs) {
      const problem = registrationProblem(r, ctx.env, configDir);
      if (problem) return problem;
    }
    const store = openSecretStore(mode, configDir, ctx.env);
    let secret: string | undefined;
    try {
      secret = store.get();
    } catch (error) {
      const why = (error as Error).message;
      return result(
        'fail',
        `cấu hình bắt buộc kho khóa (pairing.store = keychain) mà kho khóa không dùng được: ${why} — mở khóa kho khóa, hoặc đặt pairing.store = "auto"`,
        `the configuration requires the keychain (pairing.store = keychain) but it is unusable: ${why} — unlock it, or set pairing.store = "auto"`,
      );
    }
    const where = regs.map((r) => r.where).join(', ');
    if (mode === 'auto' && store.kind === 'file' && keychainReachable(ctx.env)) {
      // The file wins in `auto`; a different secret left in the keychain is what an older version used.
      let other: string | undefined;
      try {
        other = new KeychainSecretStore().get();
      } catch {
        other = undefined;
      }
      if (other !== undefined && other !== secret)
        return result(
          'warn',
          `kho khóa giữ một khóa ghép nối khác với tệp ${store.location}; dịch vụ và tiện ích cùng dùng tệp. Xóa bản trong kho khóa: secret-tool clear service vanthu username pairing-secret`,
          `the keychain holds another pairing secret than the file ${store.location}; the service and the extension both use the file. Remove the keychain one: secret-tool clear service vanthu username pairing-secret`,
        );
    }
    if (mode === 'keychain' && new FileSecretStore(pairingSecretFile(configDir)).exists())
      return result(
        'warn',
        `cấu hình dùng kho khóa, tệp ${pairingSecretFile(configDir)} bị bỏ qua (xóa tệp, hoặc đặt pairing.store = "auto")`,
        `configured for the keychain; ${pairingSecretFile(configDir)} is ignored (remove it, or set pairing.store = "auto")`,
      );
    const state =
      secret === undefined ? { vi: 'chưa tạo', en: 'not created yet' } : { vi: 'có', en: 'present' };
    return result(
      'ok',
      `${where}; khóa ghép nối: ${store.location} (${state.vi}), dịch vụ và tiện ích dùng cùng nơi`,
      `${where}; pairing secret: ${store.location} (${state.en}), the service and the extension use the same store`,
    );
  },
};
