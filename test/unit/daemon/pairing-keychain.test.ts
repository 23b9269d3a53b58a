import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretOpener } from '../../../daemon/src/pairing/named-secrets.js';
import {
  AutoSecretStore,
  FileSecretStore,
  KeychainSecretStore,
  openSecretStore,
} from '../../../daemon/src/pairing/secret-store.js';
import { type KeyringSession, startKeyringSession } from '../../support/gnome-keyring.js';

/**
 * The keychain stores in this process against a real gnome-keyring (Secret Service in a private
 * D-Bus session): this process is pointed at the session's bus, the way a desktop session would.
 * The binding keeps its first connection for the life of the process, so a refusing keyring is
 * tested in child processes (test/integration/daemon/first-pairing.test.ts). For the same reason this
 * file needs a process of its own: it is not in vitest.mutation.config.ts, whose runs share one.
 */

const home = mkdtempSync(join(tmpdir(), 'vanthu-keychain-unit-'));
let unlocked: KeyringSession;
const savedBus = process.env['DBUS_SESSION_BUS_ADDRESS'];
beforeAll(async () => {
  unlocked = await startKeyringSession(join(home, 'unlocked'), 'unlocked');
}, 60_000);
afterAll(() => {
  unlocked?.stop();
  if (savedBus === undefined) delete process.env['DBUS_SESSION_BUS_ADDRESS'];
  else process.env['DBUS_SESSION_BUS_ADDRESS'] = savedBus;
  rmSync(home, { recursive: true, force: true });
});
const on = (session: KeyringSession) => {
  process.env['DBUS_SESSION_BUS_ADDRESS'] = session.busAddress;
  return { DBUS_SESSION_BUS_ADDRESS: session.busAddress };
};

describe('a working keychain', () => {
  it('stores, reads back and deletes a secret; usable() says so', () => {
    on(unlocked);
    const store = new KeychainSecretStore('unit-test-secret');
    store.delete();
    expect(store.get()).toBeUndefined();
    store.set('value-1');
    expect(new KeychainSecretStore('unit-test-secret').get()).toBe('value-1');
    expect(new KeychainSecretStore('another-account').get()).toBeUndefined();
    store.delete();
    expect(store.get()).toBeUndefined();
    store.delete(); // already absent: no error
    expect(store.usable()).toBe(true);
  });

  it('is chosen by `auto` for the pairing secret and for named secrets, until a file exists', () => {
    const env = on(unlocked);
    const dir = join(home, 'cfg-a');
    const pairing = openSecretStore('auto', dir, env);
    expect(pairing).toBeInstanceOf(AutoSecretStore);
    expect(pairing.kind).toBe('keychain');
    expect(secretOpener('auto', dir, env)('audit-key')).toBeInstanceOf(KeychainSecretStore);
    new FileSecretStore(join(dir, 'pairing.secret')).set('f');
    expect(pairing.kind).toBe('file');
  });
});
