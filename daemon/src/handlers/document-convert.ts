import { createHash } from 'node:crypto';
import type { DocumentConvertPayload, DocumentConvertResult } from '@vanthu/shared/protocol/index';
import type { DocxConverter } from '../convert/index.js';
import type { Handler } from './context.js';

/** A DOCX draft from the extension to PDF (Điều 9.5); the PDF goes back in binary frames. */
export const documentConvertHandler = (convert: DocxConverter): Handler<DocumentConvertPayload> => ({
  async handle(_payload, ctx) {
    const { bytes, sha256 } = await ctx.upload();
    const { pdf, facts } = await convert(bytes, ctx.signal);
    const result: DocumentConvertResult = {
      document: { bytes: pdf.length, sha256: createHash('sha256').update(pdf).digest('hex') },
      inputSha256: sha256,
      pdfVersion: facts.version,
      pageCount: facts.pageCount,
      fontCount: facts.fontCount,
    };
    return { result, document: pdf };
  },
});
