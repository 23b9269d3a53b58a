import { DOMParser, type Document } from '@xmldom/xmldom';
import { VanthuError } from '@vanthu/shared/errors/index';
import { DEFAULT_MAX_PACKAGE_BYTES, DEFAULT_MAX_XML_DEPTH } from './constants.js';
import { assertNestingDepth } from './nesting.js';

export interface GuardOptions {
  maxBytes?: number;
  /** Deepest element nesting accepted (default 256). */
  maxDepth?: number;
}

/**
 * Parses untrusted XML into a DOM after refusing what an attacker would use: oversized input,
 * DOCTYPE declarations (entity expansion, external entities), processing beyond the XML prolog and
 * nesting deeper than any real package (a stack-exhaustion attack on whoever walks the tree).
 */
export function parseUntrustedXml(input: string | Uint8Array, options: GuardOptions = {}): Document {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_PACKAGE_BYTES;
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (size > maxBytes)
    throw new VanthuError('EDXML_TOO_LARGE', `${size} bytes > ${maxBytes}`, { size, maxBytes });
  let text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: false }).decode(input);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) {
    throw new VanthuError('EDXML_MALFORMED', 'DOCTYPE and entity declarations are refused');
  }
  if (!text.trim()) throw new VanthuError('EDXML_MALFORMED', 'empty document');
  assertNestingDepth(text, options.maxDepth ?? DEFAULT_MAX_XML_DEPTH);
  const errors: string[] = [];
  let doc: Document;
  try {
    doc = new DOMParser({
      onError(level, message) {
        if (level !== 'warning') errors.push(message);
        if (level === 'fatalError') throw new Error(message);
      },
    }).parseFromString(text, 'text/xml');
  } catch (error) {
    throw new VanthuError('EDXML_MALFORMED', (error as Error).message.split('\n')[0]);
  }
  if (errors.length > 0) throw new VanthuError('EDXML_MALFORMED', errors[0]!.split('\n')[0]);
  if (!doc.documentElement) throw new VanthuError('EDXML_MALFORMED', 'no root element');
  return doc;
}
