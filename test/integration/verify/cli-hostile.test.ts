import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { objectStreamFlateBomb, xrefStreamEntryBomb } from '../../support/hostile-pdf.js';
import { tempDir } from '../../support/pdf-inputs.js';

// Spawns the compiled CLI (daemon/dist): run `npx tsc -b` first.
const CLI = join(import.meta.dirname, '../../../daemon/bin/vanthu.mjs');
const tmp = tempDir('vanthu-verify-hostile-');
afterAll(() => tmp.cleanup());

describe('vanthu verify on hostile cross-reference data', () => {
  // Cases whose answer does not depend on whether verification falls back to an object scan when
  // the xref data is refused (the reader's unit tests cover the table and xref-stream bombs).
  it.each([
    ['xref streams declaring millions of entries', xrefStreamEntryBomb],
    ['a flate bomb in an object stream', () => objectStreamFlateBomb()],
  ])('%s: PDF_MALFORMED, exit 2, within a small heap', (name, make) => {
    const file = join(tmp.dir, `${name.replace(/\W+/g, '-')}.pdf`);
    writeFileSync(file, make());
    const started = Date.now();
    // A 256 MB heap: before the bounds, the first file needed gigabytes and the process died.
    const r = spawnSync(
      process.execPath,
      ['--max-old-space-size=256', CLI, 'verify', file, '--offline', '--json'],
      {
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, VANTHU_HOME: join(tmp.dir, 'home') },
      },
    );
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/PDF_MALFORMED/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
