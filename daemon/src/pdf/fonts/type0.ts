import { deflateSync } from 'node:zlib';
import type { Font, Glyph, Subset } from 'fontkit';
import { VanthuError } from '@vanthu/shared/errors/index';
import { type PdfRef, PdfString } from '../reader/index.js';
import { openFont } from './open-font.js';
import { DEFAULT_FONT } from './paths.js';
import { WritableDict, name } from '../writer/serialize.js';
import type { IncrementalUpdate } from '../writer/update.js';

const fontCache = new Map<string, Font>();
function load(path: string): Font {
  let f = fontCache.get(path);
  if (!f) {
    f = openFont(path);
    fontCache.set(path, f);
  }
  return f;
}

export interface ShapedText {
  /** Hex string of 2-byte CIDs for a `<…> Tj` operator (Identity-H). */
  hex: string;
  /** Advance width in text space units at 1 pt (multiply by the font size). */
  width: number;
}

/**
 * A font embedded as a subset Type0 / CIDFontType2 with Identity-H encoding and a ToUnicode CMap,
 * so text is both rendered with the exact glyphs and extractable. Text is NFC-normalised; a
 * character the font lacks stops signing (FONT_GLYPH_MISSING) rather than printing a box.
 */
export class SubsetFont {
  /** The font file and its subset, parsed on first use: a signature without text never loads fontkit. */
  private opened: { font: Font; subset: Subset } | undefined;
  /** subset CID → unicode text */
  private readonly toUnicode = new Map<number, string>();
  private readonly cidOf = new Map<number, number>();
  private readonly widths = new Map<number, number>();
  readonly ref: PdfRef;

  constructor(
    /** Where the font objects go: an incremental update or a new document. */
    private readonly update: Pick<IncrementalUpdate, 'allocate' | 'add' | 'put'>,
    private readonly path = DEFAULT_FONT,
  ) {
    this.ref = update.allocate();
  }

  get font(): Font {
    return this.open().font;
  }

  private get subset(): Subset {
    return this.open().subset;
  }

  private open(): { font: Font; subset: Subset } {
    if (!this.opened) {
      const font = load(this.path);
      this.opened = { font, subset: font.createSubset() };
    }
    return this.opened;
  }

  /** True once some text was encoded (an unused font is not written). */
  get used(): boolean {
    return this.cidOf.size > 0;
  }

  get unitsPerEm(): number {
    return this.font.unitsPerEm;
  }

  /** Ascent and descent at 1 pt. */
  get ascent(): number {
    return this.font.ascent / this.font.unitsPerEm;
  }
  get descent(): number {
    return this.font.descent / this.font.unitsPerEm;
  }

  /** Width of `text` at 1 pt without adding it to the subset. */
  measure(text: string): number {
    let w = 0;
    for (const ch of text.normalize('NFC')) w += this.glyph(ch).advanceWidth;
    return w / this.font.unitsPerEm;
  }

  /** Adds the glyphs of `text` and returns the encoded string and its width. */
  encode(text: string): ShapedText {
    let hex = '';
    let w = 0;
    for (const ch of text.normalize('NFC')) {
      const g = this.glyph(ch);
      let cid = this.cidOf.get(g.id);
      if (cid === undefined) {
        // fontkit returns the glyph id in the subset (its type declarations say boolean).
        const added = this.subset.includeGlyph(g) as unknown as number;
        cid = added;
        this.cidOf.set(g.id, cid);
        this.toUnicode.set(cid, ch);
        this.widths.set(cid, Math.round((g.advanceWidth * 1000) / this.font.unitsPerEm));
      }
      hex += cid.toString(16).padStart(4, '0');
      w += g.advanceWidth;
    }
    return { hex, width: w / this.font.unitsPerEm };
  }

  private glyph(ch: string): Glyph {
    const cp = ch.codePointAt(0)!;
    const g = this.font.glyphForCodePoint(cp);
    if (!g || g.id === 0) {
      throw new VanthuError(
        'FONT_GLYPH_MISSING',
        `U+${cp.toString(16).toUpperCase().padStart(4, '0')} "${ch}" in ${this.font.postscriptName}`,
      );
    }
    return g;
  }

  /** Writes the font objects into the update (call after every encode()). */
  finish(): void {
    const u = this.update;
    const f = this.font;
    this.subset.includeGlyph(f.getGlyph(0));
    const program = Buffer.from(this.subset.encode());
    const tag = subsetTag(this.toUnicode);
    const psName = `${tag}+${f.postscriptName}`;
    const fileData = deflateSync(program);
    const fontFile = u.add(
      WritableDict.of({ Length: fileData.length, Length1: program.length, Filter: name('FlateDecode') }),
      fileData,
    );
    const scale = 1000 / f.unitsPerEm;
    const descriptor = u.add(
      WritableDict.of({
        Type: name('FontDescriptor'),
        FontName: name(psName),
        // Serif, non-symbolic, and italic for a slanted face (ISO 32000-1 §9.8.2).
        Flags: f.italicAngle !== 0 ? 34 | 64 : 34,
        FontBBox: [f.bbox.minX, f.bbox.minY, f.bbox.maxX, f.bbox.maxY].map((v) => Math.round(v * scale)),
        ItalicAngle: f.italicAngle,
        Ascent: Math.round(f.ascent * scale),
        Descent: Math.round(f.descent * scale),
        CapHeight: Math.round((f.capHeight || f.ascent) * scale),
        StemV: 80,
        FontFile2: fontFile,
      }),
    );
    const cids = [...this.widths.keys()].sort((a, b) => a - b);
    const w: (number | number[])[] = [];
    for (const cid of cids) w.push(cid, [this.widths.get(cid)!]);
    const cidFont = u.add(
      WritableDict.of({
        Type: name('Font'),
        Subtype: name('CIDFontType2'),
        BaseFont: name(psName),
        CIDSystemInfo: WritableDict.of({
          Registry: new PdfString(Buffer.from('Adobe', 'latin1'), false),
          Ordering: new PdfString(Buffer.from('Identity', 'latin1'), false),
          Supplement: 0,
        }),
        FontDescriptor: descriptor,
        W: w,
        CIDToGIDMap: name('Identity'),
      }),
    );
    const cmap = Buffer.from(toUnicodeCMap(this.toUnicode), 'latin1');
    const cmapData = deflateSync(cmap);
    const toUni = u.add(WritableDict.of({ Length: cmapData.length, Filter: name('FlateDecode') }), cmapData);
    u.put(
      this.ref,
      WritableDict.of({
        Type: name('Font'),
        Subtype: name('Type0'),
        BaseFont: name(psName),
        Encoding: name('Identity-H'),
        DescendantFonts: [cidFont],
        ToUnicode: toUni,
      }),
    );
  }
}

/** Six capital letters derived from the glyph set (ISO 32000-1 §9.6.4). */
function subsetTag(map: Map<number, string>): string {
  let h = 0;
  for (const [cid, s] of map) h = (h * 31 + cid * 7 + s.codePointAt(0)!) >>> 0;
  let tag = '';
  for (let i = 0; i < 6; i++) {
    tag += String.fromCharCode(65 + (h % 26));
    h = Math.floor(h / 26) + i * 7;
  }
  return tag;
}

function utf16Hex(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += s.charCodeAt(i).toString(16).padStart(4, '0');
  return out;
}

function toUnicodeCMap(map: Map<number, string>): string {
  const entries = [...map.entries()].sort((a, b) => a[0] - b[0]);
  const lines: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    lines.push(`${chunk.length} beginbfchar`);
    for (const [cid, s] of chunk) lines.push(`<${cid.toString(16).padStart(4, '0')}> <${utf16Hex(s)}>`);
    lines.push('endbfchar');
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...lines,
    'endcmap',
    'CMapName currentdict /CMapName get exch defineresource pop',
    'end',
    'end',
  ].join('\n');
}
