import { VanthuError } from '@vanthu/shared/errors/index';
import { profileJsonSchema } from '../profile/schema.js';

type Schema = Record<string, unknown>;

/**
 * Chromium validates storage.managed against the manifest's managed_schema, a restricted JSON Schema
 * (components/policy Schema): type, properties, items, additionalProperties (a schema), pattern, enum
 * (string or integer), minimum/maximum, description, $ref/id — no anyOf/oneOf, const, required, lengths
 * or defaults. A key the schema does not declare is dropped from the policy, so every profile key must
 * be declared; the profile parser (zod) still checks everything the dialect cannot say.
 */
export function toManagedSchema(
  json: Schema,
  defs: Schema = (json.$defs as Schema) ?? {},
  depth = 0,
): Schema {
  if (depth > 32) throw new VanthuError('INVALID_INPUT', 'managed schema: profile schema nests too deeply');
  if (typeof json.$ref === 'string') return toManagedSchema(resolveRef(json.$ref, defs), defs, depth + 1);
  const union = (json.anyOf ?? json.oneOf) as Schema[] | undefined;
  if (union) return mergeUnion(union.map((branch) => toManagedSchema(branch, defs, depth + 1)));

  const out: Schema = {};
  const type = json.type;
  if (typeof json.const === 'string') {
    Object.assign(out, { type: 'string', enum: [json.const] });
  } else if (typeof json.const === 'number' && Number.isInteger(json.const)) {
    Object.assign(out, { type: 'integer', enum: [json.const] });
  } else if (typeof json.const === 'boolean') {
    out.type = 'boolean';
  } else if (typeof type === 'string') {
    out.type = type;
  } else {
    throw new VanthuError('INVALID_INPUT', `managed schema: no single type in ${JSON.stringify(json)}`);
  }
  if (typeof json.description === 'string') out.description = json.description;
  if (typeof json.pattern === 'string') out.pattern = json.pattern;
  if (Array.isArray(json.enum) && (out.type === 'string' || out.type === 'integer')) out.enum = json.enum;
  if (out.type === 'integer') {
    if (typeof json.minimum === 'number') out.minimum = json.minimum;
    if (typeof json.maximum === 'number') out.maximum = json.maximum;
  }
  if (out.type === 'array' && json.items && typeof json.items === 'object') {
    out.items = toManagedSchema(json.items as Schema, defs, depth + 1);
  }
  if (out.type === 'object') Object.assign(out, objectMembers(json, defs, depth));
  return out;
}

/** Declared properties; a record keyed by an enum (registration fields) becomes one property per key. */
function objectMembers(json: Schema, defs: Schema, depth: number): Schema {
  const properties: Schema = {};
  for (const [name, value] of Object.entries((json.properties as Schema) ?? {})) {
    properties[name] = toManagedSchema(value as Schema, defs, depth + 1);
  }
  const keys = (json.propertyNames as Schema | undefined)?.enum;
  const values = json.additionalProperties;
  if (Array.isArray(keys) && values && typeof values === 'object') {
    const value = toManagedSchema(values as Schema, defs, depth + 1);
    for (const key of keys) properties[String(key)] = value;
  } else if (values && typeof values === 'object') {
    return { properties, additionalProperties: toManagedSchema(values as Schema, defs, depth + 1) };
  }
  return { properties };
}

/**
 * A union the dialect cannot state: objects become one object declaring every branch's keys (string
 * enums of a shared key, such as upload.mode, are joined); scalars of one type become that type.
 */
function mergeUnion(branches: Schema[]): Schema {
  const types = new Set(branches.map((b) => b.type));
  if (types.size !== 1) {
    throw new VanthuError(
      'INVALID_INPUT',
      `managed schema: a union of ${[...types].join(', ')} cannot be declared`,
    );
  }
  const [first] = branches as [Schema, ...Schema[]];
  if (first.type !== 'object') {
    const enums = branches.map((b) => b.enum);
    return enums.every(Array.isArray) ? { ...first, enum: [...new Set(enums.flat())] } : { type: first.type };
  }
  const properties: Schema = {};
  for (const branch of branches) {
    for (const [name, value] of Object.entries((branch.properties as Schema) ?? {})) {
      const known = properties[name] as Schema | undefined;
      properties[name] = known ? mergeUnion([known, value as Schema]) : value;
    }
  }
  return { type: 'object', properties };
}

function resolveRef(ref: string, defs: Schema): Schema {
  const name = ref.replace(/^#\/\$defs\//, '');
  const target = defs[name];
  if (!target || typeof target !== 'object') {
    throw new VanthuError('INVALID_INPUT', `managed schema: unresolved reference ${ref}`);
  }
  return target as Schema;
}

/** The extension's storage.managed schema: admin profiles, allowlisted origins, batch signing. */
export function managedStorageSchema(): Schema {
  return {
    type: 'object',
    properties: {
      profiles: {
        type: 'array',
        description: 'Portal profiles (see profile.schema.json)',
        items: toManagedSchema(profileJsonSchema()),
      },
      origins: {
        type: 'array',
        description: 'Allowlisted portal origins without a profile',
        items: { type: 'string' },
      },
      batchSigning: { type: 'boolean', description: 'Allow one consent for several documents' },
    },
  };
}
