import { loadConfig } from '../../config/loader.js';
import { createPairingCode } from '../../pairing/pairing-code.js';
import { pairingCodeFile } from '../../service/daemon.js';
import type { Command } from '../command.js';

export const pairCommand: Command = {
  name: 'pair',
  summary: {
    vi: 'Hiện mã ghép nối thủ công (dùng một lần)',
    en: 'Show a one-time manual pairing code',
  },
  usage: 'pair',
  options: {},
  allowPositionals: false,
  async run(ctx) {
    const { config } = loadConfig(ctx.configPath ? { configPath: ctx.configPath } : {});
    const minutes = config.pairing.codeMinutes;
    const code = createPairingCode(pairingCodeFile(), minutes);
    ctx.emit({ code, expiresInMinutes: minutes, port: config.server.port });
    ctx.say(
      ctx.t(
        `Mã ghép nối: ${code}\nNhập mã này trong Tùy chọn của tiện ích → Ghép nối (cổng ${config.server.port}). Mã dùng một lần, hết hạn sau ${minutes} phút, cho phép 5 lần thử.`,
        `Pairing code: ${code}\nEnter it in the extension options → Pairing (port ${config.server.port}). One-time, expires in ${minutes} minutes, 5 attempts.`,
      ),
    );
    return 0;
  },
};
