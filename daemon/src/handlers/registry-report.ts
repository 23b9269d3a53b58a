import { createHash } from 'node:crypto';
import type { RegistryReportPayload, RegistryReportResult } from '@vanthu/shared/protocol/index';
import type { Office } from '../office/office.js';
import { renderTablePdf } from '../registry/reports/pdf.js';
import { printedBook, printedBookName } from '../registry/reports/printed-book.js';
import type { Handler } from './context.js';

/** The printed register book for the side panel: the same PDF as `vanthu report`, in binary frames. */
export const registryReportHandler = (office: Office): Handler<RegistryReportPayload> => ({
  async handle(payload) {
    const table = await printedBook(await office.registry(), payload);
    const { pdf, pages } = renderTablePdf(table);
    const result: RegistryReportResult = {
      document: { bytes: pdf.length, sha256: createHash('sha256').update(pdf).digest('hex') },
      name: printedBookName(payload),
      rows: table.rows.length,
      pages,
    };
    return { result, document: pdf };
  },
});
