/**
 * What the browser last reported about each action host: IntersectionObserver v2 (`trackVisibility`)
 * says a target is visible only when nothing covers it (also an overlay that lets clicks through), no
 * ancestor makes it translucent, filters or skews it. A page cannot fake these reports.
 */
const reported = new WeakMap<Element, { visible: boolean; at: number }>();
/** null: the browser has no visibility tracking (Firefox); hosts are then checked by their ancestors. */
let observer: IntersectionObserver | null | undefined;

/** The observer's minimum delay between reports (ms, the smallest the API allows). */
const DELAY_MS = 100;

function sharedObserver(): IntersectionObserver | null {
  if (observer !== undefined) return observer;
  try {
    const options = { threshold: [1], trackVisibility: true, delay: DELAY_MS } as IntersectionObserverInit;
    observer = new IntersectionObserver((entries) => {
      for (const e of entries) {
        const visible = (e as IntersectionObserverEntry & { isVisible?: boolean }).isVisible;
        if (typeof visible === 'boolean') reported.set(e.target, { visible, at: e.time });
      }
    }, options);
    // Without v2 the option is ignored: the report would never say anything about visibility.
    if (!('trackVisibility' in observer)) {
      observer.disconnect();
      observer = null;
    }
  } catch {
    observer = null;
  }
  return observer;
}

export function watchVisibility(host: Element): void {
  sharedObserver()?.observe(host);
}

export function unwatchVisibility(host: Element): void {
  observer?.unobserve(host);
  reported.delete(host);
}

/**
 * true / false as the browser last reported (the report may lag a change by up to the observer's
 * delay); undefined while nothing was reported yet or the browser cannot track visibility.
 */
export function reportedVisible(host: Element): boolean | undefined {
  return reported.get(host)?.visible;
}

/**
 * The fallback when the browser reported nothing: every ancestor (across shadow roots) leaves the host
 * opaque and unfiltered. The host's own inline style already pins its opacity and visibility.
 */
export function ancestorsShowHost(host: Element): boolean {
  let opacity = 1;
  for (let el = parentOf(host); el; el = parentOf(el)) {
    const style = getComputedStyle(el);
    opacity *= Number(style.opacity);
    if (opacity < 0.9) return false;
    if (style.visibility !== 'visible' || style.filter !== 'none' || style.mixBlendMode !== 'normal')
      return false;
  }
  return true;
}

function parentOf(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.parentNode;
  return root instanceof ShadowRoot ? root.host : null;
}
