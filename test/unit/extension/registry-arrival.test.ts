import { type FunctionComponent, createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { DaemonClient } from '../../../extension/src/background/daemon/client.js';

// save-registration reaches the portal tab through the extension API: a stand-in that fails if used,
// since an arrival has no portal document to fill.
const unused = () => {
  throw new Error('no portal tab for an arrival');
};
const api = { runtime: { id: 'test' }, tabs: { query: unused, sendMessage: unused } };
Object.assign(globalThis, { chrome: api, browser: api });
// The side panel's parts are loaded at run time (vitest compiles them); the extension's own
// typecheck covers their types.
type Props = Record<string, unknown>;
const load = async <T>(path: string) =>
  (await import(new URL(`../../../extension/src/ui/${path}`, import.meta.url).href)) as T;
interface Prefill {
  fields: Record<string, never>;
  documentId?: string;
  arrivalFiles?: { index: number; main: boolean }[];
}
interface Arrival {
  id: number;
  mainAttachment: number | undefined;
}
const { arrivalFromHash, arrivalHash, mainOf, prefillArrival } = await load<{
  arrivalFromHash(hash: string): number | undefined;
  arrivalHash(id: number): string;
  mainOf(prefill: Prefill): number | undefined;
  prefillArrival(client: DaemonClient, kind: string, arrival: Arrival): Promise<Prefill>;
}>('registry/arrival.ts');
const { saveRegistration } = await load<{
  saveRegistration(client: DaemonClient, input: Record<string, unknown>): Promise<unknown>;
}>('registry/save-registration.ts');
const { InboxList } = await load<{ InboxList: FunctionComponent<Props> }>('exchange/InboxList.tsx');
const { ArrivalFiles } = await load<{ ArrivalFiles: FunctionComponent<Props> }>('registry/ArrivalFiles.tsx');

interface Sent {
  type: string;
  payload: unknown;
  options: unknown;
}

const files = (main: number) =>
  [
    { index: 0, name: 'to-trinh.pdf', contentType: 'application/pdf', size: 4_096 },
    { index: 1, name: 'cv-41.pdf', contentType: 'application/pdf', size: 48_113 },
    { index: 2, name: 'bang.csv', contentType: 'text/csv', size: 300, description: 'Phụ lục I' },
  ].map((f) => ({ ...f, main: f.index === main }));

/** A daemon that reads the values from the file asked for (the first PDF by default) and records every request. */
function fakeDaemon() {
  const sent: Sent[] = [];
  const client = {
    async request(type: string, payload: Record<string, unknown>, options?: unknown) {
      sent.push({ type, payload, options });
      if (type === 'registry.prefill') {
        const main = (payload['mainAttachment'] as number | undefined) ?? 0;
        return {
          result: {
            fields: { Subject: `Trích yếu từ tệp ${main}`, OrganName: 'Sở Tài chính' },
            sources: { Subject: 'edxml' },
            signatures: [],
            documentId: '000.00.00.H29,2026/11/30,1234',
            notes: [],
            arrivalFiles: files(main),
          },
        };
      }
      if (type === 'registry.register') {
        return { result: { entry: { id: 'e1', kind: 'incoming', number: 7, fields: payload['fields'] } } };
      }
      throw new Error(`unexpected ${type}`);
    },
  };
  return { sent, client: client as unknown as DaemonClient };
}

const item = (id: number, state: string) => ({
  id,
  from: '000.00.00.H29',
  documentId: `doc-${id}`,
  code: `${id}/STC-VP`,
  subject: 'Về việc quyết toán',
  priority: 0,
  bussinessDocType: 0,
  state,
  receivedAt: Date.UTC(2026, 10, 30),
  lastStatusSent: null,
  recallReason: null,
  verification: [],
  deadline: null,
});

describe('"Vào sổ" for an arrival in the Liên thông inbox', () => {
  it('offers the button only on arrivals not registered yet, when the host can open the form', () => {
    const props = { lang: 'vi', onRefuse: () => {}, onAnswerRecall: () => {} };
    const items = [item(41, 'arrived'), item(42, 'registered'), item(43, 'refused')];
    const html = renderToStaticMarkup(createElement(InboxList, { ...props, items, onRegister: () => {} }));
    expect(html.match(/data-register="(\d+)"/g)).toEqual(['data-register="41"']);
    expect(html).toContain('>Vào sổ</button>');
    expect(renderToStaticMarkup(createElement(InboxList, { ...props, items }))).not.toContain(
      'data-register',
    );
  });

  it('opens the Văn bản đến tab with the arrival in the address, and reads it back', () => {
    const hash = arrivalHash(41);
    expect(new URLSearchParams(hash).get('tab')).toBe('incoming');
    expect(arrivalFromHash(`#${hash}`)).toBe(41);
    for (const bad of ['', '#tab=incoming', '#arrival=0', '#arrival=-3', '#arrival=4.5', '#arrival=x']) {
      expect(arrivalFromHash(bad)).toBeUndefined();
    }
  });

  it('pre-fills from the package, switches the main document, and registers without uploading', async () => {
    const { sent, client } = fakeDaemon();
    const first = await prefillArrival(client, 'incoming', { id: 41, mainAttachment: undefined });
    expect(mainOf(first)).toBe(0);
    const second = await prefillArrival(client, 'incoming', { id: 41, mainAttachment: 1 });
    expect(second.fields['Subject']).toBe('Trích yếu từ tệp 1');
    const saved = await saveRegistration(client, {
      kind: 'incoming',
      fields: second.fields,
      document: undefined,
      documentId: second.documentId,
      allowDuplicate: false,
      attachments: [],
      arrival: { id: 41, mainAttachment: mainOf(second) },
    });
    expect(saved).toEqual({
      entry: expect.objectContaining({ number: 7 }),
      filled: undefined,
      notFilled: [],
    });
    expect(sent).toEqual([
      { type: 'registry.prefill', payload: { kind: 'incoming', arrivalId: 41 }, options: undefined },
      {
        type: 'registry.prefill',
        payload: { kind: 'incoming', arrivalId: 41, mainAttachment: 1 },
        options: undefined,
      },
      {
        type: 'registry.register',
        payload: {
          kind: 'incoming',
          fields: { Subject: 'Trích yếu từ tệp 1', OrganName: 'Sở Tài chính' },
          arrivalId: 41,
          mainAttachment: 1,
          documentId: '000.00.00.H29,2026/11/30,1234',
        },
        options: undefined,
      },
    ]);
  });

  it("lists the package's files with the daemon's pick checked as the main document", () => {
    const html = renderToStaticMarkup(
      createElement(ArrivalFiles, { files: files(1), onChooseMain: () => {} }),
    );
    expect(html.match(/data-arrival-file="/g)).toHaveLength(3);
    expect(html.match(/checked=""/g)).toHaveLength(1);
    expect(html).toMatch(/checked=""[^>]*\/> <strong>cv-41\.pdf<\/strong> \(47 kB\) · văn bản chính/);
    expect(html).toContain('<strong>bang.csv</strong> (300 B) — Phụ lục I · phụ lục');
  });
});
