import { readFileSync } from 'node:fs';
import type { FieldObject } from '@vanthu/shared/domain/index';
import { VanthuError } from '@vanthu/shared/errors/index';
import { loadRegistryConfig } from '../../registry/config.js';
import { RegistryService } from '../../registry/index.js';
import { openStore } from '../../store/index.js';
import type { CommandContext } from '../command.js';

/** Opens the registry named by the config (`--db FILE` points at another SQLite file). */
export async function openRegistry(ctx: CommandContext): Promise<RegistryService> {
  const config = loadRegistryConfig(ctx.configPath);
  const db = ctx.values['db'];
  const store = openStore(typeof db === 'string' ? { kind: 'sqlite', file: db } : config.store);
  return RegistryService.open(store, config);
}

export async function withRegistry(
  ctx: CommandContext,
  fn: (r: RegistryService) => Promise<number>,
): Promise<number> {
  const registry = await openRegistry(ctx);
  try {
    return await fn(registry);
  } finally {
    await registry.close();
  }
}

export function readBytes(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new VanthuError(code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'IO_ERROR', path);
  }
}

/** A JSON object of catalogue fields from a file. */
export function readFields(path: string): FieldObject {
  const text = new TextDecoder().decode(readBytes(path));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new VanthuError('INVALID_INPUT', `${path}: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new VanthuError('INVALID_INPUT', `${path}: a JSON object of fields is expected`);
  return value as FieldObject;
}

export const str = (ctx: CommandContext, name: string): string | undefined => {
  const v = ctx.values[name];
  return typeof v === 'string' ? v : undefined;
};

export const list = (ctx: CommandContext, name: string): string[] => {
  const v = ctx.values[name];
  return Array.isArray(v)
    ? v.filter((x): x is string => typeof x === 'string')
    : typeof v === 'string'
      ? [v]
      : [];
};

export function intOf(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new VanthuError('USAGE', `${name} must be a whole number`);
  return Number(value);
}
