import { join } from 'node:path';
import { Entry as KeychainEntry } from '@napi-rs/keyring';
import { VanthuError } from '@vanthu/shared/errors/index';
import { loadWorkingCalendar } from '../config/calendar.js';
import { resolvePaths } from '../config/paths.js';
import { loadConfigSection } from '../config/section.js';
import type { WorkingCalendar } from '../exchange/inbox/deadlines.js';
import type { StoreConfig } from '../store/index.js';

/**
 * The `registry` section of config.json. The PostgreSQL password never sits in the file: it comes
 * from the OS keychain (`passwordRef`, service "vanthu") or an environment variable (`passwordEnv`).
 */
export interface RegistryConfigSection {
  organId?: string;
  organName?: string;
  /** Tên cơ quan, tổ chức cấp trên trực tiếp, printed above the own name on the register books. */
  parentOrganName?: string;
  store?:
    | { kind: 'sqlite'; file?: string }
    | { kind: 'postgres'; url: string; passwordRef?: string; passwordEnv?: string };
  /** Older place of the office calendar; read when the top-level `calendar` is absent. */
  calendar?: WorkingCalendar;
}

export interface RegistryConfig {
  organId: string;
  organName: string;
  parentOrganName?: string;
  store: StoreConfig;
  calendar: WorkingCalendar;
}

export const DEFAULT_PASSWORD_ENV = 'VANTHU_REGISTRY_PASSWORD';

function readSection(configPath: string | undefined, env: NodeJS.ProcessEnv) {
  const loaded = loadConfigSection('registry', { configPath, env });
  const raw = loaded.value ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new VanthuError('CONFIG_INVALID', `${loaded.fileOf()}: registry must be an object`);
  return { section: raw as RegistryConfigSection, fileOf: loaded.fileOf };
}

function keychainPassword(ref: string): string | undefined {
  try {
    return new KeychainEntry('vanthu', ref).getPassword() ?? undefined;
  } catch (error) {
    throw new VanthuError('KEYCHAIN_UNAVAILABLE', (error as Error).message, undefined, { cause: error });
  }
}

/**
 * Reads the registry section (given file, else the per-user config, with the admin file and its
 * locks merged over it by the shared loader) and resolves the store.
 */
export function loadRegistryConfig(
  configPath?: string,
  env: NodeJS.ProcessEnv = process.env,
): RegistryConfig {
  const paths = resolvePaths(env);
  const { section, fileOf } = readSection(configPath, env);
  const file = fileOf();
  const storeFile = fileOf('store');
  if (!section.organId || !section.organName)
    throw new VanthuError(
      'OFFICE_NOT_CONFIGURED',
      `${file}: registry.organId and registry.organName (own agency identifier and name) are required`,
    );
  // The office calendar (top-level `calendar`; `registry.calendar` is read as its older name).
  const calendar = loadWorkingCalendar(configPath, env);
  const base = {
    organId: section.organId,
    organName: section.organName,
    ...(section.parentOrganName ? { parentOrganName: section.parentOrganName } : {}),
    calendar,
  };
  const store = section.store ?? { kind: 'sqlite' };
  if (store.kind === 'sqlite')
    return {
      ...base,
      store: { kind: 'sqlite', file: store.file ?? join(paths.userDataDir, 'registry.sqlite') },
    };
  if (store.kind !== 'postgres' || typeof store.url !== 'string')
    throw new VanthuError(
      'CONFIG_INVALID',
      `${storeFile}: registry.store.kind must be sqlite or postgres (with url)`,
    );
  let url: URL;
  try {
    url = new URL(store.url);
  } catch {
    throw new VanthuError('CONFIG_INVALID', `${storeFile}: registry.store.url is not a postgres:// URL`);
  }
  if (url.password)
    throw new VanthuError(
      'CONFIG_INVALID',
      `${storeFile}: registry.store.url holds a password in clear; use passwordRef (OS keychain) or passwordEnv`,
    );
  const password = store.passwordRef
    ? keychainPassword(store.passwordRef)
    : env[store.passwordEnv ?? DEFAULT_PASSWORD_ENV];
  return {
    ...base,
    store: { kind: 'postgres', url: store.url, ...(password === undefined ? {} : { password }) },
  };
}
