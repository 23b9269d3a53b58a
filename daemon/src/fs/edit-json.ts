import { existsSync, readFileSync } from 'node:fs';
import { VanthuError } from '@vanthu/shared/errors/index';
import { writeFileAtomic } from './atomic-write.js';

/**
 * Read-modify-write of a JSON config file (an absent file is `{}`), written back atomically with
 * everything the change does not touch kept; unreadable JSON is CONFIG_INVALID, never overwritten.
 */
export function editJsonFile(file: string, edit: (config: Record<string, unknown>) => void): void {
  let config: Record<string, unknown> = {};
  if (existsSync(file)) {
    try {
      config = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (e) {
      throw new VanthuError('CONFIG_INVALID', `${file}: ${(e as Error).message}`);
    }
  }
  edit(config);
  writeFileAtomic(file, `${JSON.stringify(config, null, 2)}\n`);
}
