import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AxisAdapter } from '../../../daemon/src/exchange/axis/types.js';
import { buildEdoc } from '../../../daemon/src/exchange/edxml/build.js';
import type { Attachment } from '../../../daemon/src/exchange/edxml/types.js';
import { ExchangeService } from '../../../daemon/src/exchange/service.js';
import { arrivalFiles } from '../../../daemon/src/office/arrival-files.js';
import type { Office } from '../../../daemon/src/office/office.js';
import { sampleHeader } from '../../support/axis/samples.js';
import { docxDraft } from '../../support/docx-draft.js';
import { SELF, SENDER, tinyPdf } from '../../support/office-fixture.js';
import { tempDir } from '../../support/pdf-inputs.js';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** An axis holding one package for us; it answers listing, fetching and acknowledging, nothing else. */
function oneItemAxis(xml: Uint8Array): AxisAdapter {
  return {
    kind: 'vdxp',
    send: async () => Promise.reject(new Error('not used')),
    listReceived: async () => [{ docId: 'axis-1', messageType: 'edoc', from: SENDER }],
    fetch: async () => xml,
    ack: async () => {},
    listAgencies: async () => [],
  };
}

describe('an arrival is parsed once, at intake', () => {
  let tmp: ReturnType<typeof tempDir>;
  let exchange: ExchangeService;
  let files: Attachment[];
  let office: Office;
  const header = sampleHeader(SENDER, [SELF.organId], 7, { subject: 'V/v góp ý dự thảo Quyết định' });

  beforeEach(async () => {
    tmp = tempDir('vanthu-arrival-');
    files = [
      {
        contentId: 'vb',
        name: 'cong-van-7.pdf',
        contentType: 'application/pdf',
        data: await tinyPdf('Cong van 7'),
      },
      {
        contentId: 'pl',
        name: 'phu-luc.docx',
        description: 'Phụ lục dự thảo',
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        data: docxDraft(['Phụ lục: Quyết định về việc…']),
      },
    ];
    exchange = new ExchangeService({
      dbFile: join(tmp.dir, 'exchange.sqlite'),
      self: SELF,
      adapter: oneItemAxis(new TextEncoder().encode(buildEdoc(header, files))),
    });
    office = {
      registry: async () => Promise.reject(new Error('not used')),
      exchange: () => ({ service: exchange, self: SELF, notify: () => {} }),
      verify: async () => Promise.reject(new Error('not used')),
    };
  });
  afterEach(() => {
    exchange.close();
    tmp.cleanup();
  });

  /** Replaces the stored package with bytes no parser reads: only what intake kept can answer. */
  const spoilPackage = (id: number) =>
    exchange.queue.db.prepare('UPDATE inbox SET xml = ? WHERE id = ?').run(Buffer.from('not edXML'), id);

  it('intake keeps the header, names, sizes, SHA-256 and bytes; the register reads those', async () => {
    expect((await exchange.pollOnce()).documents).toBe(1);
    const arrival = exchange.inbox.list()[0]!;
    expect(exchange.inbox.contents(arrival.id)?.attachments.map((a) => [a.name, a.size, a.sha256])).toEqual(
      files.map((f) => [f.name, f.data.length, sha256(f.data)]),
    );
    spoilPackage(arrival.id);
    const read = arrivalFiles(office, arrival.id);
    expect(read.header.documentId).toBe(header.documentId);
    expect(read.header.subject).toBe('V/v góp ý dự thảo Quyết định');
    expect(read.main?.name).toBe('cong-van-7.pdf');
    expect(sha256(read.main!.bytes)).toBe(sha256(files[0]!.data));
    expect(read.others).toEqual([
      { name: 'phu-luc.docx', description: 'Phụ lục dự thảo', bytes: files[1]!.data },
    ]);
    expect(read.list.map((f) => [f.name, f.size, f.main])).toEqual([
      ['cong-van-7.pdf', files[0]!.data.length, true],
      ['phu-luc.docx', files[1]!.data.length, false],
    ]);
    // The clerk may pick the appendix as the main document: its bytes come from the same store.
    expect(arrivalFiles(office, arrival.id, 1).main?.bytes).toEqual(files[1]!.data);
  });

  it('a stored file that no longer matches its SHA-256 is refused, never handed on', async () => {
    await exchange.pollOnce();
    const id = exchange.inbox.list()[0]!.id;
    exchange.queue.db
      .prepare('UPDATE inbox SET attachment_bytes = zeroblob(length(attachment_bytes)) WHERE id = ?')
      .run(id);
    expect(() => arrivalFiles(office, id)).toThrow(/SHA-256/);
  });

  it('an arrival recorded before intake kept its files is read from its package once, then from the store', async () => {
    const old = exchange.inbox.insert({
      axisDocId: 'axis-old',
      from: SENDER,
      documentId: header.documentId,
      subject: header.subject,
      code: '7/UBND-VP',
      priority: 0,
      bussinessDocType: 0,
      targetDocumentId: null,
      state: 'arrived',
      receivedAt: Date.now(),
      verification: [],
      warnings: [],
      xml: new TextEncoder().encode(buildEdoc(header, files)),
    })!;
    expect(exchange.inbox.contents(old.id)).toBeUndefined();
    expect(arrivalFiles(office, old.id).list).toHaveLength(2);
    spoilPackage(old.id);
    expect(arrivalFiles(office, old.id).others[0]?.bytes).toEqual(files[1]!.data);
  });

  it('a voided arrival keeps no files', async () => {
    await exchange.pollOnce();
    const id = exchange.inbox.list()[0]!.id;
    exchange.inbox.void(id);
    expect(() => arrivalFiles(office, id)).toThrow(/arrival/);
  });
});
