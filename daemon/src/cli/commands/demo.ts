import { provisionDemo } from '../../demo/provision.js';
import { runDemoSession } from '../../launch/demo-session.js';
import { listTokens } from '../../token/index.js';
import type { Command } from '../command.js';
import { renderTokens } from '../render-tokens.js';

export const demoCommand: Command = {
  name: 'demo',
  summary: {
    vi: 'Demo: token và chứng thư số (SoftHSM2), dịch vụ vanthu, cổng QLVB mẫu và Chromium',
    en: 'Demo: token and certificates (SoftHSM2), the vanthu service, a sample QLVB portal and Chromium',
  },
  usage: 'demo [--force] [--provision-only] [--json]',
  options: {
    force: { type: 'boolean', default: false },
    'provision-only': { type: 'boolean', default: false },
  },
  allowPositionals: false,
  async run(ctx) {
    const demo = await provisionDemo({ force: ctx.values['force'] === true, log: ctx.log });
    const listing = await listTokens();
    // Only the demo token's module: the rest is what `vanthu tokens` shows.
    const mine = { modules: listing.modules.filter((m) => m.env?.['SOFTHSM2_CONF'] === demo.softhsmConf) };
    ctx.emit({ demo, tokens: mine });
    ctx.say(
      [
        ctx.t(
          demo.reused ? `Dùng lại token demo trong ${demo.dir}` : `Đã tạo token demo trong ${demo.dir}`,
          demo.reused ? `Reusing the demo token in ${demo.dir}` : `Provisioned the demo token in ${demo.dir}`,
        ),
        '',
        renderTokens(ctx.t, mine),
        '',
        `${ctx.t('PIN của token demo', 'Demo token PIN')}: ${demo.pin}  (${demo.pinFile})`,
        `${ctx.t('Chứng thư gốc tin cậy', 'Trust anchor')}: ${demo.rootFile}`,
        `${ctx.t('Ảnh chữ ký / con dấu', 'Signature / seal images')}: ${demo.signaturePng}, ${demo.sealPng}`,
        '',
        ctx.t('Ví dụ ký:', 'Example:'),
        `  vanthu sign IN.pdf -o OUT.pdf --role approver --image ${demo.signaturePng} --key '${demo.approver.keyUri}?pin-source=file:${demo.pinFile}'`,
      ].join('\n'),
    );
    // Then the daemon, the demo portal and the browser, until Ctrl+C (`npm start`).
    if (ctx.values['provision-only'] !== true) await runDemoSession({ demo, say: ctx.say, t: ctx.t });
    return 0;
  },
};
