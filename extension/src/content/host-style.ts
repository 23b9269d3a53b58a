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

/**
 * Whether the host is shown as pinned: a page script can still rewrite its style attribute (opacity 0
 * under a decoy, hidden, filtered); then it must not act on clicks.
 */
export function hostLooksPinned(host: HTMLElement): boolean {
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
