import type { RegistryPrefillResult } from '@vanthu/shared/protocol/index';
import { formatSize } from './attachments.js';

export interface ArrivalFilesProps {
  files: NonNullable<RegistryPrefillResult['arrivalFiles']>;
  /** The clerk picks another main document; the others are kept as phụ lục. */
  onChooseMain(index: number): void;
  disabled?: boolean;
}

/** The files of an arrival's package: one is the document (the daemon's pick unless changed), the rest phụ lục. */
export function ArrivalFiles({ files, onChooseMain, disabled }: ArrivalFilesProps) {
  return (
    <fieldset data-testid="arrival-files" style={{ margin: '6px 0', fontSize: 12 }}>
      <legend>
        Tệp của gói tin — chọn văn bản chính{' '}
        <small style={{ color: '#6b7280' }}>— Package files, pick the main document</small>
      </legend>
      <ol style={{ margin: 0, paddingLeft: 18 }}>
        {files.map((f) => (
          <li key={f.index} data-arrival-file={f.index}>
            <label>
              <input
                type="radio"
                name="arrival-main"
                checked={f.main}
                disabled={disabled}
                onChange={() => onChooseMain(f.index)}
              />{' '}
              <strong>{f.name}</strong> ({formatSize(f.size)}){f.description ? ` — ${f.description}` : ''}
              {f.main ? ' · văn bản chính' : ' · phụ lục'}
            </label>
          </li>
        ))}
      </ol>
    </fieldset>
  );
}
