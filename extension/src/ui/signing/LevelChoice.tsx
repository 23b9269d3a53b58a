import { say } from '../../i18n/language.js';
import { LEVELS, needsTimestamp, type PadesLevel } from './levels.js';

/**
 * "Nâng cao": the PAdES level of the signature, pre-selected from the office config
 * (signing.defaultLevel). Levels that need a timestamp are offered only when the office has a TSA.
 */
export function LevelChoice(props: {
  value: PadesLevel;
  onChange: (level: PadesLevel) => void;
  /** The office configured a TSA (hello.signingPolicy.timestamp). */
  timestamp: boolean;
  disabled: boolean;
}) {
  return (
    <details style={{ margin: '6px 0' }} data-testid="advanced">
      <summary>{say('Nâng cao', 'Advanced')}</summary>
      <fieldset style={{ margin: '4px 0' }}>
        <legend>{say('Mức chữ ký (PAdES)', 'Signature level (PAdES)')}</legend>
        {LEVELS.map(({ level, vi, en }) => {
          const unavailable = needsTimestamp(level) && !props.timestamp;
          return (
            <label key={level} style={{ display: 'block', margin: '2px 0' }}>
              <input
                type="radio"
                name="level"
                value={level}
                checked={props.value === level}
                disabled={props.disabled || unavailable}
                onChange={() => props.onChange(level)}
              />{' '}
              <b>{level}</b>: {say(vi, en)}
              {unavailable && (
                <span className="vt-muted">
                  {' '}
                  {say(
                    '(cần máy chủ cấp dấu thời gian trong cấu hình, signing.tsa)',
                    '(needs a timestamp server in the configuration, signing.tsa)',
                  )}
                </span>
              )}
            </label>
          );
        })}
      </fieldset>
    </details>
  );
}
