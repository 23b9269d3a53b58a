import { chmodSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileSecretOpener, secretOpener } from '../../../daemon/src/pairing/named-secrets.js';
import {
  PAIRING_CODE_ATTEMPTS,
  beginPairingAttempt,
  createPairingCode,
  retirePairingCode,
} from '../../../daemon/src/pairing/pairing-code.js';
import {
  AutoSecretStore,
  FileSecretStore,
  KeychainSecretStore,
  ensurePairingSecret,
  keychainError,
  keychainReachable,
  newPairingSecret,
  openSecretStore,
  pairingSecretFile,
} from '../../../daemon/src/pairing/secret-store.js';
import { tempDir } from '../../support/pdf-inputs.js';
import { pairingPassword } from '@vanthu/shared/pake/pairing-exchange';

/**
 * Where the pairing secret and the other named secrets live, and the rules of the manual pairing
 * code, without a keychain: the keychain's fallbacks are driven by a keychain whose calls fail or
 * succeed on demand (the real Secret Service is in test/integration/daemon/pairing-and-service.test.ts).
 */

const tmp = tempDir('vanthu-pairing-unit-');
afterAll(() => tmp.cleanup());
let n = 0;
const fresh = () => join(tmp.dir, `d${n++}`);

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

/** A keychain entry held in memory, whose calls throw while `failing` is set. */
class MemoryKeychain extends KeychainSecretStore {
  value: string | undefined;
  failing = false;
  calls = 0;
  constructor() {
    super('pairing-secret-unit-test');
  }
  override get(): string | undefined {
    this.calls++;
    if (this.failing) throw new Error('locked');
    return this.value;
  }
  override set(secret: string): void {
    this.calls++;
    if (this.failing) throw new Error('locked');
    this.value = secret;
  }
  override delete(): void {
    this.value = undefined;
  }
}

describe('the file store', () => {
  it('reads the trimmed secret, has none when the file is absent, and writes a 0600 file', () => {
    const path = join(fresh(), 'pairing.secret');
    const store = new FileSecretStore(path);
    expect(store.kind).toBe('file');
    expect(store.location).toBe(path);
    expect(store.exists()).toBe(false);
    expect(store.get()).toBeUndefined();
    store.set('s3cret');
    expect(readFileSync(path, 'utf8')).toBe('s3cret\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(store.exists()).toBe(true);
    expect(store.get()).toBe('s3cret');
    store.delete();
    expect(store.exists()).toBe(false);
    store.delete(); // already gone: no error
  });

  it('tightens a secret file others can read, and leaves a private one as it is', () => {
    const dir = fresh();
    mkdirSync(dir);
    const path = join(dir, 'pairing.secret');
    writeFileSync(path, 'x\n', { mode: 0o640 });
    chmodSync(path, 0o640);
    expect(new FileSecretStore(path).get()).toBe('x');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    chmodSync(path, 0o400);
    expect(new FileSecretStore(path).get()).toBe('x');
    expect(statSync(path).mode & 0o777).toBe(0o400);
  });

  it('leaves the mode alone on Windows, which has no POSIX modes', () => {
    const dir = fresh();
    mkdirSync(dir);
    const path = join(dir, 'pairing.secret');
    writeFileSync(path, 'x\n');
    chmodSync(path, 0o644);
    expect(onPlatform('win32', () => new FileSecretStore(path).get())).toBe('x');
    expect(statSync(path).mode & 0o777).toBe(0o644);
  });

  it('an unreadable path is IO_ERROR naming the path, not "no secret"', () => {
    const dir = fresh();
    mkdirSync(dir);
    expect(() => new FileSecretStore(dir).get()).toThrow(
      expect.objectContaining({ code: 'IO_ERROR', message: expect.stringContaining(dir) }),
    );
  });
});

describe('keychain errors', () => {
  it('keep the first line of the reason, at most 200 characters', () => {
    const error = new Error(`  Platform failure: locked  \nCaused by: x\nstack backtrace: ...`);
    const mapped = keychainError(error);
    expect(mapped.code).toBe('KEYCHAIN_UNAVAILABLE');
    expect(mapped.message).toMatch(/: Platform failure: locked$/);
    expect(mapped.cause).toBe(error);
    expect(keychainError(new Error('a\r\nb')).message).toMatch(/: a$/);
    expect(keychainError(new Error('z'.repeat(300))).message).toMatch(/: z{200}$/);
    expect(keychainError('plain string').message).toMatch(/: plain string$/);
    expect(keychainError(new Error('\nsecond line')).message).toMatch(/: unknown error$/);
  });

  it('the keychain store names its service and account', () => {
    expect(new KeychainSecretStore('audit-key').location).toBe(
      'OS keychain service "vanthu" account "audit-key"',
    );
    expect(new KeychainSecretStore().location).toBe('OS keychain service "vanthu" account "pairing-secret"');
    expect(new KeychainSecretStore().kind).toBe('keychain');
  });
});

describe('the auto store', () => {
  function auto() {
    const file = new FileSecretStore(join(fresh(), 'pairing.secret'));
    const keychain = new MemoryKeychain();
    return { file, keychain, store: new AutoSecretStore(file, keychain) };
  }

  it('uses the keychain while it works and no file exists', () => {
    const { file, keychain, store } = auto();
    expect(store.kind).toBe('keychain');
    expect(store.location).toBe(keychain.location);
    store.set('k1');
    expect(keychain.value).toBe('k1');
    expect(file.exists()).toBe(false);
    expect(store.get()).toBe('k1');
  });

  it('follows a file written by another process, whatever the keychain holds', () => {
    const { file, keychain, store } = auto();
    keychain.value = 'from-keychain';
    file.set('from-file');
    expect(store.kind).toBe('file');
    expect(store.location).toBe(file.location);
    expect(store.get()).toBe('from-file');
    store.set('new');
    expect(file.get()).toBe('new');
    expect(keychain.value).toBe('from-keychain');
  });

  it('falls back to the file when the keychain fails to read, and asks it no more', () => {
    const { file, keychain, store } = auto();
    keychain.failing = true;
    expect(store.get()).toBeUndefined();
    expect(store.kind).toBe('file');
    keychain.failing = false;
    keychain.value = 'k';
    const calls = keychain.calls;
    expect(store.get()).toBeUndefined();
    expect(keychain.calls).toBe(calls);
    store.set('f');
    expect(file.get()).toBe('f');
    expect(keychain.value).toBe('k');
  });

  it('falls back to the file when the keychain fails to write', () => {
    const { file, keychain, store } = auto();
    keychain.failing = true;
    store.set('s');
    expect(file.get()).toBe('s');
    expect(store.kind).toBe('file');
    keychain.failing = false;
    expect(store.get()).toBe('s');
    // Asked no more either: with the file gone (another process removed it), still the file.
    file.delete();
    expect(store.kind).toBe('file');
  });

  it('a secret file that cannot be read or written fails as the file, and does not turn the keychain off', () => {
    const { file, keychain, store } = auto();
    mkdirSync(file.path, { recursive: true }); // a directory where the file should be
    expect(() => store.get()).toThrow(expect.objectContaining({ code: 'IO_ERROR' }));
    expect(() => store.set('s')).toThrow();
    expect(keychain.calls).toBe(0);
    rmSync(file.path, { recursive: true });
    expect(store.kind).toBe('keychain');
    store.set('k');
    expect(keychain.value).toBe('k');
  });

  it('deletes from both places', () => {
    const { file, keychain, store } = auto();
    file.set('f');
    keychain.value = 'k';
    store.delete();
    expect(file.exists()).toBe(false);
    expect(keychain.value).toBeUndefined();
  });

  it('without a keychain it is the file', () => {
    const file = new FileSecretStore(join(fresh(), 'pairing.secret'));
    const store = new AutoSecretStore(file, undefined);
    expect(store.kind).toBe('file');
    store.set('x');
    expect(file.get()).toBe('x');
    store.delete();
    expect(file.exists()).toBe(false);
  });
});

describe('choosing the store', () => {
  it('reaches the keychain on Linux only with a session bus', () => {
    expect(process.platform).toBe('linux');
    expect(keychainReachable({})).toBe(false);
    expect(keychainReachable({ DBUS_SESSION_BUS_ADDRESS: '' })).toBe(false);
    expect(keychainReachable({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/bus' })).toBe(true);
  });

  it('reaches the keychain on other systems without a session bus', () => {
    expect(onPlatform('darwin', () => keychainReachable({}))).toBe(true);
    expect(onPlatform('win32', () => keychainReachable({}))).toBe(true);
  });

  it('opens the configured store for the pairing secret', () => {
    const dir = fresh();
    expect(pairingSecretFile(dir)).toBe(join(dir, 'pairing.secret'));
    const file = openSecretStore('file', dir, { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/x' });
    expect(file).toBeInstanceOf(FileSecretStore);
    expect(file.location).toBe(join(dir, 'pairing.secret'));
    expect(openSecretStore('keychain', dir, {})).toBeInstanceOf(KeychainSecretStore);
    const noBus = openSecretStore('auto', dir, {});
    expect(noBus).toBeInstanceOf(AutoSecretStore);
    expect(noBus.kind).toBe('file');
  });

  it('creates a well-formed secret once and keeps it; replaces a malformed one', () => {
    const store = new FileSecretStore(join(fresh(), 'pairing.secret'));
    const secret = ensurePairingSecret(store);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(ensurePairingSecret(store)).toBe(secret);
    expect(newPairingSecret()).not.toBe(newPairingSecret());
    for (const bad of ['short', `${secret}x`, `x${secret}`, `${secret.slice(1)}+`]) {
      store.set(bad);
      const replaced = ensurePairingSecret(store);
      expect(replaced).not.toBe(bad);
      expect(replaced).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(store.get()).toBe(replaced);
    }
  });
});

describe('named secrets', () => {
  it('live in <name>.secret files, for valid names only', () => {
    const dir = fresh();
    const open = fileSecretOpener(dir);
    const store = open('backup-key');
    expect(store.kind).toBe('file');
    expect(store.location).toBe(join(dir, 'backup-key.secret'));
    expect(open('a').location).toBe(join(dir, 'a.secret'));
    expect(open(`a${'b'.repeat(63)}`).kind).toBe('file');
    for (const bad of ['', '-key', 'Key', '../x', 'a/b', 'a.b', `a${'b'.repeat(64)}`, 'key\n'])
      expect(() => open(bad), bad).toThrow(/invalid secret name/);
  });

  it('follow the mode: keychain when configured, the file in auto mode without a session bus', () => {
    const dir = fresh();
    const bus = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' };
    expect(secretOpener('keychain', dir, {})('audit-key')).toBeInstanceOf(KeychainSecretStore);
    expect(secretOpener('keychain', dir, {})('audit-key').location).toContain('"audit-key"');
    expect(secretOpener('file', dir, bus)('audit-key')).toBeInstanceOf(FileSecretStore);
    expect(secretOpener('auto', dir, {})('audit-key')).toBeInstanceOf(FileSecretStore);
  });
});

describe('the manual pairing code', () => {
  it('is 8 Crockford base32 characters, and expires after the given minutes (not before)', () => {
    const file = join(fresh(), 'code.json');
    const codes = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const code = createPairingCode(file, 2, 1000);
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      codes.add(code);
    }
    expect(codes.size).toBe(20);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      expiresAt: 1000 + 2 * 60_000,
      attemptsLeft: PAIRING_CODE_ATTEMPTS,
    });
    expect(beginPairingAttempt(file, 1000 + 2 * 60_000).attemptsLeft).toBe(PAIRING_CODE_ATTEMPTS - 1);
    expect(() => beginPairingAttempt(file, 1001 + 2 * 60_000)).toThrow(
      expect.objectContaining({ code: 'PAIRING_FAILED', message: expect.stringMatching(/expired/) }),
    );
    expect(() => beginPairingAttempt(file, 1000)).toThrow(/no pairing code/);
  });

  it('counts down the attempts in the file and deletes it with the last', () => {
    const file = join(fresh(), 'code.json');
    createPairingCode(file, 5, 0);
    for (let left = PAIRING_CODE_ATTEMPTS - 1; left >= 1; left--) {
      expect(beginPairingAttempt(file, 1).attemptsLeft).toBe(left);
      expect(JSON.parse(readFileSync(file, 'utf8')).attemptsLeft).toBe(left);
      expect(statSync(file).mode & 0o777).toBe(0o600);
    }
    const last = beginPairingAttempt(file, 1);
    expect(last.attemptsLeft).toBe(0);
    expect(() => readFileSync(file)).toThrow(/ENOENT/);
  });

  it('refuses, and removes, a file with no attempts left; ignores malformed files', () => {
    const file = join(fresh(), 'code.json');
    createPairingCode(file, 5, 0);
    const entry = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...entry, attemptsLeft: 0 }));
    expect(() => beginPairingAttempt(file, 1)).toThrow(/expired/);
    expect(() => readFileSync(file)).toThrow(/ENOENT/);
    for (const bad of [
      'not json',
      JSON.stringify({ ...entry, sha256: 1 }),
      JSON.stringify({ ...entry, expiresAt: '9999999999999' }),
      JSON.stringify({ ...entry, attemptsLeft: '5' }),
    ]) {
      writeFileSync(file, bad);
      expect(() => beginPairingAttempt(file, 1), bad).toThrow(/no pairing code/);
      retirePairingCode(file, Buffer.from(entry.sha256, 'hex')); // nothing to retire
      expect(readFileSync(file, 'utf8')).toBe(bad);
    }
  });

  it('is retired only by its own password', () => {
    const file = join(fresh(), 'code.json');
    const code = createPairingCode(file, 5, 0);
    const password = Buffer.from(pairingPassword(code));
    retirePairingCode(file, password.subarray(0, 16));
    retirePairingCode(file, Buffer.from(pairingPassword('AAAA-AAAA')));
    expect(beginPairingAttempt(file, 1).password).toEqual(password);
    retirePairingCode(file, password);
    expect(() => beginPairingAttempt(file, 1)).toThrow(/no pairing code/);
  });
});
