import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HASH_CHUNK, hashFile } from '../../../daemon/src/pdf/sign/input-hash.js';
import { tempDir } from '../../support/pdf-inputs.js';

const tmp = tempDir('vanthu-input-hash-');
afterAll(() => tmp.cleanup());

describe('hashFile', () => {
  // Sizes around the chunk: empty, one byte, one chunk exactly, one chunk and a byte, several.
  const sizes = [0, 1, HASH_CHUNK - 1, HASH_CHUNK, HASH_CHUNK + 1, 3 * HASH_CHUNK + 17];
  it.each(sizes)(
    '%i bytes: the same state whether read in the background or, once awaited, without yielding',
    async (size) => {
      const path = join(tmp.dir, `f-${size}.bin`);
      const bytes = randomBytes(size);
      writeFileSync(path, bytes);
      const want = createHash('sha256').update(bytes).digest('hex');
      const background = await hashFile(path, 'sha256');
      expect(background.bytes).toBe(size);
      expect(background.hash.digest('hex')).toBe(want);
      // Awaited from the start: after the first chunk the rest is read synchronously.
      const hurried = await hashFile(path, 'sha256', { awaited: true });
      expect(hurried.bytes).toBe(size);
      expect(hurried.hash.digest('hex')).toBe(want);
      // Awaited part-way, as the signing engine does when it asks for the digest.
      const pace = { awaited: false };
      const midway = hashFile(path, 'sha256', pace);
      await new Promise((r) => setImmediate(r));
      pace.awaited = true;
      const late = await midway;
      expect(late.bytes).toBe(size);
      expect(late.hash.digest('hex')).toBe(want);
    },
  );

  it('a missing file is Node’s own error', async () => {
    await expect(hashFile(join(tmp.dir, 'none.bin'), 'sha256')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
