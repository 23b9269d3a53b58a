import { findDocuments, findViewers } from './engine.js';
import type { PortalProfile, RegistrationTag } from './schema.js';

/** How many elements one selector of the profile finds on the page (error: the page refused the selector). */
export interface SelectorCheck {
  readonly selector: string;
  readonly count: number;
  readonly error?: string;
}

export interface FieldCheck extends SelectorCheck {
  readonly tag: RegistrationTag;
  /** What the field is on the portal, e.g. `input name="so_den"`. */
  readonly element?: string;
}

/** What a (draft) profile finds on a portal page, for the options page's "test on this page". */
export interface ProfilePreview {
  readonly rows: SelectorCheck;
  readonly pdfLinks: SelectorCheck;
  /** Documents the buttons would go to: links in rows whose URL (rules, then href) is on the portal and matches linkPattern. */
  readonly documents: number;
  readonly actions?: SelectorCheck;
  readonly viewers?: SelectorCheck & { readonly urls: number };
  readonly registration?: { readonly form: SelectorCheck; readonly fields: readonly FieldCheck[] };
  readonly upload:
    | { readonly mode: 'download' }
    | {
        readonly mode: 'fileInput';
        readonly input: SelectorCheck & { readonly isFile: boolean };
        readonly submit?: SelectorCheck;
      };
}

function all(root: ParentNode, selector: string): { found: Element[]; error?: string } {
  try {
    return { found: Array.from(root.querySelectorAll(selector)) };
  } catch (e) {
    return { found: [], error: String((e as Error).message ?? e) };
  }
}

function check(root: ParentNode, selector: string): SelectorCheck {
  const { found, error } = all(root, selector);
  return { selector, count: found.length, ...(error ? { error } : {}) };
}

/** An invalid selector or linkPattern finds nothing; the selector checks say which one. */
function countOrZero(find: () => readonly unknown[]): number {
  try {
    return find().length;
  } catch {
    return 0;
  }
}

function describe(el: Element): string {
  const name = el.getAttribute('name') ?? el.getAttribute('id');
  return `${el.tagName.toLowerCase()}${name ? ` ${el.hasAttribute('name') ? 'name' : 'id'}="${name}"` : ''}`;
}

/** Runs every selector of the profile against the page without changing it. */
export function previewProfile(root: ParentNode, profile: PortalProfile, pageUrl: string): ProfilePreview {
  const { row, pdfLink, actions } = profile.documents;
  const rows = all(root, row).found;
  const inRows = (selector: string): SelectorCheck => {
    const counted = rows.map((r) => check(r, selector));
    const error = counted.find((c) => c.error)?.error;
    return { selector, count: counted.reduce((n, c) => n + c.count, 0), ...(error ? { error } : {}) };
  };
  const registration = profile.registration;
  const form = registration ? all(root, registration.form).found[0] : undefined;
  const upload = profile.upload;
  return {
    rows: check(root, row),
    pdfLinks: inRows(pdfLink),
    documents: countOrZero(() => findDocuments(root, profile, pageUrl)),
    ...(actions ? { actions: inRows(actions) } : {}),
    ...(profile.viewers
      ? {
          viewers: {
            ...check(root, profile.viewers),
            urls: countOrZero(() => findViewers(root, profile, pageUrl)),
          },
        }
      : {}),
    ...(registration
      ? {
          registration: {
            form: check(root, registration.form),
            fields: (Object.entries(registration.fields) as [RegistrationTag, string][]).map(([tag, sel]) => {
              const field = form ? check(form, sel) : { selector: sel, count: 0 };
              const el = form && field.count > 0 ? form.querySelector(sel) : null;
              return { tag, ...field, ...(el ? { element: describe(el) } : {}) };
            }),
          },
        }
      : {}),
    upload:
      upload.mode === 'download'
        ? { mode: 'download' }
        : {
            mode: 'fileInput',
            input: {
              ...check(root, upload.input),
              isFile: all(root, upload.input).found.some(
                (e) => e instanceof HTMLInputElement && e.type === 'file',
              ),
            },
            ...(upload.submit ? { submit: check(root, upload.submit) } : {}),
          },
  };
}
