import type { InboxItemView, RegistryEntry } from '@vanthu/shared/protocol/index';
import { say } from '../../../i18n/language.js';

/**
 * A recalled entry: its file stays in the register for the audit and is no longer the current
 * document; for an incoming one, the answer the office gave the sender.
 */
export function RecallNotice({
  entry,
  arrival,
}: {
  entry: RegistryEntry;
  arrival?: InboxItemView | undefined;
}) {
  if (entry.state !== 'recalled') {
    // A refused recall (16): the entry is current again, where its handling was.
    if (arrival?.lastStatusSent !== '16') return null;
    return (
      <p data-testid="recall-refused" className="vt-muted">
        {say(
          'Đã không đồng ý thu hồi; văn bản vẫn hiện hành.',
          'Recall refused; the document stays current.',
        )}
      </p>
    );
  }
  const answered =
    arrival?.lastStatusSent === '15'
      ? say('Đã đồng ý thu hồi', 'Recall accepted')
      : arrival?.lastStatusSent === '16'
        ? say('Đã không đồng ý thu hồi', 'Recall refused')
        : undefined;
  return (
    <div data-testid="recalled" className="vt-banner bad" style={{ display: 'block' }}>
      <p style={{ margin: 0 }}>
        {entry.kind === 'incoming'
          ? say('Nơi gửi đã thu hồi văn bản này', 'The sender recalled this document')
          : say('Đã thu hồi văn bản này', 'This document was recalled')}
      </p>
      {entry.stateReason && <p style={{ margin: 0, fontWeight: 'normal' }}>{entry.stateReason}</p>}
      {answered && <p style={{ margin: 0, fontWeight: 'normal' }}>{answered}</p>}
      <p style={{ margin: 0, fontWeight: 'normal', fontSize: 12 }}>
        {say(
          'Tệp được giữ lại để đối chiếu, không còn là văn bản hiện hành.',
          'The file is kept for the audit; it is no longer the current document.',
        )}
      </p>
    </div>
  );
}
