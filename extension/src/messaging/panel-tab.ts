/**
 * storage.session key naming the side-panel tab the background last pointed the panel at. A side panel
 * opened with chrome.sidePanel.open has no address of its own to carry a #tab=…, so the shell follows
 * this value; `at` makes every request a change, even to the tab already asked for.
 */
export const PANEL_TAB_KEY = 'panel:tab';

export interface PanelTabRequest {
  readonly tab: string;
  readonly at: number;
}

export function isPanelTabRequest(value: unknown): value is PanelTabRequest {
  const v = value as Partial<PanelTabRequest> | null;
  return typeof v?.tab === 'string' && typeof v.at === 'number';
}
