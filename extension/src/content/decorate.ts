import type { Flow } from '../messaging/messages.js';
import type { VerifyBadge } from '../messaging/verify-badge.js';
import type { FoundDocument } from '../profile/engine.js';
import { isGenuineClick } from './genuine-click.js';
import { hostLooksPinned, pinHostStyle } from './host-style.js';
import { type Binding, byLink, inPlace, placeHost, stillListed } from './placement.js';
import { unwatchVisibility, watchVisibility } from './visibility-watch.js';

const LABELS: Record<Flow, string> = {
  sign: 'Ký số',
  numberSeal: 'Cấp số & đóng dấu',
  verify: 'Kiểm tra chữ ký',
  register: 'Vào sổ',
};
// One compact "vanthu" button per row; the flows are items of the menu it opens, so a table row at
// 1024 px keeps its width. The items stay children of the shadow root (absolutely placed under the
// button), so each is still a control the genuine-click check sees on top at the click point.
const FONT = 'system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif';
const ITEM_HEIGHT = 26;
const STYLE =
  `:host{all:initial;display:inline-flex;gap:4px;align-items:center;margin-left:6px;font:12px/1.3 ${FONT};position:relative}` +
  '[hidden]{display:none!important}' +
  'button{font:inherit;white-space:nowrap;cursor:pointer}' +
  '.toggle{padding:1px 6px;border:1px solid #1d4ed8;border-radius:3px;background:#eff6ff;color:#1d4ed8;font-weight:600}' +
  '.toggle[aria-expanded=true]{background:#1d4ed8;color:#fff}' +
  `.item{position:absolute;left:0;min-width:150px;height:${ITEM_HEIGHT}px;text-align:left;padding:0 10px;` +
  'border:1px solid #d1d5db;border-top-width:0;background:#fff;color:#1f2937;box-shadow:0 2px 6px rgb(0 0 0/.15)}' +
  '.item.first{border-top-width:1px;border-radius:4px 4px 0 0}.item.last{border-radius:0 0 4px 4px}' +
  '.item.first.last{border-radius:4px}.item:hover{background:#eff6ff;color:#1d4ed8}' +
  '.badge{white-space:nowrap;padding:1px 6px;border-radius:3px;background:#e5e7eb;color:#374151;cursor:pointer}' +
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
}

function paint(badge: HTMLElement, result: VerifyBadge | undefined): void {
  badge.className = result ? `badge ${result.state}` : 'badge';
  badge.textContent = result?.label ?? 'PDF';
  badge.title = result?.title ?? '';
  if (result) badge.dataset.state = result.state;
  else delete badge.dataset.state;
}

function unbind(placed: Placed): void {
  placed.host.remove();
  unwatchVisibility(placed.host);
  // A host the page kept and put back after it was replaced must not drop its replacement's binding.
  if (bindings.get(placed.doc.link) === placed) bindings.delete(placed.doc.link);
}

/**
 * Acts on a click only when the user really clicked our visible control and the host still sits in
 * its row, which still names the URL it was made for; a host the page moved or restyled is re-made.
 */
function guarded(placed: () => Placed, control: Element, shadow: ShadowRoot, options: DecorateOptions) {
  return (event: MouseEvent, act: (url: string) => void) => {
    const self = placed();
    if (!isGenuineClick(event, control, self.host, shadow)) {
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
    box.title = 'Chọn để ký nhiều văn bản một lần';
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
  const items = options.flows.map((flow, i) => {
    const button = owner.createElement('button');
    button.type = 'button';
    button.className = `item${i === 0 ? ' first' : ''}${i === options.flows.length - 1 ? ' last' : ''}`;
    button.setAttribute('role', 'menuitem');
    button.style.top = `calc(100% + 2px + ${i * ITEM_HEIGHT}px)`;
    button.hidden = true;
    button.textContent = LABELS[flow];
    const onClick = guarded(self, button, shadow, options);
    button.addEventListener('click', (event) =>
      onClick(event, (url) => {
        setOpen(false);
        options.onAction(flow, url);
      }),
    );
    return button;
  });
  const toggle = owner.createElement('button');
  toggle.type = 'button';
  toggle.className = 'toggle';
  toggle.textContent = 'vanthu ▾';
  toggle.title = 'Ký số, kiểm tra chữ ký, vào sổ văn bản';
  toggle.setAttribute('aria-haspopup', 'menu');
  toggle.setAttribute('aria-expanded', 'false');
  const setOpen = (open: boolean) => {
    toggle.setAttribute('aria-expanded', String(open));
    for (const item of items) item.hidden = !open;
  };
  const onToggle = guarded(self, toggle, shadow, options);
  toggle.addEventListener('click', (event) =>
    onToggle(event, () => setOpen(toggle.getAttribute('aria-expanded') !== 'true')),
  );
  closeOnOutsideClick(owner);
  shadow.append(...items);
  const badge = owner.createElement('span');
  paint(badge, verdicts.get(doc.url));
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
