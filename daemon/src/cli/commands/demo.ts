import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { VanthuError } from '@vanthu/shared/errors/index';
import { resolvePaths } from '../../config/paths.js';
import { provisionDemo } from '../../demo/provision.js';
import { acquireDemoLock, demoRunningError, runningDemo } from '../../launch/demo-lock.js';
import { runDemoSession } from '../../launch/demo-session.js';
import { listTokens } from '../../token/index.js';
import type { Command } from '../command.js';
import { renderTokens } from '../render-tokens.js';

export const demoCommand: Command = {
  name: 'demo',
  summary: {
    vi: 'Demo: hai cơ quan (UBND và Sở Nội vụ thành phố Cần Thơ), mỗi cơ quan một dịch vụ vanthu và cổng QLVB mẫu, một trục liên thông cục bộ, token SoftHSM2 và Chromium',
    en: 'Demo: two agencies (the city People’s Committee and Department of Home Affairs of Can Tho), each with its vanthu service and sample QLVB portal, a local exchange axis, SoftHSM2 tokens and Chromium',
  },
  usage: 'demo [--port N] [--portal-port M] [--no-browser] [--force] [--provision-only] [--json]',
  options: {
    force: { type: 'boolean', default: false },
    'provision-only': { type: 'boolean', default: false },
    'no-browser': { type: 'boolean', default: false },
    port: { type: 'string' },
    'portal-port': { type: 'string' },
  },
  allowPositionals: false,
  async run(ctx) {
    const daemonPort = portOption(ctx.values['port'], '--port');
    const portalPort = portOption(ctx.values['portal-port'], '--portal-port');
    // Before anything is written (token, config, portal files): a running demo is left as it is.
    const demoDir = join(resolvePaths().userDataDir, 'demo');
    mkdirSync(demoDir, { recursive: true, mode: 0o700 });
    const provisionOnly = ctx.values['provision-only'] === true;
    const lock = provisionOnly ? undefined : acquireDemoLock(demoDir);
    const running = provisionOnly ? runningDemo(demoDir) : undefined;
    if (running) throw demoRunningError(running);
    const demo = await provisionDemo({ force: ctx.values['force'] === true, log: ctx.log, lang: ctx.lang });
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
        `${ctx.t('Token của Sở Nội vụ', 'Token of the Sở Nội vụ')}: "${demo.counterpart.tokenLabel}" (${demo.counterpart.softhsmConf})`,
        `${ctx.t('Chứng thư gốc tin cậy', 'Trust anchor')}: ${demo.rootFile}`,
        `${ctx.t('Ảnh chữ ký / con dấu', 'Signature / seal images')}: ${demo.signaturePng}, ${demo.sealPng}`,
        '',
        ctx.t('Ví dụ ký:', 'Example:'),
        `  vanthu sign IN.pdf -o OUT.pdf --role approver --image ${demo.signaturePng} --key '${demo.approver.keyUri}?pin-source=file:${demo.pinFile}'`,
      ].join('\n'),
    );
    // Then the axis, each agency's daemon and portal, and the browsers, until Ctrl+C (`npm start`).
    if (!lock) return 0;
    try {
      const clean = await runDemoSession({
        demo,
        lock,
        ...(daemonPort !== undefined ? { daemonPort } : {}),
        ...(portalPort !== undefined ? { portalPort } : {}),
        ...(ctx.values['no-browser'] === true ? { openBrowser: false } : {}),
        say: ctx.say,
        t: ctx.t,
      });
      return clean ? 0 : 1;
    } finally {
      lock.release();
    }
  },
};

function portOption(value: unknown, flag: string): number | undefined {
  if (typeof value !== 'string') return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new VanthuError('USAGE', `${flag} ${value}: a port number 0–65535 (0: any free port)`);
  return port;
}
