import { EDXML_PREFIX } from './constants.js';

export function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
}

/** A tiny strict writer: every element gets the edXML prefix unless told otherwise. */
export class XmlWriter {
  private readonly parts: string[] = [];

  open(name: string, attrs = '', prefixed = true) {
    this.parts.push(`<${prefixed ? `${EDXML_PREFIX}:` : ''}${name}${attrs}>`);
    return this;
  }

  close(name: string, prefixed = true) {
    this.parts.push(`</${prefixed ? `${EDXML_PREFIX}:` : ''}${name}>`);
    return this;
  }

  /** Writes `<edXML:name>value</edXML:name>`, skipping undefined values. */
  leaf(name: string, value: string | number | boolean | undefined, prefixed = true) {
    if (value === undefined) return this;
    const text = typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
    const tag = prefixed ? `${EDXML_PREFIX}:${name}` : name;
    this.parts.push(`<${tag}>${escapeXml(text)}</${tag}>`);
    return this;
  }

  raw(text: string) {
    this.parts.push(text);
    return this;
  }

  toString(): string {
    return this.parts.join('');
  }
}
