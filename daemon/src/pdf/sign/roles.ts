import { VanthuError } from '@vanthu/shared/errors/index';
import type { SubsetFont } from '../fonts/type0.js';
import { type DecodedPng, decodePng, dominantInk } from '../images/png.js';
import { addImage } from '../images/xobject.js';
import { DEFAULT_ANCHORS, findSignatureBlock, fitInto } from '../layout/signature-block.js';
import { findPlaceholders, formatDateParts, formatNumber } from '../layout/placeholders.js';
import type { PageInfo, PdfRef, PdfReader } from '../reader/index.js';
import type { TextLine } from '../text/extract.js';
import type { IncrementalUpdate } from '../writer/update.js';
import { AppearanceBuilder, BLACK, RED } from './appearance.js';
import type { SignPdfOptions } from './options.js';
import { ROLE_FIELD } from './options.js';
import { dmy, isoVietnam } from './time.js';

export const MM = 2.8346;
export const RIGHT_MARGIN = 56.7;
export const TOP_FIRST_BASELINE = 10 * MM;
export const TEXT_SIZE = 10;
export const LEADING = 12;
export const RECEIPT_W = 141.7;
export const RECEIPT_H = 99.2;

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
  warnings: string[];
  /** Text lines of a page (cached per page). */
  lines(page: number): Promise<TextLine[]>;
}

function requireImage(ctx: RoleContext, want: 'blue' | 'red'): DecodedPng {
  if (!ctx.opts.image) throw new VanthuError('USAGE', `--image PNG is required for role ${ctx.opts.role}`);
  const img = decodePng(ctx.opts.image);
  const ink = dominantInk(img);
  if (ink !== want) {
    ctx.warnings.push(
      want === 'blue'
        ? 'Ảnh chữ ký không chủ yếu màu xanh / the signature image is not mainly blue'
        : 'Ảnh con dấu không chủ yếu màu đỏ / the seal image is not mainly red',
    );
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

/** The approver's image rectangle: from the newest visible approver signature, else the block. */
async function approverRect(ctx: RoleContext): Promise<{ pageIndex: number; rect: Rect }> {
  const sigs = ctx.reader.signatureFields().filter((s) => s.value && isApproverField(s.name));
  if (sigs.length === 0) {
    throw new VanthuError('SEAL_REQUIRES_APPROVER', 'the document has no signature of the competent person');
  }
  for (const s of [...sigs].reverse()) {
    const w = s.widgets.find((x) => x.rect[2] - x.rect[0] > 1 && x.rect[3] - x.rect[1] > 1);
    if (!w) continue;
    const pageIndex = (w.pageRef && ctx.reader.pageIndexOf(w.pageRef)) ?? ctx.reader.pageCount - 1;
    return { pageIndex, rect: [w.rect[0], w.rect[1], w.rect[2] - w.rect[0], w.rect[3] - w.rect[1]] };
  }
  // The approver signed invisibly (another tool): place the seal against the signature block.
  const { pageIndex, box } = await signatureBox({ ...ctx, opts: { ...ctx.opts, rect: undefined } });
  return { pageIndex, rect: box };
}

/** A signature of the competent person: any signature not made by one of our organisation roles. */
export function isApproverField(name: string): boolean {
  const org = [ROLE_FIELD.seal, ROLE_FIELD.attachment, ROLE_FIELD.copy, ROLE_FIELD.income];
  return !org.some((p) => name === p || name.startsWith(`${p}_`));
}

export async function planSeal(ctx: RoleContext): Promise<RolePlan> {
  const { pageIndex, rect: a } = await approverRect(ctx);
  const img = requireImage(ctx, 'red');
  const d = (ctx.opts.sealMm ?? 36) * MM;
  const sealX = a[0] + a[2] / 3 - d;
  const sealY = a[1] + (a[3] - d) / 2;
  const withText = ctx.opts.sealText !== false;
  const lines = withText ? [ctx.organization, isoVietnam(ctx.now)] : [];
  const textW = Math.max(0, ...lines.map((l) => ctx.font.measure(l) * TEXT_SIZE));
  // Text to the left of the seal, vertically centred; below it when the page edge is too close.
  let box: Rect = [sealX, sealY, d, d];
  let textAt: { x: number; y: number; align: 'right' | 'center' } | undefined;
  if (withText) {
    if (sealX - 4 - textW >= 20) {
      textAt = { x: sealX - 4, y: sealY + d / 2 + 2, align: 'right' };
      box = [sealX - 4 - textW, sealY, d + 4 + textW, d];
    } else {
      const w = Math.max(d, textW);
      textAt = { x: sealX + d / 2, y: sealY - TEXT_SIZE, align: 'center' };
      box = [sealX + d / 2 - w / 2, sealY - TEXT_SIZE - LEADING - 3, w, d + TEXT_SIZE + LEADING + 3];
    }
  }
  const ap = new AppearanceBuilder(box[2], box[3], ctx.font);
  const ox = box[0];
  const oy = box[1];
  if (textAt) {
    const at = textAt;
    lines.forEach((l, i) => {
      ap.text(l, at.x - ox, at.y - oy - i * LEADING, TEXT_SIZE, BLACK, at.align);
    });
  }
  const fit = fitInto([sealX, sealY, d, d], img.width, img.height);
  ap.image(addImage(ctx.update, img), fit[0] - ox, fit[1] - oy, fit[2], fit[3]);
  const page = ctx.reader.page(pageIndex);
  const stamps = await planStamps(ctx);
  return { page, rect: box, appearance: ap.write(ctx.update), stamps };
}

/** --number/--date as read-only text fields over the printed blanks of page 1. */
async function planStamps(ctx: RoleContext): Promise<RolePlan['stamps']> {
  const { opts } = ctx;
  if (!opts.number && !opts.date) return [];
  const page = ctx.reader.page(0);
  const spots = findPlaceholders(await ctx.lines(0));
  const out: RolePlan['stamps'] = [];
  const stamp = (
    fieldBase: string,
    value: string,
    spot: { x: number; y: number; size: number; align: 'left' | 'center' | 'right' },
    full?: string,
  ): void => {
    const size = spot.size;
    const w = ctx.font.measure(value) * size;
    const left = spot.align === 'left' ? spot.x : spot.align === 'center' ? spot.x - w / 2 : spot.x - w;
    const pad = 1;
    const asc = ctx.font.ascent * size;
    const desc = -ctx.font.descent * size;
    const rect: Rect = [left - pad, spot.y - desc - pad, w + 2 * pad, asc + desc + 2 * pad];
    const ap = new AppearanceBuilder(rect[2], rect[3], ctx.font);
    ap.text(value, pad, desc + pad, size, BLACK, 'left');
    out.push({
      name: fieldBase,
      value,
      ...(full && full !== value ? { full } : {}),
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
      ctx.warnings.push(`Ký hiệu in sẵn "${printed}" khác "${n.notation}" / printed notation differs`);
    }
    stamp('SoVanBan', spot.align === 'right' ? n.numeral : n.full, spot, n.full);
  }
  if (opts.date) {
    const p = formatDateParts(opts.date);
    if (!spots.day || !spots.month)
      throw new VanthuError('ANCHOR_NOT_FOUND', '"ngày … tháng … năm" on page 1');
    stamp('NgayBanHanh.Ngay', p.day, spots.day);
    stamp('NgayBanHanh.Thang', p.month, spots.month);
    if (spots.year) stamp('NgayBanHanh.Nam', p.year, spots.year);
  }
  return out;
}

/** attachment / copy: right-aligned 10 pt black lines at the top right of page 1. */
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
  const [, , urx, ury] = page.cropBox;
  const right = urx - RIGHT_MARGIN;
  const firstBaseline = ury - TOP_FIRST_BASELINE;
  const width = Math.max(...lines.map((l) => ctx.font.measure(l) * TEXT_SIZE)) + 2;
  const desc = -ctx.font.descent * TEXT_SIZE;
  const asc = ctx.font.ascent * TEXT_SIZE;
  const bottom = firstBaseline - (lines.length - 1) * LEADING - desc;
  const rect: Rect = [right - width, bottom, width, firstBaseline + asc - bottom];
  const ap = new AppearanceBuilder(rect[2], rect[3], ctx.font);
  lines.forEach((l, i) => {
    ap.text(l, width, firstBaseline - i * LEADING - bottom, TEXT_SIZE, BLACK, 'right');
  });
  return { page, rect, appearance: ap.write(ctx.update), stamps: [] };
}

/** income: the arrival stamp box (NĐ30 PL IV mục V), red by default, near the number block. */
export async function planReceipt(ctx: RoleContext): Promise<RolePlan> {
  const page = ctx.reader.page(
    ctx.opts.page !== undefined ? pageIndexFromOption(ctx.reader, ctx.opts.page) : 0,
  );
  let rect: Rect;
  if (ctx.opts.rect) rect = [ctx.opts.rect[0], ctx.opts.rect[1], RECEIPT_W, RECEIPT_H];
  else {
    const so = page.index === 0 ? findPlaceholders(await ctx.lines(0)).soLine : undefined;
    const [llx, , , ury] = page.cropBox;
    rect = so
      ? [Math.max(llx + 20, so.x0 - 10), so.y - so.size - 8 - RECEIPT_H, RECEIPT_W, RECEIPT_H]
      : [llx + 85, ury - 70.9 - RECEIPT_H, RECEIPT_W, RECEIPT_H];
  }
  const ap = new AppearanceBuilder(RECEIPT_W, RECEIPT_H, ctx.font);
  const c = RED;
  ap.rectangle(0.75, 0.75, RECEIPT_W - 1.5, RECEIPT_H - 1.5, c, 1.5);
  const org = ctx.organization.toLocaleUpperCase('vi');
  const orgSize = Math.min(9, (RECEIPT_W - 10) / Math.max(1, ctx.font.measure(org)));
  ap.text(org, RECEIPT_W / 2, RECEIPT_H - 14, orgSize, c, 'center');
  ap.text('ĐẾN', RECEIPT_W / 2, RECEIPT_H - 31, 12, c, 'center');
  const row = (label: string, value: string, y: number): void => {
    const w = ap.text(label, 6, y, 9, c, 'left');
    if (value) ap.text(value, 6 + w + 3, y, 9, c, 'left');
  };
  row('Số:', ctx.opts.arrivalNumber ?? '', RECEIPT_H - 48);
  row('Ngày:', ctx.opts.arrivalDate ? dmy(ctx.opts.arrivalDate) : '', RECEIPT_H - 62);
  row('Chuyển:', '', RECEIPT_H - 76);
  row('Số và ký hiệu HS:', '', RECEIPT_H - 90);
  return { page, rect, appearance: ap.write(ctx.update), stamps: [] };
}
