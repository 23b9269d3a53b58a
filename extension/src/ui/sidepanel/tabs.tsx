import type { ReactElement } from 'react';
import { ExchangeTab } from '../registry/ExchangeTab.js';
import { RecordsPanel } from '../registry/RecordsPanel.js';
import { RegisterPanel } from '../registry/RegisterPanel.js';
import { ReportPanel } from './ReportPanel.js';

/** A side-panel tab; other features add theirs to PANEL_TABS (the shell only routes between them). */
export interface PanelTab {
  readonly id: string;
  readonly label: string;
  readonly render: () => ReactElement;
}

export const PANEL_TABS: readonly PanelTab[] = [
  { id: 'report', label: 'Kiểm tra chữ ký', render: () => <ReportPanel /> },
  { id: 'incoming', label: 'Văn bản đến', render: () => <RegisterPanel kind="incoming" /> },
  { id: 'outgoing', label: 'Văn bản đi', render: () => <RegisterPanel kind="outgoing" /> },
  { id: 'records', label: 'Hồ sơ', render: () => <RecordsPanel /> },
  { id: 'exchange', label: 'Liên thông', render: () => <ExchangeTab /> },
];
