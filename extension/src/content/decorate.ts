import type { FoundDocument } from '../profile/engine.js';
import type { Flow } from '../messaging/messages.js';
import type { VerifyBadge } from '../messaging/verify-badge.js';

const LABELS: Record<Flow, string> = {
  sign: 'Ký số',
  numberSeal: 'Cấp số & đóng dấu',
  verify: 'Kiểm tra chữ ký',
  register: 'Vào sổ',
};
const STYLE =
  ':host{all:initial;display:inline-flex;gap:4px;align-items:center;margin-left:6px;font:12px sans-serif}' +
  'button{font:inherit;white-space:nowrap;padding:1px 6px;border:1px solid #1d4ed8;border-radius:3px;background:#eff6ff;color:#1d4ed8;cursor:pointer}' +
  '.badge{white-space:nowrap;padding:1px 6px;border-radius:3px;background:#e5e7eb;color:#374151;cursor:pointer}' +
  '.valid{background:#dcfce7;color:#166534}.invalid{background:#fee2e2;color:#991b1b}';

export interface DecorateHooks {
  /** A checkbox per row, to sign several selected documents with one consent (admin policy). */
  readonly selectable?: boolean;
  readonly onSelect?: (url: string, selected: boolean) => void;
  /** A trusted click on the badge: show the verification report. */
  readonly onBadge?: (url: string) => void;
}

let decorated = new WeakSet<Element>();
/** The hosts this script placed, so that withdrawing never touches the page's own elements. */
const placed = new WeakSet<Element>();
const badges = new WeakMap<Element, HTMLElement>();
let sheet: CSSStyleSheet | undefined;

// One constructed stylesheet shared by every shadow root: styles are parsed once, not per row.
function sharedSheet(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLE);
  }
  return sheet;
}

/**
 * Adds a closed shadow root with the flow buttons next to each document link. A button only asks the
 * background to open the extension-owned window; untrusted (script-made) clicks are ignored, and the
 * page cannot reach into the closed root at all.
 */
export function decorate(
  docs: readonly FoundDocument[],
  flows: readonly Flow[],
  onAction: (flow: Flow, url: string) => void,
  actionsSelector?: string,
  hooks: DecorateHooks = {},
): number {
  let count = 0;
  for (const doc of docs) {
    if (decorated.has(doc.link)) continue;
    decorated.add(doc.link);
    const make = <K extends keyof HTMLElementTagNameMap>(tag: K) => doc.link.ownerDocument.createElement(tag);
    const host = doc.link.ownerDocument.createElement('vanthu-actions');
    placed.add(host);
    const shadow = host.attachShadow({ mode: 'closed' });
    shadow.adoptedStyleSheets = [sharedSheet()];
    if (hooks.selectable && flows.includes('sign')) {
      const box = make('input');
      box.type = 'checkbox';
      box.title = 'Chọn để ký nhiều văn bản một lần';
      box.addEventListener('change', (event) => {
        if (event.isTrusted) hooks.onSelect?.(doc.url, box.checked);
        else box.checked = false;
      });
      shadow.append(box);
    }
    for (const flow of flows) {
      const button = make('button');
      button.type = 'button';
      button.textContent = LABELS[flow];
      button.addEventListener('click', (event) => {
        if (event.isTrusted) onAction(flow, doc.url);
      });
      shadow.append(button);
    }
    const badge = make('span');
    badge.className = 'badge';
    badge.textContent = 'PDF';
    badge.addEventListener('click', (event) => {
      if (event.isTrusted) hooks.onBadge?.(doc.url);
    });
    badges.set(doc.link, badge);
    shadow.append(badge);
    const target = actionsSelector ? (doc.row.querySelector(actionsSelector) ?? doc.link) : doc.link;
    if (target === doc.link) doc.link.after(host);
    else target.append(host);
    count++;
  }
  return count;
}

/** Removes every host placed here (the portal lost its access); links may be decorated again later. */
export function withdraw(root: ParentNode = document): void {
  for (const host of Array.from(root.querySelectorAll('vanthu-actions'))) {
    if (placed.has(host)) host.remove();
  }
  decorated = new WeakSet<Element>();
}

/** Shows a verification outcome in a link's badge (green valid, red failed, grey otherwise). */
export function showBadge(link: Element, result: VerifyBadge): void {
  const badge = badges.get(link);
  if (!badge) return;
  badge.className = `badge ${result.state}`;
  badge.textContent = result.label;
  badge.title = result.title;
  badge.dataset.state = result.state;
}
