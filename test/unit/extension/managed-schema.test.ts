import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { managedStorageSchema, toManagedSchema } from '../../../extension/src/manifest/managed-schema.js';
import { REGISTRATION_TAGS } from '../../../extension/src/profile/schema.js';

type Schema = Record<string, unknown>;

/** Keywords of Chromium's policy schema dialect (components/policy/core/common/schema.cc). */
const CHROMIUM_KEYWORDS = new Set([
  'type',
  'description',
  'properties',
  'items',
  'additionalProperties',
  'pattern',
  'enum',
  'minimum',
  'maximum',
]);

function keywordsOf(schema: Schema, seen = new Set<string>()): Set<string> {
  for (const [key, value] of Object.entries(schema)) {
    seen.add(key);
    if (key === 'properties') for (const p of Object.values(value as Schema)) keywordsOf(p as Schema, seen);
    else if ((key === 'items' || key === 'additionalProperties') && typeof value === 'object') {
      keywordsOf(value as Schema, seen);
    }
  }
  return seen;
}

describe('storage.managed schema', () => {
  const schema = managedStorageSchema();
  const profile = (schema.properties as Schema).profiles as Schema;
  const items = profile.items as { properties: Record<string, Schema> };

  it('is the checked-in extension/managed-schema.json (regenerate with the build when the profile changes)', () => {
    const committed = JSON.parse(
      readFileSync(new URL('../../../extension/managed-schema.json', import.meta.url), 'utf8'),
    );
    expect(committed).toEqual(schema);
  });

  it('declares every profile key, nested ones and union branches included', () => {
    expect(Object.keys(items.properties).sort()).toEqual(
      [
        'documents',
        'flows',
        'id',
        'matches',
        'name',
        'registration',
        'upload',
        'userRole',
        'version',
        'viewers',
      ].sort(),
    );
    const documents = items.properties.documents as { properties: Record<string, Schema> };
    const rule = (documents.properties.url as { items: { properties: Schema } }).items;
    expect(Object.keys(rule.properties).sort()).toEqual(['from', 'pattern', 'url', 'urlTemplate']);
    const upload = items.properties.upload as { properties: Record<string, Schema> };
    expect(upload.properties.mode).toEqual({ type: 'string', enum: ['fileInput', 'download'] });
    const registration = items.properties.registration as {
      properties: Record<string, { properties: Schema }>;
    };
    expect(Object.keys(registration.properties.fields?.properties ?? {})).toEqual([...REGISTRATION_TAGS]);
    expect(items.properties.version).toEqual({ type: 'integer', enum: [1] });
  });

  it('uses only keywords Chromium understands', () => {
    const used = keywordsOf(schema);
    expect([...used].filter((k) => !CHROMIUM_KEYWORDS.has(k))).toEqual([]);
  });

  it('refuses a union of different types with a typed error', () => {
    expect(() => toManagedSchema({ anyOf: [{ type: 'string' }, { type: 'boolean' }] })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});
