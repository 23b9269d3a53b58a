import { createHash } from 'node:crypto';
import { type FunctionComponent, createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

// The side panel's .tsx parts are loaded at run time (vitest compiles them); the extension's own
// typecheck covers their props.
type Props = Record<string, unknown>;
const load = async <T>(path: string) =>
  (await import(new URL(`../../../extension/src/ui/registry/${path}`, import.meta.url).href)) as T;
const { AttachmentPicker } = await load<{ AttachmentPicker: FunctionComponent<Props> }>(
  'AttachmentPicker.tsx',
);
const { EntryFiles } = await load<{ EntryFiles: FunctionComponent<Props> }>('EntryFiles.tsx');
interface Pending {
  name: string;
  bytes: Uint8Array;
  sha256: string;
  description: string;
}
const { addFiles, attachmentRefs } = await load<{
  addFiles(
    list: Pending[],
    files: { name: string; arrayBuffer(): Promise<ArrayBuffer> }[],
  ): Promise<Pending[]>;
  attachmentRefs(list: Pending[]): unknown[];
}>('attachments.ts');

const file = (name: string, text: string) => ({
  name,
  arrayBuffer: async () => new TextEncoder().encode(text).buffer as ArrayBuffer,
});
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const noop = () => {};

describe('phụ lục files in the registration form', () => {
  it('reads the chosen files once each and announces them with their size and SHA-256', async () => {
    const first = await addFiles([], [file('phu-luc-I.pdf', '%PDF-1.7 a'), file('bang.csv', 'STT,Xã')]);
    const again = await addFiles(first, [
      file('copy.pdf', '%PDF-1.7 a'),
      file('phu-luc-II.pdf', '%PDF-1.7 b'),
    ]);
    expect(again.map((a) => a.name)).toEqual(['phu-luc-I.pdf', 'bang.csv', 'phu-luc-II.pdf']);
    const described = again.map((a, i) => (i === 0 ? { ...a, description: '  Phụ lục I: Danh sách  ' } : a));
    expect(attachmentRefs(described)).toEqual([
      {
        document: { bytes: 10, sha256: sha('%PDF-1.7 a') },
        name: 'phu-luc-I.pdf',
        description: 'Phụ lục I: Danh sách',
      },
      { document: { bytes: 7, sha256: sha('STT,Xã') }, name: 'bang.csv' },
      { document: { bytes: 10, sha256: sha('%PDF-1.7 b') }, name: 'phu-luc-II.pdf' },
    ]);
  });

  it('lists the pending files with a description field and a remove button each', async () => {
    const items = await addFiles([], [file('phu-luc-I.pdf', '%PDF-1.7 a'), file('bang.csv', 'STT,Xã')]);
    items[0]!.description = 'Phụ lục I';
    const html = renderToStaticMarkup(
      createElement(AttachmentPicker, { items, onAdd: noop, onChange: noop }),
    );
    expect(html).toContain('Phụ lục, tệp đính kèm');
    expect(html.match(/data-attachment="/g)).toHaveLength(2);
    expect(html).toContain('<strong>phu-luc-I.pdf</strong> (10 B)');
    expect(html).toContain('aria-label="Mô tả phụ lục 1"');
    expect(html).toContain('value="Phụ lục I"');
    expect(html.match(/>Bỏ</g)).toHaveLength(2);
    expect(html).toMatch(/type="file" aria-label="Thêm phụ lục" multiple=""/);
    const empty = renderToStaticMarkup(
      createElement(AttachmentPicker, { items: [], onAdd: noop, onChange: noop }),
    );
    expect(empty).not.toContain('data-attachment');
  });

  it('shows the files kept with the saved entry: the document, then each phụ lục with pages and description', () => {
    const entry = {
      file: { name: 'cv-41.pdf', sha256: 'a'.repeat(64), size: 48_113, pages: 2 },
      attachments: [
        {
          seq: 1,
          name: 'phu-luc-I.pdf',
          sha256: 'b'.repeat(64),
          size: 3_000_000,
          pages: 3,
          description: 'Phụ lục I',
        },
        { seq: 2, name: 'bang.csv', sha256: 'c'.repeat(64), size: 300 },
      ],
    };
    const html = renderToStaticMarkup(createElement(EntryFiles, { entry }));
    expect(html).toContain('Tệp văn bản: cv-41.pdf · 2 trang · 47 kB');
    expect(html).toContain('Phụ lục 1: phu-luc-I.pdf · 3 trang · 2,9 MB — Phụ lục I');
    expect(html).toContain('Phụ lục 2: bang.csv · 300 B');
    expect(renderToStaticMarkup(createElement(EntryFiles, { entry: {} }))).toBe('');
  });
});
