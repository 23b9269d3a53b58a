import type { RegistryEntry } from '@vanthu/shared/protocol/index';
import { useState } from 'react';
import type { DaemonClient } from '../../background/daemon/client.js';
import { say } from '../../i18n/language.js';
import { requestError } from './request-error.js';

interface Recipient {
  organId: string;
  organName?: string;
}

/** Nơi nhận of an outgoing entry that carry a Mã định danh (the axis addresses agencies by it). */
export function axisRecipients(entry: RegistryEntry): Recipient[] {
  const to = entry.fields['To'];
  if (!Array.isArray(to)) return [];
  return to.flatMap((row: unknown) => {
    const r = row as { OrganId?: unknown; OrganName?: unknown };
    if (typeof r.OrganId !== 'string' || !r.OrganId) return [];
    return [{ organId: r.OrganId, ...(typeof r.OrganName === 'string' ? { organName: r.OrganName } : {}) }];
  });
}

/** After an outgoing registration: sends the document and its PDF to the Nơi nhận through the axis. */
export function SendToAxis({ client, entry }: { client: DaemonClient; entry: RegistryEntry }) {
  const recipients = axisRecipients(entry);
  const [sent, setSent] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (!entry.file) return null;
  if (recipients.length === 0)
    return (
      <p style={{ fontSize: 12, color: '#6b7280' }}>
        {say(
          'Nhập Mã định danh của nơi nhận (Nơi nhận) để gửi văn bản qua trục liên thông.',
          "Enter the recipients' identifiers (Recipients) to send the document over the exchange axis.",
        )}
      </p>
    );
  const send = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const { result } = await client.request('exchange.send', { entryId: entry.id, recipients });
      setSent(result.documentId);
    } catch (e) {
      setError(requestError(e).line);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div data-testid="send-to-axis">
      {sent ? (
        <p style={{ color: '#166534' }}>
          {say(
            `Đã đưa vào hàng đợi gửi liên thông: ${sent} — xem trạng thái từng nơi nhận ở tab Liên thông.`,
            `Queued for the exchange: ${sent} — see each recipient's state in the Exchange tab.`,
          )}
        </p>
      ) : (
        <button type="button" disabled={busy} onClick={() => void send()}>
          {say('Gửi qua trục liên thông', 'Send over the exchange axis')} (
          {recipients.map((r) => r.organName ?? r.organId).join(', ')})
        </button>
      )}
      {error && (
        <p role="alert" style={{ color: '#b91c1c' }}>
          {error}
        </p>
      )}
    </div>
  );
}
