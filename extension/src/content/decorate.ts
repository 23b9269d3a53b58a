import { say } from '../i18n/language.js';
import type { Flow } from '../messaging/messages.js';
import type { VerifyBadge } from '../messaging/verify-badge.js';
import type { FoundDocument } from '../profile/engine.js';
import { isGenuineClick } from './genuine-click.js';
import { hostLooksPinned, pinHostStyle } from './host-style.js';
import { type Binding, byLink, inPlace, placeHost, stillListed } from './placement.js';
import { unwatchVisibility, watchVisibility } from './visibility-watch.js';

/** A flow's menu item, in the language the content script read before decorating. */
const flowLabel = (flow: Flow): string =>
  ({
    sign: say('Ký số', 'Sign'),
    numberSeal: say('Cấp số & đóng dấu', 'Number & seal'),
    verify: say('Kiểm tra chữ ký', 'Check signature'),
    register: say('Vào sổ', 'Register'),
    convert: say('Chuyển PDF', 'Convert to PDF'),
  })[flow];
// One compact "vanthu" button per row; the flows are items of the menu it opens, so a table row at
// 1024 px keeps its width. The menu is a popover (the top layer): no later row, cell overflow or page
// stacking can cover it, so the genuine-click check still finds the item on top at the click point.
// The host is `all: initial`, so each control sets its own font (nothing is inherited from the host).
const FONT = '12px/1.35 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif';
const STYLE =
  '[hidden]{display:none!important}' +
  `button,.badge{font:${FONT};white-space:nowrap;cursor:pointer;box-sizing:border-box}` +
  '.toggle{padding:1px 6px;border:1px solid #1d4ed8;border-radius:3px;background:#eff6ff;color:#1d4ed8;font-weight:600}' +
  '.toggle[aria-expanded=true]{background:#1d4ed8;color:#fff}' +
  '.menu{position:fixed;inset:auto;margin:0;padding:2px 0;min-width:160px;border:1px solid #d1d5db;' +
  'border-radius:4px;background:#fff;box-shadow:0 8px 10px -6px rgb(0 0 0/.25)}' +
  '.item{display:block;width:100%;text-align:left;padding:4px 12px;border:0;background:#fff;color:#1f2937}' +
  '.item:hover,.item:focus-visible{background:#eff6ff;color:#1d4ed8;outline:none}' +
  '.badge{display:inline-block;padding:1px 6px;border-radius:3px;background:#e5e7eb;color:#374151}' +
  '.valid{background:#dcfce7;color:#166534}.invalid{background:#fee2e2;color:#991b1b}';

export interface DecorateOptions {
  readonly flows: readonly Flow[];
  readonly onAction: (flow: Flow, url: string) => void;
  /** Where the buttons go inside a row; right after the link (or viewer) when absent or not found. */
  readonly actionsSelector?: string;
  /** The documents the page shows now: a click acts only if its host's row still names the same URL. */
  readonly current: () => readonly FoundDocument[];
  /** A checkbox per row, to sign several selected documents with one consent (admin policy). */
  readonly selectable?: boolean;
  readonly onSelect?: (url: string, selected: boolean) => void;
  /** A trusted click on the badge: show the verification report. */
  readonly onBadge?: (url: string) => void;
  /** What the badge says before any verdict ("PDF"; "DOCX" on a draft, which is never verified). */
  readonly badgeLabel?: string;
}

interface Placed extends Binding {
  readonly badge: HTMLElement;
  /** Closes the host's flow menu. */
  readonly close: () => void;
}

/** Every host this script placed, by the link (or viewer) it belongs to. */
const bindings = new Map<Element, Placed>();
/** The last verdict per document URL: a re-created host shows its own URL's verdict at once. */
const verdicts = new Map<string, VerifyBadge>();
let sheet: CSSStyleSheet | undefined;

// One constructed stylesheet shared by every shadow root: styles are parsed once, not per row.
function sharedSheet(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLE);
  }
  return sheet;
}

const listening = new WeakSet<Document>();
/** One listener per document: a click outside a host, or Escape, closes every open menu. */
function closeOnOutsideClick(owner: Document): void {
  if (listening.has(owner)) return;
  listening.add(owner);
  const closeAll = (except?: EventTarget[]) => {
    for (const placed of bindings.values()) if (!except?.includes(placed.host)) placed.close();
  };
  owner.addEventListener('click', (event) => closeAll(event.composedPath()), true);
  owner.addEventListener('keydown', (event) => event.key === 'Escape' && closeAll(), true);
  // The menu is placed in the window: scrolling would leave it behind its row.
  owner.addEventListener('scroll', () => closeAll(), true);
}

function paint(badge: HTMLElement, result: VerifyBadge | undefined, label = 'PDF'): void {
  badge.className = result ? `badge ${result.state}` : 'badge';
  badge.textContent = result?.label ?? label;
  badge.title = result?.title ?? '';
  if (result) badge.dataset.state = result.state;
  else delete badge.dataset.state;
}

function unbind(placed: Placed): void {
  placed.close();
  placed.host.remove();
  unwatchVisibility(placed.host);
  // A host the page kept and put back after it was replaced must not drop its replacement's binding.
  if (bindings.get(placed.doc.link) === placed) bindings.delete(placed.doc.link);
}

/**
 * Acts on a click only when the user really clicked our visible control and the host still sits in
 * its row, which still names the URL it was made for; a host the page moved or restyled is re-made.
 */
function guarded(
  placed: () => Placed,
  control: Element,
  shadow: ShadowRoot,
  options: DecorateOptions,
  shownIn?: Element,
) {
  return (event: MouseEvent, act: (url: string) => void) => {
    const self = placed();
    if (!isGenuineClick(event, control, self.host, shadow, shownIn ?? self.host)) {
      if (event.isTrusted && !hostLooksPinned(self.host)) pinHostStyle(self.host);
      return;
    }
    const current = bindings.get(self.doc.link) === self;
    if (!current || !inPlace(self) || !stillListed(self, byLink(options.current()))) {
      unbind(self);
      return;
    }
    act(self.doc.url);
  };
}

function makeHost(doc: FoundDocument, options: DecorateOptions): Placed {
  const owner = doc.link.ownerDocument;
  const host = owner.createElement('vanthu-actions');
  pinHostStyle(host);
  const shadow = host.attachShadow({ mode: 'closed' });
  shadow.adoptedStyleSheets = [sharedSheet()];
  let placed: Placed | undefined;
  const self = () => placed as Placed;
  if (options.selectable && options.flows.includes('sign')) {
    const box = owner.createElement('input');
    box.type = 'checkbox';
    box.title = say('Chọn để ký nhiều văn bản một lần', 'Select to sign several documents at once');
    const onClick = guarded(self, box, shadow, options);
    box.addEventListener('click', (event) => {
      let accepted = false;
      onClick(event, () => {
        accepted = true;
      });
      if (!accepted) event.preventDefault();
    });
    box.addEventListener('change', (event) => {
      if (event.isTrusted) options.onSelect?.(doc.url, box.checked);
      else box.checked = false;
    });
    shadow.append(box);
  }
  const menu = owner.createElement('div');
  menu.className = 'menu';
  menu.setAttribute('popover', 'manual');
  menu.setAttribute('role', 'menu');
  const items = options.flows.map((flow) => {
    const button = owner.createElement('button');
    button.type = 'button';
    button.className = 'item';
    button.setAttribute('role', 'menuitem');
    button.hidden = true;
    button.textContent = flowLabel(flow);
    const onClick = guarded(self, button, shadow, options, menu);
    button.addEventListener('click', (event) =>
      onClick(event, (url) => {
        setOpen(false);
        options.onAction(flow, url);
      }),
    );
    return button;
  });
  menu.append(...items);
  const toggle = owner.createElement('button');
  toggle.type = 'button';
  toggle.className = 'toggle';
  toggle.textContent = 'vanthu ▾';
  toggle.title = say('Ký số, kiểm tra chữ ký, vào sổ văn bản', 'Sign, check signatures, register documents');
  toggle.setAttribute('aria-haspopup', 'menu');
  toggle.setAttribute('aria-expanded', 'false');
  const setOpen = (open: boolean) => {
    toggle.setAttribute('aria-expanded', String(open));
    for (const item of items) item.hidden = !open;
    if (!open) {
      if (menu.matches(':popover-open')) menu.hidePopover();
      unwatchVisibility(menu);
      return;
    }
    // Under the host, kept inside the window. Nothing of the menu (its shadow included) may overlap the
    // host: the browser would report the host covered, and every click on it would be refused.
    const box = self().host.getBoundingClientRect();
    const button = toggle.getBoundingClientRect();
    const view = owner.defaultView;
    menu.style.left = `${Math.max(0, Math.min(button.left, (view?.innerWidth ?? 1024) - 170))}px`;
    menu.style.top = `${box.bottom + 4}px`;
    if (!menu.matches(':popover-open')) menu.showPopover();
    // A fresh report for this opening: the items act only once the browser saw the menu unobscured.
    unwatchVisibility(menu);
    watchVisibility(menu);
  };
  const onToggle = guarded(self, toggle, shadow, options);
  toggle.addEventListener('click', (event) =>
    onToggle(event, () => setOpen(toggle.getAttribute('aria-expanded') !== 'true')),
  );
  closeOnOutsideClick(owner);
  shadow.append(menu);
  const badge = owner.createElement('span');
  paint(badge, verdicts.get(doc.url), options.badgeLabel);
  const onBadge = guarded(self, badge, shadow, options);
  badge.addEventListener('click', (event) => onBadge(event, (url) => options.onBadge?.(url)));
  shadow.append(badge);
  if (items.length > 0) shadow.append(toggle);
  placed = { ...placeHost(host, doc, options.actionsSelector), badge, close: () => setOpen(false) };
  watchVisibility(host);
  return placed;
}

/**
 * Removes hosts that are no longer where they were put or whose link no longer names the URL they were
 * made for (the page moved a host into another row, or re-pointed a link); their rows get new ones.
 */
export function reconcile(docs: readonly FoundDocument[]): number {
  let removed = 0;
  const listed = byLink(docs);
  for (const placed of [...bindings.values()]) {
    if (!inPlace(placed) || !stillListed(placed, listed)) {
      unbind(placed);
      removed++;
    }
  }
  return removed;
}

/**
 * Adds a closed shadow root with the flow buttons and a verification badge to each document not yet
 * decorated. A control only asks the background to open the extension-owned window; untrusted
 * (script-made) clicks and clicks on a hidden or covered host are ignored, and the page cannot reach
 * into the closed root at all. Returns the documents decorated now.
 */
export function decorate(docs: readonly FoundDocument[], options: DecorateOptions): FoundDocument[] {
  const added: FoundDocument[] = [];
  for (const doc of docs) {
    if (bindings.has(doc.link)) continue;
    bindings.set(doc.link, makeHost(doc, options));
    added.push(doc);
  }
  return added;
}

/** Removes every host placed here (the portal lost its access); links may be decorated again later. */
export function withdraw(): void {
  for (const placed of [...bindings.values()]) unbind(placed);
  verdicts.clear();
}

/** Shows a verification outcome in every badge bound to that URL (green valid, red failed, grey otherwise). */
export function showVerdict(url: string, result: VerifyBadge): void {
  verdicts.set(url, result);
  for (const placed of bindings.values()) {
    if (placed.doc.url === url) paint(placed.badge, result);
  }
}
