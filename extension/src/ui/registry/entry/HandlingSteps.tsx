import type { RegistryEntry } from '@vanthu/shared/protocol/index';
import { say } from '../../../i18n/language.js';

/**
 * Đang xử lý and Hoàn thành for an entry that came through the axis: each is sent to the sender as
 * its status (05, 06). Offered only where the workflow allows the step.
 */
export function HandlingSteps({
  entry,
  busy,
  onStep,
}: {
  entry: RegistryEntry;
  busy: boolean;
  onStep(code: '05' | '06'): void;
}) {
  const canStart = entry.state === 'registered' || entry.state === 'assigned';
  const canComplete = canStart || entry.state === 'in_progress';
  if (entry.arrivalId === undefined || !canComplete) return null;
  return (
    <div style={{ display: 'flex', gap: 4, margin: '6px 0' }}>
      {canStart && (
        <button type="button" disabled={busy} onClick={() => onStep('05')}>
          {say('Bắt đầu xử lý', 'Start handling')}
        </button>
      )}
      <button type="button" disabled={busy} onClick={() => onStep('06')}>
        {say('Hoàn thành xử lý', 'Complete handling')}
      </button>
    </div>
  );
}
