import { readFileSync } from 'node:fs';
import { VanthuError } from '@vanthu/shared/errors/index';
import { configSchema, type VanthuConfig } from './schema.js';
import { configFiles } from './paths.js';

/** Where a value came from. */
export type ConfigSource = 'default' | 'user' | 'system';

export interface LoadedConfig {
  config: VanthuConfig;
  /** Dotted key of every leaf value → its source. */
  sources: Record<string, ConfigSource>;
  files: { user: string; userExists: boolean; system: string; systemExists: boolean };
  /** Keys the admin locked. */
  locked: string[];
  /** User values ignored because the admin locked the key (dotted keys). */
  ignoredLocked: string[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function readJson(file: string, required: boolean): Json | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !required) return undefined;
    throw new VanthuError('CONFIG_INVALID', `${file}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new VanthuError('CONFIG_INVALID', `${file}: ${(error as Error).message}`);
  }
  if (!isObject(value)) throw new VanthuError('CONFIG_INVALID', `${file}: the top level must be an object`);
  return value;
}

/** Dotted paths of every leaf (arrays are leaves). */
function leaves(value: Json, prefix = ''): string[] {
  return Object.entries(value).flatMap(([k, v]) =>
    isObject(v) && Object.keys(v).length > 0 ? leaves(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

const isLockedBy = (key: string, locked: readonly string[]): boolean =>
  locked.some((l) => key === l || key.startsWith(`${l}.`));

/** Copy of `value` without the leaves under locked keys; reports what it dropped. */
function withoutLocked(value: Json, locked: readonly string[], prefix = '', dropped: string[] = []): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) {
    const key = `${prefix}${k}`;
    if (isLockedBy(key, locked)) dropped.push(key);
    else if (isObject(v)) out[k] = withoutLocked(v, locked, `${key}.`, dropped);
    else out[k] = v;
  }
  return out;
}

function merge(base: Json, over: Json): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isObject(v) && isObject(out[k]) ? merge(out[k], v) : v;
  return out;
}

function validate(file: string, value: Json): void {
  const r = configSchema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new VanthuError(
      'CONFIG_INVALID',
      `${file}: ${issue?.path.join('.') || '(top)'}: ${issue?.message}`,
      {
        issues: r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      },
    );
  }
}

/**
 * Loads the configuration: defaults, then the user file (`--config FILE` or the per-user
 * config.json), then the machine-wide admin file merged over it. A user value for a key the admin
 * locked (`locked` in the admin file) is ignored and reported in `ignoredLocked` (the daemon warns;
 * `vanthu config validate` fails with CONFIG_LOCKED). Each file is validated on its own so the
 * error names the file at fault.
 */
export function loadConfig(options: { configPath?: string; env?: NodeJS.ProcessEnv } = {}): LoadedConfig {
  const env = options.env ?? process.env;
  const { user: userFile, system: systemFile } = configFiles(options.configPath, env);
  const user = readJson(userFile, options.configPath !== undefined);
  const system = readJson(systemFile, false);
  if (user) validate(userFile, user);
  if (system) validate(systemFile, system);
  if (user && 'locked' in user) {
    throw new VanthuError('CONFIG_INVALID', `${userFile}: "locked" belongs in the admin file only`);
  }
  const locked = system && Array.isArray(system['locked']) ? (system['locked'] as string[]) : [];
  const ignoredLocked: string[] = [];
  const userKept = user ? withoutLocked(user, locked, '', ignoredLocked) : {};
  const merged = merge(userKept, system ?? {});
  const config = configSchema.parse(merged);
  const sources: Record<string, ConfigSource> = {};
  for (const key of leaves(config as Json)) sources[key] = 'default';
  for (const key of leaves(userKept)) sources[key] = 'user';
  for (const key of leaves(system ?? {})) sources[key] = 'system';
  return {
    config,
    sources,
    files: {
      user: userFile,
      userExists: user !== undefined,
      system: systemFile,
      systemExists: system !== undefined,
    },
    locked,
    ignoredLocked,
  };
}

/** The value at a dotted key. */
export function configValue(config: VanthuConfig, key: string): unknown {
  let v: unknown = config;
  for (const part of key.split('.')) v = isObject(v) ? v[part] : undefined;
  return v;
}
