import { VanthuError } from '@vanthu/shared/errors/index';

/**
 * Strict base64 for attachment payloads. Whitespace (line breaks every 76 characters, indentation) is
 * tolerated as standards §4 asks; anything else that would make decoders disagree is refused: a
 * character outside the alphabet, padding that is not at the very end or longer than two, or a length
 * that is not a multiple of 4. Node's own decoder would silently skip such bytes and hand back a
 * different file than the sender's.
 */
export function decodeBase64Strict(text: string): Uint8Array {
  const compact = text.replace(/[ \t\r\n]+/g, '');
  const bad = compact.search(/[^A-Za-z0-9+/=]/);
  if (bad !== -1)
    throw new VanthuError(
      'EDXML_MALFORMED',
      `invalid base64: character ${JSON.stringify(compact[bad])} at position ${bad}`,
    );
  const pad = compact.indexOf('=');
  if (pad !== -1 && (compact.length - pad > 2 || /[^=]/.test(compact.slice(pad))))
    throw new VanthuError('EDXML_MALFORMED', `invalid base64: padding "=" at position ${pad}`);
  if (compact.length % 4 !== 0)
    throw new VanthuError(
      'EDXML_MALFORMED',
      `invalid base64: ${compact.length} characters is not a multiple of 4`,
    );
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

export function encodeBase64(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
}
