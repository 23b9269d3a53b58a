import { type CSSProperties, useId, useState } from 'react';

export interface FilePickerProps {
  /** The button's words, also the input's accessible name. */
  label: string;
  /** Said next to the button while nothing is chosen ("Chưa chọn tệp nào"); omitted when the caller lists the files. */
  empty?: string | undefined;
  multiple?: boolean;
  accept?: string;
  disabled?: boolean;
  onPick(files: File[]): void;
}

/** Out of sight but still focusable: Tab reaches it and Enter or Space opens the file dialog. */
const HIDDEN: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  margin: -1,
  padding: 0,
  overflow: 'hidden',
  clipPath: 'inset(50%)',
  whiteSpace: 'nowrap',
  border: 0,
  opacity: 0,
};

/**
 * A file chooser in the screen's language: the native input's "Choose Files / No file chosen" follows
 * the browser's language, so it is hidden behind a label of ours that looks like a button.
 */
export function FilePicker({ label, empty, multiple, accept, disabled, onPick }: FilePickerProps) {
  const id = useId();
  const [focused, setFocused] = useState(false);
  return (
    <span style={{ position: 'relative', display: 'inline-flex', alignItems: 'center', gap: 6 }}>
      <input
        id={id}
        type="file"
        aria-label={label}
        multiple={multiple}
        accept={accept}
        disabled={disabled}
        style={HIDDEN}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          // Cleared so that the same file chosen again is read again.
          e.target.value = '';
          if (files.length > 0) onPick(files);
        }}
      />
      <label
        htmlFor={id}
        data-file-picker
        aria-hidden
        style={{
          padding: '3px 10px',
          border: '1px solid var(--vt-line, #d1d5db)',
          borderRadius: 4,
          background: '#fff',
          cursor: disabled ? 'default' : 'pointer',
          opacity: disabled ? 0.55 : 1,
          outline: focused ? '2px solid var(--vt-accent, #1d4ed8)' : undefined,
          outlineOffset: 1,
        }}
      >
        {label}
      </label>
      {empty && <span style={{ color: 'var(--vt-muted, #6b7280)' }}>{empty}</span>}
    </span>
  );
}
