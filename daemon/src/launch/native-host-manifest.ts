import { join } from 'node:path';
import { EXTENSION_ID } from '@vanthu/shared/extension-id';
import { NATIVE_HOST_NAME } from '@vanthu/shared/native-host';
import { chromiumManifest, nativeLauncher } from '../service/install/templates.js';
import { writeFileAtomic } from '../fs/atomic-write.js';

/**
 * Registers `vanthu native-host` for one Chromium user-data directory: Chromium on Linux reads
 * `<user-data-dir>/NativeMessagingHosts/<name>.json`, so a demo or test profile gets its own host
 * without touching the user's browser (`vanthu service install` does the per-user locations). The
 * manifest points at the same launcher script the service install writes, fixing node, the CLI and
 * the environment (VANTHU_HOME, …).
 */
export function registerNativeHost(options: {
  userDataDir: string;
  /** Where to write the launcher script. */
  wrapperPath: string;
  /** The vanthu CLI entry (daemon/bin/vanthu.mjs). */
  cli: string;
  env?: Readonly<Record<string, string>>;
}): { manifestPath: string; wrapperPath: string } {
  const launch = { node: process.execPath, cli: options.cli, env: { ...options.env } };
  writeFileAtomic(options.wrapperPath, nativeLauncher(launch, false), 0o755);
  const manifestPath = join(options.userDataDir, 'NativeMessagingHosts', `${NATIVE_HOST_NAME}.json`);
  writeFileAtomic(manifestPath, chromiumManifest(NATIVE_HOST_NAME, options.wrapperPath, [EXTENSION_ID]));
  return { manifestPath, wrapperPath: options.wrapperPath };
}
