import { type FunctionComponent, createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

// The test project is not a JSX project, so the extension's .tsx components are loaded at run time
// (vitest compiles them); their props are typed by the extension's own typecheck.
type Props = Record<string, unknown>;
const ui = (await import(
  new URL('../../../extension/src/ui/exchange/index.ts', import.meta.url).href
)) as Record<'ExchangePanel' | 'InboxList' | 'OutboxList', FunctionComponent<Props>>;
const { ExchangePanel, InboxList, OutboxList } = ui;

interface OutboxItem {
  packageId: string;
  messageType: 'edoc' | 'status';
  documentId: string | null;
  subject: string | null;
  createdAt: number;
  frozen: boolean;
  deliveries: Array<Record<string, unknown>>;
}
interface InboxItem {
  id: number;
  from: string;
  documentId: string;
  code: string;
  subject: string;
  priority: number;
  bussinessDocType: number;
  state: string;
  receivedAt: number;
  lastStatusSent: string | null;
  recallReason?: string;
  defect?: string | null;
  verification: Array<Record<string, unknown>>;
  deadline: { dueAt: number; overdue: boolean } | null;
  entryId?: string;
}

const noop = () => {};
const outbox: OutboxItem[] = [
  {
    packageId: 'p1',
    messageType: 'edoc',
    documentId: '000.00.00.G22,2026/11/24,7/UBND-VP',
    subject: 'V/v phối hợp',
    createdAt: Date.parse('2026-11-24T02:00:00Z'),
    frozen: false,
    deliveries: [
      { recipient: '000.00.09.H13', state: 'acknowledged', attempts: 1, receiverStatus: '03' },
      { recipient: '000.00.00.H41', state: 'dead', attempts: 8, deadReason: 'HTTP 404: unknown agency' },
      {
        recipient: '000.00.00.G09',
        state: 'acknowledged',
        attempts: 1,
        receiverStatus: '02',
        receiverStatusDescription: 'Sai nơi nhận',
      },
    ],
  },
  {
    packageId: 'p2',
    messageType: 'edoc',
    documentId: 'X,2026/11/24,8/A',
    subject: 'Đã thu hồi',
    createdAt: 0,
    frozen: true,
    deliveries: [{ recipient: 'B', state: 'sent', attempts: 1 }],
  },
];

const arrival = (over: Partial<InboxItem>): InboxItem => ({
  id: 1,
  from: '000.00.00.G22',
  documentId: '000.00.00.G22,2026/11/24,7/UBND-VP',
  code: '7/UBND-VP',
  subject: 'V/v phối hợp',
  priority: 0,
  bussinessDocType: 0,
  state: 'arrived',
  receivedAt: Date.parse('2026-11-24T02:00:00Z'),
  lastStatusSent: '01',
  verification: [{ performed: false, reason: 'no engine' }],
  deadline: { dueAt: Date.parse('2026-11-25T16:59:59Z'), overdue: false },
  ...over,
});

describe('exchange panel components', () => {
  it('shows each recipient with its status, retry and cancel only where they apply, recall when sent', () => {
    const html = renderToStaticMarkup(
      createElement(OutboxList, { items: outbox, lang: 'vi', onRetry: noop, onCancel: noop, onRecall: noop }),
    );
    expect(html).toContain('03 · Đã tiếp nhận');
    expect(html).toContain('02 · Từ chối tiếp nhận');
    expect(html).toContain('Sai nơi nhận');
    expect(html).toContain('Không gửi được');
    expect(html).toContain('HTTP 404: unknown agency');
    expect(html.match(/Gửi lại/g)).toHaveLength(1);
    expect(html.match(/Thu hồi văn bản/g)).toHaveLength(1); // p2 is frozen
    expect(html).toContain('đã thu hồi');
  });

  it('marks overdue arrivals, unverified signatures, and answers a recall request', () => {
    const html = renderToStaticMarkup(
      createElement(InboxList, {
        items: [
          arrival({}),
          arrival({ id: 2, priority: 3, deadline: { dueAt: 0, overdue: true } }),
          arrival({ id: 3, state: 'recall_requested', recallReason: 'Sai thể thức' }),
        ],
        lang: 'en',
        onRefuse: noop,
        onAnswerRecall: noop,
      }),
    );
    expect(html).toContain('Receipt OVERDUE');
    expect(html).toContain('Express');
    expect(html).toContain('Signature not checked');
    expect(html).toContain('Accept recall');
    expect(html).toContain('Sai thể thức');
  });

  // The office workflow sends 03 only by registering and 04–06 only on a registered entry: the inbox
  // never offers them as buttons, whatever the arrival's state.
  const statusButtons = (html: string) =>
    ['Đã tiếp nhận', 'Phân công', 'Đang xử lý', 'Hoàn thành'].filter((label) =>
      html.includes(`>${label}</button>`),
    );
  const render = (items: InboxItem[]) =>
    renderToStaticMarkup(
      createElement(InboxList, { items, lang: 'vi', onRefuse: noop, onAnswerRecall: noop, onRegister: noop }),
    );

  it('offers an arrival not registered yet only "Vào sổ" and the refusal (02), never a later status', () => {
    const html = render([arrival({ id: 8 })]);
    expect(html).toContain('data-register="8"');
    expect(html).toContain('>Vào sổ</button>');
    expect(html).toContain('data-refuse="8"');
    expect(statusButtons(html)).toEqual([]);
    expect(html).not.toContain('data-open-entry');
  });

  it('links a registered arrival to its entry page, where assignment and handling are, with no buttons', () => {
    const states = ['registered', 'assigned', 'in_progress', 'finished'];
    const html = render(states.map((state, i) => arrival({ id: 20 + i, state, entryId: `e-${state}` })));
    for (const state of states) expect(html).toContain(`href="#tab=incoming&amp;entry=e-${state}"`);
    expect(html).not.toContain('<button');
    // Registered without a known entry (an older daemon): its state only, still no status button.
    const bare = render([arrival({ id: 30, state: 'registered' })]);
    expect(bare).not.toContain('<button');
    expect(bare).not.toContain('data-open-entry');
  });

  it('offers nothing on an arrival that is over (refused, voided)', () => {
    const html = render([arrival({ id: 40, state: 'refused' }), arrival({ id: 41, state: 'voided' })]);
    expect(html).not.toContain('<button');
    expect(html).not.toContain('<a ');
  });

  it('offers only the refusal, with the defect as its reason, for a package whose document does not decode', () => {
    const html = render([arrival({ id: 7, defect: 'attachment 1 (vb.pdf): invalid base64' })]);
    expect(html).toContain('data-defect="7"');
    expect(html).toContain(
      'Gói tin không dùng được, cần từ chối (02): attachment 1 (vb.pdf): invalid base64',
    );
    expect(html).toContain('value="attachment 1 (vb.pdf): invalid base64"');
    expect(html).toContain('Gửi từ chối');
    expect(html).not.toContain('data-register');
    expect(statusButtons(html)).toEqual([]);
    expect(render([arrival({ id: 8 })])).not.toContain('data-defect');
  });

  it('summarises counts in the tabs', () => {
    const html = renderToStaticMarkup(
      createElement(ExchangePanel, {
        lang: 'vi',
        outbox,
        inbox: [arrival({ deadline: { dueAt: 0, overdue: true } })],
        onRetry: noop,
        onCancel: noop,
        onRecall: noop,
        onRefuse: noop,
        onAnswerRecall: noop,
      }),
    );
    expect(html).toContain('Văn bản đến (1) · 1 quá hạn');
    expect(html).toContain('Văn bản đi (2) · 1 lỗi');
  });
});
