import { join } from 'node:path';
import { EXTENSION_ORIGIN } from '@vanthu/shared/extension-id';
import { NATIVE_HOST_NAME } from '@vanthu/shared/native-host';
import { writeFileAtomic } from './write-file.js';

/** Shell-quotes one word for the POSIX wrapper script. */
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Registers `vanthu native-host` for one Chromium user-data directory: Chromium on Linux reads
 * `<user-data-dir>/NativeMessagingHosts/<name>.json`, so a demo or test profile gets its own host
 * without touching the user's browser. The manifest `path` must be an executable without arguments,
 * hence a small wrapper that fixes node, the CLI and the environment (VANTHU_HOME, …).
 */
export function registerNativeHost(options: {
  userDataDir: string;
  /** Where to write the wrapper script. */
  wrapperPath: string;
  /** The vanthu CLI entry (daemon/bin/vanthu.mjs). */
  cli: string;
  env?: Readonly<Record<string, string>>;
}): { manifestPath: string; wrapperPath: string } {
  const exports = Object.entries(options.env ?? {})
    .map(([k, v]) => `export ${k}=${quote(v)}\n`)
    .join('');
  // Chromium passes the caller's origin as the first argument; the host checks it itself.
  const script = `#!/bin/sh\n${exports}exec ${quote(process.execPath)} ${quote(options.cli)} native-host "$@"\n`;
  writeFileAtomic(options.wrapperPath, script, 0o755);
  const manifest = {
    name: NATIVE_HOST_NAME,
    description: 'vanthu — pairing with the local service',
    path: options.wrapperPath,
    type: 'stdio',
    allowed_origins: [`${EXTENSION_ORIGIN}/`],
  };
  const manifestPath = join(options.userDataDir, 'NativeMessagingHosts', `${NATIVE_HOST_NAME}.json`);
  writeFileAtomic(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return { manifestPath, wrapperPath: options.wrapperPath };
}
