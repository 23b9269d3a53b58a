import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from '@vanthu/shared/errors/index';

const doc = readFileSync(join(import.meta.dirname, '../../../docs/errors.md'), 'utf8');

describe('docs/errors.md', () => {
  it('lists every error code with its Vietnamese and English message, and nothing else', () => {
    const rows = [...doc.matchAll(/^\| `([A-Z0-9_]+)` \| (.*) \| (.*) \|$/gm)].map((m) => ({
      code: m[1],
      vi: m[2]?.replaceAll('\\|', '|'),
      en: m[3]?.replaceAll('\\|', '|'),
    }));
    const expected = Object.entries(ERROR_CATALOGUE).map(([code, m]) => ({ code, vi: m.vi, en: m.en }));
    expect(rows, 'regenerate with: node scripts/error-table.mjs').toEqual(expected);
  });
});
