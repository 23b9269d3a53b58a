import { VanthuError } from '@vanthu/shared/errors/index';
import { ITALIC_FONT } from '../fonts/paths.js';
import { SubsetFont } from '../fonts/type0.js';
import { type DecodedPng, decodePng, dominantInk } from '../images/png.js';
import { addImage } from '../images/xobject.js';
import { annotationBoxes } from '../layout/annotation-obstacles.js';
import { inkBox } from '../layout/approver-ink.js';
import { italicFontNames } from '../layout/font-style.js';
import { type ReceiptShape, placeReceipt, tallShape } from '../layout/receipt-stamp.js';
import { placeSealText } from '../layout/seal-text.js';
import { DEFAULT_ANCHORS, findSignatureBlock, fitInto, signatureColumn } from '../layout/signature-block.js';
import { freeBelow, isFree, textBoxes } from '../layout/free-space.js';
import { findPlaceholders, formatDateParts, formatNumber } from '../layout/placeholders.js';
import type { PageInfo, PdfRef, PdfReader } from '../reader/index.js';
import { type TextLine, extractLines } from '../text/extract.js';
import type { IncrementalUpdate } from '../writer/update.js';
import { AppearanceBuilder, BLACK, RED } from './appearance.js';
import type { SignPdfOptions } from './options.js';
import { ROLE_FIELD } from './options.js';
import { dmy, isoVietnam } from './time.js';
import type { SignWarning } from './warnings.js';

export const MM = 2.8346;
export const RIGHT_MARGIN = 56.7;
export const TOP_FIRST_BASELINE = 10 * MM;
export const TEXT_SIZE = 10;
export const LEADING = 12;
export const RECEIPT_W = 141.7;

export type Rect = [number, number, number, number];

/** What a role contributes: the widget's page, rectangle and appearance, plus extra stamps. */
export interface RolePlan {
  page: PageInfo;
  rect: Rect;
  appearance: PdfRef;
  /** Read-only text fields to add in the same update (seal with --number/--date). */
  stamps: {
    name: string;
    value: string;
    /** What the stamp stands for when it shows only part of it (the numeral of "15/QĐ-UBND"). */
    full?: string;
    page: PageInfo;
    rect: Rect;
    size: number;
    appearance: PdfRef;
  }[];
}

export interface RoleContext {
  reader: PdfReader;
  update: IncrementalUpdate;
  font: SubsetFont;
  opts: SignPdfOptions;
  now: Date;
  organization: string;
  warnings: SignWarning[];
  /** Text lines of a page (cached per page). */
  lines(page: number): Promise<TextLine[]>;
}

function requireImage(ctx: RoleContext, want: 'blue' | 'red'): DecodedPng {
  if (!ctx.opts.image) throw new VanthuError('USAGE', `--image PNG is required for role ${ctx.opts.role}`);
  const img = decodePng(ctx.opts.image);
  const ink = dominantInk(img);
  if (ink !== want) {
    ctx.warnings.push({ code: want === 'blue' ? 'SIGNATURE_IMAGE_NOT_BLUE' : 'SEAL_IMAGE_NOT_RED' });
  }
  return img;
}

/** 0-based index from a 1-based (negative = from the end) page option. */
export function pageIndexFromOption(reader: PdfReader, page: number): number {
  const count = reader.pageCount;
  const idx = page < 0 ? count + page : page - 1;
  if (!Number.isInteger(page) || page === 0 || idx < 0 || idx >= count) {
    throw new VanthuError('PDF_PAGE_OUT_OF_RANGE', `page ${page} of ${count}`);
  }
  return idx;
}

/** Page and gap box of the signature block: --page/--rect/--anchor, else detection on the last pages. */
async function signatureBox(ctx: RoleContext): Promise<{ pageIndex: number; box: Rect }> {
  const { reader, opts } = ctx;
  const anchors = opts.anchor ? [opts.anchor] : DEFAULT_ANCHORS;
  if (opts.rect) {
    const pageIndex = opts.page !== undefined ? pageIndexFromOption(reader, opts.page) : reader.pageCount - 1;
    return { pageIndex, box: opts.rect };
  }
  const candidates =
    opts.page !== undefined
      ? [pageIndexFromOption(reader, opts.page)]
      : Array.from({ length: Math.min(3, reader.pageCount) }, (_, i) => reader.pageCount - 1 - i);
  for (const pageIndex of candidates) {
    const block = findSignatureBlock(await ctx.lines(pageIndex), anchors);
    if (block) return { pageIndex, box: block.gap };
  }
  throw new VanthuError(
    'ANCHOR_NOT_FOUND',
    opts.anchor
      ? `"${opts.anchor}"`
      : 'no signature block title (CHỦ TỊCH, GIÁM ĐỐC, KT., TM.…); use --rect X,Y,W,H',
  );
}

export async function planApprover(ctx: RoleContext): Promise<RolePlan> {
  const img = requireImage(ctx, 'blue');
  const { pageIndex, box } = await signatureBox(ctx);
  const rect = fitInto(box, img.width, img.height);
  const ap = new AppearanceBuilder(rect[2], rect[3]);
  ap.image(addImage(ctx.update, img), 0, 0, rect[2], rect[3]);
  return { page: ctx.reader.page(pageIndex), rect, appearance: ap.write(ctx.update), stamps: [] };
}

/**
 * The approver's image rectangle, and where its ink is (the image less its transparent margins):
 * from the newest visible approver signature, else the signature block.
 */
async function approverRect(ctx: RoleContext): Promise<{ pageIndex: number; rect: Rect; ink: Rect }> {
  const sigs = ctx.reader.signatureFields().filter((s) => s.value && isApproverField(s.name));
  if (sigs.length === 0) {
    throw new VanthuError('SEAL_REQUIRES_APPROVER', 'the document has no signature of the competent person');
  }
  for (const s of [...sigs].reverse()) {
    const w = s.widgets.find((x) => x.rect[2] - x.rect[0] > 1 && x.rect[3] - x.rect[1] > 1);
    if (!w) continue;
    const pageIndex = (w.pageRef && ctx.reader.pageIndexOf(w.pageRef)) ?? ctx.reader.pageCount - 1;
    const rect: Rect = [w.rect[0], w.rect[1], w.rect[2] - w.rect[0], w.rect[3] - w.rect[1]];
    const widget = (w.ref && ctx.reader.dict(w.ref)) ?? s.field;
    return { pageIndex, rect, ink: inkBox(ctx.reader, widget, rect) ?? rect };
  }
  // The approver signed invisibly (another tool): place the seal against the signature block.
  const { pageIndex, box } = await signatureBox({ ...ctx, opts: { ...ctx.opts, rect: undefined } });
  return { pageIndex, rect: box, ink: box };
}

/** A signature of the competent person: any signature not made by one of our organisation roles. */
export function isApproverField(name: string): boolean {
  const org = [ROLE_FIELD.seal, ROLE_FIELD.attachment, ROLE_FIELD.copy, ROLE_FIELD.income];
  return !org.some((p) => name === p || name.startsWith(`${p}_`));
}

/** The smallest seal (mm) the signature block's free space may shrink it to. */
const MIN_SEAL_MM = 25;

/** The largest share of the page the seal's box (seal and text) may take; the verifier allows a tenth. */
const MAX_SEAL_SHARE = 0.09;

/**
 * The seal over the left third of the approver's image, inside the signature block's free space
 * (never over the title or the name), with the organisation name (on two lines when long) and the
 * time beside it inside the signature column: over no text ("Nơi nhận" included), not over the
 * approver's image, within the page's right margin (layout/seal-text.ts).
 */
export async function planSeal(ctx: RoleContext): Promise<RolePlan> {
  const { pageIndex, rect: a, ink } = await approverRect(ctx);
  const img = requireImage(ctx, 'red');
  const page = ctx.reader.page(pageIndex);
  const lines = await ctx.lines(pageIndex);
  const block = findSignatureBlock(lines, DEFAULT_ANCHORS);
  let d = (ctx.opts.sealMm ?? 36) * MM;
  if (block && block.gap[3] < d) d = Math.max(MIN_SEAL_MM * MM, block.gap[3]);
  const sealX = a[0] + a[2] / 3 - d;
  let sealY = a[1] + (a[3] - d) / 2;
  if (block) {
    const [, gy, , gh] = block.gap;
    sealY = Math.min(Math.max(sealY, gy), gy + gh - d);
  }
  const seal: Rect = [sealX, sealY, d, d];
  let box: Rect = seal;
  // Earlier stamps are obstacles too; the approver's own image is the seal's to overlap.
  const earlier = annotationBoxes(ctx.reader, page, (b) => b.every((v, i) => Math.abs(v - a[i]!) < 0.01));
  const text =
    ctx.opts.sealText === false ? undefined : placeSealTextOn(ctx, page, lines, earlier, seal, ink, block);
  for (const block of text?.blocks ?? []) box = union(box, block.box);
  const ap = new AppearanceBuilder(box[2], box[3], ctx.font);
  const [ox, oy] = box;
  const fit = fitInto(seal, img.width, img.height);
  ap.image(addImage(ctx.update, img), fit[0] - ox, fit[1] - oy, fit[2], fit[3]);
  for (const {
    lines: blockLines,
    box: [tx, ty, , th],
  } of text?.blocks ?? []) {
    blockLines.forEach((l, i) => {
      const baseline = ty + th - ctx.font.ascent * text!.size - i * text!.leading;
      ap.text(l, tx - ox, baseline - oy, text!.size, BLACK, 'left');
    });
  }
  return { page, rect: box, appearance: ap.write(ctx.update), stamps: await planStamps(ctx) };
}

/** The seal's text placed beside the seal, or undefined (with a warning) when there is no room. */
function placeSealTextOn(
  ctx: RoleContext,
  page: PageInfo,
  lines: TextLine[],
  earlier: Rect[],
  seal: Rect,
  approver: Rect,
  block: ReturnType<typeof findSignatureBlock>,
): ReturnType<typeof placeSealText> {
  const [llx, lly, urx, ury] = page.cropBox;
  const centre = block?.centre ?? approver[0] + approver[2] / 2;
  const band: [number, number] = [seal[1] - 48, seal[1] + seal[3] + 48];
  const placed = placeSealText(ctx.font, {
    organization: ctx.organization,
    time: isoVietnam(ctx.now),
    seal,
    approver,
    column: signatureColumn(lines, centre, urx, band),
    taken: [...textBoxes(lines), ...earlier],
    maxArea: MAX_SEAL_SHARE * (urx - llx) * (ury - lly),
  });
  if (!placed) {
    ctx.warnings.push({ code: 'SEAL_TEXT_LEFT_OUT' });
  }
  return placed;
}

function union(p: Rect, q: Rect): Rect {
  const x0 = Math.min(p[0], q[0]);
  const y0 = Math.min(p[1], q[1]);
  return [x0, y0, Math.max(p[0] + p[2], q[0] + q[2]) - x0, Math.max(p[1] + p[3], q[1] + q[3]) - y0];
}

/** --number/--date as read-only text fields over the printed blanks of page 1. */
async function planStamps(ctx: RoleContext): Promise<RolePlan['stamps']> {
  const { opts } = ctx;
  if (!opts.number && !opts.date) return [];
  const page = ctx.reader.page(0);
  // The date is stamped in the style of its printed line: that needs the fonts of the page's text.
  const spots = opts.date
    ? findPlaceholders(await extractLines(ctx.reader, 0, { fonts: true }), italicFontNames(ctx.reader, 0))
    : findPlaceholders(await ctx.lines(0));
  const out: RolePlan['stamps'] = [];
  let italic: SubsetFont | undefined;
  const stamp = (
    fieldBase: string,
    value: string,
    spot: { x: number; y: number; size: number; align: 'left' | 'center' | 'right' },
    how: { full?: string; shown?: string; font?: SubsetFont } = {},
  ): void => {
    const font = how.font ?? ctx.font;
    const shown = how.shown ?? value;
    const size = spot.size;
    const w = font.measure(shown) * size;
    const left = spot.align === 'left' ? spot.x : spot.align === 'center' ? spot.x - w / 2 : spot.x - w;
    const pad = 1;
    const asc = font.ascent * size;
    const desc = -font.descent * size;
    // Digits continuing printed ones ("20" + "26") start at the printed digits' end, not a pad before.
    const padLeft = how.shown === undefined ? pad : 0;
    const rect: Rect = [left - padLeft, spot.y - desc - pad, w + padLeft + pad, asc + desc + 2 * pad];
    const ap = new AppearanceBuilder(rect[2], rect[3], font);
    ap.text(shown, padLeft, desc + pad, size, BLACK, 'left');
    out.push({
      name: fieldBase,
      value,
      ...(how.full && how.full !== value ? { full: how.full } : {}),
      page,
      rect,
      size,
      appearance: ap.write(ctx.update, true),
    });
  };
  if (opts.number) {
    const n = formatNumber(opts.number);
    const spot = spots.number;
    if (!spot) throw new VanthuError('ANCHOR_NOT_FOUND', '"Số:" on page 1');
    const printed = spot.notationPrinted;
    if (printed && n.notation && printed.toUpperCase() !== n.notation.toUpperCase()) {
      ctx.warnings.push({ code: 'NOTATION_DIFFERS', printed, given: n.notation });
    }
    const value = spot.align === 'right' ? n.numeral : n.full;
    stamp('SoVanBan', value, numberFit(spot, ctx.font.measure(value)), { full: n.full });
  }
  if (opts.date) {
    const p = formatDateParts(opts.date);
    if (!spots.day || !spots.month)
      throw new VanthuError('ANCHOR_NOT_FOUND', '"ngày … tháng … năm" on page 1');
    const printedYear = spots.printedYear ?? spots.year?.printed ?? '';
    if (!p.year.startsWith(printedYear)) {
      // The printed year was signed with the page: it is never covered, so the date cannot agree.
      throw new VanthuError(
        'DATE_YEAR_PRINTED',
        `"năm ${printedYear}" printed, issue date ${dmy(opts.date)}`,
      );
    }
    if (spots.dateItalic) italic = new SubsetFont(ctx.update, ITALIC_FONT);
    const font = italic ?? ctx.font;
    stamp('NgayBanHanh.Ngay', p.day, spots.day, { font });
    stamp('NgayBanHanh.Thang', p.month, spots.month, { font });
    const year = spots.year;
    if (year) {
      // The field holds the whole year; its appearance shows only what the page does not print.
      const shown = p.year.slice(year.printed.length);
      stamp('NgayBanHanh.Nam', p.year, year, { font, ...(year.printed ? { shown } : {}) });
    }
  }
  // The italic face is used by these stamps only: its subset is complete now.
  if (italic?.used) italic.finish();
  return out;
}

/** The smallest size a number is shrunk to when its blank is too narrow. */
export const MIN_NUMBER_SIZE = 9;

/**
 * Where and how large the number goes so that it starts after "Số:" plus a space and ends before
 * the printed notation: shrunk down to 9 pt when the blank is too narrow, then started at `minX`
 * (whatever the glyph widths, never over the colon). `em` is the number's width at 1 pt.
 */
export function numberFit(
  spot: NonNullable<ReturnType<typeof findPlaceholders>['number']>,
  em: number,
): { x: number; y: number; size: number; align: 'left' | 'center' | 'right' } {
  const room = spot.maxX === undefined ? Number.POSITIVE_INFINITY : spot.maxX - spot.minX;
  const size = Math.max(MIN_NUMBER_SIZE, Math.min(spot.size, room / Math.max(em, 1e-6)));
  const width = em * size;
  if (spot.align === 'right' && spot.maxX !== undefined && spot.maxX - width >= spot.minX)
    return { x: spot.maxX, y: spot.y, size, align: 'right' };
  return { x: spot.minX, y: spot.y, size, align: 'left' };
}

/** The top edge of stamps placed at the top of a page: 6 mm below the page's top. */
const TOP_EDGE = 6 * MM;

/**
 * attachment / copy: right-aligned black lines at the top right of page 1, in the free band above
 * the header (shrunk down to 8 pt to fit there); where the band is too small, in the first free
 * space below it, never over the quốc hiệu or the organisation's name.
 */
export async function planTopRight(ctx: RoleContext): Promise<RolePlan> {
  const page = ctx.reader.page(0);
  const time = isoVietnam(ctx.now);
  let lines: string[];
  if (ctx.opts.role === 'attachment') {
    if (!ctx.opts.number) throw new VanthuError('USAGE', '--number is required for role attachment');
    lines = [formatNumber(ctx.opts.number).full, time];
  } else {
    const form = ctx.opts.copyForm ?? 'SAO Y';
    lines = [form, ctx.organization, time];
  }
  const [, lly, urx, ury] = page.cropBox;
  const right = urx - RIGHT_MARGIN;
  const taken = [...textBoxes(await ctx.lines(0)), ...annotationBoxes(ctx.reader, page)];
  const sized = (size: number) => {
    const width = Math.max(...lines.map((l) => ctx.font.measure(l) * size)) + 2;
    const leading = size * 1.2;
    const desc = -ctx.font.descent * size;
    const asc = ctx.font.ascent * size;
    return { size, width, leading, desc, asc, height: (lines.length - 1) * leading + asc + desc };
  };
  const top = ury - TOP_EDGE;
  let chosen: { box: Rect; s: ReturnType<typeof sized> } | undefined;
  for (const size of [TEXT_SIZE, 9, 8]) {
    const s = sized(size);
    const box: Rect = [right - s.width, top - s.height, s.width, s.height];
    if (isFree(box, taken)) {
      chosen = { box, s };
      break;
    }
  }
  if (!chosen) {
    const s = sized(TEXT_SIZE);
    const box = freeBelow(taken, right - s.width, s.width, s.height, top, lly + (ury - lly) / 2);
    if (box) chosen = { box, s };
  }
  if (!chosen) {
    const s = sized(TEXT_SIZE);
    chosen = { box: [right - s.width, top - s.height, s.width, s.height], s };
    ctx.warnings.push({ code: 'TOP_RIGHT_TEXT_MAY_COVER' });
  }
  const { box, s } = chosen;
  const ap = new AppearanceBuilder(box[2], box[3], ctx.font);
  lines.forEach((l, i) => {
    ap.text(l, box[2], box[3] - s.asc - i * s.leading, s.size, BLACK, 'right');
  });
  return { page, rect: box, appearance: ap.write(ctx.update), stamps: [] };
}

/**
 * income: the arrival stamp box (NĐ30 PL IV mục V), red, every line at 8 pt or more. Where it
 * goes is placeReceipt's choice; the warnings say when that is a margin. No room anywhere is
 * refused: an unreadable stamp, or one over the text, is worse than none.
 */
export async function planReceipt(ctx: RoleContext): Promise<RolePlan> {
  const page = ctx.reader.page(
    ctx.opts.page !== undefined ? pageIndexFromOption(ctx.reader, ctx.opts.page) : 0,
  );
  const content = {
    organization: ctx.organization.toLocaleUpperCase('vi'),
    number: ctx.opts.arrivalNumber ?? '',
    date: ctx.opts.arrivalDate ? dmy(ctx.opts.arrivalDate) : '',
  };
  let rect: Rect;
  let shape: ReceiptShape;
  if (ctx.opts.rect) {
    shape = tallShape(ctx.font, content, 9, 1.6, RECEIPT_W);
    rect = [ctx.opts.rect[0], ctx.opts.rect[1], shape.width, shape.height];
  } else {
    const lines = await ctx.lines(page.index);
    const [llx, lly, urx, ury] = page.cropBox;
    const placed = placeReceipt(ctx.font, {
      ...content,
      page: [llx, lly, urx - llx, ury - lly],
      taken: [...textBoxes(lines), ...annotationBoxes(ctx.reader, page)],
      numberLine: page.index === 0 ? findPlaceholders(lines).soLine : undefined,
    });
    if (!placed) throw new VanthuError('RECEIPT_NO_ROOM', `page ${page.index + 1}`);
    if (placed.where === 'top-margin') ctx.warnings.push({ code: 'RECEIPT_IN_TOP_MARGIN' });
    if (placed.where === 'left-margin') ctx.warnings.push({ code: 'RECEIPT_IN_LEFT_MARGIN' });
    ({ box: rect, shape } = placed);
  }
  const ap = new AppearanceBuilder(rect[2], rect[3], ctx.font);
  ap.rectangle(0.75, 0.75, rect[2] - 1.5, rect[3] - 1.5, RED, 1.5);
  for (const l of shape.lines) ap.text(l.text, l.x, l.y, l.size, RED, l.align);
  return { page, rect, appearance: ap.write(ctx.update), stamps: [] };
}
