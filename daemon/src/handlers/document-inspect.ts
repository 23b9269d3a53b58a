import { VanthuError } from '@vanthu/shared/errors/index';
import type { DocumentInspectPayload, DocumentInspectResult } from '@vanthu/shared/protocol/index';
import { findPlaceholders } from '../pdf/layout/placeholders.js';
import { findSignatureBlock } from '../pdf/layout/signature-block.js';
import { PdfReader } from '../pdf/reader/index.js';
import { extractLines } from '../pdf/text/extract.js';
import type { Handler } from './context.js';

const round = (n: number): number => Math.round(n * 100) / 100;

/** 0-based indices of the requested 1-based (or negative) page numbers, deduplicated. */
function pageIndices(requested: readonly number[], pageCount: number): number[] {
  const out = new Set<number>();
  for (const n of requested) {
    const index = n > 0 ? n - 1 : pageCount + n;
    if (n === 0 || index < 0 || index >= pageCount) {
      throw new VanthuError('PDF_PAGE_OUT_OF_RANGE', `page ${n} of ${pageCount}`);
    }
    out.add(index);
  }
  return [...out].sort((a, b) => a - b);
}

/** Pages, fields, signature-block anchors, stamp placeholders and text lines of chosen pages. */
export const documentInspectHandler: Handler<DocumentInspectPayload> = {
  async handle(payload, ctx) {
    const { bytes, sha256 } = await ctx.upload();
    ctx.emit({ type: 'progress', payload: { id: ctx.id, stage: 'inspecting' } });
    const reader = PdfReader.fromBuffer(bytes);
    try {
      const pageCount = reader.pageCount;
      const pages = [];
      for (let i = 0; i < pageCount; i++) {
        const p = reader.page(i);
        const [x0, y0, x1, y1] = p.cropBox;
        pages.push({ number: i + 1, width: round(x1 - x0), height: round(y1 - y0), rotate: p.rotate });
      }
      const signed = new Map(reader.signatureFields().map((f) => [f.name, f.value !== undefined]));
      const fields = reader.fields().map((f) => ({
        name: f.name,
        type: f.type ?? null,
        ...(f.type === 'Sig' ? { signed: signed.get(f.name) ?? false } : {}),
      }));
      const result: DocumentInspectResult = {
        sha256,
        bytes: bytes.length,
        pdfVersion: reader.headerVersion,
        pageCount,
        pages,
        fields,
        signatureCount: [...signed.values()].filter(Boolean).length,
        anchors: [],
        placeholders: { number: false, date: false },
        text: [],
      };
      const wanted = pageCount === 0 ? [] : pageIndices(payload.textPages ?? [1, -1], pageCount);
      for (const index of wanted) {
        ctx.signal.throwIfAborted();
        const lines = await extractLines(reader, index);
        result.text.push({
          page: index + 1,
          lines: lines.map((l) => ({
            y: round(l.y),
            x0: round(l.x0),
            x1: round(l.x1),
            size: round(l.size),
            text: l.text,
          })),
        });
        const block = findSignatureBlock(lines);
        if (block) {
          result.anchors.push({
            page: index + 1,
            title: block.titleText,
            name: block.nameText ?? null,
            rect: block.gap.map(round) as [number, number, number, number],
          });
        }
        if (index === 0) {
          const spots = findPlaceholders(lines);
          result.placeholders = { number: spots.number !== undefined, date: spots.day !== undefined };
        }
      }
      return { result };
    } finally {
      reader.close();
    }
  },
};
