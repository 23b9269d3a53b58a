import type { AgencyView, RegistryEntry } from '@vanthu/shared/protocol/index';
import { useState } from 'react';
import type { DaemonClient } from '../../../background/daemon/client.js';
import { say } from '../../../i18n/language.js';
import { axisRecipients } from '../SendToAxis.js';
import { RecipientPicker } from '../RecipientPicker.js';

interface Recipient {
  organId: string;
  organName?: string;
}

/**
 * Gửi an issued entry that has not left yet: its Nơi nhận with a Mã định danh, plus those the clerk
 * picks from the axis's list (a document numbered in "Cấp số & đóng dấu" has none yet).
 */
export function SendEntry({
  client,
  entry,
  busy,
  onSend,
}: {
  client: DaemonClient;
  entry: RegistryEntry;
  busy: boolean;
  onSend(recipients: Recipient[]): void;
}) {
  const [picked, setPicked] = useState<Recipient[]>(axisRecipients(entry));
  if (entry.state !== 'issued' || !entry.file || (entry.deliveries?.length ?? 0) > 0) return null;
  const add = (a: AgencyView) =>
    setPicked((list) =>
      list.some((r) => r.organId === a.code) ? list : [...list, { organId: a.code, organName: a.name }],
    );
  return (
    <div data-testid="send-entry" style={{ margin: '6px 0' }}>
      <RecipientPicker client={client} onPick={add} />
      {picked.length > 0 && (
        <ul data-testid="picked-recipients" style={{ fontSize: 12, paddingLeft: 16, margin: '2px 0' }}>
          {picked.map((r) => (
            <li key={r.organId}>
              {r.organName ?? r.organId}{' '}
              <button
                type="button"
                aria-label={say(`Bỏ ${r.organName ?? r.organId}`, `Remove ${r.organName ?? r.organId}`)}
                onClick={() => setPicked((list) => list.filter((x) => x.organId !== r.organId))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" disabled={busy || picked.length === 0} onClick={() => onSend(picked)}>
        {say('Gửi qua trục liên thông', 'Send through the exchange axis')}
      </button>
    </div>
  );
}
