import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VanthuError } from '@vanthu/shared/errors/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../../daemon/src/exchange/axis/secret-store.js';
import { FileSecretStore } from '../../../daemon/src/pairing/secret-store.js';
import { startDaemon } from '../../../daemon/src/service/daemon.js';
import { tempDir } from '../../support/pdf-inputs.js';
import { ENGLISH } from '../../support/screen-checks.js';
import { runVanthu } from '../../support/vanthu-cli.js';
import { approverSignedBy, makeVerifyFixture } from '../../support/verify-fixture.js';

// One language at a time: Vietnamese unless --lang en, config ui.language or an English locale asks
// for English, in the CLI's messages and in the daemon's log alike.

const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;
/** The English case detail of an error has a line of its own under Vietnamese (the CLI's "Chi tiết"). */
const TECHNICAL_DETAIL = /^(vanthu: )?chi tiết kỹ thuật: /i;

const tmp = tempDir('vanthu-one-language-');
const vietnameseLocale = { LANG: 'vi_VN.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
const englishLocale = { LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
let commands: string[][];

beforeAll(async () => {
  const fx = await makeVerifyFixture(tmp.dir);
  const signed = await approverSignedBy(fx.ca, fx.base, 'Trần Văn Minh');
  const tampered = signed.slice();
  // A byte of the page content inside the signed range: the signature no longer matches.
  const at = Buffer.from(tampered).indexOf('BT');
  tampered[at + 3] = tampered[at + 3] === 0x31 ? 0x32 : 0x31;
  writeFileSync(join(tmp.dir, 'not-a-pdf.pdf'), 'not a PDF at all');
  writeFileSync(join(tmp.dir, 'untrusted.pdf'), signed);
  writeFileSync(join(tmp.dir, 'tampered.pdf'), tampered);
  commands = [
    ['verify', join(tmp.dir, 'not-a-pdf.pdf')],
    ['verify', join(tmp.dir, 'untrusted.pdf'), '--offline'],
    ['verify', join(tmp.dir, 'tampered.pdf'), '--offline', '--trust', fx.rootPath],
    ['doctor'],
    ['--help'],
    ['verify', '--no-such-flag'],
  ];
}, 60_000);
afterAll(() => tmp.cleanup());

const outputOf = async (args: string[], env: NodeJS.ProcessEnv) => {
  const r = await runVanthu(join(tmp.dir, 'home'), args, env);
  return `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => l.trim() !== '');
};

describe('the CLI speaks one language', () => {
  it('English with --lang en, even under a Vietnamese locale: no Vietnamese on any line', async () => {
    for (const args of commands) {
      const lines = await outputOf([...args, '--lang', 'en'], vietnameseLocale);
      expect(lines.length, args.join(' ')).toBeGreaterThan(0);
      expect(
        lines.filter((l) => VIETNAMESE.test(l)),
        args.join(' '),
      ).toEqual([]);
    }
  }, 120_000);

  it('English under an English locale (LANG=en_US.UTF-8) without the flag', async () => {
    const lines = await outputOf(['--help'], englishLocale);
    expect(lines[0]).toMatch(/^Usage: vanthu/);
    expect(lines.filter((l) => VIETNAMESE.test(l))).toEqual([]);
  });

  it('config ui.language chooses the language under any locale; --lang still wins, and the admin file over the user file', async () => {
    const home = join(tmp.dir, 'configured');
    mkdirSync(join(home, 'config'), { recursive: true });
    writeFileSync(join(home, 'config', 'config.json'), JSON.stringify({ ui: { language: 'en' } }));
    const run = async (args: string[], env: NodeJS.ProcessEnv) => {
      const r = await runVanthu(home, args, env);
      return `${r.stdout}\n${r.stderr}`;
    };
    const notAPdf = ['verify', join(tmp.dir, 'not-a-pdf.pdf')];
    expect(await run(['--help'], vietnameseLocale)).toMatch(/^Usage: vanthu/);
    const refused = await run(notAPdf, vietnameseLocale);
    expect(refused).toMatch(/PDF_MALFORMED|not a PDF|PDF/);
    expect(refused).not.toMatch(VIETNAMESE);
    expect(await run(['--help', '--lang', 'vi'], englishLocale)).toMatch(/^Cách dùng: vanthu/);
    // --config names another file: its ui.language counts, not the per-user one's.
    const other = join(tmp.dir, 'other-config.json');
    writeFileSync(other, JSON.stringify({ ui: { language: 'vi' } }));
    expect(await run(['--help', '--config', other], englishLocale)).toMatch(/^Cách dùng: vanthu/);
    // The admin file is merged over the user's, as the loader does.
    const admin = join(tmp.dir, 'admin-vi.json');
    writeFileSync(admin, JSON.stringify({ ui: { language: 'vi' } }));
    expect(await run(['--help'], { ...englishLocale, VANTHU_SYSTEM_CONFIG: admin })).toMatch(
      /^Cách dùng: vanthu/,
    );
  }, 120_000);

  it('Vietnamese under LANG=vi_VN.UTF-8, and --lang vi over an English locale: no English word from the list', async () => {
    for (const [args, env] of [
      ...commands.map((a) => [a, vietnameseLocale] as const),
      ...commands.map((a) => [[...a, '--lang', 'vi'], englishLocale] as const),
    ]) {
      const lines = await outputOf([...args], env);
      expect(lines.length, args.join(' ')).toBeGreaterThan(0);
      expect(
        lines.filter((l) => !TECHNICAL_DETAIL.test(l) && ENGLISH.test(l)),
        args.join(' '),
      ).toEqual([]);
      expect(
        lines.some((l) => VIETNAMESE.test(l)),
        args.join(' '),
      ).toBe(true);
    }
  }, 240_000);
});

describe('the daemon log follows the same choice', () => {
  /** Starts a daemon whose exchange credential is missing and whose user config sets a locked key. */
  async function logOf(ui: unknown, locale: NodeJS.ProcessEnv, lang?: 'vi' | 'en'): Promise<string[]> {
    const home = join(tmp.dir, `d${Math.random().toString(36).slice(2)}`);
    mkdirSync(home, { recursive: true });
    const configPath = join(home, 'config.json');
    const adminPath = join(home, 'admin.json');
    const self = { organId: '000.00.09.H13', organName: 'Sở Nội vụ Cần Thơ' };
    const axis = {
      kind: 'vdxp',
      endpoint: 'http://127.0.0.1:9/vdxp',
      organId: self.organId,
      systemId: 'snv',
      secretRef: 'vanthu/axis/missing',
    };
    writeFileSync(adminPath, JSON.stringify({ locked: ['pin.batchWindowSeconds'] }));
    writeFileSync(
      configPath,
      JSON.stringify({ pin: { batchWindowSeconds: 30 }, exchange: { self, axis }, ...(ui ? { ui } : {}) }),
    );
    const lines: string[] = [];
    const daemon = await startDaemon({
      env: { ...process.env, ...locale, VANTHU_HOME: home, VANTHU_SYSTEM_CONFIG: adminPath },
      configPath,
      keys: {
        listTokens: async () => [],
        openSigner: async (uri) => Promise.reject(new VanthuError('KEY_NOT_FOUND', uri)),
      },
      verifier: { verify: async () => Promise.reject(new Error('no document is verified here')) },
      port: 0,
      secretStore: new FileSecretStore(join(home, 'secret')),
      axisSecrets: new MemorySecretStore(),
      log: (line) => lines.push(line),
      ...(lang ? { lang } : {}),
    });
    await daemon.stop();
    expect(lines.length).toBeGreaterThanOrEqual(2);
    return lines;
  }

  it('is English when config ui.language is "en", under a Vietnamese locale', async () => {
    const lines = await logOf({ language: 'en' }, vietnameseLocale);
    expect(lines.join('\n')).toContain('pin.batchWindowSeconds is locked by the administrator');
    expect(lines.join('\n')).toContain('document exchange unavailable: AXIS_AUTH_FAILED');
    expect(lines.filter((l) => VIETNAMESE.test(l))).toEqual([]);
  });

  it('is English under an English locale, and Vietnamese when --lang vi is given to the daemon', async () => {
    expect((await logOf(undefined, englishLocale)).filter((l) => VIETNAMESE.test(l))).toEqual([]);
    const vi = await logOf(undefined, englishLocale, 'vi');
    expect(vi.join('\n')).toContain('chưa dùng được trao đổi văn bản: AXIS_AUTH_FAILED');
  });

  it('is Vietnamese by default: no English word from the list outside the technical detail', async () => {
    const lines = await logOf(undefined, vietnameseLocale);
    expect(lines.join('\n')).toContain('pin.batchWindowSeconds do quản trị viên khóa');
    expect(lines.filter((l) => !TECHNICAL_DETAIL.test(l) && ENGLISH.test(l))).toEqual([]);
  });
});
