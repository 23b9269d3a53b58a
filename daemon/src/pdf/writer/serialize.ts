import { PdfDict, PdfName, type PdfObject, PdfRef, PdfStream, PdfString } from '../reader/index.js';

/** Bytes written verbatim (placeholders, pre-built arrays). */
export class Raw {
  constructor(
    readonly text: string,
    /** When set, the serializer records the absolute position of this raw text under this key. */
    readonly mark?: string,
  ) {}
}

export type WritableObject = PdfObject | Raw | WritableObject[] | WritableDict;

/** A dictionary being written: plain entries, values may be Raw. */
export class WritableDict {
  constructor(readonly entries: Map<string, WritableObject> = new Map()) {}
  set(key: string, value: WritableObject | undefined): this {
    if (value === undefined) this.entries.delete(key);
    else this.entries.set(key, value);
    return this;
  }
  static from(dict: PdfDict): WritableDict {
    return new WritableDict(new Map(dict.entries));
  }
  static of(obj: Record<string, WritableObject | undefined>): WritableDict {
    const d = new WritableDict();
    for (const [k, v] of Object.entries(obj)) if (v !== undefined) d.entries.set(k, v);
    return d;
  }
}

export function name(value: string): PdfName {
  return PdfName.of(value);
}

/** Text string: PDFDocEncoding-safe ASCII as a literal, anything else UTF-16BE with BOM (hex). */
export function text(value: string): PdfString {
  const s = value.normalize('NFC');
  if (/^[\x20-\x7e]*$/.test(s)) return new PdfString(Buffer.from(s, 'latin1'), false);
  const b = Buffer.alloc(2 + s.length * 2);
  b[0] = 0xfe;
  b[1] = 0xff;
  for (let i = 0; i < s.length; i++) b.writeUInt16BE(s.charCodeAt(i), 2 + i * 2);
  return new PdfString(b, true);
}

export function num(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`non-finite number ${n}`);
  if (Number.isInteger(n)) return String(n);
  const s = n.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

function nameText(v: string): string {
  let out = '/';
  for (const ch of Buffer.from(v, 'latin1')) {
    const regular = ch > 0x20 && ch < 0x7f && !'()<>[]{}/%#'.includes(String.fromCharCode(ch));
    out += regular ? String.fromCharCode(ch) : `#${ch.toString(16).padStart(2, '0')}`;
  }
  return out;
}

function stringText(s: PdfString): string {
  const b = s.bytes;
  const printable = !s.hex && b.every((c) => c >= 0x20 && c < 0x7f);
  if (!printable) return `<${Buffer.from(b).toString('hex')}>`;
  return `(${Buffer.from(b)
    .toString('latin1')
    .replace(/[\\()]/g, (m) => `\\${m}`)})`;
}

/** Serialises objects into latin1 text, recording the positions of marked Raw values. */
export class Serializer {
  readonly marks = new Map<string, { offset: number; length: number }>();
  private readonly parts: string[] = [];
  private length = 0;

  constructor(private readonly base = 0) {}

  get position(): number {
    return this.base + this.length;
  }

  write(s: string): void {
    this.parts.push(s);
    this.length += s.length;
  }

  value(v: WritableObject): void {
    if (v === null) this.write('null');
    else if (typeof v === 'boolean') this.write(v ? 'true' : 'false');
    else if (typeof v === 'number') this.write(num(v));
    else if (v instanceof PdfName) this.write(nameText(v.value));
    else if (v instanceof PdfString) this.write(stringText(v));
    else if (v instanceof PdfRef) this.write(`${v.num} ${v.gen} R`);
    else if (v instanceof Raw) {
      if (v.mark) this.marks.set(v.mark, { offset: this.position, length: v.text.length });
      this.write(v.text);
    } else if (Array.isArray(v)) {
      this.write('[');
      v.forEach((item, i) => {
        if (i > 0) this.write(' ');
        this.value(item);
      });
      this.write(']');
    } else if (v instanceof PdfDict || v instanceof WritableDict) {
      this.write('<<');
      for (const [k, item] of v.entries) {
        this.write(nameText(k));
        this.write(' ');
        this.value(item as WritableObject);
      }
      this.write('>>');
    } else if (v instanceof PdfStream) {
      throw new Error('existing streams are never re-serialised');
    }
  }

  toBuffer(): Buffer {
    return Buffer.from(this.parts.join(''), 'latin1');
  }
}
