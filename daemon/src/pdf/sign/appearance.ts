import type { SubsetFont } from '../fonts/type0.js';
import type { PdfRef } from '../reader/index.js';
import { WritableDict, name, num } from '../writer/serialize.js';
import type { IncrementalUpdate } from '../writer/update.js';

export type Rgb = [number, number, number];
export const BLACK: Rgb = [0, 0, 0];
export const RED: Rgb = [0.85, 0, 0];

/** Builds the content of one appearance stream in its own coordinate space (origin bottom-left). */
export class AppearanceBuilder {
  private readonly ops: string[] = [];
  private readonly images = new Map<string, PdfRef>();
  private usesFont = false;

  constructor(
    readonly width: number,
    readonly height: number,
    private readonly font?: SubsetFont,
  ) {}

  image(ref: PdfRef, x: number, y: number, w: number, h: number): void {
    const key = `Im${this.images.size + 1}`;
    this.images.set(key, ref);
    this.ops.push(`q ${num(w)} 0 0 ${num(h)} ${num(x)} ${num(y)} cm /${key} Do Q`);
  }

  /** One line of text; `x` is the left, centre or right end depending on `align`. */
  text(
    value: string,
    x: number,
    y: number,
    size: number,
    color: Rgb = BLACK,
    align: 'left' | 'center' | 'right' = 'left',
  ): number {
    if (!this.font) throw new Error('appearance without a font');
    this.usesFont = true;
    const enc = this.font.encode(value);
    const w = enc.width * size;
    const left = align === 'left' ? x : align === 'center' ? x - w / 2 : x - w;
    this.ops.push(
      `BT /F1 ${num(size)} Tf ${color.map(num).join(' ')} rg ${num(left)} ${num(y)} Td <${enc.hex}> Tj ET`,
    );
    return w;
  }

  rectangle(x: number, y: number, w: number, h: number, color: Rgb, lineWidth = 1): void {
    this.ops.push(
      `q ${color.map(num).join(' ')} RG ${num(lineWidth)} w ${num(x)} ${num(y)} ${num(w)} ${num(h)} re S Q`,
    );
  }

  line(x0: number, y0: number, x1: number, y1: number, color: Rgb, lineWidth = 0.5): void {
    this.ops.push(
      `q ${color.map(num).join(' ')} RG ${num(lineWidth)} w ${num(x0)} ${num(y0)} m ${num(x1)} ${num(y1)} l S Q`,
    );
  }

  /** Writes the form XObject; `marked` wraps it as variable text (/Tx BMC … EMC) for text fields. */
  write(update: IncrementalUpdate, marked = false): PdfRef {
    const body = marked ? ['/Tx BMC', ...this.ops, 'EMC'] : this.ops;
    const content = Buffer.from(body.join('\n'), 'latin1');
    const resources = new WritableDict();
    if (this.images.size > 0) resources.set('XObject', new WritableDict(new Map(this.images)));
    if (this.usesFont && this.font) resources.set('Font', WritableDict.of({ F1: this.font.ref }));
    return update.add(
      WritableDict.of({
        Type: name('XObject'),
        Subtype: name('Form'),
        BBox: [0, 0, num2(this.width), num2(this.height)],
        Resources: resources,
        Length: content.length,
      }),
      content,
    );
  }
}

function num2(n: number): number {
  return Math.round(n * 100) / 100;
}
