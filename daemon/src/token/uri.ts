import { VanthuError } from '@vanthu/shared/errors/index';

/** Where a PIN comes from when the caller does not pass one: an environment variable or a file. */
export type PinSource = { kind: 'env'; name: string } | { kind: 'file'; path: string };

/** A parsed RFC 7512 `pkcs11:` URI (only the attributes vanthu uses). */
export interface Pkcs11KeyUri {
  scheme: 'pkcs11';
  /** CKA_LABEL of the token (path attribute `token`). */
  token?: string;
  manufacturer?: string;
  model?: string;
  serial?: string;
  /** CKA_ID of the key and certificate, raw bytes (`id=%01`). */
  id?: Uint8Array;
  /** CKA_LABEL of the key and certificate (`object`). */
  object?: string;
  /** Object class wanted (`type`); vanthu signs with `private`. */
  type?: 'private' | 'cert' | 'public';
  /** Query `module-path`: absolute path of the PKCS#11 library. */
  modulePath?: string;
  /** Query `module-name`: library name without directory or suffix, looked up in the known modules. */
  moduleName?: string;
  pinSource?: PinSource;
}

/** A parsed `p12:` URI: a PKCS#12 file holding one key and its certificate chain. */
export interface P12KeyUri {
  scheme: 'p12';
  path: string;
  pinSource?: PinSource;
}

export type KeyUri = Pkcs11KeyUri | P12KeyUri;

const PATH_ATTRS = new Set(['token', 'manufacturer', 'model', 'serial', 'id', 'object', 'type']);
const QUERY_ATTRS = new Set(['module-path', 'module-name', 'pin-source']);

/**
 * The URI with any secret replaced, safe for messages and logs. RFC 7512 allows `pin-value`;
 * vanthu refuses it, but a refused URI must still not echo the PIN.
 */
export function redactKeyUri(uri: string): string {
  return uri.replace(/(pin-value=)[^;&?]*/gi, '$1…');
}

function invalid(uri: string, why: string): VanthuError {
  return new VanthuError('INVALID_URI', `${why} (${redactKeyUri(uri)})`);
}

/** Percent-decodes to bytes; a `%` not followed by two hex digits is an error. */
function decodeBytes(uri: string, text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '%') {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw invalid(uri, `bad percent-encoding near "${text.slice(i)}"`);
      out.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      out.push(...Buffer.from(ch, 'utf8'));
    }
  }
  return Uint8Array.from(out);
}

function decodeText(uri: string, text: string): string {
  const bytes = decodeBytes(uri, text);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).normalize('NFC');
  } catch {
    throw invalid(uri, 'percent-encoded value is not UTF-8');
  }
}

function parsePinSource(uri: string, value: string): PinSource {
  const m = /^(env|file):(.+)$/.exec(value);
  if (!m) throw invalid(uri, 'pin-source must be env:NAME or file:PATH');
  if (m[1] === 'env') {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(m[2]!)) throw invalid(uri, 'pin-source env: needs a variable name');
    return { kind: 'env', name: m[2]! };
  }
  return { kind: 'file', path: m[2]! };
}

/** Splits `a=b<sep>c=d` into pairs, refusing empty names and repeated attributes. */
function pairs(uri: string, text: string, sep: string, allowed: Set<string>): Map<string, string> {
  const map = new Map<string, string>();
  if (text === '') return map;
  for (const part of text.split(sep)) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw invalid(uri, `attribute "${part.slice(0, 40)}" has no name=value form`);
    const name = part.slice(0, eq).toLowerCase();
    if (name === 'pin-value')
      throw invalid(uri, 'pin-value is not accepted; use pin-source=env:NAME|file:PATH');
    if (!allowed.has(name)) {
      // RFC 7512 reserves x- for vendor attributes, which consumers may ignore.
      if (name.startsWith('x-')) continue;
      throw invalid(uri, `unknown attribute "${name}"`);
    }
    if (map.has(name)) throw invalid(uri, `attribute "${name}" given twice`);
    map.set(name, part.slice(eq + 1));
  }
  return map;
}

function parsePkcs11(uri: string): Pkcs11KeyUri {
  const body = uri.slice('pkcs11:'.length);
  const q = body.indexOf('?');
  const path = pairs(uri, q < 0 ? body : body.slice(0, q), ';', PATH_ATTRS);
  const query = pairs(uri, q < 0 ? '' : body.slice(q + 1), '&', QUERY_ATTRS);
  const out: Pkcs11KeyUri = { scheme: 'pkcs11' };
  for (const key of ['token', 'manufacturer', 'model', 'serial', 'object'] as const) {
    const v = path.get(key);
    if (v !== undefined) out[key] = decodeText(uri, v);
  }
  const id = path.get('id');
  if (id !== undefined) {
    out.id = decodeBytes(uri, id);
    if (out.id.length === 0) throw invalid(uri, 'id is empty');
  }
  const type = path.get('type');
  if (type !== undefined) {
    if (type !== 'private' && type !== 'cert' && type !== 'public') {
      throw invalid(uri, `type must be private, cert or public, got "${type}"`);
    }
    out.type = type;
  }
  const modulePath = query.get('module-path');
  if (modulePath !== undefined) out.modulePath = decodeText(uri, modulePath);
  const moduleName = query.get('module-name');
  if (moduleName !== undefined) out.moduleName = decodeText(uri, moduleName);
  const pin = query.get('pin-source');
  if (pin !== undefined) out.pinSource = parsePinSource(uri, decodeText(uri, pin));
  return out;
}

function parseP12(uri: string): P12KeyUri {
  const body = uri.slice('p12:'.length);
  const q = body.indexOf('?');
  const path = decodeText(uri, q < 0 ? body : body.slice(0, q));
  if (path === '') throw invalid(uri, 'p12: needs a file path');
  const query = pairs(uri, q < 0 ? '' : body.slice(q + 1), '&', new Set(['pin-source']));
  const pin = query.get('pin-source');
  return {
    scheme: 'p12',
    path,
    ...(pin !== undefined ? { pinSource: parsePinSource(uri, decodeText(uri, pin)) } : {}),
  };
}

/**
 * Parses a key URI as interfaces.md §1 "Keys" defines it: RFC 7512 `pkcs11:` (path attributes
 * token, manufacturer, model, serial, id, object, type; query module-path, module-name, pin-source)
 * or `p12:PATH?pin-source=…`. Throws INVALID_URI (never quoting a PIN) for anything else.
 */
export function parseKeyUri(uri: string): KeyUri {
  if (/^pkcs11:/i.test(uri)) return parsePkcs11(`pkcs11:${uri.slice(7)}`);
  if (/^p12:/i.test(uri)) return parseP12(`p12:${uri.slice(4)}`);
  throw invalid(uri, 'a key URI starts with pkcs11: or p12:');
}

function encode(value: string | Uint8Array): string {
  if (typeof value !== 'string')
    return Array.from(value, (b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
}

/** Formats the `pkcs11:` URI naming a token object (the inverse of parseKeyUri, without secrets). */
export function formatPkcs11Uri(uri: Omit<Pkcs11KeyUri, 'scheme' | 'pinSource'>): string {
  const path: string[] = [];
  if (uri.token !== undefined) path.push(`token=${encode(uri.token)}`);
  if (uri.manufacturer !== undefined) path.push(`manufacturer=${encode(uri.manufacturer)}`);
  if (uri.model !== undefined) path.push(`model=${encode(uri.model)}`);
  if (uri.serial !== undefined) path.push(`serial=${encode(uri.serial)}`);
  if (uri.id !== undefined) path.push(`id=${encode(uri.id)}`);
  if (uri.object !== undefined) path.push(`object=${encode(uri.object)}`);
  if (uri.type !== undefined) path.push(`type=${uri.type}`);
  const query: string[] = [];
  if (uri.modulePath !== undefined) query.push(`module-path=${encode(uri.modulePath).replace(/%2F/gi, '/')}`);
  if (uri.moduleName !== undefined) query.push(`module-name=${encode(uri.moduleName)}`);
  return `pkcs11:${path.join(';')}${query.length > 0 ? `?${query.join('&')}` : ''}`;
}
