import type { RegistryPrefillResult } from '@vanthu/shared/protocol/index';
import { say } from '../../i18n/language.js';
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
      <legend>{say('Tệp của gói tin — chọn văn bản chính', 'Package files — pick the main document')}</legend>
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
              {f.main ? say(' · văn bản chính', ' · main document') : say(' · phụ lục', ' · appendix')}
            </label>
          </li>
        ))}
      </ol>
    </fieldset>
  );
}
