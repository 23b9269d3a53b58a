import { CATALOGUES, validateFields } from '@vanthu/shared/domain/index';
import { type FunctionComponent, createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { setUiLanguage } from '../../../extension/src/i18n/language.js';
import { DEMO_PORTAL_PROFILE } from '../../../extension/src/profile/demo-profile.js';
import { fillsPortalForm, registerButtonText } from '../../../extension/src/ui/registry/register-button.js';
import {
  TYPED_DATE_PROBLEM,
  isoOfTypedDate,
  storedOfTypedDate,
  typedOfStoredDate,
} from '../../../extension/src/ui/shared/typed-date.js';

// The .tsx parts are loaded at run time (vitest compiles them); the extension's typecheck covers their props.
type Props = Record<string, unknown>;
const load = async <T>(path: string) =>
  (await import(new URL(`../../../extension/src/ui/${path}`, import.meta.url).href)) as T;
const { CatalogueForm } = await load<{ CatalogueForm: FunctionComponent<Props> }>(
  'registry/CatalogueForm.tsx',
);
const { AttachmentPicker } = await load<{ AttachmentPicker: FunctionComponent<Props> }>(
  'registry/AttachmentPicker.tsx',
);

const noop = () => {};
const form = (state: Record<string, string>, issues: unknown[] = []) =>
  renderToStaticMarkup(
    createElement(CatalogueForm, { catalogue: CATALOGUES.incoming, state, onChange: noop, issues }),
  );
/** The <input> of one field, as rendered. */
const inputOf = (html: string, id: string) => new RegExp(`<input[^>]*id="${id}"[^>]*>`).exec(html)?.[0] ?? '';

afterEach(() => setUiLanguage('vi'));

describe('dates in the registration form, typed dd/mm/yyyy whatever the browser language', () => {
  it('keeps a real dd/mm/yyyy date as yyyy-mm-dd, empty as empty, anything else as typed', () => {
    expect(storedOfTypedDate(' 28/10/2026 ')).toBe('2026-10-28');
    expect(storedOfTypedDate('1/2/2027')).toBe('2027-02-01');
    expect(storedOfTypedDate('  ')).toBe('');
    expect(storedOfTypedDate('31/11/2026')).toBe('31/11/2026');
    expect(storedOfTypedDate('10/28/2026')).toBe('10/28/2026');
    expect(isoOfTypedDate('2026-10-28')).toBeNull();
    expect(typedOfStoredDate('2026-10-28')).toBe('28/10/2026');
    expect(typedOfStoredDate('31/11/2026')).toBe('31/11/2026');
  });

  it('shows a stored date as a dd/mm/yyyy text field, never a browser date picker', () => {
    const html = form({ IssuedDate: '2026-10-28', ArrivalDate: '' });
    expect(html).not.toContain('type="date"');
    const issued = inputOf(html, 'f-IssuedDate');
    expect(issued).toContain('type="text"');
    expect(issued).toContain('value="28/10/2026"');
    expect(issued).toContain('placeholder="dd/mm/yyyy"');
    expect(issued).toContain('aria-invalid="false"');
    expect(html).not.toContain('data-date-problem');
  });

  it('says in Vietnamese that a date does not exist, instead of the catalogue’s YYYY-MM-DD wording', () => {
    const state = { IssuedDate: '31/11/2026' };
    const { issues } = validateFields(CATALOGUES.incoming, { IssuedDate: state.IssuedDate });
    expect(issues.some((i) => i.path === 'IssuedDate' && i.code === 'date')).toBe(true);
    const html = form(state, issues);
    expect(inputOf(html, 'f-IssuedDate')).toContain('aria-invalid="true"');
    expect(html).toContain('data-date-problem="f-IssuedDate"');
    expect(html).toContain(TYPED_DATE_PROBLEM.vi);
    expect(html).not.toContain('YYYY-MM-DD');
    setUiLanguage('en');
    const en = form(state, issues);
    expect(en).toContain(TYPED_DATE_PROBLEM.en);
    expect(en).not.toContain(TYPED_DATE_PROBLEM.vi);
  });

  it('still shows the register’s other findings on a real date (a date after today)', () => {
    const later = {
      path: 'ArrivalDate',
      code: 'date',
      vi: 'Ngày không được sau ngày hôm nay',
      en: 'Later than today',
    };
    const html = form({ ArrivalDate: '2099-01-01' }, [later]);
    expect(html).toContain('Ngày không được sau ngày hôm nay');
    expect(html).not.toContain('data-date-problem');
  });
});

describe('the phụ lục file chooser speaks the screen’s language', () => {
  const picker = () =>
    renderToStaticMarkup(createElement(AttachmentPicker, { items: [], onAdd: noop, onChange: noop }));

  it('labels the chooser and its empty state itself; the native input is out of sight but focusable', () => {
    const html = picker();
    expect(html).toMatch(/<label for="[^"]+"[^>]*>Thêm phụ lục<\/label>/);
    expect(html).toContain('Chưa chọn tệp nào');
    const input = /<input[^>]*type="file"[^>]*>/.exec(html)?.[0] ?? '';
    expect(input).toContain('aria-label="Thêm phụ lục"');
    expect(input).toContain('opacity:0');
    expect(input).not.toMatch(/display:\s*none|visibility:\s*hidden|tabindex="-1"|hidden=""/);
    // The label points at the input, so a click on it opens the file dialog.
    const id = /<input id="([^"]+)"[^>]*type="file"/.exec(html)?.[1];
    expect(html).toContain(`for="${id}"`);
  });

  it('in English when the user chose English, never both languages at once', () => {
    setUiLanguage('en');
    const html = picker();
    expect(html).toContain('>Add appendices</label>');
    expect(html).toContain('No file chosen');
    expect(html).not.toContain('Thêm phụ lục');
    expect(html).not.toContain('Chưa chọn tệp');
  });
});

describe('the save button promises the portal form only when there is one', () => {
  const { registration: _mapping, ...withoutForm } = DEMO_PORTAL_PROFILE;

  it('fills the portal form for a portal document whose profile maps one, never for an axis arrival', () => {
    expect(fillsPortalForm(false, DEMO_PORTAL_PROFILE)).toBe(true);
    expect(fillsPortalForm(true, DEMO_PORTAL_PROFILE)).toBe(false);
    expect(fillsPortalForm(false, withoutForm)).toBe(false);
    expect(fillsPortalForm(false, undefined)).toBe(false);
  });

  it('says "Vào sổ" when nothing is filled, and English words in English', () => {
    expect(registerButtonText(true)).toBe('Vào sổ và điền vào cổng');
    expect(registerButtonText(false)).toBe('Vào sổ');
    setUiLanguage('en');
    expect(registerButtonText(false)).toBe('Register');
    expect(registerButtonText(true)).toBe('Register and fill the portal form');
  });
});
