import { type CSSProperties, useEffect, useState } from 'react';
import { say } from '../../i18n/language.js';
import { TYPED_DATE_PROBLEM, isoOfTypedDate, storedOfTypedDate, typedOfStoredDate } from './typed-date.js';

export interface DateFieldProps {
  id: string;
  name?: string;
  /** The stored value: yyyy-mm-dd, '' or a text that is not a date (shown as it is, flagged). */
  value: string;
  /** Gets what the form keeps for the typed text (storedOfTypedDate). */
  onChange(value: string): void;
  readOnly?: boolean;
  style?: CSSProperties;
}

/**
 * A date typed as dd/mm/yyyy, whatever the browser's language: a text field (not type="date", which
 * Chromium shows in the machine's order) that says under itself when the text is not a real date.
 */
export function DateField({ id, name, value, onChange, readOnly = false, style }: DateFieldProps) {
  const [text, setText] = useState(() => typedOfStoredDate(value));
  // Told while typing would nag at "0"; said once the clerk leaves the field or presses Enter.
  const [typing, setTyping] = useState(false);
  // A value set from outside (pre-fill, the saved entry) replaces the text; the clerk's own does not.
  useEffect(() => {
    setText((current) => (storedOfTypedDate(current) === value ? current : typedOfStoredDate(value)));
  }, [value]);
  const wrong = isoOfTypedDate(text) === null;
  const problemId = `${id}-problem`;
  return (
    <>
      <input
        type="text"
        id={id}
        name={name}
        value={text}
        placeholder="dd/mm/yyyy"
        inputMode="numeric"
        autoComplete="off"
        maxLength={10}
        readOnly={readOnly}
        aria-readonly={readOnly}
        aria-invalid={wrong}
        aria-describedby={wrong && !typing ? problemId : undefined}
        onFocus={() => setTyping(true)}
        onBlur={() => setTyping(false)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') setTyping(false);
        }}
        onChange={(e) => {
          setText(e.target.value);
          onChange(storedOfTypedDate(e.target.value));
        }}
        style={style}
      />
      {wrong && !typing && (
        <p id={problemId} role="alert" data-date-problem={id} style={{ color: '#b91c1c', margin: '2px 0' }}>
          {say(TYPED_DATE_PROBLEM.vi, TYPED_DATE_PROBLEM.en)}
        </p>
      )}
    </>
  );
}
