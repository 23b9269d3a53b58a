import type { ReactElement } from 'react';
import { ExchangeTab } from '../registry/ExchangeTab.js';
import { RecordsPanel } from '../registry/RecordsPanel.js';
import { RegisterBook } from '../registry/RegisterBook.js';
import { BookTab } from '../registry/entry/BookTab.js';
import { ReportPanel } from './ReportPanel.js';

/** A side-panel tab; other features add theirs to PANEL_TABS (the shell only routes between them). */
export interface PanelTab {
  readonly id: string;
  /** The full name, shown as the tab's tooltip and heading. */
  readonly label: string;
  /** What the tab bar shows: short enough that every tab fits one line at 360 px. */
  readonly short: string;
  readonly render: () => ReactElement;
}

export const PANEL_TABS: readonly PanelTab[] = [
  { id: 'report', label: 'Kiểm tra chữ ký', short: 'Kiểm tra', render: () => <ReportPanel /> },
  { id: 'incoming', label: 'Văn bản đến', short: 'VB đến', render: () => <BookTab kind="incoming" /> },
  { id: 'outgoing', label: 'Văn bản đi', short: 'VB đi', render: () => <BookTab kind="outgoing" /> },
  { id: 'book', label: 'Sổ đăng ký văn bản', short: 'Sổ', render: () => <RegisterBook /> },
  { id: 'records', label: 'Hồ sơ', short: 'Hồ sơ', render: () => <RecordsPanel /> },
  { id: 'exchange', label: 'Liên thông', short: 'Liên thông', render: () => <ExchangeTab /> },
];
