/** In-memory model of PDF objects as the lazy reader returns them (ISO 32000-1 §7.3). */

/** A name object (`/Type`); interned, compare with `===` or `.value`. */
export class PdfName {
  private static readonly table = new Map<string, PdfName>();
  private constructor(readonly value: string) {}
  static of(value: string): PdfName {
    let name = PdfName.table.get(value);
    if (!name) {
      name = new PdfName(value);
      PdfName.table.set(value, name);
    }
    return name;
  }
  toString(): string {
    return `/${this.value}`;
  }
}

/** An indirect reference `num gen R`. */
export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
  get key(): string {
    return `${this.num} ${this.gen}`;
  }
  equals(other: PdfRef): boolean {
    return other.num === this.num && other.gen === this.gen;
  }
  toString(): string {
    return `${this.num} ${this.gen} R`;
  }
}

/** A string object; `bytes` are the decoded bytes (escapes or hex resolved). */
export class PdfString {
  constructor(
    readonly bytes: Uint8Array,
    readonly hex: boolean,
  ) {}
  /** Text string decoding: UTF-16BE with BOM, UTF-8 with BOM, else PDFDocEncoding (≈ Latin-1). */
  text(): string {
    const b = this.bytes;
    if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
      let out = '';
      for (let i = 2; i + 1 < b.length; i += 2) out += String.fromCharCode((b[i]! << 8) | b[i + 1]!);
      return out;
    }
    if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
      return Buffer.from(b.subarray(3)).toString('utf8');
    }
    return Buffer.from(b).toString('latin1');
  }
}

export class PdfDict {
  constructor(readonly entries: Map<string, PdfObject> = new Map()) {}
  get(key: string): PdfObject | undefined {
    return this.entries.get(key);
  }
  has(key: string): boolean {
    return this.entries.has(key);
  }
  /** The name value of `key`, if it is a name. */
  name(key: string): string | undefined {
    const v = this.entries.get(key);
    return v instanceof PdfName ? v.value : undefined;
  }
  number(key: string): number | undefined {
    const v = this.entries.get(key);
    return typeof v === 'number' ? v : undefined;
  }
  ref(key: string): PdfRef | undefined {
    const v = this.entries.get(key);
    return v instanceof PdfRef ? v : undefined;
  }
}

/**
 * A stream object read from the file: its dictionary plus the absolute position and length of the
 * raw (still encoded) data. The data is read only when someone asks for it.
 */
export class PdfStream {
  constructor(
    readonly dict: PdfDict,
    /** Absolute file offset of the first data byte (after `stream` and its EOL). */
    readonly dataOffset: number,
    /** Raw data length in bytes (checked against the file and the `endstream` keyword). */
    readonly dataLength: number,
  ) {}
}

export type PdfObject =
  | null
  | boolean
  | number
  | PdfName
  | PdfString
  | PdfRef
  | PdfDict
  | PdfStream
  | PdfObject[];

export function isDict(v: PdfObject | undefined): v is PdfDict {
  return v instanceof PdfDict;
}
