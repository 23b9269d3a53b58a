import type { ReactElement } from 'react';
import { ReportPanel } from './ReportPanel.js';

/** A side-panel tab; other features add theirs to PANEL_TABS (the shell only routes between them). */
export interface PanelTab {
  readonly id: string;
  readonly label: string;
  readonly render: () => ReactElement;
}

export const PANEL_TABS: readonly PanelTab[] = [
  { id: 'report', label: 'Kiểm tra chữ ký', render: () => <ReportPanel /> },
];
