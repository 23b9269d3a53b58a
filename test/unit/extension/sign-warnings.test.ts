import { type FunctionComponent, createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { setUiLanguage } from '../../../extension/src/i18n/language.js';
import type { SignedDocument } from '../../../extension/src/ui/signing/sign-documents.js';
import { documentWarnings } from '../../../extension/src/ui/signing/sign-warnings.js';

// What the signing window says after signing: the daemon's warnings (already worded in the hello
// language), per document of the batch, in the warning style; nothing when the signing was clean.

// The window's .tsx parts are loaded at run time (vitest compiles them); the extension's own
// typecheck covers their props.
const { SignWarnings } = (await import(
  new URL('../../../extension/src/ui/signing/SignWarnings.tsx', import.meta.url).href
)) as { SignWarnings: FunctionComponent<{ documents: ReturnType<typeof documentWarnings> }> };

afterEach(() => setUiLanguage('vi'));

const RAISED =
  'Tệp PDF 1.3 được nâng lên PDF 1.7 trong lần ký (khoản 5 Điều 9 Quy chế ban hành kèm Quyết định 1637/QĐ-UBND yêu cầu PDF từ phiên bản 1.4 trở lên)';
const TOP_MARGIN = 'Dấu ĐẾN được đặt ở lề trên';
const LEFT_OUT = 'Không còn chỗ trống cho tên cơ quan và thời gian ký bên con dấu, nên đã bỏ qua';

function signed(name: string, warnings: string[]): SignedDocument {
  return {
    doc: { url: `http://cong.example/tep/${name}`, name, bytes: new Uint8Array(1), sha256: 'a'.repeat(64) },
    bytes: new Uint8Array(1),
    result: { warnings } as unknown as SignedDocument['result'],
  };
}

const render = (docs: SignedDocument[]) =>
  renderToStaticMarkup(createElement(SignWarnings, { documents: documentWarnings(docs) }));

describe('sign warnings in the signing window', () => {
  it('shows every warning of a document, in the warning style, under the document name', () => {
    const html = render([signed('qd-12.pdf', [RAISED, TOP_MARGIN])]);
    expect(html).toContain('class="vt-banner unknown"');
    expect(html).toContain('role="alert"');
    expect(html).toContain('Lưu ý về văn bản đã ký');
    expect(html).toContain('<code>qd-12.pdf</code>');
    expect(html).toContain(`<li>${RAISED}</li>`);
    expect(html).toContain(`<li>${TOP_MARGIN}</li>`);
    expect(html).not.toMatch(/PDF_VERSION_RAISED|RECEIPT_IN_TOP_MARGIN|About the signed/);
  });

  it('shows nothing when no document came back with a warning', () => {
    expect(render([])).toBe('');
    expect(render([signed('a.pdf', []), signed('b.pdf', [])])).toBe('');
  });

  it('in a batch, names only the documents that have warnings, each with its own, in signing order', () => {
    const docs = [signed('1.pdf', [RAISED]), signed('2.pdf', []), signed('3.pdf', [LEFT_OUT])];
    expect(documentWarnings(docs).map((d) => [d.name, d.warnings])).toEqual([
      ['1.pdf', [RAISED]],
      ['3.pdf', [LEFT_OUT]],
    ]);
    const html = render(docs);
    expect(html).not.toContain('2.pdf');
    const parts = html.split('data-testid="sign-warnings-document"').slice(1);
    expect(parts).toHaveLength(2);
    expect(parts[0]).toContain('1.pdf');
    expect(parts[0]).toContain(RAISED);
    expect(parts[0]).not.toContain(LEFT_OUT);
    expect(parts[1]).toContain('3.pdf');
    expect(parts[1]).toContain(LEFT_OUT);
  });

  it('titles the warnings in English only for an English user', () => {
    setUiLanguage('en');
    const html = render([signed('qd-12.pdf', ['The arrival stamp was placed in the top margin'])]);
    expect(html).toContain('About the signed documents');
    expect(html).not.toContain('Lưu ý');
  });
});
