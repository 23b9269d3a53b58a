import { join } from 'node:path';
import type { VerifyResult } from '@vanthu/shared/protocol/index';
import type { AuditRecord } from '../../daemon/src/audit/entry.js';
import { buildEdoc } from '../../daemon/src/exchange/edxml/build.js';
import type { Attachment, EdocHeader } from '../../daemon/src/exchange/edxml/types.js';
import { arrivalContents } from '../../daemon/src/exchange/inbox/arrival-contents.js';
import { ExchangeService } from '../../daemon/src/exchange/service.js';
import type { OfficeActor } from '../../daemon/src/office/office.js';
import { RegistryService } from '../../daemon/src/registry/index.js';
import { SqliteStore } from '../../daemon/src/store/index.js';
import { PDFDocument } from 'pdf-lib';
import { sampleHeader } from './axis/samples.js';

/** A one-page PDF whose bytes differ with `text` (each document its own SHA-256). */
export async function tinyPdf(text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc
    .addPage([595, 842])
    .drawText(text.normalize('NFD').replace(/[^\x20-\x7e]/g, ''), { x: 50, y: 800, size: 12 });
  doc.setTitle(text);
  return doc.save({ useObjectStreams: false });
}

export const SELF = { organId: '000.00.09.H13', organName: 'Sở Nội vụ thành phố Cần Thơ' };
export const SENDER = '000.00.00.H23';

/** A workstation's office on real SQLite files (registry and exchange), offline: statuses stay queued. */
export interface OfficeFixture {
  actor: OfficeActor;
  registry: RegistryService;
  exchange: ExchangeService;
  audits: AuditRecord[];
  /** What `verify(pdf)` answers (sending checks the document's own signatures). */
  report: VerifyResult;
  /** An arrival as the inbox records it at intake, its package holding one PDF. */
  arrive(n: number, extra?: Partial<EdocHeader>): Promise<number>;
  /** Status codes queued for the axis, in queue order. */
  statusesSent(): string[];
  close(): Promise<void>;
}

export async function openOfficeFixture(dir: string, now?: () => number): Promise<OfficeFixture> {
  const registry = await RegistryService.open(new SqliteStore(join(dir, 'registry.sqlite')), {
    ...SELF,
    ...(now ? { now } : {}),
  });
  const exchange = new ExchangeService({
    dbFile: join(dir, 'exchange.sqlite'),
    self: SELF,
    recallPolicy: 'ask',
    ...(now ? { now } : {}),
  });
  const audits: AuditRecord[] = [];
  const fixture: OfficeFixture = {
    registry,
    exchange,
    audits,
    report: { file: null, sha256: '', indication: 'TOTAL_PASSED', signatures: [] },
    actor: {
      office: {
        registry: async () => registry,
        exchange: () => ({ service: exchange, self: SELF, notify: () => {} }),
        verify: async () => fixture.report,
      },
      audit: { append: (r) => audits.push(r) },
      origin: 'test',
    },
    async arrive(n, extra = {}) {
      const header = sampleHeader(SENDER, [SELF.organId], n, extra);
      const pdf: Attachment = {
        contentId: 'vb1',
        name: `vb${n}.pdf`,
        contentType: 'application/pdf',
        data: await tinyPdf(`Van ban so ${n}`),
      };
      const arrival = exchange.inbox.insert({
        axisDocId: `axis-${n}-${header.documentId}`,
        from: SENDER,
        documentId: header.documentId,
        subject: header.subject,
        code: `${header.codeNumber}/${header.codeNotation}`,
        priority: 0,
        bussinessDocType: 0,
        targetDocumentId: null,
        state: 'arrived',
        receivedAt: Date.now(),
        verification: [],
        warnings: [],
        xml: new TextEncoder().encode(buildEdoc(header, [pdf])),
        // What intake keeps of the package (it is parsed there, once).
        contents: arrivalContents(header, [pdf]),
      });
      if (!arrival) throw new Error('arrival not recorded');
      return arrival.id;
    },
    statusesSent: () =>
      (
        exchange.queue.db
          .prepare(
            "SELECT status_code FROM packages WHERE message_type = 'status' ORDER BY created_at, rowid",
          )
          .all() as { status_code: string }[]
      ).map((r) => r.status_code),
    async close() {
      exchange.close();
      await registry.close();
    },
  };
  return fixture;
}

/** The incoming catalogue fields a clerk confirms for arrival `n` of the fixture's sender. */
export function arrivalFields(n: number) {
  return {
    TypeName: 'Công văn',
    CodeNumber: String(n),
    CodeNotation: 'UBND-VP',
    IssuedDate: '2026-11-24',
    OrganName: `Cơ quan ${SENDER}`,
    Subject: `V/v phối hợp số ${n}`,
  };
}
