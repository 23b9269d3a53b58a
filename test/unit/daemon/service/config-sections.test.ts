import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfigSection } from '../../../../daemon/src/config/section.js';
import { loadExchangeConfig } from '../../../../daemon/src/exchange/config.js';
import { loadRegistryConfig } from '../../../../daemon/src/registry/config.js';
import { loadPkcs11Config } from '../../../../daemon/src/token/config.js';
import { loadTrustConfig } from '../../../../daemon/src/trust/config.js';
import { tempDir } from '../../../support/pdf-inputs.js';

let tmp: ReturnType<typeof tempDir>;
let env: NodeJS.ProcessEnv;
let userFile: string;
let adminFile: string;

function write(file: string, value: unknown): void {
  writeFileSync(file, JSON.stringify(value));
}

beforeEach(() => {
  tmp = tempDir('vanthu-config-sections-');
  mkdirSync(join(tmp.dir, 'config'), { recursive: true });
  userFile = join(tmp.dir, 'config', 'config.json');
  adminFile = join(tmp.dir, 'admin.json');
  env = { VANTHU_HOME: tmp.dir, VANTHU_SYSTEM_CONFIG: adminFile };
});
afterEach(() => tmp.cleanup());

describe('module sections read through the shared loader', () => {
  it('the exchange reads the admin value of a locked key, not the user one', () => {
    write(adminFile, { exchange: { pollSeconds: 300 }, locked: ['exchange.pollSeconds'] });
    write(userFile, { exchange: { pollSeconds: 5, recallPolicy: 'ask' } });
    const config = loadExchangeConfig(undefined, env);
    expect(config.pollSeconds).toBe(300);
    // Keys the admin did not lock still come from the user file.
    expect(config.recallPolicy).toBe('ask');
    const section = loadConfigSection('exchange', { env });
    expect(section.loaded.ignoredLocked).toEqual(['exchange.pollSeconds']);
    expect(section.loaded.sources['exchange.pollSeconds']).toBe('system');
    expect(section.loaded.sources['exchange.recallPolicy']).toBe('user');
  });

  it('a locked key the admin does not set falls back to the default, and --config files are merged too', () => {
    write(adminFile, { locked: ['exchange'] });
    const other = join(tmp.dir, 'other.json');
    write(other, { exchange: { pollSeconds: 5, dbFile: '/tmp/elsewhere.sqlite' } });
    const config = loadExchangeConfig(other, env);
    expect(config.pollSeconds).toBeUndefined();
    expect(config.dbFile).toBe(join(tmp.dir, 'data', 'exchange.sqlite'));
  });

  it('pkcs11 modules from the admin file win over the user list; errors name the file at fault', () => {
    write(adminFile, { pkcs11: { modules: ['/opt/agency/libtoken.so'] }, locked: ['pkcs11'] });
    write(userFile, { pkcs11: { modules: ['/home/user/libother.so'], knownModules: false } });
    expect(loadPkcs11Config(undefined, env)).toEqual({
      modules: [{ path: '/opt/agency/libtoken.so' }],
      knownModules: true,
    });
    write(adminFile, { pkcs11: { modules: 'not a list' } });
    expect(() => loadPkcs11Config(undefined, env)).toThrow(`${adminFile}: pkcs11: modules must be a list`);
    write(adminFile, {});
    write(userFile, { pkcs11: { knownModules: 'yes' } });
    expect(() => loadPkcs11Config(undefined, env)).toThrow(`${userFile}: pkcs11: knownModules`);
  });

  it('registry and trust sections get the admin file and its locks as well', () => {
    write(adminFile, {
      registry: { organId: '000.00.00.H01', organName: 'UBND tỉnh Thử' },
      trust: { online: false },
      locked: ['registry.organId', 'trust.online'],
    });
    write(userFile, {
      registry: { organId: 'user-choice', organName: 'Tên khác' },
      trust: { online: true, policy: 'strict' },
    });
    const registry = loadRegistryConfig(undefined, env);
    expect(registry.organId).toBe('000.00.00.H01');
    // Not locked: the admin value still wins over the user's (admin file merged over the user file).
    expect(registry.organName).toBe('UBND tỉnh Thử');
    const trust = loadTrustConfig(undefined, env);
    expect(trust.online).toBe(false);
    expect(trust.policy).toBe('strict');
  });

  it('an absent user file means defaults; a missing --config file is CONFIG_INVALID', () => {
    expect(loadExchangeConfig(undefined, env).pollSeconds).toBeUndefined();
    expect(loadPkcs11Config(undefined, env)).toEqual({ modules: [], knownModules: true });
    expect(() => loadExchangeConfig(join(tmp.dir, 'missing.json'), env)).toThrow(/missing\.json/);
  });
});
