import { say } from '../../i18n/language.js';
import { FilePicker } from '../shared/FilePicker.js';
import { type PendingAttachment, formatSize } from './attachments.js';

export interface AttachmentPickerProps {
  items: readonly PendingAttachment[];
  /** Files chosen in the file input (read by the caller, which owns the list). */
  onAdd(files: File[]): void;
  onChange(items: PendingAttachment[]): void;
  disabled?: boolean;
}

/** Phụ lục files to register with the document, each with an optional description. */
export function AttachmentPicker({ items, onAdd, onChange, disabled }: AttachmentPickerProps) {
  return (
    <fieldset data-testid="attachments" style={{ margin: '6px 0', fontSize: 12 }}>
      <legend>{say('Phụ lục, tệp đính kèm', 'Appendices, attached files')}</legend>
      {items.length > 0 && (
        <ol style={{ margin: '0 0 4px', paddingLeft: 18 }}>
          {items.map((a, i) => (
            <li key={a.sha256} data-attachment={a.name}>
              <strong>{a.name}</strong> ({formatSize(a.bytes.length)}){' '}
              <input
                aria-label={say(`Mô tả phụ lục ${i + 1}`, `Description of appendix ${i + 1}`)}
                placeholder={say(
                  'Mô tả (ví dụ: Phụ lục I: Danh sách đơn vị)',
                  'Description (e.g. Phụ lục I: Danh sách đơn vị)',
                )}
                maxLength={500}
                value={a.description}
                disabled={disabled}
                onChange={(e) =>
                  onChange(items.map((b, j) => (j === i ? { ...b, description: e.target.value } : b)))
                }
              />{' '}
              <button
                type="button"
                disabled={disabled}
                onClick={() => onChange(items.filter((_, j) => j !== i))}
              >
                {say('Bỏ', 'Remove')}
              </button>
            </li>
          ))}
        </ol>
      )}
      <FilePicker
        label={say('Thêm phụ lục', 'Add appendices')}
        empty={items.length === 0 ? say('Chưa chọn tệp nào', 'No file chosen') : undefined}
        multiple
        disabled={disabled}
        onPick={onAdd}
      />
    </fieldset>
  );
}
