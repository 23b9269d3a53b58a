import type { FoundDocument } from '../profile/engine.js';
import type { Flow } from '../messaging/messages.js';

const LABELS: Record<Flow, string> = {
  sign: 'Ký số',
  numberSeal: 'Cấp số & đóng dấu',
  verify: 'Kiểm tra chữ ký',
};
const STYLE =
  ':host{all:initial;display:inline-flex;gap:4px;margin-left:6px;font:12px sans-serif}' +
  'button{font:inherit;padding:1px 6px;border:1px solid #1d4ed8;border-radius:3px;background:#eff6ff;color:#1d4ed8;cursor:pointer}' +
  '.badge{padding:1px 6px;border-radius:3px;background:#e5e7eb;color:#374151}';

const decorated = new WeakSet<Element>();
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
): number {
  let count = 0;
  for (const doc of docs) {
    if (decorated.has(doc.link)) continue;
    decorated.add(doc.link);
    const host = doc.link.ownerDocument.createElement('vanthu-actions');
    const shadow = host.attachShadow({ mode: 'closed' });
    shadow.adoptedStyleSheets = [sharedSheet()];
    for (const flow of flows) {
      const button = doc.link.ownerDocument.createElement('button');
      button.type = 'button';
      button.textContent = LABELS[flow];
      button.addEventListener('click', (event) => {
        if (event.isTrusted) onAction(flow, doc.url);
      });
      shadow.append(button);
    }
    const badge = doc.link.ownerDocument.createElement('span');
    badge.className = 'badge';
    badge.textContent = 'PDF';
    shadow.append(badge);
    const target = actionsSelector ? (doc.row.querySelector(actionsSelector) ?? doc.link) : doc.link;
    if (target === doc.link) doc.link.after(host);
    else target.append(host);
    count++;
  }
  return count;
}
