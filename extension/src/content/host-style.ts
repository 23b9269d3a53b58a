/**
 * The action host is a light-DOM element the page can style and script. Its look is pinned by inline
 * `!important` declarations (they beat every page stylesheet), starting from `all: initial` so no
 * inherited or page rule applies, and it stacks above its neighbours.
 */
const PINNED: readonly (readonly [string, string])[] = [
  ['all', 'initial'],
  ['display', 'inline-flex'],
  ['position', 'relative'],
  ['z-index', '2147483647'],
  ['opacity', '1'],
  ['visibility', 'visible'],
  ['filter', 'none'],
  ['clip-path', 'none'],
  ['transform', 'none'],
  ['mix-blend-mode', 'normal'],
  ['pointer-events', 'auto'],
  ['margin-left', '6px'],
  ['vertical-align', 'middle'],
];

/** One declaration block for all of them: parsed once per host instead of one setProperty per property. */
const PINNED_TEXT = PINNED.map(([property, value]) => `${property}:${value}!important`).join(';');

export function pinHostStyle(host: HTMLElement): void {
  host.style.cssText = PINNED_TEXT;
}

let serialized: string | undefined;
/** The pinned block as the browser writes it back (normalised), to compare a host's inline style with. */
function pinnedSerialization(owner: Document): string {
  if (serialized === undefined) {
    const probe = owner.createElement('span');
    probe.style.cssText = PINNED_TEXT;
    serialized = probe.style.cssText;
  }
  return serialized;
}

/**
 * Whether the host is shown as pinned. `all: initial !important` inline leaves page stylesheets no
 * property to change, so only a script rewriting the inline style can restyle the host (opacity 0 under
 * a decoy, moved with top/left or position, hidden, filtered): its inline style must still be ours, and
 * what it computes to must still be visible.
 */
export function hostLooksPinned(host: HTMLElement): boolean {
  if (host.style.cssText !== pinnedSerialization(host.ownerDocument)) return false;
  const style = getComputedStyle(host);
  return (
    style.opacity === '1' &&
    style.visibility === 'visible' &&
    style.display !== 'none' &&
    style.filter === 'none' &&
    style.clipPath === 'none' &&
    style.mixBlendMode === 'normal'
  );
}
