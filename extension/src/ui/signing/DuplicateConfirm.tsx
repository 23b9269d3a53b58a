import { say } from '../../i18n/language.js';
import type { DuplicateEntry } from './duplicates.js';

/**
 * The register already holds this file: the clerk sees the entry it would duplicate and chooses,
 * explicitly, to register it anyway or to cancel (the reserved number then goes back to the book).
 */
export function DuplicateConfirm(props: {
  duplicates: readonly DuplicateEntry[];
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <div
      role="alert"
      data-testid="duplicate-warning"
      className="vt-banner unknown"
      style={{ display: 'block' }}
    >
      <p style={{ margin: '0 0 4px' }}>
        {say(
          'Văn bản này (cùng tệp, cùng mã SHA-256) đã có trong sổ:',
          'This document (the same file, same SHA-256) is already in the register:',
        )}
      </p>
      <ul style={{ margin: '0 0 6px', paddingLeft: 18, fontWeight: 500 }}>
        {props.duplicates.map((d) => (
          <li key={d.id} data-testid="duplicate-entry">
            {d.book}, {say('số', 'number')} {d.number}
            {d.date ? `, ${say('ngày', 'dated')} ${d.date}` : ''}
          </li>
        ))}
      </ul>
      <button type="button" disabled={props.busy} onClick={props.onConfirm}>
        {say('Vẫn vào sổ', 'Register anyway')}
      </button>{' '}
      <button type="button" disabled={props.busy} onClick={props.onCancel}>
        {say('Huỷ', 'Cancel')}
      </button>
    </div>
  );
}
