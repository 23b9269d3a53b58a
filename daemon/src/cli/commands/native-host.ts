import { loadConfig } from '../../config/loader.js';
import { resolvePaths } from '../../config/paths.js';
import { runNativeHost } from '../../native-host/host.js';
import { openSecretStore } from '../../pairing/secret-store.js';
import type { Command } from '../command.js';

/** Started by the browser (never by hand): answers on stdin/stdout, then exits when stdin closes. */
export const nativeHostCommand: Command = {
  name: 'native-host',
  summary: {
    vi: 'Máy chủ native messaging cho tiện ích (trình duyệt tự gọi)',
    en: 'Native-messaging host for the extension (started by the browser)',
  },
  usage: 'native-host ORIGIN',
  options: { 'parent-window': { type: 'string' } },
  async run(ctx) {
    const { config } = loadConfig(ctx.configPath ? { configPath: ctx.configPath } : {});
    // Chrome passes the caller origin; Firefox passes the manifest path, then the extension ID.
    const caller = ctx.positionals.find((p) => p.startsWith('chrome-extension://')) ?? ctx.positionals[1];
    // The demo's launcher names the port its daemon listens on, which may not be the configured one.
    const demoPort = Number(process.env['VANTHU_DAEMON_PORT']);
    await runNativeHost({
      port: Number.isInteger(demoPort) && demoPort > 0 && demoPort < 65536 ? demoPort : config.server.port,
      store: openSecretStore(config.pairing.store, resolvePaths().userConfigDir),
      allowedOrigins: [...config.server.allowedOrigins, 'moz-extension://vanthu@vanthu.vn'],
      caller,
      lang: ctx.lang,
    });
    return 0;
  },
};
