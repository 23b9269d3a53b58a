import { VanthuError } from '@vanthu/shared/errors/index';
import { describe, expect, it } from 'vitest';
import type { LoadedConfig } from '../../../../daemon/src/config/loader.js';
import { chooseLang } from '../../../../daemon/src/i18n/choose-lang.js';
import { daemonLog } from '../../../../daemon/src/i18n/daemon-log.js';
import { configuredLang } from '../../../../daemon/src/i18n/ui-config.js';

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (e) {
    return e instanceof VanthuError ? e.code : 'not a VanthuError';
  }
  return undefined;
};

describe('the one choice of language (CLI and daemon log)', () => {
  it('is Vietnamese by default, and for a locale that is neither vi nor en', () => {
    expect(chooseLang({ env: {} })).toBe('vi');
    expect(chooseLang({ env: { LANG: 'C.UTF-8' } })).toBe('vi');
    expect(chooseLang({ env: { LANG: 'fr_FR.UTF-8' } })).toBe('vi');
    expect(chooseLang({ env: { LANG: 'vi_VN.UTF-8' } })).toBe('vi');
  });

  it('follows an English locale, LC_ALL over LC_MESSAGES over LANG', () => {
    expect(chooseLang({ env: { LANG: 'en_US.UTF-8' } })).toBe('en');
    expect(chooseLang({ env: { LANG: 'en' } })).toBe('en');
    expect(chooseLang({ env: { LANG: 'en_US.UTF-8', LC_MESSAGES: 'vi_VN.UTF-8' } })).toBe('vi');
    expect(chooseLang({ env: { LC_MESSAGES: 'en_GB.UTF-8', LANG: 'vi_VN.UTF-8' } })).toBe('en');
    expect(chooseLang({ env: { LC_ALL: 'vi_VN.UTF-8', LC_MESSAGES: 'en_GB.UTF-8' } })).toBe('vi');
    expect(chooseLang({ env: { LC_ALL: 'en_US.UTF-8', LANG: 'vi_VN.UTF-8' } })).toBe('en');
    // An empty variable is unset, as for POSIX.
    expect(chooseLang({ env: { LC_ALL: '', LANG: 'en_US.UTF-8' } })).toBe('en');
    // "eng…" or "ena" is not English.
    expect(chooseLang({ env: { LANG: 'ena_XX' } })).toBe('vi');
  });

  it('takes config ui.language over the locale, and the --lang flag over both', () => {
    expect(chooseLang({ configured: 'en', env: { LANG: 'vi_VN.UTF-8' } })).toBe('en');
    expect(chooseLang({ configured: 'vi', env: { LANG: 'en_US.UTF-8' } })).toBe('vi');
    expect(chooseLang({ flag: 'vi', configured: 'en', env: { LANG: 'en_US.UTF-8' } })).toBe('vi');
    expect(chooseLang({ flag: 'en', configured: 'vi', env: { LANG: 'vi_VN.UTF-8' } })).toBe('en');
  });

  it('refuses a --lang that is neither vi nor en (USAGE)', () => {
    expect(codeOf(() => chooseLang({ flag: 'fr' }))).toBe('USAGE');
    expect(codeOf(() => chooseLang({ flag: true }))).toBe('USAGE');
  });
});

const loaded = (ui: unknown, source: 'user' | 'system' = 'user'): LoadedConfig =>
  ({
    config: ui === undefined ? {} : { ui },
    sources: { 'ui.language': source },
    files: {
      user: '/u/config.json',
      userExists: true,
      system: '/etc/vanthu/config.json',
      systemExists: true,
    },
    locked: [],
    ignoredLocked: [],
  }) as unknown as LoadedConfig;

describe('config ui.language', () => {
  it('is vi, en or unset', () => {
    expect(configuredLang(loaded(undefined))).toBeUndefined();
    expect(configuredLang(loaded({}))).toBeUndefined();
    expect(configuredLang(loaded({ language: 'en' }))).toBe('en');
    expect(configuredLang(loaded({ language: 'vi' }))).toBe('vi');
  });

  it('refuses anything else as CONFIG_INVALID, naming the file that set it', () => {
    expect(codeOf(() => configuredLang(loaded({ language: 'fr' })))).toBe('CONFIG_INVALID');
    expect(codeOf(() => configuredLang(loaded('en')))).toBe('CONFIG_INVALID');
    expect(codeOf(() => configuredLang(loaded({ language: 'en', theme: 'dark' })))).toBe('CONFIG_INVALID');
    expect(() => configuredLang(loaded({ language: 1 }, 'system'))).toThrow('/etc/vanthu/config.json');
  });
});

describe('the daemon log', () => {
  it('writes each line in its one language', () => {
    const lines: string[] = [];
    daemonLog('en', (l) => lines.push(l)).line('đã vào sổ', 'registered');
    daemonLog('vi', (l) => lines.push(l)).line('đã vào sổ', 'registered');
    expect(lines).toEqual(['vanthu: registered', 'vanthu: đã vào sổ']);
  });

  it('writes a failure with its code; the Vietnamese line never carries the English detail', () => {
    const e = new VanthuError('AXIS_AUTH_FAILED', 'no credential "x" in the keychain');
    const en: string[] = [];
    daemonLog('en', (l) => en.push(l)).failure('trục lỗi', 'axis failed', e);
    expect(en).toEqual([`vanthu: axis failed: AXIS_AUTH_FAILED: ${e.message}`]);
    const vi: string[] = [];
    daemonLog('vi', (l) => vi.push(l)).failure('trục lỗi', 'axis failed', e);
    expect(vi).toEqual([
      'vanthu: trục lỗi: AXIS_AUTH_FAILED: Sai thông tin xác thực trục liên thông',
      'vanthu: chi tiết kỹ thuật: no credential "x" in the keychain',
    ]);
  });
});
