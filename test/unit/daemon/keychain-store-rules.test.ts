import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LoadedConfig } from '../../../daemon/src/config/loader.js';
import { tempDir } from '../../support/pdf-inputs.js';

/**
 * The keychain store's own rules (what a missing entry reads as, how failures are reported, what
 * usable() proves, when `auto` trusts the keychain), against an in-memory keychain in place of the
 * native binding. The binding keeps its first D-Bus connection for the life of a process, so the
 * real Secret Service is tested in processes of their own (pairing-keychain.test.ts,
 * first-pairing.test.ts); here each call of the keychain can be made to fail on its own.
 */

const keychain = vi.hoisted(() => ({
  /** Stored passwords by "service/account". */
  items: new Map<string, string>(),
  /** Calls that throw: a method name (every entry) or "method service/account" (that entry only). */
  failing: new Set<string>(),
  /** What getPassword returns for a probe entry instead of the stored value, when set. */
  probeReadsBack: undefined as string | undefined,
  calls: [] as string[],
  /** Every value setPassword was given, in order. */
  written: [] as string[],
}));

vi.mock('@napi-rs/keyring', () => ({
  Entry: class {
    readonly #key: string;
    constructor(service: string, account: string) {
      this.#key = `${service}/${account}`;
    }
    #call(method: string): void {
      keychain.calls.push(`${method} ${this.#key}`);
      if (keychain.failing.has(method) || keychain.failing.has(`${method} ${this.#key}`))
        throw new Error(`${method}: locked\nCaused by: dbus`);
    }
    getPassword(): string | null {
      this.#call('getPassword');
      if (this.#key.endsWith('-probe') && keychain.probeReadsBack !== undefined)
        return keychain.probeReadsBack;
      return keychain.items.get(this.#key) ?? null;
    }
    setPassword(value: string): void {
      this.#call('setPassword');
      keychain.written.push(value);
      keychain.items.set(this.#key, value);
    }
    deletePassword(): boolean {
      this.#call('deletePassword');
      return keychain.items.delete(this.#key);
    }
  },
}));

const { configuredSecretOpener, fileSecretOpener, secretOpener } = await import(
  '../../../daemon/src/pairing/named-secrets.js'
);
const { AutoSecretStore, FileSecretStore, KeychainSecretStore, openSecretStore } = await import(
  '../../../daemon/src/pairing/secret-store.js'
);

const tmp = tempDir('vanthu-keychain-rules-');
afterAll(() => tmp.cleanup());
let n = 0;
const fresh = () => join(tmp.dir, `d${n++}`);
const bus = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus' };

/** Runs `body` as if on another operating system (only process.platform changes). */
function onPlatform<T>(platform: NodeJS.Platform, body: () => T): T {
  const saved = Object.getOwnPropertyDescriptor(process, 'platform')!;
  Object.defineProperty(process, 'platform', { ...saved, value: platform });
  try {
    return body();
  } finally {
    Object.defineProperty(process, 'platform', saved);
  }
}

beforeEach(() => {
  keychain.items.clear();
  keychain.failing.clear();
  keychain.probeReadsBack = undefined;
  keychain.calls.length = 0;
  keychain.written.length = 0;
});

describe('the keychain store', () => {
  it('reads an absent entry as undefined, and what was set under service "vanthu" and its account', () => {
    const store = new KeychainSecretStore('audit-key');
    expect(store.get()).toBeUndefined();
    store.set('v1');
    expect(keychain.items.get('vanthu/audit-key')).toBe('v1');
    expect(store.get()).toBe('v1');
    expect(new KeychainSecretStore().get()).toBeUndefined();
    new KeychainSecretStore().set('p');
    expect(keychain.items.get('vanthu/pairing-secret')).toBe('p');
  });

  it('reports a failing read or write as KEYCHAIN_UNAVAILABLE with the first line of the reason', () => {
    const store = new KeychainSecretStore('audit-key');
    keychain.failing.add('getPassword');
    expect(() => store.get()).toThrow(
      expect.objectContaining({
        code: 'KEYCHAIN_UNAVAILABLE',
        message: expect.stringMatching(/getPassword: locked$/),
      }),
    );
    keychain.failing.add('setPassword');
    expect(() => store.set('x')).toThrow(
      expect.objectContaining({
        code: 'KEYCHAIN_UNAVAILABLE',
        message: expect.stringMatching(/setPassword: locked$/),
      }),
    );
  });

  it('deletes its entry, and a failing delete is no error', () => {
    keychain.items.set('vanthu/audit-key', 'v');
    keychain.items.set('vanthu/other', 'w');
    new KeychainSecretStore('audit-key').delete();
    expect([...keychain.items.keys()]).toEqual(['vanthu/other']);
    keychain.failing.add('deletePassword');
    expect(() => new KeychainSecretStore('other').delete()).not.toThrow();
  });
});

describe('usable(): a write and a read back on a probe entry', () => {
  it('is true when the value written reads back, and leaves no probe behind', () => {
    expect(new KeychainSecretStore('audit-key').usable()).toBe(true);
    expect(keychain.calls).toEqual([
      'setPassword vanthu/pairing-secret-probe',
      'getPassword vanthu/pairing-secret-probe',
      'deletePassword vanthu/pairing-secret-probe',
    ]);
    expect(keychain.items.size).toBe(0);
  });

  it('writes a fresh random value each time, so an old probe left behind proves nothing', () => {
    const store = new KeychainSecretStore();
    expect(store.usable()).toBe(true);
    expect(store.usable()).toBe(true);
    const [first, second] = keychain.written;
    expect(keychain.written).toHaveLength(2);
    expect(first).toMatch(/^[0-9a-f]{16}$/);
    expect(second).not.toBe(first);
  });

  it('is false when another value reads back, or when any call fails', () => {
    keychain.probeReadsBack = 'stale';
    expect(new KeychainSecretStore().usable()).toBe(false);
    keychain.probeReadsBack = undefined;
    for (const method of ['setPassword', 'getPassword', 'deletePassword']) {
      keychain.failing.clear();
      keychain.failing.add(method);
      expect(new KeychainSecretStore().usable(), method).toBe(false);
    }
  });
});

describe('choosing a store with a session bus', () => {
  it('the pairing secret in `auto` mode goes to the keychain while no file exists', () => {
    const dir = fresh();
    const store = openSecretStore('auto', dir, bus);
    expect(store).toBeInstanceOf(AutoSecretStore);
    expect(store.kind).toBe('keychain');
    store.set('s');
    expect(keychain.items.get('vanthu/pairing-secret')).toBe('s');
    new FileSecretStore(join(dir, 'pairing.secret')).set('f');
    expect(store.kind).toBe('file');
  });

  it('a named secret in `auto` mode is in the keychain only when it can be written and read', () => {
    const dir = fresh();
    const works = secretOpener('auto', dir, bus)('audit-key');
    expect(works).toBeInstanceOf(KeychainSecretStore);
    expect(works.location).toContain('"audit-key"');
    keychain.failing.add('setPassword');
    expect(secretOpener('auto', dir, bus)('audit-key')).toBeInstanceOf(FileSecretStore);
    keychain.failing.clear();
    // The probe works, but reading this secret's entry is refused: the file, not a failing keychain.
    keychain.failing.add('getPassword vanthu/audit-key');
    const refused = secretOpener('auto', dir, bus)('audit-key');
    expect(refused).toBeInstanceOf(FileSecretStore);
    expect(refused.location).toBe(join(dir, 'audit-key.secret'));
  });

  it('without a session bus on Linux the keychain is not asked at all', () => {
    const dir = fresh();
    expect(secretOpener('auto', dir, {})('audit-key')).toBeInstanceOf(FileSecretStore);
    expect(openSecretStore('auto', dir, {}).kind).toBe('file');
    expect(keychain.calls).toEqual([]);
  });

  it('on other systems a session bus is not needed', () => {
    const dir = fresh();
    expect(onPlatform('darwin', () => secretOpener('auto', dir, {})('audit-key'))).toBeInstanceOf(
      KeychainSecretStore,
    );
    expect(onPlatform('win32', () => openSecretStore('auto', dir, {}).kind)).toBe('keychain');
  });

  it('the file opener is files whatever the session, and the configured one follows `pairing.store`', () => {
    const saved = process.env['DBUS_SESSION_BUS_ADDRESS'];
    process.env['DBUS_SESSION_BUS_ADDRESS'] = bus.DBUS_SESSION_BUS_ADDRESS;
    try {
      expect(fileSecretOpener(fresh())('audit-key')).toBeInstanceOf(FileSecretStore);
    } finally {
      if (saved === undefined) delete process.env['DBUS_SESSION_BUS_ADDRESS'];
      else process.env['DBUS_SESSION_BUS_ADDRESS'] = saved;
    }
    const home = fresh();
    const configured = (store: 'auto' | 'file' | 'keychain') =>
      configuredSecretOpener({ config: { pairing: { store } } } as LoadedConfig, {
        ...bus,
        VANTHU_HOME: home,
      });
    expect(configured('file')('audit-key').location).toBe(join(home, 'config', 'audit-key.secret'));
    expect(configured('auto')('audit-key')).toBeInstanceOf(KeychainSecretStore);
  });
});
