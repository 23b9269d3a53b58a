import type { ReactElement } from 'react';
import { say } from '../../i18n/language.js';
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

// Names are getters: they are read at render, after the page has loaded the user's language.
export const PANEL_TABS: readonly PanelTab[] = [
  {
    id: 'report',
    get label() {
      return say('Kiểm tra chữ ký', 'Signature check');
    },
    get short() {
      return say('Kiểm tra', 'Check');
    },
    render: () => <ReportPanel />,
  },
  {
    id: 'incoming',
    get label() {
      return say('Văn bản đến', 'Incoming documents');
    },
    get short() {
      return say('VB đến', 'In');
    },
    render: () => <BookTab kind="incoming" />,
  },
  {
    id: 'outgoing',
    get label() {
      return say('Văn bản đi', 'Outgoing documents');
    },
    get short() {
      return say('VB đi', 'Out');
    },
    render: () => <BookTab kind="outgoing" />,
  },
  {
    id: 'book',
    get label() {
      return say('Sổ đăng ký văn bản', 'Document register');
    },
    get short() {
      return say('Sổ', 'Book');
    },
    render: () => <RegisterBook />,
  },
  {
    id: 'records',
    get label() {
      return say('Hồ sơ', 'Records');
    },
    get short() {
      return say('Hồ sơ', 'Records');
    },
    render: () => <RecordsPanel />,
  },
  {
    id: 'exchange',
    get label() {
      return say('Liên thông', 'Exchange');
    },
    get short() {
      return say('Liên thông', 'Exchange');
    },
    render: () => <ExchangeTab />,
  },
];
