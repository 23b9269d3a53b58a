import { tokenKeyProvider } from '../../service/engines.js';
import { startDaemon } from '../../service/daemon.js';
import { isolatedVerifier } from '../../verify/worker/isolated-verifier.js';
import { translator } from '../../i18n/choose-lang.js';
import type { Command } from '../command.js';

export const startCommand: Command = {
  name: 'start',
  summary: { vi: 'Chạy dịch vụ vanthu (tiền cảnh)', en: 'Run the vanthu service in the foreground' },
  usage: 'start [--port N]',
  options: { port: { type: 'string' } },
  allowPositionals: false,
  async run(ctx) {
    const portFlag = ctx.values['port'];
    const port = typeof portFlag === 'string' ? Number(portFlag) : undefined;
    const verifier = isolatedVerifier(ctx.configPath);
    // A daemon that cannot start (PORT_IN_USE, DATA_DIR_LOCKED) leaves nothing running: it exits.
    const daemon = await startDaemon({
      ...(ctx.configPath ? { configPath: ctx.configPath } : {}),
      keys: tokenKeyProvider(ctx.configPath),
      // Documents from pages and the axis are untrusted: verified in limited processes.
      verifier,
      ...(port !== undefined && Number.isInteger(port) ? { port } : {}),
      log: (line) => ctx.log(line),
      ...(ctx.values['lang'] !== undefined ? { lang: ctx.lang } : {}),
    }).catch(async (error: unknown) => {
      await verifier.close();
      throw error;
    });
    // The daemon's language (flag, config ui.language, locale) also speaks its start-up line.
    ctx.log(
      translator(daemon.lang)(
        `vanthu: đang nghe ws://127.0.0.1:${daemon.port}/ (khóa ghép nối: ${daemon.secretStore.location}); Ctrl+C để dừng`,
        `vanthu: listening on ws://127.0.0.1:${daemon.port}/ (pairing secret: ${daemon.secretStore.location}); Ctrl+C to stop`,
      ),
    );
    ctx.emit({
      url: `ws://127.0.0.1:${daemon.port}/`,
      port: daemon.port,
      secretStore: daemon.secretStore.kind,
    });
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await daemon.stop();
    await verifier.close();
    return 0;
  },
};
