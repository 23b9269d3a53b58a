import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { QueueStore } from '../../../daemon/src/exchange/queue/store.js';

/**
 * SQLite refusing to open the queue (a full or read-only disk, a broken mount; none of which a test
 * can make root run into): the store reports STORE_UNAVAILABLE with the file and SQLite's reason.
 */
vi.mock('better-sqlite3', async (importOriginal) => {
  const Real = ((await importOriginal()) as { default: new (file: string) => unknown }).default;
  function Refusing(file: string) {
    if (file.endsWith('refused.sqlite')) throw new Error('unable to open database file');
    return new Real(file);
  }
  return { default: Refusing };
});

const dir = mkdtempSync(join(tmpdir(), 'vanthu-queue-refused-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a queue SQLite cannot open', () => {
  it('is STORE_UNAVAILABLE naming the file and the reason', () => {
    const file = join(dir, 'refused.sqlite');
    expect(() => new QueueStore(file)).toThrow(
      expect.objectContaining({
        code: 'STORE_UNAVAILABLE',
        message: expect.stringContaining(`${file}: unable to open database file`),
      }),
    );
    const ok = new QueueStore(join(dir, 'fine.sqlite'));
    expect(ok.countByState().queued).toBe(0);
    ok.close();
  });
});
