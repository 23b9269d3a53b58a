import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { VanthuError } from '@vanthu/shared/errors/index';
import { Entry } from '@napi-rs/keyring';
import { writeFileAtomic } from '../fs/atomic-write.js';

/** Where the pairing secret lives. */
export interface SecretStore {
  readonly kind: 'keychain' | 'file';
  /** Human description for doctor/status (no secret). */
  readonly location: string;
  get(): string | undefined;
  set(secret: string): void;
  delete(): void;
}

const SERVICE = 'vanthu';
const SECRET_FILE = 'pairing.secret';
const ACCOUNT = 'pairing-secret';
const SECRET_RE = /^[A-Za-z0-9_-]{43}$/;

/**
 * The OS keychain (Secret Service on Linux, Keychain on macOS, Credential Manager on Windows)
 * through @napi-rs/keyring: a maintained Rust binding with prebuilt binaries (keytar is archived).
 */
export class KeychainSecretStore implements SecretStore {
  readonly kind = 'keychain';
  readonly location: string;
  private readonly entry: Entry;

  constructor(account = ACCOUNT) {
    this.entry = new Entry(SERVICE, account);
    this.location = `OS keychain service "${SERVICE}" account "${account}"`;
  }

  get(): string | undefined {
    try {
      return this.entry.getPassword() ?? undefined;
    } catch (error) {
      throw keychainError(error);
    }
  }

  set(secret: string): void {
    try {
      this.entry.setPassword(secret);
    } catch (error) {
      throw keychainError(error);
    }
  }

  delete(): void {
    try {
      this.entry.deletePassword();
    } catch {
      // Absent already, or no keychain: nothing to delete.
    }
  }

  /** True when a write and read back work (a locked or missing keychain fails here). */
  usable(): boolean {
    const probe = new Entry(SERVICE, `${ACCOUNT}-probe`);
    try {
      const value = randomBytes(8).toString('hex');
      probe.setPassword(value);
      const ok = probe.getPassword() === value;
      probe.deletePassword();
      return ok;
    } catch {
      return false;
    }
  }
}

/**
 * KEYCHAIN_UNAVAILABLE with the binding's reason in one line: its message carries a "Caused by" chain
 * and a Rust stack backtrace, which are no help to a user and would reach the extension's screen.
 */
export function keychainError(error: unknown): VanthuError {
  const raw = error instanceof Error ? error.message : String(error);
  // Stryker disable next-line StringLiteral: split always returns a first element, so `?? ''` never applies
  const reason = (raw.split(/\r?\n/)[0] ?? '').trim().slice(0, 200) || 'unknown error';
  return new VanthuError('KEYCHAIN_UNAVAILABLE', reason, undefined, { cause: error });
}

/** A 0600 file in the per-user config directory, for machines without a usable keychain. */
export class FileSecretStore implements SecretStore {
  readonly kind = 'file';
  readonly location: string;

  constructor(readonly path: string) {
    this.location = path;
  }

  get(): string | undefined {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8').trim();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new VanthuError('IO_ERROR', `${this.path}: ${(error as Error).message}`);
    }
    // A secret readable by others is no secret: tighten it (POSIX only).
    if (process.platform !== 'win32' && (statSync(this.path).mode & 0o077) !== 0) chmodSync(this.path, 0o600);
    return text;
  }

  set(secret: string): void {
    writeFileAtomic(this.path, `${secret}\n`, 0o600);
  }

  delete(): void {
    rmSync(this.path, { force: true });
  }

  exists(): boolean {
    return existsSync(this.path);
  }
}

export type SecretStoreMode = 'auto' | 'keychain' | 'file';

/**
 * `auto`: the same answer in every process of the user, whatever its session. The daemon (from a
 * terminal, a systemd unit, as root) and the native host (started by the browser, maybe with the
 * desktop's session bus) do not always see the same keychain, but they always see the same file. So:
 * 1. the file, when it exists;
 * 2. else the keychain, when this process can reach it (on Linux: a session bus) and it works;
 * 3. else the file.
 * A keychain that fails (locked, absent, access refused) falls back to the file instead of failing the
 * pairing. Decided at each call, so a file written by the other process is followed without a restart.
 */
export class AutoSecretStore implements SecretStore {
  /** False once the keychain failed in this process: it is not asked again. */
  private keychainWorks: boolean;

  constructor(
    private readonly file: FileSecretStore,
    private readonly keychain: KeychainSecretStore | undefined,
  ) {
    // Stryker disable next-line ConditionalExpression: without a keychain, current() picks the file whatever the flag says
    this.keychainWorks = keychain !== undefined;
  }

  /** The store the next call goes to. */
  current(): SecretStore {
    return this.file.exists() || !this.keychainWorks || !this.keychain ? this.file : this.keychain;
  }

  get kind(): 'keychain' | 'file' {
    return this.current().kind;
  }

  get location(): string {
    return this.current().location;
  }

  get(): string | undefined {
    const store = this.current();
    if (store === this.file) return this.file.get();
    try {
      return store.get();
    } catch {
      this.keychainWorks = false;
      return this.file.get();
    }
  }

  set(secret: string): void {
    const store = this.current();
    if (store !== this.file) {
      try {
        store.set(secret);
        return;
      } catch {
        this.keychainWorks = false;
      }
    }
    this.file.set(secret);
  }

  delete(): void {
    this.file.delete();
    this.keychain?.delete();
  }
}

/** Whether this process can reach the OS keychain at all (on Linux, the Secret Service on the session bus). */
export function keychainReachable(env: NodeJS.ProcessEnv = process.env): boolean {
  return process.platform !== 'linux' || Boolean(env['DBUS_SESSION_BUS_ADDRESS']);
}

/** The file the pairing secret lives in when it is not in the keychain. */
export function pairingSecretFile(configDir: string): string {
  return join(configDir, SECRET_FILE);
}

/**
 * The pairing secret's store for config `pairing.store`: the one function the daemon, the native host
 * and `vanthu doctor` call, so they agree (see AutoSecretStore for `auto`).
 */
export function openSecretStore(
  mode: SecretStoreMode,
  configDir: string,
  env: NodeJS.ProcessEnv = process.env,
): SecretStore {
  const file = new FileSecretStore(pairingSecretFile(configDir));
  if (mode === 'file') return file;
  if (mode === 'keychain') return new KeychainSecretStore();
  return new AutoSecretStore(file, keychainReachable(env) ? new KeychainSecretStore() : undefined);
}

export function newPairingSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The pairing secret, created on first use. */
export function ensurePairingSecret(store: SecretStore): string {
  const existing = store.get();
  // Stryker disable next-line ConditionalExpression: SECRET_RE.test(undefined) tests "undefined", which it rejects too
  if (existing !== undefined && SECRET_RE.test(existing)) return existing;
  const secret = newPairingSecret();
  store.set(secret);
  return secret;
}
