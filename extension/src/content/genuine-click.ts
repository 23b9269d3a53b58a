import { hostLooksPinned } from './host-style.js';
import { ancestorsShowHost, reportedVisible } from './visibility-watch.js';

/**
 * A click the user really gave our control: trusted, on a host still visible as we styled it, seen
 * fully visible by the browser (nothing drawn over it, no translucent or filtered ancestor), and with
 * our control on top at the click point (hit-testing inside the closed shadow root). A keyboard
 * activation (detail 0) has no point: the control's centre is tested instead. A menu item is shown in
 * its menu (a popover in the top layer, outside the host's box): the menu's own visibility counts.
 */
export function isGenuineClick(
  event: MouseEvent,
  control: Element,
  host: HTMLElement,
  shadow: ShadowRoot,
  shownIn: Element = host,
): boolean {
  if (!event.isTrusted || !host.isConnected || !hostLooksPinned(host)) return false;
  const seen = reportedVisible(shownIn);
  if (seen === false || (seen === undefined && !ancestorsShowHost(host))) return false;
  let { clientX: x, clientY: y } = event;
  if (event.detail === 0) {
    const box = control.getBoundingClientRect();
    x = box.left + box.width / 2;
    y = box.top + box.height / 2;
  }
  const hit = shadow.elementFromPoint(x, y);
  return hit !== null && (hit === control || control.contains(hit));
}
