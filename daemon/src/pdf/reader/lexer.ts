import { PdfDict, PdfName, type PdfObject, PdfRef, PdfString } from './objects.js';

/** Thrown when the window given to the lexer ends inside a token; the caller reads more and retries. */
export class NeedMoreBytes extends Error {
  constructor() {
    super('need more bytes');
  }
}

/** Thrown for bytes that cannot be a PDF object; the reader maps it to PDF_MALFORMED. */
export class SyntaxFault extends Error {}

/** Nesting limit for arrays/dictionaries: hostile files nest thousands deep to exhaust the stack. */
export const MAX_NESTING = 64;
const MAX_STRING = 16 * 1024 * 1024;

const WS = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) WS[c] = 1;
const DELIM = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIM[c.charCodeAt(0)] = 1;

export function isWhite(c: number): boolean {
  return WS[c] === 1;
}
export function isDelimiter(c: number): boolean {
  return WS[c] === 1 || DELIM[c] === 1;
}

/**
 * Tokeniser and object parser over one window of the file. `base` is the absolute file offset of
 * `buf[0]`, so positions can be reported as file offsets.
 */
export class Lexer {
  pos: number;
  constructor(
    readonly buf: Uint8Array,
    readonly base = 0,
    pos = 0,
    /** True when the window reaches the end of the file (no more bytes can come). */
    readonly atEof = false,
  ) {
    this.pos = pos;
  }

  get absolute(): number {
    return this.base + this.pos;
  }

  private more(): never {
    if (this.atEof) throw new SyntaxFault(`unexpected end of file at ${this.absolute}`);
    throw new NeedMoreBytes();
  }

  peek(): number {
    if (this.pos >= this.buf.length) this.more();
    return this.buf[this.pos]!;
  }

  skipWhitespace(): void {
    const b = this.buf;
    for (;;) {
      if (this.pos >= b.length) return;
      const c = b[this.pos]!;
      if (WS[c] === 1) this.pos++;
      else if (c === 0x25 /* % */) {
        while (this.pos < b.length && b[this.pos] !== 10 && b[this.pos] !== 13) this.pos++;
      } else return;
    }
  }

  /** Reads a bare keyword or number token (regular characters up to a delimiter). */
  regularToken(): string {
    const start = this.pos;
    const b = this.buf;
    while (this.pos < b.length && !isDelimiter(b[this.pos]!)) this.pos++;
    if (this.pos >= b.length && !this.atEof) this.more();
    return Buffer.from(b.subarray(start, this.pos)).toString('latin1');
  }

  /** Consumes `word` if it is the next keyword; otherwise leaves the position unchanged. */
  tryKeyword(word: string): boolean {
    this.skipWhitespace();
    const save = this.pos;
    if (this.pos >= this.buf.length) this.more();
    const tok = this.regularToken();
    if (tok === word) return true;
    this.pos = save;
    return false;
  }

  expectKeyword(word: string): void {
    if (!this.tryKeyword(word)) throw new SyntaxFault(`expected "${word}" at ${this.absolute}`);
  }

  /** A non-negative integer token, or undefined (position unchanged) when the next token is not one. */
  tryInteger(): number | undefined {
    this.skipWhitespace();
    const save = this.pos;
    const b = this.buf;
    let n = 0;
    let digits = 0;
    while (this.pos < b.length) {
      const c = b[this.pos]!;
      if (c < 0x30 || c > 0x39) break;
      n = n * 10 + (c - 0x30);
      digits++;
      this.pos++;
    }
    if (this.pos >= b.length && !this.atEof) this.more();
    if (digits === 0 || digits > 15 || (this.pos < b.length && !isDelimiter(b[this.pos]!))) {
      this.pos = save;
      return undefined;
    }
    return n;
  }

  parseObject(depth = 0): PdfObject {
    if (depth > MAX_NESTING) throw new SyntaxFault(`objects nested deeper than ${MAX_NESTING}`);
    this.skipWhitespace();
    const c = this.peek();
    switch (c) {
      case 0x2f /* / */:
        return this.parseName();
      case 0x28 /* ( */:
        return this.parseLiteralString();
      case 0x5b /* [ */:
        {
          this.pos++;
          const items: PdfObject[] = [];
          for (;;) {
            this.skipWhitespace();
            if (this.peek() === 0x5d) {
              this.pos++;
              return items;
            }
            items.push(this.parseObject(depth + 1));
          }
        }
      case 0x3c /* < */:
        {
          if (this.pos + 1 >= this.buf.length) this.more();
          if (this.buf[this.pos + 1] === 0x3c) return this.parseDict(depth);
          return this.parseHexString();
        }
      case 0x3e:
      case 0x5d:
      case 0x29:
      case 0x7b:
      case 0x7d:
        throw new SyntaxFault(`unexpected "${String.fromCharCode(c)}" at ${this.absolute}`);
      default:
        return this.parseNumberOrKeyword();
    }
  }

  parseDict(depth: number): PdfDict {
    this.pos += 2;
    const map = new Map<string, PdfObject>();
    for (;;) {
      this.skipWhitespace();
      const c = this.peek();
      if (c === 0x3e) {
        if (this.pos + 1 >= this.buf.length) this.more();
        if (this.buf[this.pos + 1] !== 0x3e) throw new SyntaxFault(`bad dictionary end at ${this.absolute}`);
        this.pos += 2;
        return new PdfDict(map);
      }
      if (c !== 0x2f) throw new SyntaxFault(`dictionary key expected at ${this.absolute}`);
      const key = this.parseName().value;
      const value = this.parseObject(depth + 1);
      // A null value is equivalent to an absent key (ISO 32000-1 §7.3.7).
      if (value !== null) map.set(key, value);
    }
  }

  private parseName(): PdfName {
    this.pos++;
    const b = this.buf;
    const start = this.pos;
    while (this.pos < b.length && !isDelimiter(b[this.pos]!)) this.pos++;
    if (this.pos >= b.length && !this.atEof) this.more();
    let raw = Buffer.from(b.subarray(start, this.pos)).toString('latin1');
    if (raw.includes('#')) {
      raw = raw.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
    }
    return PdfName.of(raw);
  }

  private parseHexString(): PdfString {
    this.pos++;
    const b = this.buf;
    // Signature /Contents are tens of kilobytes of hex: a plain run of digits up to ">" decodes in
    // one call. Buffer stops at the first non-digit and drops an odd last digit, so a short result
    // (whitespace, junk, odd length) takes the loop below.
    const end = b.indexOf(0x3e, this.pos);
    // The string runs past this window: ask for a larger one at once rather than decoding the
    // part in hand digit by digit, only to decode it again in the next window.
    if (end < 0 && !this.atEof && b.length - this.pos <= 2 * MAX_STRING) this.more();
    const digits = end - this.pos;
    if (end >= 0 && digits <= 2 * MAX_STRING) {
      const text = Buffer.from(b.buffer, b.byteOffset + this.pos, digits).toString('latin1');
      const decoded = Buffer.from(text, 'hex');
      if (decoded.length * 2 === digits) {
        this.pos = end + 1;
        return new PdfString(new Uint8Array(decoded), true);
      }
    }
    const out: number[] = [];
    let hi = -1;
    for (;;) {
      if (this.pos >= b.length) this.more();
      const c = b[this.pos++]!;
      if (c === 0x3e) break;
      if (WS[c] === 1) continue;
      const v = hexValue(c);
      if (v < 0) throw new SyntaxFault(`bad hex digit at ${this.absolute - 1}`);
      if (hi < 0) hi = v;
      else {
        out.push((hi << 4) | v);
        hi = -1;
      }
      if (out.length > MAX_STRING) throw new SyntaxFault('string too long');
    }
    if (hi >= 0) out.push(hi << 4);
    return new PdfString(Uint8Array.from(out), true);
  }

  private parseLiteralString(): PdfString {
    this.pos++;
    const b = this.buf;
    const out: number[] = [];
    let nest = 1;
    for (;;) {
      if (this.pos >= b.length) this.more();
      let c = b[this.pos++]!;
      if (c === 0x28) nest++;
      else if (c === 0x29) {
        nest--;
        if (nest === 0) break;
      } else if (c === 0x5c /* \ */) {
        if (this.pos >= b.length) this.more();
        c = b[this.pos++]!;
        switch (c) {
          case 0x6e:
            c = 10;
            break;
          case 0x72:
            c = 13;
            break;
          case 0x74:
            c = 9;
            break;
          case 0x62:
            c = 8;
            break;
          case 0x66:
            c = 12;
            break;
          case 13:
            if (this.pos < b.length && b[this.pos] === 10) this.pos++;
            continue;
          case 10:
            continue;
          default:
            if (c >= 0x30 && c <= 0x37) {
              let v = c - 0x30;
              for (let i = 0; i < 2 && this.pos < b.length; i++) {
                const d = b[this.pos]!;
                if (d < 0x30 || d > 0x37) break;
                v = v * 8 + (d - 0x30);
                this.pos++;
              }
              c = v & 0xff;
            }
        }
      }
      out.push(c);
      if (out.length > MAX_STRING) throw new SyntaxFault('string too long');
    }
    return new PdfString(Uint8Array.from(out), false);
  }

  private parseNumberOrKeyword(): PdfObject {
    const start = this.pos;
    const tok = this.regularToken();
    if (tok.length === 0) throw new SyntaxFault(`unexpected byte at ${this.absolute}`);
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(tok)) {
      const n = Number(tok);
      // `num gen R`: look ahead for a generation number and the R keyword.
      if (/^\d+$/.test(tok)) {
        const save = this.pos;
        try {
          const gen = this.tryInteger();
          if (gen !== undefined && this.tryKeyword('R')) return new PdfRef(n, gen);
        } catch (e) {
          if (!(e instanceof SyntaxFault)) throw e;
        }
        this.pos = save;
      }
      return n;
    }
    if (tok === 'true') return true;
    if (tok === 'false') return false;
    if (tok === 'null') return null;
    this.pos = start;
    throw new SyntaxFault(`unexpected keyword "${tok.slice(0, 20)}" at ${this.absolute}`);
  }
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}
