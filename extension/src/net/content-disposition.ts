/**
 * The file name of a Content-Disposition header (RFC 6266): `filename*` (RFC 8187, charset'lang'
 * percent-encoded) first, then `filename`. Header values reach fetch as bytes widened to Latin-1
 * characters, so a plain `filename` carrying raw UTF-8 (as many ASP.NET handlers send it) is decoded
 * as UTF-8 when it is valid UTF-8, and a percent-encoded one (the old IE convention) when it decodes.
 */
export function contentDispositionFilename(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  const params = parameters(header);
  const extended = params.get('filename*');
  const decodedExtended = extended === undefined ? undefined : decodeExtended(extended);
  if (decodedExtended) return decodedExtended;
  const plain = params.get('filename');
  return plain ? decodePlain(plain) : undefined;
}

/** Parameters after the disposition type, names lower-cased; a quoted value loses its quotes and escapes. */
function parameters(header: string): Map<string, string> {
  const params = new Map<string, string>();
  const re = /;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
  for (let m = re.exec(header); m; m = re.exec(header)) {
    const name = (m[1] ?? '').toLowerCase();
    const value = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '').trim();
    if (!params.has(name)) params.set(name, value);
  }
  return params;
}

function bytesOf(latin1: string): Uint8Array | undefined {
  const bytes = new Uint8Array(latin1.length);
  for (let i = 0; i < latin1.length; i++) {
    const code = latin1.charCodeAt(i);
    if (code > 0xff) return undefined;
    bytes[i] = code;
  }
  return bytes;
}

function utf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function percentBytes(text: string): Uint8Array | undefined {
  if (/%(?![0-9a-fA-F]{2})/.test(text)) return undefined;
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '%') {
      out.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      const code = text.charCodeAt(i);
      if (code > 0x7f) return undefined;
      out.push(code);
    }
  }
  return Uint8Array.from(out);
}

/** `UTF-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh.pdf` (ISO-8859-1 also allowed by RFC 8187). */
function decodeExtended(value: string): string | undefined {
  const m = /^([\w!#$%&+^`{}~-]+)'[^']*'(.*)$/.exec(value);
  if (!m) return undefined;
  const charset = (m[1] ?? '').toLowerCase();
  const bytes = percentBytes(m[2] ?? '');
  if (!bytes) return undefined;
  if (charset === 'utf-8') return utf8(bytes);
  if (charset === 'iso-8859-1') return String.fromCharCode(...bytes);
  return undefined;
}

function decodePlain(value: string): string {
  const raw = bytesOf(value);
  const asUtf8 = raw && /[\x80-\xff]/.test(value) ? utf8(raw) : undefined;
  if (asUtf8) return asUtf8;
  if (/%[0-9a-fA-F]{2}/.test(value)) {
    const bytes = percentBytes(value);
    const decoded = bytes ? utf8(bytes) : undefined;
    if (decoded) return decoded;
  }
  return value;
}
